/**
 * Does the indicator serve the goal? (pure) A goal names its outcome: net profit, net sales, repeat
 * customers (customers of the period who had ordered before it: customers − new customers) or any
 * indicator the app reports. For the first three, the change of the outcome over the goal's days so
 * far against the same number of days just before is split into the parts its indicators explain:
 *
 *   net profit       = orders × AOV × margin − fees − shipping − marketing − other costs
 *   net sales        = orders × AOV − returns
 *   repeat customers = customers × returning share
 *
 * where AOV = (gross sales − discounts) / orders (METRICS.md's), margin = (net sales − cost of all
 * goods) / (gross sales − discounts), the share of each order's sales left after returns and the
 * cost of goods (so discounts bought with a higher AOV, returns and product cost show in it), and
 * the returning share is returning_customer_rate. A product's change is split symmetrically (Shapley:
 * the average of the chained substitutions over every order of its factors), a sum's by difference,
 * all in exact fractions; a period where a factor is undefined (no orders, no sales, no customers)
 * gives the whole product change to its first factor, the other factors taken as the defined
 * period's. What the identity doesn't cover (a period without sales still has returns of earlier
 * ones) is "unexplained": the change less every other part, 0 whenever the identity holds.
 *
 * Parts are rounded by the running total (decision 026): in money units, or in 1/10,000 of a
 * customer, each part is the rounded total after it less the rounded total before it, so the parts
 * add up exactly to the change of the outcome as reported.
 *
 * A goal's target drives one or more parts (TARGET_PARTS). A target on track (or met) whose part,
 * the sum of its lines, moved the outcome against the goal is flagged (flagTargets).
 */
import { MONEY_SCALE, type Money } from "@throughline/shopify-common/money";
import { isReportedIndicatorKey, REPORTED_INDICATOR_KEYS, type ReportedIndicatorKey } from "~/indicators/definitions";
import type { Period } from "~/lib/calendar";
import { exact, exactNetProfit, minus, plus, rounded, times, type Exact, type ProfitParts } from "~/indicators/profit";

/** The outcomes a goal's change is split into parts for. */
export const BRIDGED_OUTCOMES = ["net_profit", "net_sales", "repeat_customers"] as const;
export type BridgedOutcome = (typeof BRIDGED_OUTCOMES)[number];
export type GoalOutcome = BridgedOutcome | ReportedIndicatorKey;

export const DEFAULT_OUTCOME: GoalOutcome = "net_profit";

export const isBridgedOutcome = (value: string): value is BridgedOutcome => (BRIDGED_OUTCOMES as readonly string[]).includes(value);
export const isGoalOutcome = (value: string): value is GoalOutcome => isBridgedOutcome(value) || isReportedIndicatorKey(value);

/** Every outcome a goal can name: the bridged ones first, then every other indicator the app reports. */
export const GOAL_OUTCOMES: readonly GoalOutcome[] = [...BRIDGED_OUTCOMES, ...REPORTED_INDICATOR_KEYS.filter((key) => !isBridgedOutcome(key))];

/** Each bridged outcome's parts, in the order they are added up (the unexplained rest last). */
export const BRIDGE_PARTS = {
  net_profit: ["orders", "aov", "margin", "fees", "shipping", "marketing", "other_costs", "unexplained"],
  net_sales: ["orders", "aov", "returns", "unexplained"],
  repeat_customers: ["customers", "returning_share", "unexplained"],
} as const satisfies Record<BridgedOutcome, readonly string[]>;

export type BridgePart = (typeof BRIDGE_PARTS)[BridgedOutcome][number];

/** What a part's own figure in each period is (null: the unexplained rest, which has none). */
export const PART_KINDS: Record<BridgePart, "count" | "money" | "ratio" | null> = {
  orders: "count",
  aov: "money",
  margin: "ratio",
  fees: "money",
  shipping: "money",
  marketing: "money",
  other_costs: "money",
  returns: "money",
  customers: "count",
  returning_share: "ratio",
  unexplained: null,
};

