/**
 * Every piece of background work, in one place: its name, what it runs, how often it is retried and
 * with what backoff, and what may not run twice at once (docs/decisions/008-job-queue.md). Both
 * queues (pg-boss on PostgreSQL, the Job table on SQLite) run these same handlers.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { databaseUrl } from "~/lib/database-url";
import { log } from "~/lib/log.server";
import { strategyUpkeep } from "~/jobs/upkeep.server";
import { applyCostSettings } from "~/costs/apply-costs.server";
import { storeMessage } from "~/i18n/stored-message";
import { describeSyncError } from "~/sync/sync-messages";
import { syncStore } from "~/sync/sync-store.server";
import { runningBackfill } from "~/sync/heartbeat";
import { runTask, taskKey, type WebhookTask } from "~/sync/tasks.server";
import { pruneWebhookDeliveries } from "~/webhooks/deliveries.server";
import { refreshAdSpend } from "~/ads/connections.server";
import { sendDueBriefs } from "~/brief/deliveries.server";
import { briefSenders, type BriefSenders } from "~/brief/senders.server";
import { JOB } from "./names";
import type { JobDefinition, JobQueue } from "./queue";

export interface RegistryDependencies {
  clientFor: (db: PrismaClient, shop: string) => Promise<AdminClient>;
  /** Every installed shop is reconciled once in this interval, the shops spread over it. */
  reconcileEveryMinutes?: number;
  /** What a finished job's row may be forgotten after (SQLite; pg-boss forgets its own). */
  pruneCompleted?: (before: Date) => Promise<number>;
  /** How the Monday brief is sent (the environment's mail server and Slack; tests point them at loopback). */
  briefSenders?: () => BriefSenders;
}

export type ShopJob = { shop: string };

export const RECONCILE_EVERY_MINUTES = 15;
/**
 * How long a webhook task waits before looking again whether its shop's backfill has finished. Each
 * look completes the task's job and queues it again, so a long backfill costs one finished job row
 * per waiting order per look: minutes, not seconds, and the tasks run at most this late after it.
 */
export const TASK_WAIT_FOR_BACKFILL_MS = 2 * 60_000;
const COMPLETED_JOBS_KEPT_MS = 7 * 24 * 3600_000;

const byShop = ({ shop }: ShopJob) => shop;

/** The shops the app is installed in (an offline session is kept for each). */
export async function installedShops(db: PrismaClient): Promise<string[]> {
  const rows = await db.session.findMany({ where: { isOnline: false }, select: { shop: true }, distinct: ["shop"], orderBy: { shop: "asc" } });
  return rows.map((row) => row.shop);
}

/**
 * Whether the shop's jobs that need its Admin client have anything to do. Once the app is
 * uninstalled (app/uninstalled deletes the shop's sessions) there is no token to ask Shopify with,
 * and nothing to copy: a sync, an upkeep or a webhook's task queued before the uninstall ends at
 * once as done, with a line saying why, instead of retrying for minutes and waiting in the failed
 * list. A reinstall's backfill copies the store again.
 */
async function shopInstalled(db: PrismaClient, shop: string): Promise<boolean> {
  if ((await db.session.count({ where: { shop, isOnline: false } })) > 0) return true;
  log.info({ shop }, "nothing to do: the app is uninstalled from this shop (a reinstall's backfill copies the store again)");
  return false;
}

/**
 * When each of `count` shops is reconciled within one interval: evenly spread, so a thousand shops
 * don't all ask Shopify in the same minute.
 */
export function spreadOver(count: number, start: Date, intervalMs: number): Date[] {
  return Array.from({ length: count }, (_, index) => new Date(start.getTime() + Math.floor((index * intervalMs) / Math.max(count, 1))));
}

