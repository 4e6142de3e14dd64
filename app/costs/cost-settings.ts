/**
 * The owner's cost settings as the whole cost of a sale reads them (METRICS.md, pure): the stored
 * rows turned into the shape the test oracle takes (`OracleCostSettings`), with money kept exact.
 * Shipping rules are read in order, the first whose countries hold the order's country pricing
 * it: a country's own rule, then the rest of the world's.
 */
import type { Money } from "@throughline/shopify-common/money";
import { REST_OF_WORLD } from "./countries";

export interface CostSettings {
  gatewayFees: { gateway: string; rate: string; flatFee: Money }[];
  shippingRules: { countries: string[] | "all"; perOrder: Money; perUnit: Money }[];
  /** Imported actual costs by order name: they win over the rules. */
  shippingCosts: { orderName: string; cost: Money }[];
  customCosts: CustomCost[];
  /** The cost rate of sales without a product cost (0 ≤ rate < 1), null when none is set. */
  defaultCostRate: string | null;
}

export type CustomCost =
  | { kind: "monthly"; amount: Money; fromMonth?: string; toMonth?: string }
  | { kind: "one_off"; date: string; amount: Money }
  | { kind: "percent_of_net_sales"; rate: string };

/** The rows as the database holds them (Prisma's models, only the columns read). */
export interface StoredCostSettings {
  settings: { defaultCostRate: string | null } | null;
  gatewayFeeRules: readonly { gateway: string; rate: string; fixedFee: bigint }[];
  shippingRules: readonly { destination: string; perOrder: bigint; perUnit: bigint }[];
  shippingCosts: readonly { orderName: string; cost: bigint }[];
  customCosts: readonly {
    kind: string;
    amount: bigint | null;
    rate: string | null;
    fromMonth: string | null;
    toMonth: string | null;
    date: string | null;
  }[];
}

export function customCostOf(row: StoredCostSettings["customCosts"][number]): CustomCost {
  if (row.kind === "percent_of_net_sales" && row.rate !== null) return { kind: row.kind, rate: row.rate };
  if (row.kind === "one_off" && row.date !== null && row.amount !== null) return { kind: row.kind, date: row.date, amount: row.amount };
  if (row.kind === "monthly" && row.amount !== null)
    return { kind: row.kind, amount: row.amount, ...(row.fromMonth ? { fromMonth: row.fromMonth } : {}), ...(row.toMonth ? { toMonth: row.toMonth } : {}) };
  // Only the validated writes of costs.server.ts store custom costs: anything else is a broken row.
  throw new Error(`a custom cost of kind "${row.kind}" lacks its ${row.kind === "percent_of_net_sales" ? "rate" : "amount or date"}`);
}

export function costSettingsOf(stored: StoredCostSettings): CostSettings {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const countries = stored.shippingRules.filter((rule) => rule.destination !== REST_OF_WORLD).sort((a, b) => byName(a.destination, b.destination));
  const rest = stored.shippingRules.find((rule) => rule.destination === REST_OF_WORLD);
  return {
    gatewayFees: [...stored.gatewayFeeRules]
      .sort((a, b) => byName(a.gateway, b.gateway))
      .map((rule) => ({ gateway: rule.gateway, rate: rule.rate, flatFee: rule.fixedFee })),
    shippingRules: [
      ...countries.map((rule) => ({ countries: [rule.destination], perOrder: rule.perOrder, perUnit: rule.perUnit })),
      ...(rest ? [{ countries: "all" as const, perOrder: rest.perOrder, perUnit: rest.perUnit }] : []),
    ],
    shippingCosts: [...stored.shippingCosts].sort((a, b) => byName(a.orderName, b.orderName)).map(({ orderName, cost }) => ({ orderName, cost })),
    customCosts: stored.customCosts.map(customCostOf),
    defaultCostRate: stored.settings?.defaultCostRate ?? null,
  };
}

/** Exact decimal text of `numerator / denominator` to `decimals` places, rounded half up (both non-negative). */
function decimalRatio(numerator: bigint, denominator: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = (2n * numerator * scale + denominator) / (2n * denominator);
  const whole = (scaled / scale).toString();
  const fraction = (scaled % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * The default cost rate suggested from the products that have a cost: their cost ÷ their net sales
 * over the days given (a fraction to four decimals), and the share of net sales it would fill (the
 * sales without a cost). Null where nothing with a cost sold at a positive net.
 */
export function suggestedDefaultCostRate(totals: { netSales: Money; knownCostNet: Money; cogs: Money }): {
  rate: string | null;
  fills: number | null;
} {
  const { netSales, knownCostNet, cogs } = totals;
  const rate = knownCostNet > 0n && cogs >= 0n && cogs < knownCostNet ? decimalRatio(cogs, knownCostNet, 4) : null;
  const fills = netSales > 0n ? Number(netSales - knownCostNet > 0n ? netSales - knownCostNet : 0n) / Number(netSales) : null;
  return { rate, fills };
}
