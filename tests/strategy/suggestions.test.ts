import { beforeEach, describe, expect, it } from "vitest";
import { INDICATORS } from "~/indicators/definitions";
import { jsonValue } from "~/indicators/json";
import { periodReport } from "~/indicators/report.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parseDay, yearEarlierPeriod, type Period } from "~/lib/calendar";
import { RECENT_DAYS, roundForPeople, suggestTarget } from "~/strategy/suggest";
import { suggestTargets } from "~/strategy/suggestions.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

// Suggested targets come from the store's own history: checked here against the indicators the
// engine computes over the windows the rules name, on stores with two years, two months and ten
// days of history.

const SHOP = "suggest-shop.myshopify.com";
const TODAY = parseDay("2026-11-20")!;
const NEXT_MONTH: Period = { from: parseDay("2026-12-01")!, to: parseDay("2026-12-31")! };
const DAY_MS = 86_400_000;

/** Orders every day of the last `days` days: more of them as time goes on, and more in December (a season). */
async function storeWithHistory(days: number) {
  await saveShopDetails(db, { shop: SHOP, name: "Suggest Shop", email: null, currencyCode: "EUR", ianaTimezone: "UTC" });
  const orders = [];
  for (let day = TODAY - days; day < TODAY; day++) {
    const date = new Date(day * DAY_MS);
    const count = 2 + Math.floor((day - (TODAY - days)) / 90) + (date.getUTCMonth() === 11 ? 3 : 0);
    for (let n = 0; n < count; n++) {
      orders.push(
        orderRecord({
          processedAt: new Date(day * DAY_MS + (8 + n) * 3_600_000),
          customerId: `gid://shopify/Customer/${(day * 7 + n) % 40}`,
          subtotal: BigInt(40 + (n % 3) * 10) * 10_000n,
          totalPrice: BigInt(40 + (n % 3) * 10) * 10_000n,
        }),
      );
    }
  }
  // In pages, as a sync stores them.
  for (let at = 0; at < orders.length; at += 250) await saveOrders(db, SHOP, orders.slice(at, at + 250));
  await rebuildRollups(db, SHOP);
}

const value = async (period: Period, key: keyof typeof INDICATORS) => jsonValue((await periodReport(db, SHOP, period)).indicators[key]);

describe("suggested targets", () => {
  beforeEach(resetDatabase);

  it("GIVEN two years of history THEN next month's net sales are last December grown by the last 12 weeks' trend on a year earlier, with 5% and 10% above", async () => {
    await storeWithHistory(730);
    const [net] = await suggestTargets(db, SHOP, "EUR", ["net_sales"], NEXT_MONTH, TODAY);
    const recent = { from: TODAY - RECENT_DAYS, to: TODAY - 1 };
    const lastDecember = (await value(yearEarlierPeriod(NEXT_MONTH), "net_sales"))!;
    const trend = (await value(recent, "net_sales"))! / (await value(yearEarlierPeriod(recent), "net_sales"))!;
    expect(trend).toBeGreaterThan(1); // the store grows
    expect(net!.suggestion).toMatchObject({
      basis: "year_earlier_with_trend",
      keepPace: roundForPeople(lastDecember * trend, "money"),
      grow: roundForPeople(lastDecember * trend * 1.05, "money"),
    });
    expect(net!.suggestion.trend).toBeCloseTo(trend, 10);
    expect(net!.reasoning).toMatch(
      /^A year earlier \(Dec 1, 2025 – Dec 31, 2025\): €[\d,.]+; the last 12 weeks ran \+\d+\.\d% on the same weeks a year earlier\.$/,
    );
    // The forms start from keep pace: growing is the owner's choice (decision 021).
    expect(net!.valueInput).toBe(String(net!.suggestion.keepPace));
  });

  it("GIVEN two months of history THEN a sum follows the recent daily pace, an average its recent level and a rate that depends on the period's length the whole month before; ratios are typed as percentages", async () => {
    await storeWithHistory(60);
    const [orders, aov, repurchase] = await suggestTargets(db, SHOP, "EUR", ["orders", "aov", "repurchase_rate"], NEXT_MONTH, TODAY);
    const recent = { from: TODAY - 60, to: TODAY - 1 };
    expect(orders!.suggestion.basis).toBe("recent_pace");
    expect(orders!.suggestion.keepPace).toBe(roundForPeople(((await value(recent, "orders"))! / 60) * 31, "count"));
    expect(orders!.reasoning).toMatch(/^Less than a year of history: at the pace of the last 60 days/);
    expect(aov!.suggestion).toMatchObject({ basis: "recent_level", keepPace: roundForPeople((await value(recent, "aov"))!, "money") });
    // October is the one whole month in the history (from 21 September); the 60 days' rate would be two months'.
    const october = (await value({ from: parseDay("2026-10-01")!, to: parseDay("2026-10-31")! }, "repurchase_rate"))!;
    expect(october).not.toBeCloseTo((await value(recent, "repurchase_rate"))!, 2);
    expect(repurchase!.suggestion).toMatchObject({ basis: "like_periods", keepPace: roundForPeople(october, "ratio") });
    expect(repurchase!.reasoning).toBe(`This rate depends on how long the period is, so it is read on the month before: ${repurchase!.shown.keepPace}.`);
    expect(repurchase!.valueInput).toBe(String(Math.round(roundForPeople(october, "ratio") * 1000) / 10));
  });

  it("GIVEN ten days of history THEN nothing is suggested (too little to read a pace)", async () => {
    await storeWithHistory(10);
    expect(await suggestTargets(db, SHOP, "EUR", ["net_sales", "aov"], NEXT_MONTH, TODAY)).toEqual([]);
  });

  it("GIVEN an indicator where lower is better THEN grow and stretch are lower, and a ratio never passes 100%", () => {
    const discount = suggestTarget(INDICATORS.discount_rate, { periodDays: 31, yearEarlier: null, recent: 0.2, recentDays: 84, recentYearEarlier: null })!;
    expect([discount.keepPace, discount.grow, discount.stretch]).toEqual([0.2, 0.19, 0.18]);
    const margin = suggestTarget(INDICATORS.gross_margin, { periodDays: 31, yearEarlier: 0.99, recent: 0.98, recentDays: 84, recentYearEarlier: 0.9 })!;
    expect(margin.stretch).toBe(1);
  });

  it.each([
    ["a margin of 61.8%", "gross_margin", { recent: 0.618 }, [0.618, 0.628, 0.638]],
    ["a discount rate of 4% (lower is better)", "discount_rate", { recent: 0.04 }, [0.04, 0.036, 0.032]],
    ["a weekly repurchase rate of 3%", "repurchase_rate", { likePeriods: [0.028, 0.03, 0.035] }, [0.03, 0.033, 0.036]],
    ["average order value of €80 (an amount: in percent)", "aov", { recent: 80 }, [80, 84, 88]],
  ] as const)(
    "GIVEN %s THEN grow and stretch move a ratio by percentage points (one and two, or a tenth of the rate where less), an amount by 5% and 10%",
    (_, key, figures, expected) => {
      const suggestion = suggestTarget(INDICATORS[key], {
        periodDays: 7,
        yearEarlier: null,
        recent: null,
        recentDays: 84,
        recentYearEarlier: null,
        ...figures,
      })!;
      expect([suggestion.keepPace, suggestion.grow, suggestion.stretch]).toEqual(expected);
    },
  );
});
