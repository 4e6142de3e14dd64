import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { shopifyApi, WebhookValidationErrorReason } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "./env.server";
import { corsForAdminExtensions } from "./lib/cors";
import { EncryptedSessionStorage } from "./lib/encrypted-session-storage.server";
import { log } from "./lib/log.server";
import { shopClients } from "./admin-api/shop-client.server";
import { ADMIN_API_VERSION } from "@throughline/shopify-common/admin-schema";
import { startShopSync } from "./sync/background.server";

const config = env();

/** The Admin API version: the one of the committed schema the app's documents are typed and tested against. */
const API_VERSION = Object.values(ApiVersion).find((version) => version === ADMIN_API_VERSION);
if (!API_VERSION) throw new Error(`Shopify's library doesn't know the Admin API version ${ADMIN_API_VERSION} of the committed schema`);

/** Shopify's library logs into the app's JSON log (its messages carry no tokens at these levels). */
function shopifyLog(severity: LogSeverity, message: string): void {
  const level = severity === LogSeverity.Error ? "error" : severity === LogSeverity.Warning ? "warn" : severity === LogSeverity.Info ? "info" : "debug";
  log[level]({ source: "shopify" }, message);
}

/**
 * SHOP_CUSTOM_DOMAIN: a domain Shopify's own test environments serve shops from, taken as a shop's
 * domain like myshopify.com. shopify-api 15 reads it from `domainTransformations` (a shop of the
 * domain, left as it is); the `customShopDomains` of earlier versions is no longer read.
 */
const domainTransformations = config.customShopDomains.map((domain) => ({
  match: new RegExp(`^[a-zA-Z0-9][a-zA-Z0-9-_]*\\.${domain.replace(/\./g, "\\.")}$`),
  transform: "$0",
}));

export const sessionStorage = new EncryptedSessionStorage(new PrismaSessionStorage(prisma), config.tokenKeyring);

const shopify = shopifyApp({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: API_VERSION,
  scopes: config.scopes,
  appUrl: config.appUrl,
  authPathPrefix: "/auth",
  sessionStorage,
  logger: { level: config.nodeEnv === "test" ? LogSeverity.Warning : LogSeverity.Info, log: shopifyLog },
  distribution: AppDistribution.AppStore,
  // The acting staff member matters (roles, who changed what): embedded requests use online tokens;
  // background work (sync) uses the shop's offline token through unauthenticated.admin(shop).
  useOnlineTokens: true,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    // Install (or reinstall): copy the store in the background; the home page shows progress.
    afterAuth: async ({ session }) => {
      void startShopSync(prisma, session.shop);
    },
  },
  domainTransformations,
});

/** Shopify's library without the app around it: only its webhook signature check is used. */
const webhookApi = shopifyApi({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: API_VERSION,
  hostName: new URL(config.appUrl).host,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: shopifyLog },
  domainTransformations,
});

/** A shop's domain when it is one (myshopify.com, Shopify's own, or SHOP_CUSTOM_DOMAIN's), else null. */
export const sanitizeShop = (shop: string | null | undefined): string | null => (shop ? webhookApi.utils.sanitizeShop(shop) : null);

/**
 * A webhook's signature and Shopify's headers checked, as `authenticate.webhook` checks them, but
 * without loading the shop's offline session: the library's version loads it and refreshes an
 * expiring token on every delivery, so concurrent deliveries (and other processes) would each
 * spend the same single-use refresh token. No webhook handler here needs the session; background
 * work refreshes tokens in one place (admin-api/shop-client.server.ts). Throws 401 for a signature
 * that doesn't match, 400 for missing headers or body, as the library does.
 */
async function verifyWebhook(request: Request) {
  const rawBody = await request.text();
  const check = await webhookApi.webhooks.validate({ rawBody, rawRequest: request });
  if (!check.valid) throw new Response(undefined, { status: check.reason === WebhookValidationErrorReason.InvalidHmac ? 401 : 400 });
  return {
    shop: check.domain,
    topic: check.topic,
    webhookId: check.webhookId,
    apiVersion: check.apiVersion,
    triggeredAt: check.triggeredAt,
    payload: JSON.parse(rawBody) as unknown,
  };
}

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
type AdminContext = Awaited<ReturnType<typeof shopify.authenticate.admin>>;

/**
 * A page's loaders all authenticate (the layout's and the page's, run side by side, each handed its
 * own copy of the request): for a GET, the session token is checked and the session read once while
 * the same URL with the same token is being authenticated, and the loaders share the result (or the
 * refusal). Nothing is kept once it settles; an action always authenticates on its own.
 */
const inFlight = new Map<string, Promise<AdminContext>>();
function sharedAuthentication(request: Request): Promise<AdminContext> {
  const token = request.headers.get("authorization") ?? new URL(request.url).searchParams.get("id_token");
  if (request.method !== "GET" || !token) return shopify.authenticate.admin(request);
  const key = `${request.url}\n${token}`;
  let shared = inFlight.get(key);
  if (!shared) {
    shared = shopify.authenticate.admin(request);
    inFlight.set(key, shared);
    const forget = () => inFlight.delete(key);
    shared.then(forget, forget);
  }
  // A refusal is a Response (a redirect, the bounce page, a 401): each loader gets its own copy, whose body it may read.
  return shared.catch((error: unknown) => {
    throw error instanceof Response ? error.clone() : error;
  });
}

/**
 * A `shop` parameter that isn't a shop's domain is refused before Shopify's library sees it: its
 * bounce and exit-iframe pages (/auth/session-token, /auth/exit-iframe) put the parameter into
 * their Content-Security-Policy as given, so /auth/session-token?shop=evil.com let evil.com frame
 * the page, and a line break in it failed the request (docs/decisions/015-cors-and-frame-ancestors.md).
 */
function refuseForeignShop(request: Request): void {
  const shop = new URL(request.url).searchParams.get("shop");
  if (shop === null || sanitizeShop(shop)) return;
  throw new Response("The shop parameter is not a Shopify store's domain (your-store.myshopify.com).", {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * Shopify's library authenticating, with CORS for admin extensions only (lib/cors.ts) on what it
 * throws (a preflight's 204, a 401) and in the `cors` it hands to routes, instead of its `*`.
 */
async function authenticateAdmin(request: Request): Promise<AdminContext> {
  try {
    refuseForeignShop(request);
    const context = await sharedAuthentication(request);
    return { ...context, cors: (response: Response) => corsForAdminExtensions(request, response) };
  } catch (error) {
    throw error instanceof Response ? corsForAdminExtensions(request, error) : error;
  }
}

export const authenticate = { admin: authenticateAdmin, webhook: verifyWebhook };
export const unauthenticated = shopify.unauthenticated;
/**
 * Admin clients for background work and actions, from each shop's offline session: the one place
 * the app's session storage and Shopify's token refresh are handed to the code that calls Shopify.
 */
export const adminClientForShop = shopClients({
  load: (shop) => sessionStorage.loadSession(`offline_${shop}`),
  fresh: async (shop) => (await unauthenticated.admin(shop)).session,
});
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
