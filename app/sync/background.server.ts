import type { PrismaClient } from "@prisma/client";
import { BulkOperationFailed } from "./bulk/backfill.server";
import { errorField, log } from "~/lib/log.server";
import type { SyncMessage } from "./sync-messages";

/** What a store owner can act on, instead of a stack trace (put into words by `syncMessageWords`). */
export function describeSyncError(error: unknown): SyncMessage {
  if (error instanceof BulkOperationFailed) return error.syncMessage;
  const message = error instanceof Error ? error.message : String(error);
  if (/401|access token|Unauthorized/i.test(message)) return { key: "refusedAccess" };
  // Public apps must list the addresses they call Shopify from (the app's IP allowlist); a call
  // from anywhere else, or a store that withdrew a permission, is refused with 403.
  if (/HTTP 403/.test(message)) return { key: "refused403" };
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|timed out|HTTP 5\d\d/i.test(message)) return { key: "unreachable" };
  return { key: "stopped", detail: message.slice(0, 500) };
}

/**
 * Queues a sync of one shop (after install, Sync now): it runs on whichever process takes it, never
 * beside another sync of the shop, and merges into one already waiting.
 */
export async function startShopSync(db: PrismaClient, shop: string): Promise<string | null> {
  // Loaded here: the job registry uses describeSyncError from this module.
  const [{ jobQueue }, { queueShopSync }] = await Promise.all([import("~/jobs/jobs.server"), import("~/jobs/registry.server")]);
  return queueShopSync(jobQueue(db), shop).catch((error: unknown) => {
    log.warn({ shop, ...errorField(error) }, "queueing a sync failed");
    return null;
  });
}
