import { createHmac, randomUUID } from "node:crypto";

export interface WebhookDeliveryInput {
  path: string;
  topic: string;
  shop: string;
  payload: unknown;
  webhookId?: string;
  /** The secret to sign with; a wrong one makes a bad HMAC. */
  secret?: string;
}

/** A webhook request exactly as Shopify sends one: raw JSON body signed with HMAC-SHA256 of the app secret. */
export function signedWebhookRequest({ path, topic, shop, payload, webhookId = randomUUID(), secret }: WebhookDeliveryInput): Request {
  const body = JSON.stringify(payload);
  const key = secret ?? process.env.SHOPIFY_API_SECRET ?? "";
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", key).update(body, "utf8").digest("base64"),
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": "2026-10",
    },
  });
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
