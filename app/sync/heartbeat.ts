import type { PrismaClient } from "@prisma/client";

/** A sync run writes its heartbeat as it goes: one silent this long has stopped (a process killed midway). */
export const STALE_RUN_MS = 2 * 60_000;

/** The shop's backfill that is running now (its heartbeat fresh), if any. */
export function runningBackfill(db: Pick<PrismaClient, "syncRun">, shop: string, now: Date): Promise<{ id: number } | null> {
  return db.syncRun.findFirst({
    where: { shop, kind: "backfill", status: "running", heartbeatAt: { gt: new Date(now.getTime() - STALE_RUN_MS) } },
    select: { id: true },
  });
}
