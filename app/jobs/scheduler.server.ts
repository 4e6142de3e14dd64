import type { PrismaClient } from "@prisma/client";
import type { ClientForShop } from "~/admin-api/shop-client.server";
import { startBackgroundJobs, stopBackgroundJobs } from "./jobs.server";
import { errorField, log } from "~/lib/log.server";

// The app server's background work, as jobs in a queue (app/jobs, docs/decisions/008-job-queue.md):
// webhook tasks right after they are recorded (and their retries), syncs one per shop at a time, a
// reconciliation of every installed shop spread over each quarter of an hour (catching what a
// webhook missed and resuming a backfill whose process stopped), each followed by the shop's
// strategy upkeep, and the hourly pruning of webhook delivery ids.

export interface SchedulerOptions {
  db: PrismaClient;
  /** The Admin client the jobs call Shopify with (shopify.server.ts's adminClientForShop). */
  clientFor: ClientForShop;
}

/** How long a stopping server waits for its running jobs (app/serve.ts gives the whole stop 25 s). */
export const SHUTDOWN_WAIT_MS = 20_000;

/** Starts the background work once per process (a reload in development keeps the one running). */
export function startSyncScheduler({ db, clientFor }: SchedulerOptions): void {
  void startBackgroundJobs(db, clientFor).catch((error: unknown) => log.error(errorField(error), "the job queue did not start"));
}

/**
 * Graceful shutdown (app/serve.ts on SIGTERM, through the entry's stopBackgroundWork): no new job
 * is taken and the running ones finish; one still running past the wait is taken up again by
 * another instance (its heartbeat stops) or, on SQLite, by the next start.
 */
export function stopSyncScheduler(): Promise<void> {
  return stopBackgroundJobs(SHUTDOWN_WAIT_MS);
}