/** Repeat customers are counted in 1/10,000 of a customer, so their parts round like money's. */
export const COUNT_SCALE = MONEY_SCALE;

/** What a period holds that an outcome and its parts are read from (report.server.ts and profit.ts). */
export interface OutcomeFigures {
  orders: number;
  grossSales: Money;
  discounts: Money;
  customers: number;
  newCustomers: number;
  /** Net profit's exact parts: net sales, the cost of goods and every other cost (profit.ts). */
  profit: ProfitParts;
}

const ZERO = exact(0n);

/** a / b, exact; null when b is 0. */
function over(a: Exact, b: Exact): Exact | null {
  if (b.num === 0n) return null;
  const sign = b.num < 0n ? -1n : 1n;
  return exact(a.num * b.den * sign, a.den * b.num * sign);
}

const salesOf = (figures: OutcomeFigures) => figures.grossSales - figures.discounts;
const returnsOf = (figures: OutcomeFigures) => salesOf(figures) - figures.profit.netSales;
const cogsAllOf = (figures: OutcomeFigures) => plus(exact(figures.profit.cogs), figures.profit.defaultCost);
const repeatOf = (figures: OutcomeFigures) => figures.customers - figures.newCustomers;

/** The outcome over a period, exact: in money units, or in 1/10,000 of a customer. */
function exactOutcome(outcome: BridgedOutcome, figures: OutcomeFigures): Exact {
  switch (outcome) {
    case "net_profit":
      return exactNetProfit(figures.profit);
    case "net_sales":
      return exact(figures.profit.netSales);
    case "repeat_customers":
      return exact(BigInt(repeatOf(figures)) * COUNT_SCALE);
  }
}

/** The outcome as reported (rounded once, like every figure: net profit as the dashboard shows it). */
export function outcomeValue(outcome: BridgedOutcome, figures: OutcomeFigures): bigint {
  return rounded(exactOutcome(outcome, figures));
}

/** Each product factor's own figure in a period (null where it is undefined), in the outcome's part order. */
function factorFigures(outcome: BridgedOutcome, figures: OutcomeFigures): (Exact | null)[] {
  const orders = exact(BigInt(figures.orders));
  const sales = exact(salesOf(figures));
  const aov = over(sales, orders);
  switch (outcome) {
    case "net_profit":
      return [orders, aov, over(minus(exact(figures.profit.netSales), cogsAllOf(figures)), sales)];
    case "net_sales":
      return [orders, aov];
    case "repeat_customers":
      return [exact(BigInt(figures.customers)), over(exact(BigInt(repeatOf(figures))), exact(BigInt(figures.customers)))];
  }
}

/** What each summed part is in a period (a cost, or returns), as it is taken away from the outcome. */
function summedFigures(outcome: BridgedOutcome, figures: OutcomeFigures): Exact[] {
  const { profit } = figures;
  switch (outcome) {
    case "net_profit":
      return [exact(profit.transactionFees), exact(profit.shippingCosts), exact(profit.marketingSpend), profit.customCosts];
    case "net_sales":
      return [exact(returnsOf(figures))];
    case "repeat_customers":
      return [];
  }
}

const productOf = (factors: readonly Exact[]) => factors.reduce(times, exact(1n));

/** Every order of n items (n! of them). */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((rest) => Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]));
}

/**
 * The change of a product of factors split over them symmetrically (Shapley): for every order of the
 * factors, each factor's step when it alone changes from its earlier value to its later one, averaged
 * over the orders. The parts add up to the product's change exactly.
 */
export function shapleyParts(before: readonly Exact[], after: readonly Exact[]): Exact[] {
  const orders = permutations(before.length);
  const parts = before.map(() => ZERO);
  for (const order of orders) {
    const current = [...before];
    let value = productOf(current);
    for (const index of order) {
      current[index] = after[index]!;
      const next = productOf(current);
      parts[index] = plus(parts[index]!, minus(next, value));
      value = next;
    }
  }
  return parts.map((part) => exact(part.num, part.den * BigInt(orders.length)));
}

