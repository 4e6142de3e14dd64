/**
 * The process's job queue: pg-boss when DATABASE_URL names PostgreSQL, the Job table on SQLite
 * (docs/decisions/008-job-queue.md). Anything may queue a job; only the server process (and
 * `cli jobs run`) runs them. The one place that wires the real Admin client into the handlers.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { databaseUrlOf } from "~/db.server";
import { databaseKind } from "~/lib/database-kind";
import { takeLegacyTasks, taskJob } from "~/sync/tasks.server";
import type { Delivery } from "~/webhooks/deliveries.server";
import type { ClientForShop } from "~/admin-api/shop-client.server";
import { PgBossJobQueue } from "./pg-boss-queue.server";
import type { JobQueue, NewJob } from "./queue";
import { JOB } from "./names";
import { jobRegistry, RECONCILE_EVERY_MINUTES, type RegistryDependencies } from "./registry.server";
import { SqliteJobQueue } from "./sqlite-queue.server";

/** How a queue of this process runs: tests pass their own Admin client and clock. */
export type QueueDependencies = Partial<RegistryDependencies> & {
  now?: () => Date;
};

/** The Admin client of a queue that only queues and lists (the CLI): running a job needs one wired. */
const NO_CLIENT: RegistryDependencies["clientFor"] = async () => {
  throw new Error("no Admin client is wired in this process: jobs run where startBackgroundJobs was given one");
};

/** A queue on `db` running the app's handlers. */
export function createJobQueue(db: PrismaClient, deps: QueueDependencies = {}): JobQueue {
  const url = databaseUrlOf(db);
  let sqlite: SqliteJobQueue | null = null;
  const registry = jobRegistry({
    clientFor: deps.clientFor ?? NO_CLIENT,
    reconcileEveryMinutes: deps.reconcileEveryMinutes,
    pruneCompleted: deps.pruneCompleted ?? ((before) => sqlite?.pruneCompleted(before) ?? Promise.resolve(0)),
    briefSenders: deps.briefSenders,
  });
  const options = { now: deps.now };
  if (databaseKind(url) === "postgresql") return new PgBossJobQueue(url, db, registry, options);
  sqlite = new SqliteJobQueue(db, registry, options);
  return sqlite;
}

declare global {
  // One queue per process, across Vite's module reloads in development; its Admin client once wired.
  var throughlineJobs: { db: PrismaClient; queue: JobQueue; started: boolean; clientFor?: ClientForShop } | undefined;
}

/** The process's queue on `db` (created on first use; it runs nothing until startBackgroundJobs). */
export function jobQueue(db: PrismaClient): JobQueue {
  if (!globalThis.throughlineJobs || globalThis.throughlineJobs.db !== db) {
    const clientFor: ClientForShop = (db, shop) => (globalThis.throughlineJobs?.clientFor ?? NO_CLIENT)(db, shop);
    globalThis.throughlineJobs = { db, queue: createJobQueue(db, { clientFor }), started: false };
  }
  return globalThis.throughlineJobs.queue;
}

/** A shop's jobs that failed for good (the sync card tells the owner what they were). */
export function failedJobsOf(db: PrismaClient, shop: string) {
  return jobQueue(db).list({ states: ["failed"], shop, limit: 50 });
}

/**
 * Starts running jobs in this process: webhook tasks as they arrive, syncs, and every 15 minutes a
 * reconciliation of every installed shop spread over the interval (each shop's strategy upkeep
 * after its sync); hourly, webhook delivery ids past Shopify's retry window are forgotten, every
 * connected ad platform's last days are read again, and each shop whose Monday brief is due sends it.
 */
export async function startBackgroundJobs(db: PrismaClient, clientFor: ClientForShop): Promise<JobQueue> {
  const queue = jobQueue(db);
  const state = globalThis.throughlineJobs!;
  state.clientFor = clientFor;
  if (state.started) return queue;
  state.started = true;
  await queue.start();
  // Tasks the previous version left in its SyncTask table become jobs: a deploy loses none.
  for (const task of await takeLegacyTasks(db)) await queue.enqueue({ name: JOB.webhookTask, data: { ...task } });
  await queue.every(JOB.reconcileAll, RECONCILE_EVERY_MINUTES);
  await queue.every(JOB.prune, 60);
  await queue.every(JOB.adsRefreshAll, 60);
  await queue.every(JOB.briefAll, 60);
  if (queue.kind === "sqlite") {
    // One process: reconcile once right after start, as the timer did (pg-boss's schedule covers
    // the instances of a PostgreSQL deployment).
    await queue.enqueue({ name: JOB.reconcileAll, data: {} });
  }
  return queue;
}

/** Graceful shutdown: no new job is taken, the running ones finish (a deploy loses no job). */
export async function stopBackgroundJobs(timeoutMs?: number): Promise<void> {
  const state = globalThis.throughlineJobs;
  if (!state?.started) return;
  state.started = false;
  await state.queue.stop(timeoutMs);
}

/**
 * Records a webhook delivery, makes its writes and queues its jobs in one short transaction:
 * "duplicate" (nothing written) when the delivery id was seen before.
 */
export async function acceptDelivery(
  queue: JobQueue,
  delivery: Delivery,
  jobs: NewJob[],
  writes: (tx: Prisma.TransactionClient) => Prisma.PrismaPromise<unknown>[] = () => [],
): Promise<"applied" | "duplicate"> {
  try {
    await queue.enqueueWith((tx) => [tx.webhookDelivery.create({ data: delivery }), ...writes(tx)], jobs);
    return "applied";
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
}

/**
 * Runs every due job in this process until none is left, on either database (tests; an operator's
 * one-off run): a queue of its own is started, drained and stopped gracefully. On PostgreSQL the
 * server processes may run some of the jobs meanwhile; what this one claims, it finishes.
 */
export async function runDueJobs(db: PrismaClient, deps: QueueDependencies = {}): Promise<void> {
  const queue = createJobQueue(db, deps);
  try {
    await queue.start();
    await queue.drain();
  } finally {
    await queue.stop();
  }
}

export { taskJob };
