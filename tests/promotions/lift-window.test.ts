import { beforeEach, describe, expect, it } from "vitest";
import { parseDay } from "~/lib/calendar";
import { liftWindow, MAX_LIFT_DAYS, promotionLift } from "~/promotions/promotions.server";
import { db, resetDatabase } from "../helpers/database";

const SHOP = "lift-window.myshopify.com";

describe("the days a promotion's lift reads", () => {
  beforeEach(resetDatabase);

  it("GIVEN a promotion not started, started today, running, or longer than the window THEN the window is the days that have ended, at most its first weeks", () => {
    const today = parseDay("2026-06-30")!;
    expect(liftWindow({ start: "2026-07-01", end: "2026-07-31" }, today)).toBeNull();
    // Today is under way: a promotion that started today has no complete day yet.
    expect(liftWindow({ start: "2026-06-30", end: "2026-07-31" }, today)).toBeNull();
    expect(liftWindow({ start: "2026-06-01", end: "2026-07-31" }, today)).toEqual({ from: parseDay("2026-06-01"), to: today - 1, clipped: false });
    // A promotion that ended yesterday is read whole.
    expect(liftWindow({ start: "2026-06-01", end: "2026-06-29" }, today)).toEqual({ from: parseDay("2026-06-01"), to: today - 1, clipped: false });
    const long = liftWindow({ start: "2025-01-01", end: "2026-12-31" }, today)!;
    expect(long.to - long.from + 1).toBe(MAX_LIFT_DAYS);
    expect(long.clipped).toBe(true);
  });

  it("GIVEN a promotion stored from year 100 to 9999 (before dates were bounded) THEN its lift reads a bounded number of days and says so", async () => {
    await db.dailyRollup.deleteMany({});
    const promotion = await db.promotion.create({
      data: {
        shop: SHOP,
        title: "Forever",
        type: "discount",
        start: "0100-01-01",
        end: "9999-12-31",
        spend: 0n,
        indicator: "orders",
        createdBy: "1",
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    // Eight thousand years of days would take minutes; the window makes it one bounded read.
    const lifts = await promotionLift(db, promotion, parseDay("2026-06-30")!);
    expect(lifts.length).toBeGreaterThan(0);
    expect(lifts[0]!.words).toMatch(new RegExp(`^Over its first ${MAX_LIFT_DAYS} days: `));
  });
});
