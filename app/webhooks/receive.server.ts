import type { PrismaClient } from "@prisma/client";
import { readBodyWithin } from "~/lib/request-body.server";
import { normalizeShopDomain } from "~/shops/shop-domain";

// Every webhook route starts here: it bounds what a request can make the server read, hands the
// library a body it has already bounded (the library reads the whole body before checking the
// HMAC), turns the library's bare refusals into answers that say why, and decides which shop the
// delivery is about and whether the app knows it. Nothing is stored before all of that passed.

/**
 * The largest webhook body read: 16 MiB. The largest payloads Shopify sends the app are orders
 * (create, updated, cancelled) in the REST shape, where each line item carries price sets in shop
 * and presentment currency, tax lines, discount allocations and properties (2–4 KB a line): an
 * order with a thousand lines is a few MB. 16 MiB keeps a wide margin above that, while a request
 * (signed or not) can no longer make the server hold an unbounded body in memory.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const HMAC_HEADER = "X-Shopify-Hmac-Sha256";
/** The same signature on Shopify's newer "events" deliveries, which the library also accepts. */
const EVENTS_HMAC_HEADER = "Shopify-Hmac-Sha256";

/** The shop a signed payload names: by domain (compliance topics, app/uninstalled) and/or by Shopify's id. */
export interface SignedShop {
  domain?: string;
  shopifyId?: string;
}

/** What a route needs of a delivery, after every check passed. */
export interface ReceivedWebhook {
  /** The shop the delivery is about (for compliance topics, the one the signed payload names). */
  shop: string;
  /** As the library stores it: "ORDERS_CREATE", "SHOP_REDACT"… */
  topic: string;
  webhookId: string;
  payload: unknown;
  triggeredAt?: string;
}

/** The part of `authenticate.webhook`'s answer used here (both webhook kinds have these). */
interface AuthenticatedWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  payload: unknown;
  triggeredAt?: string;
}

export interface ReceiveOptions {
  /** `authenticate.webhook` from shopify.server (HMAC and Shopify's headers). */
  authenticate: (request: Request) => Promise<AuthenticatedWebhook>;
  db: Pick<PrismaClient, "session" | "shop">;
  /** The topics this route handles; any other is refused. */
  topics: readonly string[];
  /**
   * What the signed payload says of the shop it is about (its domain, Shopify's id of it, or both),
   * read by the route's payload schema. The X-Shopify-Shop-Domain header is not covered by the HMAC:
   * a captured body re-aimed at another shop by its header is refused (400), and the shop acted on is
   * the one the body names. Sync topics' payloads don't name their shop: their tasks read the
   * resource again from that shop's Admin API, so they act only on what Shopify says of it.
   */
  signedShop?: (payload: unknown) => SignedShop;
  /**
   * A shop with no installation (no offline session, no Shop row):
   * - "refuse": 404, nothing stored (Shopify retries, and a retry after install succeeds);
   * - "acknowledge": `null` (the route answers 200 and does nothing): compliance topics must always
   *   be acknowledged, and an uninstall of an unknown shop has nothing to undo;
   * - "act": handled like any shop (shop/redact: erasing stores nothing, and erases strays).
   */
  unknownShop: "refuse" | "acknowledge" | "act";
  limitBytes?: number;
}

/**
 * What a webhook route answers anything but a POST: 405 with Allow, where a route without a loader
 * answered a GET with Remix's 400 "Unexpected Server Error".
 */
export function notAWebhook(): Response {
  return new Response("Webhooks are delivered with POST", { status: 405, headers: { Allow: "POST" } });
}

/**
 * Checks a webhook request and returns the delivery, or throws the Response to answer with:
 * 405 not a POST, 401 unsigned or a signature that doesn't match, 413 a body over the limit,
 * 400 missing headers, a body that is not JSON, a topic the route doesn't handle, or a header that
 * disagrees with the signed payload, 404 a shop without installation ("refuse").
 * Returns null when the delivery is to be acknowledged without doing anything.
 */