export function jobRegistry(deps: RegistryDependencies) {
  const reconcileEveryMinutes = deps.reconcileEveryMinutes ?? RECONCILE_EVERY_MINUTES;

  const sync: JobDefinition<ShopJob> = {
    // Never two syncs of one shop; a reconciliation asked while one waits is the same work.
    key: ({ shop }) => `sync:${shop}`,
    shop: byShop,
    retryLimit: 3,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 30 * 60,
    heartbeatSeconds: 60,
    // A million-order backfill takes minutes; a stuck one is cut off after this.
    maxRunSeconds: 4 * 3600,
    async run({ shop }, { db, queue, now }) {
      if (!(await shopInstalled(db, shop))) return;
      try {
        const client = await deps.clientFor(db, shop);
        await syncStore({ db, client, databaseUrl: databaseUrl(), now });
        await db.shop.updateMany({ where: { shop, lastSyncError: { not: null } }, data: { lastSyncError: null } });
      } catch (error) {
        // A sync run by a process of the previous version (its heartbeat fresh): not a failure.
        if (error instanceof Error && /already running/.test(error.message)) return;
        await db.shop.updateMany({ where: { shop }, data: { lastSyncError: storeMessage(describeSyncError(error)) } });
        throw error;
      }
      await queue.enqueue({ name: JOB.upkeep, data: { shop } });
    },
  };

  const upkeep: JobDefinition<ShopJob> = {
    // Recurring targets, "Target at risk", promotion spend to Shopify, "Weekly review ready".
    key: ({ shop }) => `upkeep:${shop}`,
    shop: byShop,
    retryLimit: 2,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 15 * 60,
    async run({ shop }, { db, now }) {
      if (!(await shopInstalled(db, shop))) return;
      await strategyUpkeep(db, await deps.clientFor(db, shop), now());
    },
  };

  const webhookTask: JobDefinition<WebhookTask> = {
    key: taskKey,
    shop: (task) => task.shop,
    // 8 attempts over about 20 minutes, as before; then kept failed instead of dropped.
    retryLimit: 7,
    retryDelaySeconds: 5,
    retryDelayMaxSeconds: 3600,
    async run(task, { db, queue, now }) {
      if (!(await shopInstalled(db, task.shop))) return;
      // While the shop's backfill runs, its tasks wait for it: the backfill spends the shop's
      // bucket on refund details for minutes, and tasks taking it a query at a time would starve
      // it. A task re-reads the current state when it runs, so nothing is lost by waiting.
      if (await runningBackfill(db, task.shop, now())) {
        await queue.enqueue({ name: JOB.webhookTask, data: { ...task }, runAfter: new Date(now().getTime() + TASK_WAIT_FOR_BACKFILL_MS) });
        return;
      }
      await runTask(db, await deps.clientFor(db, task.shop), task, now());
    },
  };

  const reconcileAll: JobDefinition<Record<string, never>> = {
    key: () => "reconcile-all",
    retryLimit: 2,
    retryDelaySeconds: 30,
    retryDelayMaxSeconds: 300,
    async run(_data, { db, queue, now }) {
      const shops = await installedShops(db);
      const times = spreadOver(shops.length, now(), reconcileEveryMinutes * 60_000);
      for (const [index, shop] of shops.entries()) await queue.enqueue({ name: JOB.sync, data: { shop }, runAfter: times[index] });
    },
  };

  const prune: JobDefinition<Record<string, never>> = {
    key: () => "prune",
    retryLimit: 2,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 600,
    async run(_data, { db, now }) {
      // Delivery ids past Shopify's retry window can't be repeated; finished jobs are history.
      await pruneWebhookDeliveries(db, now());
      await deps.pruneCompleted?.(new Date(now().getTime() - COMPLETED_JOBS_KEPT_MS));
    },
  };

  const costsChanged: JobDefinition<ShopJob> = {
    // The owner changed a cost setting: the days a changed fee rule prices are recomputed, then the
    // version is recorded (app/costs/apply-costs.server.ts). Changes made while one waits merge into
    // it: it reads the latest version when it runs. While a backfill builds the rollups, it looks again later.
    key: ({ shop }) => `costs:${shop}`,
    shop: byShop,
    retryLimit: 3,
    retryDelaySeconds: 30,
    retryDelayMaxSeconds: 15 * 60,
    heartbeatSeconds: 60,
    // Recomputing a large store's days of PayPal payments takes minutes.
    maxRunSeconds: 3600,
    async run({ shop }, { db, queue, now }) {
      if ((await applyCostSettings(db, shop, now)) === "wait_for_backfill")
        await queue.enqueue({ name: JOB.costsChanged, data: { shop }, runAfter: new Date(now().getTime() + TASK_WAIT_FOR_BACKFILL_MS) });
    },
  };

  const adsRefresh: JobDefinition<ShopJob> = {
    // Each connected ad platform's days: the backfill after connecting, then hourly the last 7 days
    // again. A platform refusing or away is written on its connection (the Costs page says it), not
    // retried here: the next hour tries again.
    key: ({ shop }) => `ads:${shop}`,
    shop: byShop,
    retryLimit: 2,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 15 * 60,
    heartbeatSeconds: 60,
    // Two years of several accounts' days, a month a report.
    maxRunSeconds: 3600,
    async run({ shop }, { db, now }) {
      // An uninstalled shop's connections wait for its redaction (they are erased with it).
      if (!(await shopInstalled(db, shop))) return;
      await refreshAdSpend(db, shop, now());
    },
  };

  const adsRefreshAll: JobDefinition<Record<string, never>> = {
    key: () => "ads-refresh-all",
    retryLimit: 2,
    retryDelaySeconds: 30,
    retryDelayMaxSeconds: 300,
    async run(_data, { db, queue, now }) {
      const shops = (await db.adConnection.findMany({ where: { state: "active" }, select: { shop: true }, distinct: ["shop"], orderBy: { shop: "asc" } })).map(
        (row) => row.shop,
      );
      const times = spreadOver(shops.length, now(), 60 * 60_000);
      for (const [index, shop] of shops.entries()) await queue.enqueue({ name: JOB.adsRefresh, data: { shop }, runAfter: times[index] });
    },
  };

  const brief: JobDefinition<ShopJob> = {
    // The Monday brief of the shop's last ended week, to everyone who hasn't had it (app/brief/deliveries.server.ts:
    // each delivery is claimed before it is sent, so two instances never send one twice). A delivery that failed
    // is tried again after its backoff: the job looks again then.
    key: ({ shop }) => `brief:${shop}`,
    shop: byShop,
    retryLimit: 2,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 15 * 60,
    async run({ shop }, { db, queue, now }) {
      if (!(await shopInstalled(db, shop))) return;
      const run = await sendDueBriefs(db, shop, now(), (deps.briefSenders ?? briefSenders)());
      if (run?.nextAt) await queue.enqueue({ name: JOB.brief, data: { shop }, runAfter: new Date(Math.max(run.nextAt.getTime(), now().getTime() + 60_000)) });
    },
  };

  const briefAll: JobDefinition<Record<string, never>> = {
    // Hourly: the shops whose brief someone gets (a person who turned it on, a channel) look whether theirs is due.
    key: () => "brief-all",
    retryLimit: 2,
    retryDelaySeconds: 30,
    retryDelayMaxSeconds: 300,
    async run(_data, { db, queue }) {
      const [people, channels, installed] = await Promise.all([
        db.staffMember.findMany({ where: { briefOptIn: true, email: { not: null } }, select: { shop: true }, distinct: ["shop"] }),
        db.briefSettings.findMany({ where: { slackWebhook: { not: null } }, select: { shop: true } }),
        installedShops(db),
      ]);
      const wanted = new Set([...people, ...channels].map((row) => row.shop));
      for (const shop of installed.filter((shop) => wanted.has(shop))) await queue.enqueue({ name: JOB.brief, data: { shop } });
    },
  };

  return {
    [JOB.brief]: brief,
    [JOB.briefAll]: briefAll,
    [JOB.adsRefresh]: adsRefresh,
    [JOB.adsRefreshAll]: adsRefreshAll,
    [JOB.sync]: sync,
    [JOB.costsChanged]: costsChanged,
    [JOB.upkeep]: upkeep,
    [JOB.webhookTask]: webhookTask,
    [JOB.reconcileAll]: reconcileAll,
    [JOB.prune]: prune,
  };
}

/** Queues a sync of one shop (after install, Sync now); merged into one already waiting. */
export function queueShopSync(queue: JobQueue, shop: string): Promise<string | null> {
  return queue.enqueue({ name: JOB.sync, data: { shop } });
}