/** The product parts: Shapley when both periods define every factor, else the whole change to the first factor. */
function productParts(before: (Exact | null)[], after: (Exact | null)[], scale: bigint): Exact[] {
  const defined = (factors: (Exact | null)[]): factors is Exact[] => factors.every((factor) => factor !== null);
  const scaled = (part: Exact) => times(part, exact(scale));
  if (defined(before) && defined(after)) return shapleyParts(before, after).map(scaled);
  // A period with a factor undefined holds none of the product (no orders, no sales, no customers).
  const value = (factors: (Exact | null)[]) => (defined(factors) ? productOf(factors) : ZERO);
  return [scaled(minus(value(after), value(before))), ...before.slice(1).map(() => ZERO)];
}

export interface BridgeLine {
  part: BridgePart;
  /** The part's own figure in each period (orders, AOV in money units, a share as a fraction, a cost in money units); null where undefined, and for the unexplained rest. */
  before: Exact | null;
  after: Exact | null;
  /** What it moved the outcome by, in the outcome's units (money units, or 1/10,000 of a customer), rounded by the running total. */
  effect: bigint;
}

export interface GoalBridge {
  outcome: BridgedOutcome;
  /** The outcome in each period as reported, and its change: the lines' effects add up to it exactly. */
  before: bigint;
  after: bigint;
  change: bigint;
  lines: BridgeLine[];
}

/** The outcome's change between two periods split into its parts. */
export function goalBridge(outcome: BridgedOutcome, before: OutcomeFigures, after: OutcomeFigures): GoalBridge {
  const parts = BRIDGE_PARTS[outcome];
  const [factorsBefore, factorsAfter] = [factorFigures(outcome, before), factorFigures(outcome, after)];
  const [summedBefore, summedAfter] = [summedFigures(outcome, before), summedFigures(outcome, after)];
  const scale = outcome === "repeat_customers" ? COUNT_SCALE : 1n;
  const [start, end] = [exactOutcome(outcome, before), exactOutcome(outcome, after)];
  const effects = [
    ...productParts(factorsBefore, factorsAfter, scale),
    // A summed part is taken away: more of it moves the outcome down.
    ...summedBefore.map((earlier, index) => minus(earlier, summedAfter[index]!)),
  ];
  // What the identity doesn't cover: the change less every part it explains.
  effects.push(effects.reduce(minus, minus(end, start)));
  const figuresBefore = [...factorsBefore, ...summedBefore, null];
  const figuresAfter = [...factorsAfter, ...summedAfter, null];
  let total = start;
  let shown = rounded(start);
  const lines = parts.map((part, index): BridgeLine => {
    total = plus(total, effects[index]!);
    const next = rounded(total);
    const line = { part, before: figuresBefore[index] ?? null, after: figuresAfter[index] ?? null, effect: next - shown };
    shown = next;
    return line;
  });
  const first = rounded(start);
  return { outcome, before: first, after: shown, change: shown - first, lines };
}

/**
 * The parts a target's indicator drives, its own first. Average order value bought with discounts
 * shows in margin, so AOV's part is AOV's line and margin's; ROAS, MER and CAC bring orders for
 * marketing spend. Indicators that drive no part (the outcome itself, coverage) are left out.
 */
