/**
 * "What moved net profit" (pure): a bridge from gross profit to net profit through each cost family
 * METRICS.md's net profit subtracts, for a period and the one it is compared with, and each step's
 * effect on the change of net profit.
 *
 * Gross profit is the profit on sales whose product cost is known; net profit counts every sale. So
 * the bridge first adds the net sales without a product cost, then takes their cost at the owner's
 * default rate, then payment fees, shipping, marketing spend and the other costs:
 *
 *   net profit = gross profit + sales without a cost − their cost at the default rate − fees
 *                − shipping − marketing − other costs
 *
 * Money stays exact (money units as bigint, fractions where the default rate or a monthly cost make
 * them) and is rounded by the running total: each step is the rounded total after it less the rounded
 * total before it, so the steps of a period add up exactly to its net profit as reported (rounded once,
 * profit.ts), and the effects (a step's change between the periods) add up exactly to the change of
 * net profit. A step differs from its family rounded on its own by at most one money unit (1/10,000
 * of the currency), never at the cents shown.
 */
import type { Money } from "@throughline/shopify-common/money";
import { exact, minus, plus, rounded, type Exact, type ProfitParts } from "./profit";

/** The steps between gross profit and net profit, in the bridge's order: signed, a cost takes away. */
export const PROFIT_BRIDGE_STEPS = ["uncosted_sales", "default_cost", "transaction_fees", "shipping_costs", "marketing_spend", "custom_costs"] as const;

export type ProfitBridgeStep = (typeof PROFIT_BRIDGE_STEPS)[number];

/** A period's bridge: gross profit, each step (what it adds to profit; costs are negative) and net profit, in money units. */
export interface ProfitBridgePeriod {
  grossProfit: Money;
  steps: Record<ProfitBridgeStep, Money>;
  netProfit: Money;
}

/** Each step of the bridge as an exact signed amount (what it adds to gross profit on the way to net profit). */
function exactSteps(parts: ProfitParts): Record<ProfitBridgeStep, Exact> {
  const negative = (value: Exact) => minus(exact(0n), value);
  return {
    uncosted_sales: exact(parts.netSales - parts.knownCostNet),
    default_cost: negative(parts.defaultCost),
    transaction_fees: exact(-parts.transactionFees),
    shipping_costs: exact(-parts.shippingCosts),
    marketing_spend: exact(-parts.marketingSpend),
    custom_costs: negative(parts.customCosts),
  };
}

export function profitBridgePeriod(parts: ProfitParts): ProfitBridgePeriod {
  const grossProfit = parts.knownCostNet - parts.cogs;
  const exactStep = exactSteps(parts);
  let total: Exact = exact(grossProfit);
  let shown: Money = grossProfit;
  const steps = {} as Record<ProfitBridgeStep, Money>;
  for (const step of PROFIT_BRIDGE_STEPS) {
    total = plus(total, exactStep[step]);
    const next = rounded(total);
    steps[step] = next - shown;
    shown = next;
  }
  return { grossProfit, steps, netProfit: shown };
}

/** The bridge of a period against the one before: each period's figures and each step's effect on the change. */
export interface ProfitBridge {
  before: ProfitBridgePeriod;
  after: ProfitBridgePeriod;
  /** What each step (gross profit's own change first) moved net profit by: they add up to `change`. */
  effects: Record<"gross_profit" | ProfitBridgeStep, Money>;
  change: Money;
}

export function profitBridge(before: ProfitParts, after: ProfitParts): ProfitBridge {
  const [earlier, later] = [profitBridgePeriod(before), profitBridgePeriod(after)];
  const effects = { gross_profit: later.grossProfit - earlier.grossProfit } as ProfitBridge["effects"];
  for (const step of PROFIT_BRIDGE_STEPS) effects[step] = later.steps[step] - earlier.steps[step];
  return { before: earlier, after: later, effects, change: later.netProfit - earlier.netProfit };
}
