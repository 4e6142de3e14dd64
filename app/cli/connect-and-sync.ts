import type { PrismaClient } from "@prisma/client";
import { createAdminClient } from "~/admin-api/client.server";
import { adminClientForShop } from "~/admin-api/shop-client.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import type { SyncRun } from "@prisma/client";
import { databaseUrl } from "~/lib/database-url";
import { syncStep } from "~/sync/status.server";
import { terminalLocalizer } from "~/i18n/localizer";
import { stepWords } from "~/sync/sync-steps";
import { syncStore } from "~/sync/sync-store.server";
import { PREVIEW_USER_ID } from "~/preview/preview-access.server";
import { terminalProgress } from "./progress";
import { UsageError } from "./usage-error";

export interface ConnectAndSyncOptions {
  db: PrismaClient;
  shop: string;
  adminOrigin?: string;
  token: string;
  full: boolean;
}

/** `sync`: connects a devstore shop when asked to and not yet connected, then copies the shop. */
const count = new Intl.NumberFormat("en");

/** One line of progress: the step of a first copy (or the phase of a check), what is stored, and the rate. */
export function describeRun(run: SyncRun, elapsedSeconds: number): string {
  const step = syncStep(run, new Date());
  if (step) return `${run.shop}: ${stepWords(step, terminalLocalizer())}`;
  const orders = run.ordersExpected ? `${count.format(run.ordersDone)}/${count.format(run.ordersExpected)} orders` : `${count.format(run.ordersDone)} orders`;
  const rate = elapsedSeconds > 0 ? ` · ${count.format(Math.round(run.objectsDone / elapsedSeconds))} objects/s` : "";
  return `${run.kind} ${run.shop}: ${run.phase} · ${count.format(run.productsDone)} products · ${orders}${rate}`;
}

/**
 * `--admin-origin`: connects the shop to a devstore on loopback, or moves it to another one. The
 * devstore is first asked, with the token given on the command line (never the stored one), which
 * shop it serves: a devstore serving another shop, or one that refuses the token, changes nothing.
 * A shop installed from Shopify (no devstore origin) is never redirected to a local listener.
 */
export async function connectDevstoreForSync(db: PrismaClient, { shop, adminOrigin, token }: { shop: string; adminOrigin: string; token: string }): Promise<"connected" | "unchanged"> {
  const [session, stored] = await Promise.all([sessionStorage.loadSession(`offline_${shop}`), db.shop.findUnique({ where: { shop } })]);
  if (stored && !stored.adminOrigin) {
    throw new UsageError(`${shop} is installed from Shopify: --admin-origin only connects a shop served by a local devstore`);
  }
  if (session && stored?.adminOrigin === adminOrigin) return "unchanged";
  let served: string | undefined;
  try {
    const answer = await createAdminClient({ shop, accessToken: token, adminOrigin }).request(
      `#graphql
  query DevstoreProbe {
    shop {
      myshopifyDomain
    }
  }
` as const,
      {},
    );
    served = answer.shop.myshopifyDomain;
  } catch (error) {
    throw new UsageError(`no devstore answered for ${shop} at ${adminOrigin} with that token (${(error as Error).message.split("\n")[0]}); nothing was changed`);
  }
  if (served !== shop) throw new UsageError(`the devstore at ${adminOrigin} serves ${served}, not ${shop}; nothing was changed`);
  await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin, accessToken: token, ownerUserId: PREVIEW_USER_ID, now: new Date() });
  return "connected";
}

export async function connectAndSync({ db, shop, adminOrigin, token, full }: ConnectAndSyncOptions): Promise<SyncRun> {
  if (adminOrigin) {
    await connectDevstoreForSync(db, { shop, adminOrigin, token });
  } else if (!(await db.shop.findUnique({ where: { shop } }))) {
    throw new UsageError(`${shop} is not connected: install the app on it, or pass --admin-origin for a local devstore`);
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