export const TARGET_PARTS: Record<BridgedOutcome, Partial<Record<ReportedIndicatorKey, readonly BridgePart[]>>> = {
  net_profit: {
    orders: ["orders"],
    customers: ["orders"],
    new_customers: ["orders"],
    repurchase_rate: ["orders"],
    returning_customer_rate: ["orders"],
    aov: ["aov", "margin"],
    units_per_order: ["aov", "margin"],
    gross_sales: ["orders", "aov"],
    units: ["orders", "aov", "margin"],
    net_sales: ["orders", "aov", "margin"],
    gross_profit: ["orders", "aov", "margin"],
    discounts: ["margin", "aov"],
    discount_rate: ["margin"],
    returns: ["margin"],
    return_rate: ["margin"],
    cogs: ["margin"],
    cogs_all: ["margin"],
    gross_margin: ["margin"],
    net_margin: ["margin", "fees", "shipping", "marketing", "other_costs"],
    transaction_fees: ["fees"],
    shipping_costs: ["shipping"],
    marketing_spend: ["marketing"],
    ad_spend: ["marketing"],
    marketing_cost_ratio: ["marketing"],
    roas: ["orders", "marketing"],
    mer: ["orders", "marketing"],
    cac: ["orders", "marketing"],
    custom_costs: ["other_costs"],
  },
  net_sales: {
    orders: ["orders"],
    customers: ["orders"],
    new_customers: ["orders"],
    repurchase_rate: ["orders"],
    returning_customer_rate: ["orders"],
    roas: ["orders"],
    mer: ["orders"],
    cac: ["orders"],
    aov: ["aov"],
    units_per_order: ["aov"],
    discounts: ["aov"],
    discount_rate: ["aov"],
    gross_sales: ["orders", "aov"],
    units: ["orders", "aov"],
    returns: ["returns"],
    return_rate: ["returns"],
  },
  repeat_customers: {
    customers: ["customers"],
    new_customers: ["customers"],
    orders: ["customers"],
    repurchase_rate: ["returning_share"],
    returning_customer_rate: ["returning_share"],
  },
};

/** Each bridged outcome is one where more is better: a part below zero moved it against the goal. */
const against = (amount: bigint) => amount < 0n;

/** A target as pacing left it (target-status.server.ts). */
export interface TargetPace {
  id: number;
  indicator: string;
  status: string;
}

export interface GoalFlag {
  targetId: number;
  indicator: ReportedIndicatorKey;
  status: "on_track" | "met";
  /** The target's lines, its own first, with what each moved the outcome by. */
  lines: { part: BridgePart; effect: bigint }[];
  /** Their sum: against the goal. */
  part: bigint;
  /** When its own line helped: the line that took more than it added; null when its own line went against. */
  tradeOff: BridgePart | null;
}

/**
 * The targets of a goal that are on track (or met) while their part of the outcome went against the
 * goal: exactly those, never a target off track, at risk or not started, never a part of exactly 0.
 */
export function flagTargets(bridge: GoalBridge, targets: readonly TargetPace[]): GoalFlag[] {
  const effects = new Map<BridgePart, bigint>(bridge.lines.map((line) => [line.part, line.effect]));
  return targets.flatMap((target): GoalFlag[] => {
    if (target.status !== "on_track" && target.status !== "met") return [];
    const parts = isReportedIndicatorKey(target.indicator) ? TARGET_PARTS[bridge.outcome][target.indicator] : undefined;
    if (!parts) return [];
    const lines = parts.map((part) => ({ part, effect: effects.get(part) ?? 0n }));
    const part = lines.reduce((sum, line) => sum + line.effect, 0n);
    if (!against(part)) return [];
    const [own, ...paired] = lines;
    const worst = paired.reduce<(typeof lines)[number] | null>((most, line) => (most === null || line.effect < most.effect ? line : most), null);
    const tradedOff = own !== undefined && !against(own.effect) && own.effect !== 0n && worst !== null;
    return [
      {
        targetId: target.id,
        indicator: target.indicator as ReportedIndicatorKey,
        status: target.status,
        lines,
        part,
        tradeOff: tradedOff ? worst.part : null,
      },
    ];
  });
}

/** A goal as its outcome is read. */
export interface GoalFields {
  id: number;
  name: string;
  outcome: string;
  from: string;
  to: string;
}

/** A goal's outcome as read: its days, and the bridge of a bridged outcome or another indicator's value in both periods. */
export interface GoalReading {
  goal: GoalFields;
  days: { period: Period; previous: Period } | null;
  bridge: GoalBridge | null;
  /** Another indicator's value before and during the goal (as `--json` gives it), null where undefined. */
  values: { before: number | null; after: number | null } | null;
}
