/**
 * What a job queue is to the app (docs/decisions/008-job-queue.md): every piece of background work
 * is a named job with its options, run by one of two queues behind this interface: pg-boss on
 * PostgreSQL (several instances share the work), a Job table run in the server process on SQLite.
 * Handlers don't know which one runs them.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { errorField, log, withLogContext } from "~/lib/log.server";

/** Where a job is: waiting (first time or for a retry), running, done, or failed for good. */
export type JobState = "queued" | "running" | "completed" | "failed";

export const JOB_STATES: readonly JobState[] = ["queued", "running", "completed", "failed"];

export interface JobContext {
  db: PrismaClient;
  queue: JobQueue;
  now: () => Date;
  /** Which attempt this is, from 1. */
  attempt: number;
}

export interface JobDefinition<Data = unknown> {
  /** Retries after the first attempt before the job is recorded failed. */
  retryLimit: number;
  /** The first retry waits this long; each further one twice as long, up to retryDelayMaxSeconds. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /**
   * At most one job of a key runs at a time, and a job queued while another of its key is still
   * waiting merges into it (the waiting one does the same work when it runs). No key: no limit.
   */
  key?: (data: Data) => string;
  /** The shop the job works for, so its owner is told when it fails for good. */
  shop?: (data: Data) => string | null;
  /**
   * A running job that stops sending its heartbeat for this long is taken for dead (its process
   * was killed) and retried by another instance. Also bounds a job's run on PostgreSQL.
   */
  heartbeatSeconds?: number;
  /** Longest a run may take before it counts as failed (pg-boss's expiry). */
  maxRunSeconds?: number;
  run(data: Data, context: JobContext): Promise<void>;
}

/** Every job the app runs, by name (app/jobs/registry.server.ts). */
export type JobRegistry = Record<string, JobDefinition<never>>;

export interface NewJob {
  name: string;
  data: Record<string, unknown>;
  /** Not before this instant (a reconciliation spread over the interval). */
  runAfter?: Date;
}

export interface JobView {
  id: string;
  name: string;
  state: JobState;
  shop: string | null;
  key: string | null;
  data: unknown;
  /** Attempts started so far. */
  attempts: number;
  lastError: string | null;
  runAfter: Date;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface JobFilter {
  states?: readonly JobState[];
  shop?: string;
  limit?: number;
}

export interface JobQueue {
  readonly kind: "sqlite" | "postgresql";
  /** Queues a job; null when it merged into one of its key already waiting. */
  enqueue(job: NewJob): Promise<string | null>;
  /**
   * Runs `writes` and queues `jobs` in one transaction: both are stored, or neither (a webhook's
   * delivery id with its task, so a delivery acknowledged is never a task lost). `timeoutMs`: how
   * long the transaction may take where the database bounds it (PostgreSQL's interactive
   * transaction, 5 s by default; a spreadsheet of 100,000 rows takes longer).
   */
  enqueueWith(writes: (tx: Prisma.TransactionClient) => Prisma.PrismaPromise<unknown>[], jobs: NewJob[], options?: { timeoutMs?: number }): Promise<void>;
  /** Queues `name` every `minutes` (a divisor of 60), once across every instance. */
  every(name: string, minutes: number): Promise<void>;
  /** Starts running jobs in this process. */
  start(): Promise<void>;
  /** Takes no new job and waits (up to timeoutMs) for the running ones to finish. */
  stop(timeoutMs?: number): Promise<void>;
  /**
   * With the queue started: runs every due job in this process until none is due and none of this
   * process's jobs is running (tests, and runDueJobs); a job waiting for a retry later isn't due.
   */
  drain(): Promise<void>;
  list(filter?: JobFilter): Promise<JobView[]>;
  /**
   * Queues a failed job again; false when no failed job has that id. On SQLite its attempts start
   * over; pg-boss keeps the count and allows one more attempt than the job had.
   */
  retry(id: string): Promise<boolean>;
  /**
   * Deletes every job of `shop`, whatever its state (shop/redact: jobs carry the shop's data), in
   * `tx` when given so it goes with the rest of the erasure. Returns how many.
   */
  forgetShop(shop: string, tx?: Prisma.TransactionClient): Promise<number>;
}

/** The wait before retry number `retry` (1 for the first): doubling from the first delay, capped. */
export function retryDelayMs(definition: Pick<JobDefinition, "retryDelaySeconds" | "retryDelayMaxSeconds">, retry: number): number {
  return Math.min(definition.retryDelayMaxSeconds, definition.retryDelaySeconds * 2 ** Math.max(0, retry - 1)) * 1000;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one attempt of a job with its log context (every line it logs names the job, its id and
 * its shop) and a line when it starts and ends; the queues call their handlers through it.
 */
export async function runWithLog(job: { id: string; name: string; shop: string | null; attempt: number }, work: () => Promise<void>): Promise<void> {
  const fields = { jobId: job.id, job: job.name, ...(job.shop ? { shop: job.shop } : {}) };
  return withLogContext(fields, async () => {
    const started = performance.now();
    log.info({ attempt: job.attempt }, "job started");
    try {
      await work();
    } catch (error) {
      log.warn({ attempt: job.attempt, ms: Math.round(performance.now() - started), ...errorField(error) }, "job attempt failed");
      throw error;
    }
    log.info({ attempt: job.attempt, ms: Math.round(performance.now() - started) }, "job done");
  });
}
