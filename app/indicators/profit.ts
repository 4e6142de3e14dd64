/**
 * Net profit and what goes into it beyond the rollups (METRICS.md, "The whole cost of a sale"), pure:
 * the owner's other costs and default cost rate are read when a period is reported, so changing them
 * recomputes nothing (decision 025). Each figure is exact until it is reported: a monthly cost spread
 * over a month's days, a percentage of net sales and the default rate's share of sales without a cost
 * are fractions, summed as fractions, and a period's money figure is rounded once, half away from zero,
 * to the app's money unit (1/10,000 of the currency), net profit from the exact parts. Output rounds
 * to 2 decimals after that, like every money figure.
 */
import type { Money } from "@throughline/shopify-common/money";
import { MONEY_SCALE } from "@throughline/shopify-common/money";
import type { CustomCost } from "~/costs/cost-settings";
import { monthStart, nextBucketStart, parseDay, type Period } from "~/lib/calendar";
import type { ProfitIndicatorKey } from "./definitions";
import { decimalFraction, type IndicatorValue, type PaymentTotals, type ShippingTotals, type Totals } from "./engine";

/** An exact amount of money units: num / den, den > 0. */
export interface Exact {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
export function exact(num: bigint, den = 1n): Exact {
  const divisor = gcd(num, den) || 1n;
  return { num: num / divisor, den: den / divisor };
}
export const plus = (a: Exact, b: Exact) => exact(a.num * b.den + b.num * a.den, a.den * b.den);
export const minus = (a: Exact, b: Exact) => exact(a.num * b.den - b.num * a.den, a.den * b.den);
export const times = (a: Exact, b: Exact) => exact(a.num * b.num, a.den * b.den);
const ZERO = exact(0n);

/** Rounded half away from zero to a whole money unit. */
export function rounded(value: Exact): Money {
  const magnitude = value.num < 0n ? -value.num : value.num;
  const units = (2n * magnitude + value.den) / (2n * value.den);
  return value.num < 0n ? -units : units;
}

/** a / b as a number from the exact values, null when b is 0. */
function quotient(a: Exact, b: Exact): number | null {
  return b.num === 0n ? null : Number(a.num * b.den) / Number(a.den * b.num);
}

/** The days of [from, to] (inclusive) that fall in each calendar month, with that month's length. */
function monthsOf(from: number, to: number): { days: number; monthLength: number }[] {
  const months = [];
  for (let start = monthStart(from); start <= to; start = nextBucketStart(start, "month")) {
    const next = nextBucketStart(start, "month");
    months.push({ days: Math.min(to, next - 1) - Math.max(from, start) + 1, monthLength: next - start });
  }
  return months;
}

/**
 * One of the owner's other costs over the days of a period: a monthly amount spread evenly over the
 * days of each calendar month (within its months when it names them), a one-off amount on its date,
 * a percentage of the period's net sales (each day's, summed: nothing rounded per day).
 */
function customCostOver(cost: CustomCost, period: Period, netSales: Money): Exact {
  if (cost.kind === "percent_of_net_sales") {
    const rate = decimalFraction(cost.rate);
    return exact(rate.num * netSales, rate.den);
  }
  if (cost.kind === "one_off") {
    const day = parseDay(cost.date);
    return day !== null && day >= period.from && day <= period.to ? exact(cost.amount) : ZERO;
  }
  const from = Math.max(period.from, cost.fromMonth ? parseDay(`${cost.fromMonth}-01`)! : period.from);
  const to = Math.min(period.to, cost.toMonth ? nextBucketStart(parseDay(`${cost.toMonth}-01`)!, "month") - 1 : period.to);
  if (from > to) return ZERO;
  return monthsOf(from, to).reduce((sum, month) => plus(sum, exact(cost.amount * BigInt(month.days), BigInt(month.monthLength))), ZERO);
}

/** The owner's settings net profit reads when a period is reported. */
export interface ProfitSettings {
  customCosts: readonly CustomCost[];
  /** The cost rate of sales without a product cost (0 ≤ rate < 1), null when none is set. */
  defaultCostRate: string | null;
}

export const NO_PROFIT_SETTINGS: ProfitSettings = { customCosts: [], defaultCostRate: null };

/** What a period's report holds that net profit reads (report.server.ts's PeriodReport), and its marketing spend. */
export interface ProfitInputs {
  period: Period;
  totals: Totals;
  payments: PaymentTotals;
  shipping: ShippingTotals;
  /** METRICS.md `marketing_spend` (app/ads/marketing-spend.server.ts). */
  marketingSpend: Money;
}

export type ProfitIndicators = Record<ProfitIndicatorKey, IndicatorValue>;

/**
 * What net profit is made of in a period, exact: net sales, the part of them whose product cost is
 * known with that cost, and what each other cost family takes (the default rate's cost of the sales
 * without one and the owner's other costs are fractions until reported). The "What moved net profit"
 * bridge (profit-bridge.ts) and the indicators below read the same parts.
 */
export interface ProfitParts {
  netSales: Money;
  knownCostNet: Money;
  cogs: Money;
  /** default_cost_rate × (net sales − net sales with a cost); 0 without a default rate. */
  defaultCost: Exact;
  transactionFees: Money;
  shippingCosts: Money;
  marketingSpend: Money;
  customCosts: Exact;
  /** The rate filling sales without a product cost, as the owner set it (exact decimal text), or null. */
  defaultCostRate: string | null;
}

export function profitParts({ period, totals, payments, shipping, marketingSpend }: ProfitInputs, settings: ProfitSettings): ProfitParts {
  const netSales = totals.grossSales - totals.discounts - totals.returns;
  let defaultCost = ZERO;
  if (settings.defaultCostRate !== null) {
    const rate = decimalFraction(settings.defaultCostRate);
    defaultCost = exact(rate.num * (netSales - totals.knownCostNet), rate.den);
  }
  return {
    netSales,
    knownCostNet: totals.knownCostNet,
    cogs: totals.cogs,
    defaultCost,
    transactionFees: payments.transactionFees,
    shippingCosts: shipping.shippingCosts,
    marketingSpend,
    customCosts: settings.customCosts.reduce((sum, cost) => plus(sum, customCostOver(cost, period, netSales)), ZERO),
    defaultCostRate: settings.defaultCostRate,
  };
}

/** Net profit from its parts, exact: net sales − cost of all goods − fees − shipping − marketing − other costs. */
export function exactNetProfit(parts: ProfitParts): Exact {
  const cogsAll = plus(exact(parts.cogs), parts.defaultCost);
  return [cogsAll, exact(parts.transactionFees), exact(parts.shippingCosts), exact(parts.marketingSpend), parts.customCosts].reduce(
    minus,
    exact(parts.netSales),
  );
}

export function profitIndicatorsFrom(parts: ProfitParts, newCustomers: number): ProfitIndicators {
  const netProfit = exactNetProfit(parts);
  const netSales = exact(parts.netSales);
  const marketingSpend = exact(parts.marketingSpend);
  return {
    custom_costs: rounded(parts.customCosts),
    cogs_all: rounded(plus(exact(parts.cogs), parts.defaultCost)),
    net_profit: rounded(netProfit),
    net_margin: quotient(netProfit, netSales),
    mer: quotient(netSales, marketingSpend),
    // Money per new customer, in currency units (as average order value is).
    cac: quotient(times(marketingSpend, exact(1n, MONEY_SCALE)), exact(BigInt(newCustomers))),
  };
}

export function computeProfitIndicators(inputs: ProfitInputs, settings: ProfitSettings): ProfitIndicators {
  return profitIndicatorsFrom(profitParts(inputs, settings), inputs.totals.newCustomers);
}
