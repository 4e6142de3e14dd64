import type { PrismaClient, Shop, SyncRun } from "@prisma/client";

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
}

export function describeSyncStatus(shop: Pick<Shop, "lastSyncAt" | "lastSyncError"> | null, latest: SyncRun | null, now: Date): SyncStatusView {
  const lastSuccessAt = shop?.lastSyncAt?.toISOString() ?? null;
  const base = { lastSuccessAt, running: null, problem: null, warning: latest?.warning ?? null };
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

export async function syncStatus(db: PrismaClient, shop: string, now = new Date()): Promise<SyncStatusView> {
  const [record, latest] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { lastSyncAt: true, lastSyncError: true } }),
    db.syncRun.findFirst({ where: { shop }, orderBy: { id: "desc" } }),
  ]);
  return describeSyncStatus(record, latest, now);
}
