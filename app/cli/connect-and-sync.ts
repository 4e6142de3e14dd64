import type { PrismaClient } from "@prisma/client";
import { createAdminClient } from "~/admin-api/client.server";
import { adminClientForShop } from "~/admin-api/shop-client.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import type { SyncRun } from "@prisma/client";
import { databaseUrl } from "~/lib/database-url";
import { syncStore } from "~/sync/sync-store.server";
import { PREVIEW_USER_ID } from "~/preview/preview-access.server";
import { terminalProgress } from "./progress";

export interface ConnectAndSyncOptions {
  db: PrismaClient;
  shop: string;
  adminOrigin?: string;
  token: string;
  full: boolean;
}

/** `sync`: connects a devstore shop when asked to and not yet connected, then copies the shop. */
const count = new Intl.NumberFormat("en");

/** One line of progress: the phase, what is stored, and the rate. */
export function describeRun(run: SyncRun, elapsedSeconds: number): string {
  const orders = run.ordersExpected ? `${count.format(run.ordersDone)}/${count.format(run.ordersExpected)} orders` : `${count.format(run.ordersDone)} orders`;
  const rate = elapsedSeconds > 0 ? ` · ${count.format(Math.round(run.objectsDone / elapsedSeconds))} objects/s` : "";
  return `${run.kind} ${run.shop}: ${run.phase} · ${count.format(run.productsDone)} products · ${orders}${rate}`;
}

export async function connectAndSync({ db, shop, adminOrigin, token, full }: ConnectAndSyncOptions): Promise<SyncRun> {
  if (adminOrigin) {
    const existing = await sessionStorage.loadSession(`offline_${shop}`);
    if (!existing) {
      // Checks the devstore answers for this shop with this token before storing anything.
      await createAdminClient({ shop, accessToken: token, adminOrigin }).request(
        `#graphql
  query DevstoreProbe {
    shop {
      myshopifyDomain
    }
  }
` as const,
        {},
      );
      await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin, accessToken: token, ownerUserId: PREVIEW_USER_ID, now: new Date() });
    } else {
      await db.shop.update({ where: { shop }, data: { adminOrigin } });
    }
  } else if (!(await db.shop.findUnique({ where: { shop } }))) {
    throw new Error(`${shop} is not connected: install the app on it, or pass --admin-origin for a local devstore`);
  }
  const client = await adminClientForShop(db, shop);
  const progress = terminalProgress();
  const started = Date.now();
  const batchLines = Number(process.env.THROUGHLINE_BULK_BATCH_LINES) || undefined;
  const run = await syncStore({
    db,
    client,
    databaseUrl: databaseUrl(),
    full,
    batchLines,
    onProgress: (current) => progress.update(describeRun(current, (Date.now() - started) / 1000)),
  });
  const seconds = (Date.now() - started) / 1000;
  progress.done(
    `synced ${shop} (${run.kind}): ${count.format(run.productsDone)} products, ${count.format(run.ordersDone)} orders in ${seconds.toFixed(1)} s` +
      ` (${count.format(Math.round(run.ordersDone / Math.max(seconds, 0.001)))} orders/s)` +
      (run.warning ? `\nnote: ${run.warning}` : ""),
  );
  return run;
}
