import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { shopifyApi, WebhookValidationErrorReason } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "./env.server";
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
  ...(config.customShopDomains.length ? { customShopDomains: config.customShopDomains } : {}),
});

/** Shopify's library without the app around it: only its webhook signature check is used. */
const webhookApi = shopifyApi({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: API_VERSION,
  hostName: new URL(config.appUrl).host,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: shopifyLog },
});

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
/**
 * A page's loaders all authenticate (the layout's and the page's, run side by side, each handed its
 * own copy of the request): for a GET, the session token is checked and the session read once while
 * the same URL with the same token is being authenticated, and the loaders share the result (or the
 * refusal). Nothing is kept once it settles; an action always authenticates on its own.
 */
const inFlight = new Map<string, ReturnType<typeof shopify.authenticate.admin>>();
function authenticateAdmin(request: Request): ReturnType<typeof shopify.authenticate.admin> {
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
