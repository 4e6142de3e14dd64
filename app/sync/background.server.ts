import type { PrismaClient } from "@prisma/client";
import { adminClientForShop } from "~/admin-api/shop-client.server";
import { syncShop, type SyncResult } from "./sync-shop.server";

const running = new Map<string, Promise<SyncResult | null>>();

/** Words a store owner can act on, instead of a stack trace. */
export function describeSyncError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/401|access token|Unauthorized/i.test(message)) {
    return "Shopify refused Throughline's access to the store. Open the app from your Shopify admin to reconnect it.";
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|timed out/i.test(message)) {
    return "Throughline could not reach Shopify. It will try again at the next scheduled sync.";
  }
  return `The sync stopped: ${message}`;
}

/** Starts a sync of one shop in the background (at most one per shop at a time). */
export function startShopSync(db: PrismaClient, shop: string, now: () => Date = () => new Date()): Promise<SyncResult | null> {
  const existing = running.get(shop);
  if (existing) return existing;
  const job = (async () => {
    try {
      const client = await adminClientForShop(db, shop);
      const record = await db.shop.findUnique({ where: { shop }, select: { lastSyncAt: true } });
      return await syncShop({ client, db, now, updatedSince: record?.lastSyncAt ?? null });
    } catch (error) {
      await db.shop.updateMany({ where: { shop }, data: { lastSyncError: describeSyncError(error) } });
      return null;
    } finally {
      running.delete(shop);
    }
  })();
  running.set(shop, job);
  return job;
}
