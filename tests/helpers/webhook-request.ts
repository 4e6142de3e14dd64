import { createHmac, randomUUID } from "node:crypto";
import { webhookDeliveryHeaders } from "@throughline/devstore";

export interface WebhookDeliveryInput {
  path: string;
  topic: string;
  /** The X-Shopify-Shop-Domain header (compliance payloads name their shop in the body too). */
  shop: string;
  payload: unknown;
  webhookId?: string;
  /** The secret to sign with; a wrong one makes a bad HMAC. */
  secret?: string;
  /** The exact body to sign and send instead of the payload as JSON (e.g. malformed JSON). */
  rawBody?: string;
  /** Headers to set or override (an empty string removes the header). */
  headers?: Record<string, string>;
}

/** The HMAC Shopify puts in X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body. */
export function webhookSignature(body: string, secret = process.env.SHOPIFY_API_SECRET ?? ""): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** Shopify's headers for a delivery of `body`, signed with the app's secret unless told otherwise. */
export function webhookHeaders({ topic, shop, webhookId = randomUUID(), secret }: Omit<WebhookDeliveryInput, "path" | "payload">, body: string): Headers {
  return new Headers(webhookDeliveryHeaders({ topic, shop, webhookId, secret: secret ?? process.env.SHOPIFY_API_SECRET ?? "" }, body));
}

/** A webhook request exactly as Shopify sends one: raw JSON body signed with HMAC-SHA256 of the app secret. */
export function signedWebhookRequest(input: WebhookDeliveryInput): Request {
  const body = input.rawBody ?? JSON.stringify(input.payload);
  const headers = webhookHeaders(input, body);
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (value === "") headers.delete(name);
    else headers.set(name, value);
  }
  return new Request(`${process.env.SHOPIFY_APP_URL}${input.path}`, { method: "POST", body, headers });
}

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

/** Calls a route action and returns its response, including one it throws (Remix's way to answer 401). */
export async function deliver(action: Action, request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
