/**
 * "What moved this number": a change in a top indicator split into the effects of its factors,
 * by chained substitution (each factor's effect at the later values of the factors before it), so
 * the effects always add up to the change exactly.
 *
 * - net sales = orders × AOV − returns
 * - AOV = units per order × price per unit − discount per order
 * - gross profit = gross sales × cost coverage × profit per covered sale
 *
 * The totals are exact; effects are products of ratios, computed as numbers for display.
 */
import { MONEY_SCALE } from "@throughline/shopify-common/money";
import type { IndicatorKey, ReportedIndicatorKey } from "./definitions";
import type { Totals } from "./engine";
import type { ProfitBridgeStep } from "./profit-bridge";

export interface DriverEffect {
  key: string;
  label: string;
  /** In the indicator's unit (currency units for money). */
  effect: number;
}

export interface DriverBreakdown {
  indicator: IndicatorKey;
  before: number;
  after: number;
  change: number;
  effects: DriverEffect[];
}

const units = (money: bigint) => Number(money) / Number(MONEY_SCALE);
const per = (a: number, b: number) => (b === 0 ? null : a / b);

/** Effects of each factor, changed one after the other from its earlier to its later value. */
function chain(
  indicator: IndicatorKey,
  factors: { key: string; label: string; before: number; after: number }[],
  combine: (values: number[]) => number,
  extra: DriverEffect[] = [],
): DriverBreakdown {
  const values = factors.map((factor) => factor.before);
  const before = combine(values);
  let previous = before;
  const effects: DriverEffect[] = factors.map((factor, i) => {
    values[i] = factor.after;
    const next = combine(values);
    const effect = { key: factor.key, label: factor.label, effect: next - previous };
    previous = next;
    return effect;
  });
  const all = [...effects, ...extra];
  const change = all.reduce((sum, effect) => sum + effect.effect, 0);
  return { indicator, before, after: before + change, change, effects: all };
}

/** Net sales change: more or fewer orders, bigger or smaller orders, and returns. */
export function netSalesDrivers(before: Totals, after: Totals): DriverBreakdown | null {
  const aov = (t: Totals) => per(units(t.grossSales - t.discounts), t.orders);
  const [aov0, aov1] = [aov(before), aov(after)];
  if (aov0 === null || aov1 === null) return null;
  const breakdown = chain(
    "net_sales",
    [
      { key: "orders", label: "Number of orders", before: before.orders, after: after.orders },
      { key: "aov", label: "Average order value", before: aov0, after: aov1 },
    ],
    ([orders, value]) => (orders as number) * (value as number),
    [{ key: "returns", label: "Returns", effect: units(before.returns) - units(after.returns) }],
  );
  return {
    ...breakdown,
    before: units(before.grossSales - before.discounts - before.returns),
    after: units(after.grossSales - after.discounts - after.returns),
  };
}

/** AOV change: units per order, price per unit, and discounts per order. */
export function aovDrivers(before: Totals, after: Totals): DriverBreakdown | null {
  const factors = (t: Totals) => ({ upo: per(t.units, t.orders), ppu: per(units(t.grossSales), t.units), dpo: per(units(t.discounts), t.orders) });
  const [f0, f1] = [factors(before), factors(after)];
  if (f0.upo === null || f1.upo === null || f0.ppu === null || f1.ppu === null) return null;
  return chain(
    "aov",
    [
      { key: "units_per_order", label: "Units per order", before: f0.upo, after: f1.upo },
      { key: "price_per_unit", label: "Price per unit", before: f0.ppu, after: f1.ppu },
      { key: "discount_per_order", label: "Discount per order", before: f0.dpo ?? 0, after: f1.dpo ?? 0 },
    ],
    ([upo, ppu, dpo]) => (upo as number) * (ppu as number) - (dpo as number),
  );
}

