import { describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import type { CustomCost } from "~/costs/cost-settings";
import { emptyPaymentTotals, emptyShippingTotals, emptyTotals, type Totals } from "~/indicators/engine";
import { computeProfitIndicators, NO_PROFIT_SETTINGS, type ProfitInputs } from "~/indicators/profit";
import { parseDay } from "~/lib/calendar";

// Net profit and the figures read with it (METRICS.md, "The whole cost of a sale"), worked out by
// hand: a monthly cost spread over the days of each calendar month, bounded by its months, a one-off
// on its date, a percentage of net sales, the default cost rate, exact until each figure is rounded
// once (half away from zero, to 1/10,000 of the currency).

const m = parseMoney;
const period = (from: string, to: string) => ({ from: parseDay(from)!, to: parseDay(to)! });

function inputs(over: { from: string; to: string; totals?: Partial<Totals>; fees?: string; shipping?: string; marketing?: string }): ProfitInputs {
  return {
    period: period(over.from, over.to),
    totals: { ...emptyTotals(), ...over.totals },
    payments: { ...emptyPaymentTotals(), transactionFees: m(over.fees ?? "0") },
    shipping: { ...emptyShippingTotals(), shippingCosts: m(over.shipping ?? "0") },
    marketingSpend: m(over.marketing ?? "0"),
  };
}
const custom = (costs: CustomCost[], from: string, to: string, netSales = "0") =>
  computeProfitIndicators(inputs({ from, to, totals: { grossSales: m(netSales) } }), { customCosts: costs, defaultCostRate: null }).custom_costs;

describe("other costs over a period's days", () => {
  it.each([
    // 310 a month from 20 February to 5 March 2026: 9 of February's 28 days, 5 of March's 31.
    ["a monthly cost across a month's end", { kind: "monthly", amount: m("310") }, "2026-02-20", "2026-03-05", 310 * (9 / 28) + 50],
    ["a monthly cost within its months only", { kind: "monthly", amount: m("310"), fromMonth: "2026-03", toMonth: "2026-03" }, "2026-02-20", "2026-03-05", 50],
    ["a monthly cost before its first month", { kind: "monthly", amount: m("310"), fromMonth: "2026-04" }, "2026-02-20", "2026-03-05", 0],
    ["a monthly cost after its last month", { kind: "monthly", amount: m("310"), toMonth: "2026-01" }, "2026-02-20", "2026-03-05", 0],
    ["a leap February's day", { kind: "monthly", amount: m("290") }, "2028-02-29", "2028-02-29", 10],
    ["a one-off on the period's last day", { kind: "one_off", date: "2026-03-05", amount: m("45.678") }, "2026-02-20", "2026-03-05", 45.678],
    ["a one-off the day after", { kind: "one_off", date: "2026-03-06", amount: m("45.678") }, "2026-02-20", "2026-03-05", 0],
  ] as [string, CustomCost, string, string, number][])("GIVEN %s THEN the period carries its share", (_, cost, from, to, expected) => {
    expect(custom([cost], from, to)).toBe(BigInt(Math.round(expected * 10_000)));
  });

  it("GIVEN a percentage of net sales THEN it is that share of the period's net sales, returns taking it below zero", () => {
    expect(custom([{ kind: "percent_of_net_sales", rate: "0.015" }], "2026-03-01", "2026-03-31", "1234.56")).toBe(m("18.5184"));
    expect(custom([{ kind: "percent_of_net_sales", rate: "0.015" }], "2026-03-01", "2026-03-31", "-200")).toBe(m("-3"));
  });

  it("GIVEN costs whose exact sum lies between money units THEN the sum is rounded once, half away from zero, not each part", () => {
    // 1 a month over one day of March is 1/31 = 0.032258…: twice, 0.064516… → 0.0645 (each rounded would make 0.0646).
    const twice: CustomCost[] = [
      { kind: "monthly", amount: m("1") },
      { kind: "monthly", amount: m("1") },
    ];
    expect(custom(twice, "2026-03-01", "2026-03-01")).toBe(m("0.0645"));
    // Half a money unit: 0.00005 × −1 = −0.00005 → −0.0001; and +0.0001 for +1.
    expect(custom([{ kind: "percent_of_net_sales", rate: "0.00005" }], "2026-03-01", "2026-03-01", "-1")).toBe(m("-0.0001"));
    expect(custom([{ kind: "percent_of_net_sales", rate: "0.00005" }], "2026-03-01", "2026-03-01", "1")).toBe(m("0.0001"));
  });
});

describe("net profit from a period's totals", () => {
  const totals = { grossSales: m("1100"), discounts: m("60"), returns: m("40"), knownCostNet: m("600"), cogs: m("240"), newCustomers: 8 };

  it("GIVEN every cost and a default cost rate THEN each figure is as the definition writes it", () => {
    const figures = computeProfitIndicators(inputs({ from: "2026-03-01", to: "2026-03-01", totals, fees: "29.5", shipping: "45.25", marketing: "120" }), {
      customCosts: [
        { kind: "monthly", amount: m("1") },
        { kind: "monthly", amount: m("1") },
      ],
      defaultCostRate: "0.35",
    });
    // Net sales 1,000; the 400 of them without a known cost at 35%: 240 + 140.
    expect(figures.cogs_all).toBe(m("380"));
    // 1,000 − 380 − 29.5 − 45.25 − 120 − 2/31 = 425.25 − 0.064516… = 425.185483…: from the exact costs, not their rounded 0.0645.
    expect(figures.net_profit).toBe(m("425.1855"));
    expect(figures.net_margin).toBeCloseTo((425.25 - 2 / 31) / 1000, 15);
    expect(figures.mer).toBe(1000 / 120);
    expect(figures.cac).toBe(120 / 8);
  });

  it("GIVEN no settings and no marketing THEN the cost of all goods is the cost of goods, net profit what fees and shipping leave of gross profit, and quotients over nothing are null", () => {
    const figures = computeProfitIndicators(inputs({ from: "2026-03-01", to: "2026-03-31", totals, fees: "10", shipping: "5" }), NO_PROFIT_SETTINGS);
    expect(figures).toEqual({ custom_costs: 0n, cogs_all: m("240"), net_profit: m("745"), net_margin: 0.745, mer: null, cac: 0 });
    const empty = computeProfitIndicators(inputs({ from: "2026-03-01", to: "2026-03-31", marketing: "50" }), NO_PROFIT_SETTINGS);
    expect(empty).toMatchObject({ net_profit: m("-50"), net_margin: null, mer: 0, cac: null });
  });
});
