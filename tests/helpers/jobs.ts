import type { PrismaClient } from "@prisma/client";
import { jobQueue } from "~/jobs/jobs.server";
import { PGBOSS_SCHEMA } from "~/jobs/pg-boss-queue.server";

export interface StoredJob {
  name: string;
  data: Record<string, unknown>;
  shop: string | null;
  key?: string;
  state: "queued" | "failed";
  /** Attempts made so far (a failed job made at least one). */
  attempts: number;
  lastError?: string;
  runAfter?: Date;
  finishedAt?: Date;
}

/**
 * Stores a job as the database's queue would have left it (a job failed for good takes hours of
 * retries to reach for real), where that queue keeps it: the Job table on SQLite, pg-boss's job
 * table on PostgreSQL (its queue made first, by the app's queue). Returns its id as list() shows it.
 */
export async function storeJob(db: PrismaClient, job: StoredJob): Promise<string> {
  const queue = jobQueue(db);
  if (queue.kind === "sqlite") {
    const row = await db.job.create({
      data: {
        name: job.name,
        data: JSON.stringify(job.data),
        shop: job.shop,
        key: job.key ?? null,
        state: job.state,
        attempts: job.attempts,
        lastError: job.lastError ?? null,
        ...(job.runAfter ? { runAfter: job.runAfter } : {}),
        finishedAt: job.finishedAt ?? null,
      },
    });
    return String(row.id);
  }
  await queue.list({ limit: 1 }); // makes pg-boss's schema and the app's queues
  // pg-boss counts retries: a job that ran waits in "retry", one that never ran in "created".
  const state = job.state === "failed" ? "failed" : job.attempts > 0 ? "retry" : "created";
  const [row] = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO ${PGBOSS_SCHEMA}.job (name, data, state, retry_count, retry_limit, retry_delay, retry_backoff, retry_delay_max, expire_seconds, deletion_seconds, heartbeat_seconds, policy, singleton_key, start_after, completed_on, output)
     SELECT q.name, $2::jsonb, $3::${PGBOSS_SCHEMA}.job_state, $4, q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max, q.expire_seconds, q.deletion_seconds, q.heartbeat_seconds, q.policy, $5, COALESCE($6::timestamptz, now()), $7::timestamptz, $8::jsonb
     FROM ${PGBOSS_SCHEMA}.queue q WHERE q.name = $1
     RETURNING id::text`,
    job.name,
    JSON.stringify(job.data),
    state,
    Math.max(0, job.attempts - 1),
    job.key ?? null,
    job.runAfter ?? null,
    job.finishedAt ?? null,
    job.lastError === undefined ? null : JSON.stringify({ message: job.lastError }),
  );
  if (!row) throw new Error(`storeJob: pg-boss has no queue named ${job.name}`);
  return row.id;
}
