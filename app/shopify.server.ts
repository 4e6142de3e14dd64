import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "./env.server";
import { EncryptedSessionStorage } from "./lib/encrypted-session-storage.server";
import { startShopSync } from "./sync/background.server";

const config = env();

export const sessionStorage = new EncryptedSessionStorage(new PrismaSessionStorage(prisma), config.tokenKeyring);

const shopify = shopifyApp({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: ApiVersion.October26,
  scopes: config.scopes,
  appUrl: config.appUrl,
  authPathPrefix: "/auth",
  sessionStorage,
  logger: { level: config.nodeEnv === "test" ? LogSeverity.Warning : LogSeverity.Info },
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

export default shopify;
export const apiVersion = ApiVersion.October26;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
