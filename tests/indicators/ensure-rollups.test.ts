import { beforeEach, describe, expect, it } from "vitest";
import { ensureRollups, rebuildRollups, RollupsBeingBuiltError, rollupsReady } from "~/indicators/rollups.server";
import { db, resetDatabase } from "../helpers/database";

// A read that finds the rollups missing builds them, unless a running sync (any process) is
// building them: two builders would undo each other's days (and the sync died of it once).

const shop = "builder.myshopify.com";
const now = new Date("2026-11-20T12:00:00Z");

async function runningBackfill(heartbeatAt: Date) {
  await db.syncRun.create({
    data: { shop, kind: "backfill", status: "running", phase: "indicators", startedAt: new Date("2026-11-20T11:00:00Z"), heartbeatAt },
  });
}

describe("ensureRollups", () => {
  beforeEach(async () => {
    await resetDatabase();
    await db.shop.create({ data: { shop, name: "Builder", currencyCode: "EUR", ianaTimezone: "Europe/Paris" } });
  });

  it("GIVEN a backfill is building the rollups (fresh heartbeat) WHEN a read asks for them THEN it refuses in words and writes nothing", async () => {
    await runningBackfill(new Date(now.getTime() - 10_000));
    await expect(ensureRollups(db, shop, undefined, now)).rejects.toBeInstanceOf(RollupsBeingBuiltError);
    await expect(ensureRollups(db, shop, undefined, now)).rejects.toThrow(/being computed by the sync that is running/);
    expect(await rollupsReady(db, shop)).toBe(false);
  });

  it("GIVEN the backfill's process died (stale heartbeat) THEN the read builds the rollups itself", async () => {
    await runningBackfill(new Date(now.getTime() - 60 * 60_000));
    await ensureRollups(db, shop, undefined, now);
    expect(await rollupsReady(db, shop)).toBe(true);
  });
});

describe("a rebuild that fails", () => {
  it("GIVEN a shop that is gone WHEN its rebuild fails THEN the caller gets the error and nothing else surfaces it again (an unhandled rejection would end the process)", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      await expect(rebuildRollups(db, "gone.myshopify.com")).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });
});
