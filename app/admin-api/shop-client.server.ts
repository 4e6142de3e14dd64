import type { PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";
import { sessionStorage, unauthenticated } from "~/shopify.server";
import { createAdminClient, type AdminClient } from "./client.server";
import { freshOfflineSession } from "./token-refresh.server";

// Background work gets its token from the stored offline session each time it needs one:
// unauthenticated.admin refreshes an expiring token and stores the new pair. Shopify rotates the
// refresh token on every use, so a refresh happens once: single-flight in this process, and under
// a lease in the database across processes (token-refresh.server.ts).
const refreshing = new Map<string, Promise<Session>>();

function offlineSession(db: PrismaClient, shop: string): Promise<Session> {
  let pending = refreshing.get(shop);
  if (!pending) {
    pending = freshOfflineSession(
      { db, loadSession: (id) => sessionStorage.loadSession(`offline_${id}`), ensureFresh: async (id) => (await unauthenticated.admin(id)).session },
      shop,
    ).finally(() => refreshing.delete(shop));
    refreshing.set(shop, pending);
  }
  return pending;
}

/** An Admin client for background work on one shop, from a fresh offline session each run. */
export async function adminClientForShop(db: PrismaClient, shop: string): Promise<AdminClient> {
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