/** Gross profit change: sales, how much of them has a known cost, and the margin on those. */
export function grossProfitDrivers(before: Totals, after: Totals): DriverBreakdown | null {
  const factors = (t: Totals) => ({
    sales: units(t.grossSales),
    coverage: per(units(t.knownCostGross), units(t.grossSales)),
    margin: per(units(t.knownCostNet - t.cogs), units(t.knownCostGross)),
  });
  const [f0, f1] = [factors(before), factors(after)];
  if (f0.coverage === null || f1.coverage === null || f0.margin === null || f1.margin === null) return null;
  return chain(
    "gross_profit",
    [
      { key: "sales", label: "Gross sales", before: f0.sales, after: f1.sales },
      { key: "cost_coverage", label: "Cost coverage", before: f0.coverage, after: f1.coverage },
      { key: "margin", label: "Margin on sales with a known cost", before: f0.margin, after: f1.margin },
    ],
    ([sales, coverage, margin]) => (sales as number) * (coverage as number) * (margin as number),
  );
}

export function driverBreakdowns(before: Totals, after: Totals): Partial<Record<IndicatorKey, DriverBreakdown>> {
  const result: Partial<Record<IndicatorKey, DriverBreakdown>> = {};
  for (const breakdown of [netSalesDrivers(before, after), aovDrivers(before, after), grossProfitDrivers(before, after)]) {
    if (breakdown) result[breakdown.indicator] = breakdown;
  }
  return result;
}

/**
 * The factors each breakdown above splits its indicator into (in its order), and the indicator a
 * factor is measured by when the app has one: an action on that indicator acts on what it drives
 * (the weekly review counts a bundle meant to lift AOV as acting on net sales). Price per unit and
 * discount per order have no indicator of their own.
 */
export const DRIVER_FACTORS = {
  net_sales: [
    { key: "orders", indicator: "orders" },
    { key: "aov", indicator: "aov" },
    { key: "returns", indicator: "returns" },
  ],
  aov: [
    { key: "units_per_order", indicator: "units_per_order" },
    { key: "price_per_unit", indicator: null },
    { key: "discount_per_order", indicator: null },
  ],
  gross_profit: [
    { key: "sales", indicator: "gross_sales" },
    { key: "cost_coverage", indicator: "cost_coverage" },
    { key: "margin", indicator: "gross_margin" },
  ],
} as const satisfies Partial<Record<IndicatorKey, readonly { key: string; indicator: IndicatorKey | null }[]>>;

/**
 * Net profit's bridge (profit-bridge.ts, "What moved net profit"): gross profit, then each cost
 * family, each measured by its own indicator where the app has one (the net sales without a product
 * cost have none). An action on gross margin acts on net profit through gross profit.
 */
export const NET_PROFIT_FACTORS = [
  { key: "gross_profit", indicator: "gross_profit" },
  { key: "uncosted_sales", indicator: null },
  { key: "default_cost", indicator: "cogs_all" },
  { key: "transaction_fees", indicator: "transaction_fees" },
  { key: "shipping_costs", indicator: "shipping_costs" },
  { key: "marketing_spend", indicator: "marketing_spend" },
  { key: "custom_costs", indicator: "custom_costs" },
] as const satisfies readonly { key: "gross_profit" | ProfitBridgeStep; indicator: ReportedIndicatorKey | null }[];

const FACTORS: Partial<Record<ReportedIndicatorKey, readonly { indicator: ReportedIndicatorKey | null }[]>> = {
  ...DRIVER_FACTORS,
  net_profit: NET_PROFIT_FACTORS,
};

/**
 * The indicators that drive `indicator`, through every breakdown below it (units per order drives
 * AOV, which drives net sales; gross margin drives gross profit, which drives net profit), each with
 * the driver of `indicator` it acts through.
 */
export function driversOf(indicator: ReportedIndicatorKey): { driver: ReportedIndicatorKey; through: ReportedIndicatorKey }[] {
  const found: { driver: ReportedIndicatorKey; through: ReportedIndicatorKey }[] = [];
  const visit = (of: ReportedIndicatorKey, through: ReportedIndicatorKey | null) => {
    for (const factor of FACTORS[of] ?? []) {
      if (factor.indicator === null || factor.indicator === indicator || found.some((known) => known.driver === factor.indicator)) continue;
      found.push({ driver: factor.indicator, through: through ?? factor.indicator });
      visit(factor.indicator, through ?? factor.indicator);
    }
  };
  visit(indicator, null);
  return found;
}
