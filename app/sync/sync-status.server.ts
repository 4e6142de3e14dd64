import type { PrismaClient, Shop, SyncRun } from "@prisma/client";
import { JOB } from "~/jobs/names";
import type { JobView } from "~/jobs/queue";
import { STEP_NUMBER, type SyncStep, type SyncStepKey } from "./sync-steps";
import { storedWords } from "~/i18n/stored-message";
import { STALE_RUN_MS } from "./heartbeat";
import { joinSentences } from "~/i18n/languages";
import type { Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";

// What the app tells the owner about the copy of their store: synced or not, what is running with
// how far it got and how long is left, the last success, and any problem in plain words.

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
    /** The step of a first copy (a backfill) the owner is shown; null for a check for changes. */
    step: SyncStep | null;
    startedAt: string;
  } | null;
  problem: string | null;
  warning: string | null;
  /** Background work of the shop that failed for good (kept, never dropped), in words. */
  failedWork: string | null;
}

/**
 * Where a backfill stands, as the owner follows it: Shopify's export (its count of exported rows),
 * storing what it exported, the indicators, then the refunds' details, newest first.
 */
export function syncStep(run: SyncRun, now: Date): SyncStep | null {
  if (run.kind !== "backfill") return null;
  const step = (key: SyncStepKey, done: number | null, total: number | null, since: Date | null): SyncStep => {
    const elapsed = since ? (now.getTime() - since.getTime()) / 1000 : 0;
    const known = done !== null && total !== null && total > 0;
    const rate = known && elapsed > 0 ? done / elapsed : 0;
    return {
      key,
      number: STEP_NUMBER[key],
      done,
      total,
      percent: known ? Math.min(100, Math.round((done / total) * 100)) : null,
      secondsLeft: known && rate > 0 ? Math.max(0, Math.round((total - done) / rate)) : null,
    };
  };
  const since = run.stepStartedAt ?? run.startedAt;
  switch (run.phase) {
    case "products":
      return run.productsDone > 0
        ? step("store_products", run.productsDone, run.productsExpected, since)
        : step("export_products", run.exportedRoots, run.productsExpected, run.startedAt);
    case "orders":
      // The orders' export began with the run, beside the products'.
      return run.ordersDone > 0
        ? step("store_orders", run.ordersDone, run.ordersExpected, since)
        : step("export_orders", run.exportedRoots, run.ordersExpected, run.startedAt);
    case "indicators":
      return step("indicators", null, null, since);
    case "refunds":
      return step("refunds", run.refundsDone, run.refundsExpected, since);
    default:
      return null;
  }
}

/**
 * What the owner is told of their shop's jobs that failed for good: which work, how many, and the
 * last error, with what happens next. Null when none failed.
 */
export function describeFailedJobs(
  failed: Pick<JobView, "name" | "lastError">[],
  { t, language }: Pick<Localizer, "t" | "language"> = currentLocalizer(),
): string | null {
  if (failed.length === 0) return null;
  const sentences: string[] = [];
  const lastError = (name: string) => failed.find((job) => job.name === name && job.lastError)?.lastError ?? t("syncProblems.noReason");
  const of = (name: string) => failed.filter((job) => job.name === name).length;
  if (of(JOB.webhookTask) > 0) sentences.push(t("syncProblems.changes", { count: of(JOB.webhookTask), error: lastError(JOB.webhookTask) }));
  if (of(JOB.sync) > 0) sentences.push(t("syncProblems.sync", { error: lastError(JOB.sync) }));
  if (of(JOB.upkeep) > 0) sentences.push(t("syncProblems.upkeep", { error: lastError(JOB.upkeep) }));
  const other = failed.length - of(JOB.webhookTask) - of(JOB.sync) - of(JOB.upkeep);
  if (other > 0) sentences.push(t("syncProblems.other", { count: other }));
  return joinSentences(sentences, language);
}

export function describeSyncStatus(
  shop: Pick<Shop, "lastSyncAt" | "lastSyncError"> | null,
  latest: SyncRun | null,
  now: Date,
  failedJobs: Pick<JobView, "name" | "lastError">[] = [],
): SyncStatusView {
  const lastSuccessAt = shop?.lastSyncAt?.toISOString() ?? null;
  const base = {
    lastSuccessAt,
    running: null,
    problem: null,
    warning: storedWords(latest?.warning, currentLocalizer()),
    failedWork: describeFailedJobs(failedJobs),
  };
  if (latest?.status === "running") {
    const stale = now.getTime() - latest.heartbeatAt.getTime() > STALE_RUN_MS;
    return {
      ...base,
      state: stale ? "interrupted" : "running",
      running: {
        kind: latest.kind,
        phase: latest.phase,
        ordersDone: latest.ordersDone,
        ordersExpected: latest.ordersExpected,
        productsDone: latest.productsDone,
        objectsDone: latest.objectsDone,
        step: syncStep(latest, now),
        startedAt: latest.startedAt.toISOString(),
      },
      problem: stale ? currentLocalizer().t("syncProblems.interrupted") : null,
    };
  }
  const failedNow = latest?.status === "failed" ? latest.error : null;
  const problem = storedWords(failedNow ?? shop?.lastSyncError, currentLocalizer());
  if (problem) return { ...base, state: "failed", problem };
  return { ...base, state: lastSuccessAt ? "synced" : "never" };
}

/**
 * `failedJobs`: the shop's jobs that failed for good (the caller asks its queue);
 * `known`: the shop's row when the caller has read it already.
 */
export async function syncStatus(
  db: PrismaClient,
  shop: string,
  failedJobs: () => Promise<Pick<JobView, "name" | "lastError">[]>,
  now = new Date(),
  known?: Pick<Shop, "lastSyncAt" | "lastSyncError"> | null,
): Promise<SyncStatusView> {
  const [record, latest, failed] = await Promise.all([
    known === undefined ? db.shop.findUnique({ where: { shop }, select: { lastSyncAt: true, lastSyncError: true } }) : known,
    db.syncRun.findFirst({ where: { shop }, orderBy: { id: "desc" } }),
    failedJobs(),
  ]);
  return describeSyncStatus(record, latest, now, failed);
}
