/**
 * Target values stored before values were bounded (a 400-digit number typed into the form, kept as
 * text) are shown for what they are: never "€∞", never "Infinity" in the edit field.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { formatValue } from "~/indicators/format";
import { rebuildRollups } from "~/indicators/rollups.server";
import { loader as targetsLoader } from "~/routes/app.targets";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { targetStatuses, type TargetStatus } from "~/strategy/target-status.server";
import { targetCard } from "~/strategy/target-card.server";
import { localizer } from "~/i18n/localizer";
import { parseDay } from "~/lib/calendar";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callLoader, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

const SHOP = "display-shop.myshopify.com";

describe("showing target values", () => {
  it.each([
    ["money", Infinity, "out of range"],
    ["count", -Infinity, "out of range"],
    ["decimal", NaN, "—"],
    ["money", 1e300, "€1E300"],
    ["count", 2.5e18, "2.5E18"],
    ["ratio", 1e20, "1.0E22%"],
    ["money", 999_999_999.99, "€999,999,999.99"],
  ] as const)("GIVEN a %s of %d THEN it shows as %s", (kind, value, shown) => {
    expect(formatValue(kind, value, "EUR")).toBe(shown);
  });

  describe("on the Targets page", () => {
    beforeEach(async () => {
      await resetDatabase();
      await connectDevstoreShop(db, sessionStorage, {
        shop: SHOP,
        adminOrigin: "http://127.0.0.1:4999",
        accessToken: "devstore-token",
        ownerUserId: "1",
        now: new Date(),
      });
      await saveShopDetails(db, { shop: SHOP, name: "Display Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
      await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
      await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date("2026-11-03T10:00:00Z") })]);
      await rebuildRollups(db, SHOP);
    });

    it("GIVEN a stored 400-digit net sales target THEN its card says the value is out of range, not €∞, and the edit field is empty", async () => {
      const outcome = await createTarget(db, systemActor(SHOP), { indicator: "net_sales", periodKind: "month", from: "2026-11-01", value: "1000" }, new Date());
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      await db.target.update({ where: { id: outcome.value.id }, data: { value: `1${"0".repeat(400)}` } });
      const page = await callLoader(targetsLoader, await embeddedRequest("/app/targets", SHOP, { userId: "1" }));
      const card = page.targets.find((target) => target.id === outcome.value.id)!;
      expect(card.title).toBe("Net sales ≥ out of range");
      expect(JSON.stringify(card)).not.toMatch(/∞|Infinity|NaN/);
      expect(card.valueInput).toBe("");
    });

    it("GIVEN a repurchase rate target WHEN its chart is drawn THEN each day so far shows the rate from the period's first day to that one (what the card says), not that day's own, and the target line runs to the period's end", async () => {
      const customer = (id: string, at: string) => orderRecord({ processedAt: new Date(at), customerId: `gid://shopify/Customer/${id}` });
      await saveOrders(db, SHOP, [customer("A", "2026-11-10T10:00:00Z"), customer("A", "2026-11-11T10:00:00Z"), customer("B", "2026-11-12T10:00:00Z")]);
      await rebuildRollups(db, SHOP);
      const outcome = await createTarget(
        db,
        systemActor(SHOP),
        { indicator: "repurchase_rate", periodKind: "custom", from: "2026-11-10", to: "2026-11-30", value: "0.4" },
        new Date(),
      );
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      const [status] = await targetStatuses(db, SHOP, parseDay("2026-11-12")!);
      // A alone; A again (one customer of one, back); then B (one of two came back); nothing yet after the 12th.
      expect(status!.trend.slice(0, 4).map((point) => [point.day, point.actual])).toEqual([
        ["2026-11-10", 0],
        ["2026-11-11", 1],
        ["2026-11-12", 0.5],
        ["2026-11-13", null],
      ]);
      expect(status!.actual).toBe(0.5);
      expect(status!.trend.at(-1)).toEqual({ day: "2026-11-30", actual: null, expected: 0.4 });
      expect(status!.trend).toHaveLength(21);
    });
  });
});

describe("a target card's progress bar", () => {
  const status = (indicator: TargetStatus["indicator"], direction: TargetStatus["direction"], value: number, actual: number): TargetStatus => ({
    id: 1,
    goalId: null,
    indicator,
    from: "2026-12-01",
    to: "2026-12-31",
    periodKind: "month",
    recurring: false,
    value,
    direction,
    actual,
    expectedToDate: null,
    projected: actual,
    status: "on_track",
    elapsed: 0.2,
    elapsedDays: 6,
    weekdayPattern: false,
    likePath: null,
    outOf: null,
    trend: [],
    lastStatus: null,
    analyticsTargetId: null,
    analyticsError: null,
    flowError: null,
  });

  it.each([
    ["net sales at least €10,000 with €4,750.0000356 so far", status("net_sales", "at_least", 10_000, 4750.0000356), 48, "48% of the target reached"],
    ["discounts at most €10,000 with €1,900 used", status("discounts", "at_most", 10_000, 1900), 81, "81% of the limit left"],
    ["a discount rate at most 5% standing at 4.05%", status("discount_rate", "at_most", 0.05, 0.0405), 100, "Within the limit"],
    ["a discount rate at most 5% standing at 6%", status("discount_rate", "at_most", 0.05, 0.06), 83, "20% over the limit"],
  ])("GIVEN %s THEN the bar is %i% full, a whole number, and says so: %s", (_, given, progress, label) => {
    const card = targetCard(given, "EUR", localizer("en"));
    expect(card.progress).toBe(progress);
    expect(Number.isInteger(card.progress)).toBe(true);
    expect(card.progressLabel).toBe(label);
  });
});
