import type { PrismaClient, Shop, SyncRun } from "@prisma/client";
import { jobQueue } from "~/jobs/jobs.server";
import type { JobView } from "~/jobs/queue";
import { JOB } from "~/jobs/registry.server";

// What the app tells the owner about the copy of their store: synced or not, what is running with
// how far it got and how long is left, the last success, and any problem in plain words.

export const STALE_RUN_MS = 2 * 60_000;

export interface SyncStatusView {
  state: "never" | "running" | "interrupted" | "synced" | "failed";
  lastSuccessAt: string | null;
  running: {
    kind: string;
    phase: string;
    ordersDone: number;
    ordersExpected: number | null;
    productsDone: number;
    objectsDone: number;
    /** 0..100 when the total is known. */
    percent: number | null;
    secondsLeft: number | null;
    startedAt: string;
  } | null;
  problem: string | null;
  warning: string | null;
  /** Background work of the shop that failed for good (kept, never dropped), in words. */
  failedWork: string | null;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * What the owner is told of their shop's jobs that failed for good: which work, how many, and the
 * last error, with what happens next. Null when none failed.
 */
export function describeFailedJobs(failed: Pick<JobView, "name" | "lastError">[]): string | null {
  if (failed.length === 0) return null;
  const sentences: string[] = [];
  const lastError = (name: string) => failed.find((job) => job.name === name && job.lastError)?.lastError;
  const of = (name: string) => failed.filter((job) => job.name === name).length;
  if (of(JOB.webhookTask) > 0) {
    sentences.push(`${plural(of(JOB.webhookTask), "change", "changes")} Shopify sent could not be copied after several tries (${lastError(JOB.webhookTask) ?? "no reason given"}). The next sync reads changed orders and products again.`);
  }
  if (of(JOB.sync) > 0) sentences.push(`A sync failed after several tries (${lastError(JOB.sync) ?? "no reason given"}). Sync now to try again.`);
  if (of(JOB.upkeep) > 0) {
    sentences.push(`Updating targets and sending promotion results to Shopify failed after several tries (${lastError(JOB.upkeep) ?? "no reason given"}). It runs again after the next sync.`);
  }
  const other = failed.length - of(JOB.webhookTask) - of(JOB.sync) - of(JOB.upkeep);
  if (other > 0) sentences.push(`${plural(other, "other background task", "other background tasks")} failed after several tries.`);
  return sentences.join(" ");
}

export function describeSyncStatus(
  shop: Pick<Shop, "lastSyncAt" | "lastSyncError"> | null,
  latest: SyncRun | null,
  now: Date,
  failedJobs: Pick<JobView, "name" | "lastError">[] = [],
): SyncStatusView {
  const lastSuccessAt = shop?.lastSyncAt?.toISOString() ?? null;
  const base = { lastSuccessAt, running: null, problem: null, warning: latest?.warning ?? null, failedWork: describeFailedJobs(failedJobs) };
  if (latest?.status === "running") {
    const stale = now.getTime() - latest.heartbeatAt.getTime() > STALE_RUN_MS;
    const elapsed = Math.max(1, (now.getTime() - latest.startedAt.getTime()) / 1000);
    const expected = latest.ordersExpected;
    const percent = expected ? Math.min(100, Math.round((latest.ordersDone / Math.max(expected, 1)) * 100)) : null;
    const rate = latest.ordersDone / elapsed;
    const secondsLeft = expected && rate > 0 && latest.phase === "orders" ? Math.max(0, Math.round((expected - latest.ordersDone) / rate)) : null;
    return {
      ...base,
      state: stale ? "interrupted" : "running",
      running: {
        kind: latest.kind,
        phase: latest.phase,
        ordersDone: latest.ordersDone,
        ordersExpected: expected,
        productsDone: latest.productsDone,
        objectsDone: latest.objectsDone,
        percent,
        secondsLeft,
        startedAt: latest.startedAt.toISOString(),
      },
      problem: stale ? "The last import stopped before it finished. It picks up where it stopped at the next sync." : null,
    };
  }
  const failedNow = latest?.status === "failed" ? latest.error : null;
  const problem = failedNow ?? shop?.lastSyncError ?? null;
  if (problem) return { ...base, state: "failed", problem };
  return { ...base, state: lastSuccessAt ? "synced" : "never" };
}

/** `known`: the shop's row when the caller has read it already. */
export async function syncStatus(db: PrismaClient, shop: string, now = new Date(), known?: Pick<Shop, "lastSyncAt" | "lastSyncError"> | null): Promise<SyncStatusView> {
  const [record, latest, failed] = await Promise.all([
    known === undefined ? db.shop.findUnique({ where: { shop }, select: { lastSyncAt: true, lastSyncError: true } }) : known,
    db.syncRun.findFirst({ where: { shop }, orderBy: { id: "desc" } }),
    jobQueue(db).list({ states: ["failed"], shop, limit: 50 }),
  ]);
  return describeSyncStatus(record, latest, now, failed);
}
