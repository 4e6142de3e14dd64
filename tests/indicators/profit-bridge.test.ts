import { describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import type { CustomCost } from "~/costs/cost-settings";
import { emptyPaymentTotals, emptyShippingTotals, emptyTotals, type Totals } from "~/indicators/engine";
import { computeProfitIndicators, profitParts, type ProfitInputs, type ProfitSettings } from "~/indicators/profit";
import { PROFIT_BRIDGE_STEPS, profitBridge, profitBridgePeriod } from "~/indicators/profit-bridge";
import { parseDay } from "~/lib/calendar";

// "What moved net profit": gross profit to net profit through each cost family (sales without a
// product cost, their cost at the default rate, fees, shipping, marketing, other costs), exact in
// money units, so a period's steps add up to its net profit as reported and the effects to the change.

const m = parseMoney;

function inputs(over: { from: string; to: string; totals: Partial<Totals>; fees: string; shipping: string; marketing: string }): ProfitInputs {
  return {
    period: { from: parseDay(over.from)!, to: parseDay(over.to)! },
    totals: { ...emptyTotals(), ...over.totals },
    payments: { ...emptyPaymentTotals(), transactionFees: m(over.fees) },
    shipping: { ...emptyShippingTotals(), shippingCosts: m(over.shipping) },
    marketingSpend: m(over.marketing),
  };
}

const abs = (value: bigint) => (value < 0n ? -value : value);

describe("the bridge from gross profit to net profit", () => {
  it("GIVEN whole amounts WHEN a period is bridged THEN each step is its family's amount, costs taking away, from gross profit to net profit as reported", () => {
    const totals = { grossSales: m("1100"), discounts: m("60"), returns: m("40"), knownCostNet: m("800"), cogs: m("300") };
    const settings: ProfitSettings = { customCosts: [{ kind: "one_off", date: "2026-03-01", amount: m("10") }], defaultCostRate: "0.35" };
    const period = inputs({ from: "2026-03-01", to: "2026-03-01", totals, fees: "29.5", shipping: "45.25", marketing: "120" });
    const bridge = profitBridgePeriod(profitParts(period, settings));
    const indicators = computeProfitIndicators(period, settings);

    const netSales = totals.grossSales - totals.discounts - totals.returns;
    expect(bridge.grossProfit).toBe(totals.knownCostNet - totals.cogs);
    expect(bridge.steps).toEqual({
      uncosted_sales: netSales - totals.knownCostNet,
      default_cost: -((netSales - totals.knownCostNet) * 35n) / 100n,
      transaction_fees: -m("29.5"),
      shipping_costs: -m("45.25"),
      marketing_spend: -m("120"),
      custom_costs: -m("10"),
    });
    // The default rate's step is the cost of all goods beyond the known cost.
    expect(-bridge.steps.default_cost).toBe((indicators.cogs_all as bigint) - totals.cogs);
    expect(bridge.netProfit).toBe(indicators.net_profit);
  });

  it("GIVEN costs in fractions of a money unit (a monthly cost over a few days, a default rate on odd sales) WHEN two periods are bridged THEN each period's steps add up to its net profit exactly and the effects to the change", () => {
    const rent: CustomCost = { kind: "monthly", amount: m("100") };
    const percent: CustomCost = { kind: "percent_of_net_sales", rate: "0.0137" };
    // A family of periods and settings whose exact amounts fall between money units, each case different.
    for (let i = 0; i < 60; i++) {
      const settings: ProfitSettings = { customCosts: i % 3 === 0 ? [rent] : [rent, percent], defaultCostRate: i % 4 === 0 ? null : `0.${333 + i}` };
      const period = (from: string, to: string, scale: bigint) =>
        inputs({
          from,
          to,
          totals: {
            grossSales: m("1234.5677") * scale + BigInt(i),
            discounts: m("12.3401"),
            returns: m("7.0003") * BigInt(i % 5),
            knownCostNet: m("901.2345") * scale,
            cogs: m("345.6789") * scale + BigInt(7 * i),
            newCustomers: i,
          },
          fees: `${31 + i}.1234`,
          shipping: `${17 + (i % 7)}.0051`,
          marketing: `${i * 3}.3333`,
        });
      const before = period("2026-02-03", `2026-02-${String(5 + (i % 20)).padStart(2, "0")}`, 1n);
      const after = period("2026-03-02", `2026-03-${String(4 + (i % 25)).padStart(2, "0")}`, 2n);
      const bridge = profitBridge(profitParts(before, settings), profitParts(after, settings));

      for (const [side, report] of [
        [bridge.before, before],
        [bridge.after, after],
      ] as const) {
        const indicators = computeProfitIndicators(report, settings);
        const sum = PROFIT_BRIDGE_STEPS.reduce((total, step) => total + side.steps[step], side.grossProfit);
        expect(sum).toBe(side.netProfit);
        expect(side.netProfit).toBe(indicators.net_profit);
        // Each step is its family rounded on its own, give or take one money unit.
        expect(abs(-side.steps.default_cost - ((indicators.cogs_all as bigint) - report.totals.cogs))).toBeLessThanOrEqual(1n);
        expect(abs(-side.steps.custom_costs - (indicators.custom_costs as bigint))).toBeLessThanOrEqual(1n);
        expect(side.steps.transaction_fees).toBe(-report.payments.transactionFees);
      }
      const effects = Object.values(bridge.effects).reduce((total, effect) => total + effect, 0n);
      expect(effects).toBe(bridge.change);
      expect(bridge.change).toBe(bridge.after.netProfit - bridge.before.netProfit);
      expect(bridge.effects.gross_profit).toBe(bridge.after.grossProfit - bridge.before.grossProfit);
    }
  });

  it("GIVEN no default cost rate THEN sales without a cost add to profit whole and their cost step is nothing", () => {
    const period = inputs({
      from: "2026-03-01",
      to: "2026-03-31",
      totals: { grossSales: m("500"), knownCostNet: m("300"), cogs: m("100") },
      fees: "0",
      shipping: "0",
      marketing: "0",
    });
    const bridge = profitBridgePeriod(profitParts(period, { customCosts: [], defaultCostRate: null }));
    expect(bridge.steps.uncosted_sales).toBe(m("200"));
    expect(bridge.steps.default_cost).toBe(0n);
    expect(bridge.netProfit).toBe(m("400"));
  });
});
