import { beforeEach, describe, expect, it } from "vitest";
import { INDICATORS } from "~/indicators/definitions";
import { jsonValue } from "~/indicators/json";
import { periodReport } from "~/indicators/report.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { monthStart, nextBucketStart, parseDay, yearEarlierPeriod, type Period } from "~/lib/calendar";
import { RECENT_DAYS, roundForPeople, suggestTarget } from "~/strategy/suggest";
import { suggestTargets } from "~/strategy/suggestions.server";
import { suggestionFor } from "~/strategy/first-goal.server";
import { createCustomCost, setDefaultCostRate } from "~/costs/costs.server";
import { jobQueue } from "~/jobs/jobs.server";
import { systemActor } from "~/staff/staff.server";
import { parseMoney } from "@throughline/shopify-common/money";
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

  it("GIVEN two years of history, a default cost rate and a monthly rent THEN net profit and the cost of all goods are suggested like every sum and net margin like every ratio, from the same windows, as the Targets form asks for them", async () => {
    await storeWithHistory(730);
    const owner = systemActor(SHOP);
    await setDefaultCostRate(db, jobQueue(db), owner, "0.4", new Date());
    await createCustomCost(db, jobQueue(db), owner, { name: "Rent", kind: "monthly", amount: parseMoney("300"), fromMonth: null, toMonth: null }, new Date());
    // Each window's figures by hand: 40% of net sales for goods without a cost (none has one), the rent by its months' days.
    const figures = async (period: Period) => {
      const netSales = (await value(period, "net_sales"))!;
      let rent = 0;
      for (let day = period.from; day <= period.to; day++) rent += 300 / (nextBucketStart(monthStart(day), "month") - monthStart(day));
      const netProfit = netSales * 0.6 - rent;
      return { cogs_all: netSales * 0.4, net_profit: netProfit, net_margin: netProfit / netSales };
    };
    const recent = { from: TODAY - RECENT_DAYS, to: TODAY - 1 };
    const [then, now, nowThen] = await Promise.all([figures(yearEarlierPeriod(NEXT_MONTH)), figures(recent), figures(yearEarlierPeriod(recent))]);

    const [profit, goods, margin] = await suggestTargets(db, SHOP, "EUR", ["net_profit", "cogs_all", "net_margin"], NEXT_MONTH, TODAY);
    expect(profit!.suggestion.basis).toBe("year_earlier_with_trend");
    expect(profit!.suggestion.keepPace).toBeCloseTo(roundForPeople(then.net_profit * (now.net_profit / nowThen.net_profit), "money"), 6);
    // Lower is better for a cost: grow is 5% under keep pace.
    expect(goods!.suggestion.keepPace).toBeCloseTo(roundForPeople(then.cogs_all * (now.cogs_all / nowThen.cogs_all), "money"), 6);
    expect(goods!.suggestion.grow).toBeLessThan(goods!.suggestion.keepPace);
    expect(margin!.suggestion).toMatchObject({
      basis: "recent_level_with_season",
      keepPace: roundForPeople(now.net_margin + (then.net_margin - nowThen.net_margin), "ratio"),
    });

    // The Targets form's suggestion for each new indicator, on a month and a custom week.
    for (const indicator of ["transaction_fees", "shipping_costs", "custom_costs", "cogs_all", "net_profit", "net_margin"]) {
      const answer = await suggestionFor(
        db,
        owner,
        new URLSearchParams({ indicator, periodKind: "month", from: "2026-12-01" }),
        new Date(TODAY * DAY_MS + 43_200_000),
      );
      expect({ indicator, suggested: answer.suggestion !== null }).toEqual({ indicator, suggested: true });
    }
    const week = await suggestionFor(
      db,
      owner,
      new URLSearchParams({ indicator: "custom_costs", periodKind: "custom", from: "2026-12-01", to: "2026-12-07" }),
      new Date(TODAY * DAY_MS + 43_200_000),
    );
    // A week's rent, from a week a year earlier: the same period length.
    expect(week.suggestion!.valueInput).toBe(String(roundForPeople((300 / 31) * 7, "money")));
  });

  it("GIVEN a history at a loss THEN net profit has no pace to keep and is not suggested, while its costs are", async () => {
    await storeWithHistory(730);
    const owner = systemActor(SHOP);
    await createCustomCost(db, jobQueue(db), owner, { name: "Rent", kind: "monthly", amount: parseMoney("50000"), fromMonth: null, toMonth: null }, new Date());
    const suggestions = await suggestTargets(db, SHOP, "EUR", ["net_profit", "custom_costs"], NEXT_MONTH, TODAY);
    expect(suggestions.map((suggestion) => suggestion.indicator)).toEqual(["custom_costs"]);
    expect(suggestions[0]!.suggestion.keepPace).toBe(50000);
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