export async function receiveWebhook(request: Request, options: ReceiveOptions): Promise<ReceivedWebhook | null> {
  if (request.method !== "POST") throw notAWebhook();
  if (!request.headers.get(HMAC_HEADER) && !request.headers.get(EVENTS_HMAC_HEADER)) {
    throw new Response(`Unsigned webhook: the ${HMAC_HEADER} header is missing`, { status: 401 });
  }
  const body = await boundedBody(request, options.limitBytes ?? WEBHOOK_BODY_LIMIT_BYTES);
  const webhook = await authenticateBody(request, body, options.authenticate);

  if (!options.topics.includes(webhook.topic)) {
    throw new Response(`Throughline does not handle the ${webhook.topic} webhook at ${new URL(request.url).pathname}`, { status: 400 });
  }
  const signed = options.signedShop?.(webhook.payload);
  const shop = signedDomain(webhook, signed);

  if (options.unknownShop !== "act" && !(await isInstalled(options.db, shop))) {
    if (options.unknownShop === "acknowledge") return null;
    throw new Response(`Throughline is not installed on ${shop}: the ${webhook.topic} webhook was not stored`, { status: 404 });
  }
  if (signed?.shopifyId !== undefined && !(await signedIdAgrees(options.db, shop, signed))) return null;
  return { shop, topic: webhook.topic, webhookId: webhook.webhookId, payload: webhook.payload, triggeredAt: webhook.triggeredAt };
}

/** The body within the limit, or the answer that refuses it (413 over the limit, 400 a Content-Length that isn't a number). */
async function boundedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const read = await readBodyWithin(request, limit);
  if (read.ok) return read.body;
  if (read.reason === "bad_length") throw new Response(`Content-Length "${request.headers.get("Content-Length")}" is not a number of bytes`, { status: 400 });
  throw tooLarge(limit);
}

function tooLarge(limit: number): Response {
  return new Response(`Webhook body over ${limit / (1024 * 1024)} MiB: not read`, { status: 413 });
}

/** Hands the library a copy of the request with the bounded body, and explains its refusals. */
async function authenticateBody(request: Request, body: Uint8Array<ArrayBuffer>, authenticate: ReceiveOptions["authenticate"]): Promise<AuthenticatedWebhook> {
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  headers.delete("Transfer-Encoding");
  try {
    return await authenticate(new Request(request.url, { method: "POST", headers, body }));
  } catch (error) {
    if (error instanceof Response) throw explainRefusal(error);
    // The library parses the body only after the signature matched: a signed body that isn't JSON.
    if (error instanceof SyntaxError && !isJson(body)) {
      throw new Response("The webhook body is signed but is not valid JSON: nothing was stored", { status: 400 });
    }
    throw error;
  }
}

function explainRefusal(refusal: Response): Response {
  switch (refusal.status) {
    case 401:
      return new Response(`The webhook's ${HMAC_HEADER} signature does not match its body`, { status: 401 });
    case 400:
      return new Response(
        "The webhook lacks a body or one of Shopify's headers (X-Shopify-Topic, X-Shopify-Shop-Domain, X-Shopify-API-Version, X-Shopify-Webhook-Id)",
        { status: 400 },
      );
    default:
      return refusal;
  }
}

function isJson(body: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(body));
    return true;
  } catch {
    return false;
  }
}

/**
 * The shop acted on: the one the signed payload names by domain, which the unsigned header must agree
 * with (400, nothing changed, when it doesn't); the header's when the payload names no domain.
 */
function signedDomain(webhook: AuthenticatedWebhook, signed: SignedShop | undefined): string {
  const header = normalizeShopDomain(webhook.shop);
  if (signed?.domain === undefined) return header;
  const named = normalizeShopDomain(signed.domain);
  if (named === "") throw new Response("Unexpected webhook payload: the shop's domain is missing", { status: 400 });
  if (named !== header) throw disagreement(named, header);
  return named;
}

/**
 * A payload that names its shop by Shopify's id must name the id the app stored for that shop from
 * Shopify (400 when it names another). Where the app holds no id for the shop yet, a payload naming the
 * shop by id alone can't be verified: false, and the delivery is acknowledged without effect (its effect
 * is never needed for correctness: app/scopes_update's scopes are read again at the next token exchange).
 */
async function signedIdAgrees(db: ReceiveOptions["db"], shop: string, signed: SignedShop): Promise<boolean> {
  const stored = (await db.shop.findUnique({ where: { shop }, select: { shopifyId: true } }))?.shopifyId;
  if (stored && stored !== signed.shopifyId) throw disagreement(`shop id ${signed.shopifyId}`, `${shop} (shop id ${stored})`);
  return Boolean(stored) || signed.domain !== undefined;
}

function disagreement(signed: string, header: string): Response {
  return new Response(`The signed payload is for ${signed} but the X-Shopify-Shop-Domain header says ${header}: refused, nothing changed`, { status: 400 });
}

/**
 * A shop the app knows: installed (an offline session, as the scheduler counts them), or uninstalled
 * with its data still held (the Shop row stays until shop/redact erases it).
 */
async function isInstalled(db: ReceiveOptions["db"], shop: string): Promise<boolean> {
  const [sessions, shops] = await Promise.all([db.session.count({ where: { shop, isOnline: false } }), db.shop.count({ where: { shop } })]);
  return sessions > 0 || shops > 0;
}
