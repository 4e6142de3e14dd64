import { describe, expect, it } from "vitest";
import { aovDrivers, DRIVER_FACTORS, driverBreakdowns, driversOf, grossProfitDrivers, netSalesDrivers } from "~/indicators/drivers";
import { emptyTotals, type Totals } from "~/indicators/engine";
import { parseMoney } from "@throughline/shopify-common/money";

const totals = (values: Partial<Record<keyof Totals, number | string>>): Totals => {
  const result = emptyTotals();
  for (const [key, value] of Object.entries(values) as [keyof Totals, number | string][]) {
    (result as unknown as Record<string, unknown>)[key] = typeof value === "string" ? parseMoney(value) : value;
  }
  return result;
};

const before = totals({
  orders: 100,
  units: 250,
  grossSales: "10000",
  discounts: "500",
  returns: "300",
  knownCostGross: "8000",
  knownCostNet: "7400",
  cogs: "3000",
});
const after = totals({
  orders: 120,
  units: 330,
  grossSales: "13200",
  discounts: "900",
  returns: "200",
  knownCostGross: "12000",
  knownCostNet: "11200",
  cogs: "4700",
});

describe("what moved a number", () => {
  it.each([
    ["net sales", netSalesDrivers, 9200, 12100, ["orders", "aov", "returns"]],
    ["average order value", aovDrivers, 95, 102.5, ["units_per_order", "price_per_unit", "discount_per_order"]],
    ["gross profit", grossProfitDrivers, 4400, 6500, ["sales", "cost_coverage", "margin"]],
  ] as const)(
    "GIVEN two periods WHEN %s is broken down THEN it goes from before to after and its effects add up to the change",
    (_, breakdown, from, to, keys) => {
      const result = breakdown(before, after)!;
      expect(result.before).toBeCloseTo(from, 9);
      expect(result.after).toBeCloseTo(to, 9);
      expect(result.effects.map((effect) => effect.key)).toEqual(keys);
      expect(result.effects.reduce((sum, effect) => sum + effect.effect, 0)).toBeCloseTo(to - from, 9);
    },
  );

  it("GIVEN more orders of the same size THEN net sales moved by the number of orders only", () => {
    const small = totals({ orders: 10, units: 10, grossSales: "1000" });
    const big = totals({ orders: 15, units: 15, grossSales: "1500" });
    expect(netSalesDrivers(small, big)!.effects.map((effect) => Math.round(effect.effect))).toEqual([500, 0, 0]);
    expect(aovDrivers(small, big)!.effects.map((effect) => Math.round(effect.effect))).toEqual([0, 0, 0]);
  });

  it("GIVEN a period without orders or without known costs THEN there is no breakdown rather than a division by zero", () => {
    expect(netSalesDrivers(emptyTotals(), after)).toBeNull();
    expect(aovDrivers(before, emptyTotals())).toBeNull();
    expect(grossProfitDrivers(totals({ orders: 1, units: 1, grossSales: "10" }), after)).toBeNull();
  });

  it("GIVEN each breakdown THEN the factors an action can act through are the breakdown's own, in its order", () => {
    const breakdowns = driverBreakdowns(before, after);
    expect(Object.keys(breakdowns).sort()).toEqual(Object.keys(DRIVER_FACTORS).sort());
    for (const [indicator, factors] of Object.entries(DRIVER_FACTORS))
      expect(breakdowns[indicator as keyof typeof breakdowns]!.effects.map((effect) => effect.key)).toEqual(factors.map((factor) => factor.key));
  });

  it.each([
    // Net sales through orders, AOV (and, below AOV, units per order) and returns.
    [
      "net_sales",
      [
        { driver: "orders", through: "orders" },
        { driver: "aov", through: "aov" },
        { driver: "units_per_order", through: "aov" },
        { driver: "returns", through: "returns" },
      ],
    ],
    ["aov", [{ driver: "units_per_order", through: "units_per_order" }]],
    [
      "gross_profit",
      [
        { driver: "gross_sales", through: "gross_sales" },
        { driver: "cost_coverage", through: "cost_coverage" },
        { driver: "gross_margin", through: "gross_margin" },
      ],
    ],
    // Net profit through gross profit (and what drives it) and each cost family of its bridge.
    [
      "net_profit",
      [
        { driver: "gross_profit", through: "gross_profit" },
        { driver: "gross_sales", through: "gross_profit" },
        { driver: "cost_coverage", through: "gross_profit" },
        { driver: "gross_margin", through: "gross_profit" },
        { driver: "cogs_all", through: "cogs_all" },
        { driver: "transaction_fees", through: "transaction_fees" },
        { driver: "shipping_costs", through: "shipping_costs" },
        { driver: "marketing_spend", through: "marketing_spend" },
        { driver: "custom_costs", through: "custom_costs" },
      ],
    ],
    ["orders", []],
    ["repurchase_rate", []],
    ["roas", []],
  ] as const)("GIVEN %s THEN the indicators that drive it are, each with the driver it acts through", (indicator, drivers) => {
    expect(driversOf(indicator)).toEqual(drivers);
  });
});
