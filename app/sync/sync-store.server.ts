import type { PrismaClient, SyncRun } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { runBackfill } from "./bulk/backfill.server";
import { pagedSync } from "./paged-sync.server";
import { storeMessage } from "~/i18n/stored-message";
import { describeSyncError } from "./sync-messages";
import { errorField, log } from "~/lib/log.server";
import { refreshShopifyEngagements } from "~/marketing/shopify-engagements.server";

// Which sync a store needs: a bulk backfill the first time (or when asked, or to finish one that
// was stopped, or when the copy was made before the app read orders' payments: decision 022),
// otherwise a reconciliation of what changed since the last sync, which catches anything a webhook
// missed.

/** Changes this close before the last sync's start are read again: clocks and commits aren't instant. */
export const RECONCILE_OVERLAP_MS = 5 * 60_000;

export interface SyncStoreOptions {
  db: PrismaClient;
  client: AdminClient;
  databaseUrl: string;
  full?: boolean;
  now?: () => Date;
  onProgress?: (run: SyncRun) => void;
  /** Passed to the backfill (tests and benchmarks tune them). */
  maxPollMs?: number;
  batchLines?: number;
  staleAfterMs?: number;
}

export async function syncStore(options: SyncStoreOptions): Promise<SyncRun> {
  const { db, client } = options;
  const shop = client.shop;
  const [record, unfinished] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { lastSyncAt: true, paymentsCopiedAt: true } }),
    db.syncRun.findFirst({
      where: { shop, kind: "backfill", status: "running" },
      select: { id: true },
    }),
  ]);
  const run =
    options.full || !record?.lastSyncAt || !record.paymentsCopiedAt || unfinished
      ? await runBackfill(options)
      : await reconcile(options, new Date(record.lastSyncAt.getTime() - RECONCILE_OVERLAP_MS));
  await readMarketingReports(options);
  return run;
}

/**
 * Shopify's marketing reports (the spend sales channels report), after the orders: a report Shopify
 * refuses or doesn't answer stops nothing else; the next sync asks again from the last day read.
 */
async function readMarketingReports({ db, client, now = () => new Date() }: SyncStoreOptions): Promise<void> {
  try {
    await refreshShopifyEngagements(db, client, client.shop, now());
  } catch (error) {
    log.warn({ shop: client.shop, ...errorField(error) }, "reading Shopify's marketing reports failed");
  }
}

async function reconcile({ db, client, now = () => new Date(), onProgress }: SyncStoreOptions, since: Date): Promise<SyncRun> {
  const startedAt = now();
  let run = await db.syncRun.create({
    data: {
      shop: client.shop,
      kind: "reconcile",
      status: "running",
      phase: "products",
      startedAt,
      heartbeatAt: startedAt,
    },
  });
  onProgress?.(run);
  // Progress writes are chained so none lands after the final status.
  let writes: Promise<unknown> = Promise.resolve();
  try {
    await pagedSync({
      client,
      db,
      now,
      updatedSince: since,
      onProgress: (progress) => {
        writes = writes.then(() =>
          db.syncRun
            .update({
              where: { id: run.id },
              data: {
                phase: progress.phase === "shop" ? "products" : progress.phase,
                ordersDone: progress.orders,
                productsDone: progress.products,
                objectsDone: progress.orders + progress.products,
                heartbeatAt: now(),
              },
            })
            .then((updated) => {
              run = updated;
              onProgress?.(updated);
            }),
        );
      },
    });
    await writes;
    run = await db.syncRun.update({
      where: { id: run.id },
      data: { status: "succeeded", phase: "done", finishedAt: now() },
    });
    onProgress?.(run);
    return run;
  } catch (error) {
    await writes.catch(() => undefined);
    run = await db.syncRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        finishedAt: now(),
        // The owner's words; the raw error stays with the job that ran the sync (and its log).
        error: storeMessage(describeSyncError(error)),
      },
    });
    onProgress?.(run);
    throw error;
  }
}
