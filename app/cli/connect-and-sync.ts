import type { PrismaClient } from "@prisma/client";
import { createAdminClient } from "~/admin-api/client.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { adminClientForShop, sessionStorage } from "~/shopify.server";
import type { SyncRun } from "@prisma/client";
import { env } from "~/env.server";
import { databaseUrl } from "~/lib/database-url";
import { syncStep } from "~/sync/sync-status.server";
import { currentLocalizer } from "~/i18n/scope";
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

/** One line of progress: the step of a first copy (or the phase of a check), what is stored, and the rate. */
export function describeRun(run: SyncRun, elapsedSeconds: number): string {
  const l10n = currentLocalizer();
  const { t } = l10n;
  const step = syncStep(run, new Date());
  if (step) return `${run.shop}: ${stepWords(step, l10n)}`;
  const count = (n: number) => n.toLocaleString(l10n.locale);
  const orders = run.ordersExpected
    ? t("cli.sync.ordersOf", { done: count(run.ordersDone), expected: count(run.ordersExpected) })
    : t("cli.sync.orders", { done: count(run.ordersDone) });
  const rate = elapsedSeconds > 0 ? t("cli.sync.rate", { rate: count(Math.round(run.objectsDone / elapsedSeconds)) }) : "";
  return t("cli.sync.progress", { kind: run.kind, shop: run.shop, phase: run.phase, products: count(run.productsDone), orders, rate });
}

/**
 * `--admin-origin`: connects the shop to a devstore on loopback, or moves it to another one. The
 * devstore is first asked, with the token given on the command line (never the stored one), which
 * shop it serves: a devstore serving another shop, or one that refuses the token, changes nothing.
 * A shop installed from Shopify (no devstore origin) is never redirected to a local listener.
 */
export async function connectDevstoreForSync(
  db: PrismaClient,
  { shop, adminOrigin, token }: { shop: string; adminOrigin: string; token: string },
): Promise<"connected" | "unchanged"> {
  const [session, stored] = await Promise.all([sessionStorage.loadSession(`offline_${shop}`), db.shop.findUnique({ where: { shop } })]);
  if (stored && !stored.adminOrigin) {
    throw new UsageError(currentLocalizer().t("cli.sync.installed", { shop }));
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
    throw new UsageError(currentLocalizer().t("cli.sync.noDevstore", { shop, origin: adminOrigin, reason: (error as Error).message.split("\n")[0] }));
  }
  if (served !== shop) throw new UsageError(currentLocalizer().t("cli.sync.otherShop", { origin: adminOrigin, served, shop }));
  await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin, accessToken: token, ownerUserId: PREVIEW_USER_ID, now: new Date() });
  return "connected";
}

export async function connectAndSync({ db, shop, adminOrigin, token, full }: ConnectAndSyncOptions): Promise<SyncRun> {
  if (adminOrigin) {
    await connectDevstoreForSync(db, { shop, adminOrigin, token });
  } else if (!(await db.shop.findUnique({ where: { shop } }))) {
    throw new UsageError(currentLocalizer().t("cli.sync.notConnected", { shop }));
  }
  const client = await adminClientForShop(db, shop);
  const progress = terminalProgress();
  const started = Date.now();
  const batchLines = env().bulkBatchLines;
  const run = await syncStore({
    db,
    client,
    databaseUrl: databaseUrl(),
    full,
    batchLines,
    onProgress: (current) => progress.update(describeRun(current, (Date.now() - started) / 1000)),
  });
  const seconds = (Date.now() - started) / 1000;
  const { t, locale } = currentLocalizer();
  const count = (n: number) => n.toLocaleString(locale);
  const done = t("cli.sync.done", {
    shop,
    kind: run.kind,
    products: count(run.productsDone),
    orders: count(run.ordersDone),
    seconds: seconds.toFixed(1),
    rate: count(Math.round(run.ordersDone / Math.max(seconds, 0.001))),
  });
  // The result is the command's output (standard output); its progress was on standard error.
  progress.clear();
  console.log(run.warning ? `${done}\n${t("cli.sync.note", { warning: run.warning })}` : done);
  return run;
}
