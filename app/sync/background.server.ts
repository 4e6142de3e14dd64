import type { PrismaClient, SyncRun } from "@prisma/client";
import { adminClientForShop } from "~/admin-api/shop-client.server";
import { databaseUrl } from "~/lib/database-url";
import { BulkOperationFailed } from "./bulk/backfill.server";
import { syncStore } from "./sync-store.server";

const running = new Map<string, Promise<SyncRun | null>>();

/** Words a store owner can act on, instead of a stack trace. */
export function describeSyncError(error: unknown): string {
  if (error instanceof BulkOperationFailed) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (/401|access token|Unauthorized/i.test(message)) {
    return "Shopify refused Throughline's access to the store. Open the app from your Shopify admin to reconnect it.";
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|timed out|HTTP 5\d\d/i.test(message)) {
    return "Throughline could not reach Shopify. It will try again at the next scheduled sync.";
  }
  return `The sync stopped: ${message}`;
}

/** Starts a sync of one shop in the background (at most one per shop at a time in this process). */
export function startShopSync(db: PrismaClient, shop: string, now: () => Date = () => new Date()): Promise<SyncRun | null> {
  const existing = running.get(shop);
  if (existing) return existing;
  const job = (async () => {
    try {
      const client = await adminClientForShop(db, shop);
      return await syncStore({ db, client, databaseUrl: databaseUrl(), now });
    } catch (error) {
      // Another process is on it (its heartbeat is fresh): not an error the owner should see.
      if (!(error instanceof Error && /already running/.test(error.message))) {
        await db.shop.updateMany({ where: { shop }, data: { lastSyncError: describeSyncError(error) } });
      }
      return null;
    } finally {
      running.delete(shop);
    }
  })();
  running.set(shop, job);
  return job;
}
