import type { PrismaClient } from "@prisma/client";
import { errorField, log } from "~/lib/log.server";

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
