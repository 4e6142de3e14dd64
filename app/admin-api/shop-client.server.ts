import type { PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";
import { createAdminClient, type AdminClient } from "./client.server";
import { freshOfflineSession } from "./token-refresh.server";

// Background work gets its token from the stored offline session each time it needs one:
// unauthenticated.admin refreshes an expiring token and stores the new pair. Shopify rotates the
// refresh token on every use, so a refresh happens once: single-flight in this process, and under
// a lease in the database across processes (token-refresh.server.ts).

/** A shop's offline session, as Shopify's library keeps it (shopify.server.ts wires the real one). */
export interface OfflineSessions {
  /** As stored. */
  load(shop: string): Promise<Session | undefined>;
  /** Loaded by Shopify's library, which refreshes an expiring token and stores the new pair. */
  fresh(shop: string): Promise<Session>;
}

/** An Admin client for one shop, from a fresh offline session each time it is asked. */
export type ClientForShop = (db: PrismaClient, shop: string) => Promise<AdminClient>;

/** Admin clients for background work and actions, each from the shop's offline session (one per process). */
export function shopClients(sessions: OfflineSessions): ClientForShop {
  const refreshing = new Map<string, Promise<Session>>();
  const offlineSession = (db: PrismaClient, shop: string): Promise<Session> => {
    let pending = refreshing.get(shop);
    if (!pending) {
      pending = freshOfflineSession({ db, loadSession: (id) => sessions.load(id), ensureFresh: (id) => sessions.fresh(id) }, shop).finally(() =>
        refreshing.delete(shop),
      );
      refreshing.set(shop, pending);
    }
    return pending;
  };
  return (db, shop) => clientFromSession(db, shop, offlineSession);
}

async function clientFromSession(db: PrismaClient, shop: string, offlineSession: (db: PrismaClient, shop: string) => Promise<Session>): Promise<AdminClient> {
  const record = await db.shop.findUnique({ where: { shop }, select: { adminOrigin: true } });
  const first = await offlineSession(db, shop);
  if (!first.accessToken) throw new Error(`The stored session for ${shop} has no access token: reinstall the app`);
  let current = first.accessToken;
  return createAdminClient({
    shop,
    adminOrigin: record?.adminOrigin,
    accessToken: async ({ stale }) => {
      // After a 401: another worker may have refreshed the token meanwhile, or it expired; ask again.
      if (stale) current = (await offlineSession(db, shop)).accessToken ?? current;
      return current;
    },
  });
}
