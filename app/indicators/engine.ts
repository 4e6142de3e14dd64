/**
 * The indicator engine (METRICS.md), pure: plain facts about orders in, indicators out.
 *
 * Every order-based indicator is a function of a few additive totals (sums over days) plus two
 * distinct-customer counts. So a period is answered by adding up per-day totals, whatever its
 * length, and a changed order only changes the totals of the days it touches.
 */
import type { Money } from "@throughline/shopify-common/money";
import { MONEY_SCALE } from "@throughline/shopify-common/money";
import type { CostIndicatorKey, IndicatorKey } from "./definitions";

// ---------------------------------------------------------------------------------------------
// Facts: what the engine needs to know about the store
// ---------------------------------------------------------------------------------------------

export interface LineFact {
  /** null for a custom item. */
  productId: string | null;
  quantity: number;
  originalUnitPrice: Money;
  /** The line's share of discounts. */
  totalDiscount: Money;
  /** Unit cost as first seen; null when unknown (no variant, or no cost set). */
  unitCost: Money | null;
}

export interface OrderFact {
  /** Epoch ms. */
  processedAt: number;
  /** A small integer standing for the customer; null for a guest order. */
  customerKey: number | null;
  /** Whether this is its customer's first counting order ever. */
  firstOrder: boolean;
  totalDiscounts: Money;
  lines: LineFact[];
}

/** Part of a line taken back: a refund line item, or a whole line of an order cancelled without refund. */
export interface ReversalFact {
  /** Epoch ms: the refund's createdAt, or the order's cancelledAt. */
  at: number;
  line: LineFact;
  quantity: number;
  /** Sales taken back (a refund line's subtotal; for a cancellation, the line's price less its discount). */
  amount: Money;
}

/** An order cancelled without any refund is reversed in full when it is cancelled. */
export function cancellationReversals(lines: LineFact[], cancelledAt: number): ReversalFact[] {
  return lines.map((line) => ({
    at: cancelledAt,
    line,
    quantity: line.quantity,
    amount: BigInt(line.quantity) * line.originalUnitPrice - line.totalDiscount,
  }));
}

/**
 * A successful sale, capture or refund of a counting order (METRICS.md, "transaction_fees"): the
 * loader leaves out every other kind and status, test orders, and transactions without processedAt.
 */
export interface PaymentFact {
  /** Epoch ms: the transaction's own processedAt (a capture or refund may fall on another day than its order). */
  at: number;
  /** A refund moves fees (some give part of theirs back) but is no payment whose fee could be unknown. */
  refund: boolean;
  gateway: string | null;
  amount: Money;
  /** The listed fees, their tax left out. */
  fees: Money;
  /** Whether the gateway listed any fee; a payment without is a payment whose fee is unknown. */
  feesListed: boolean;
}

// ---------------------------------------------------------------------------------------------
// Totals: additive over days
// ---------------------------------------------------------------------------------------------

export interface Totals {
  orders: number;
  units: number;
  grossSales: Money;
  discounts: Money;
  returns: Money;
  /** Gross sales of lines whose unit cost is known. */
  knownCostGross: Money;
  /** Net sales of lines with known cost: sold (price × quantity − discount) less reversed. */
  knownCostNet: Money;
  /** Cost of lines with known cost sold, less the cost of the quantities reversed. */
  cogs: Money;
  /** Customers whose first order falls here. */
  newCustomers: number;
}

export function emptyTotals(): Totals {
  return { orders: 0, units: 0, grossSales: 0n, discounts: 0n, returns: 0n, knownCostGross: 0n, knownCostNet: 0n, cogs: 0n, newCustomers: 0 };
}

export function addTotals(into: Totals, add: Totals): Totals {
  into.orders += add.orders;
  into.units += add.units;
  into.grossSales += add.grossSales;
  into.discounts += add.discounts;
  into.returns += add.returns;
  into.knownCostGross += add.knownCostGross;
  into.knownCostNet += add.knownCostNet;
  into.cogs += add.cogs;
  into.newCustomers += add.newCustomers;
  return into;
}

function addSoldLine(totals: Totals, line: LineFact): void {
  const gross = BigInt(line.quantity) * line.originalUnitPrice;
  totals.units += line.quantity;
  totals.grossSales += gross;
  if (line.unitCost !== null) {
    totals.knownCostGross += gross;
    totals.knownCostNet += gross - line.totalDiscount;
    totals.cogs += BigInt(line.quantity) * line.unitCost;
  }
}

function addReversal(totals: Totals, reversal: ReversalFact): void {
  totals.returns += reversal.amount;
  if (reversal.line.unitCost !== null) {
    totals.knownCostNet -= reversal.amount;
    totals.cogs -= BigInt(reversal.quantity) * reversal.line.unitCost;
  }
}

/** What the day's payments cost, and how much of them that figure speaks for (fee_coverage). */
export interface PaymentTotals {
  /** Fees of successful sales, captures and refunds (a refund's fee may be negative: given back). */
  transactionFees: Money;
  /** Σ amount of successful sales and captures… */
  payments: Money;
  /** …and of those whose fee is known. */
  paymentsFeeKnown: Money;
}

export function emptyPaymentTotals(): PaymentTotals {
  return { transactionFees: 0n, payments: 0n, paymentsFeeKnown: 0n };
}

export function addPaymentTotals(into: PaymentTotals, add: PaymentTotals): PaymentTotals {
  into.transactionFees += add.transactionFees;
  into.payments += add.payments;
  into.paymentsFeeKnown += add.paymentsFeeKnown;
  return into;
}

/** The owner's fee rule for a gateway that lists no fees: amount × rate + fixed fee a payment. */
export interface FeeRule {
  /** Exact decimal text of a fraction, 0 ≤ rate < 1 ("0.0349"). */
  rate: string;
  fixedFee: Money;
}

/** The owner's fee rules by gateway (named exactly as on the transactions), and the shop currency's decimals they round to. */
export interface FeeRules {
  byGateway: ReadonlyMap<string, FeeRule>;
  /** JPY 0, EUR 2, KWD 3. */
  decimals: number;
}

export const NO_FEE_RULES: FeeRules = { byGateway: new Map(), decimals: 2 };

/** A rate's decimal text ("0.0349") as an exact fraction, num / den. */
export function decimalFraction(text: string): { num: bigint; den: bigint } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`a rate is not a decimal fraction: "${text}"`);
  const digits = match[2] ?? "";
  return { num: BigInt((match[1] ?? "0") + digits), den: 10n ** BigInt(digits.length) };
}

/**
 * A rule's fee on one payment (METRICS.md, "transaction_fees"): amount × rate + fixed fee, rounded
 * half away from zero to the currency's minor unit, exactly (the rate's decimal text as a fraction).
 */
export function ruleFee(amount: Money, rule: FeeRule, decimals: number): Money {
  return timesRate(amount, rule.rate, decimals, rule.fixedFee);
}

/**
 * amount × rate (+ an amount added before rounding), rounded half away from zero to the currency's
 * minor unit, exactly: the rate's decimal text as a fraction (a fee rule, a currency rate).
 */
export function timesRate(amount: Money, rate: string, decimals: number, added: Money = 0n): Money {
  const { num: rateNumerator, den: rateDenominator } = decimalFraction(rate);
  const step = 10n ** BigInt(4 - Math.min(Math.max(decimals, 0), 4));
  return roundedHalfAway(amount * rateNumerator + added * rateDenominator, rateDenominator * step) * step;
}

/** numerator / denominator (> 0) rounded half away from zero to a whole number. */
function roundedHalfAway(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const units = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -units : units;
}

/**
 * One transaction's part of its day. Its fee is known when the gateway listed it, or, for a sale or
 * capture without listed fees, when the owner set a rule for its gateway (applied per transaction,
 * rounded; decision 022); otherwise it is unknown (a payment) or nothing (a refund: METRICS.md
 * applies rules to sales and captures only). A rule never replaces fees a gateway listed.
 */
function addPayment(totals: PaymentTotals, payment: PaymentFact, rules: FeeRules): void {
  if (payment.feesListed) totals.transactionFees += payment.fees;
  if (payment.refund) return;
  totals.payments += payment.amount;
  if (payment.feesListed) {
    totals.paymentsFeeKnown += payment.amount;
    return;
  }
  const rule = payment.gateway === null ? undefined : rules.byGateway.get(payment.gateway);
  if (!rule) return;
  totals.transactionFees += ruleFee(payment.amount, rule, rules.decimals);
  totals.paymentsFeeKnown += payment.amount;
}

/**
 * A counting order with a shipping address (METRICS.md, "shipping_costs"): what shipping it cost
 * counts on the day it was processed, and comes back on the day a full cancellation without any
 * refund took the order back. The loader leaves out test orders and orders that ship nothing.
 */
export interface ShipmentFact {
  /** Epoch ms: the order's processedAt, or its cancelledAt for the cost given back. */
  at: number;
  givenBack: boolean;
  /** The address's two-letter country (countryCodeV2), null when the address has none. */
  country: string | null;
  /** Σ quantity over the order's lines. */
  units: number;
  /** What the owner imported as the order's actual cost (by its name): it wins over the rules. */
  importedCost: Money | null;
}

/** The owner's cost of shipping one order to a destination: per order plus per unit. */
export interface ShippingRule {
  perOrder: Money;
  perUnit: Money;
}

/** The owner's shipping rules: a country's own first, else the one for every other country. */
export interface ShippingRules {
  byCountry: ReadonlyMap<string, ShippingRule>;
  restOfWorld: ShippingRule | null;
}

export const NO_SHIPPING_RULES: ShippingRules = { byCountry: new Map(), restOfWorld: null };

/**
 * What shipping one order cost the shop: its imported cost, else the first rule whose countries hold
 * its country (a country's own rule, then the rest of the world's), per order + per unit × units;
 * null (unknown) when no rule matches. Exact: money times a count needs no rounding.
 */
export function shippingCost(shipment: Pick<ShipmentFact, "country" | "units" | "importedCost">, rules: ShippingRules): Money | null {
  if (shipment.importedCost !== null) return shipment.importedCost;
  const rule = (shipment.country === null ? undefined : rules.byCountry.get(shipment.country)) ?? rules.restOfWorld;
  return rule ? rule.perOrder + rule.perUnit * BigInt(shipment.units) : null;
}

/** What the day's shipping cost, and how many of its shipped orders that figure speaks for (shipping_coverage). */
export interface ShippingTotals {
  /** Costs of the orders processed this day, less those given back by this day's full cancellations. */
  shippingCosts: Money;
  /** Orders processed this day with a shipping address… */
  shipments: number;
  /** …and of those, the ones whose cost is known (imported, or a rule matches). */
  shipmentsCostKnown: number;
}

export function emptyShippingTotals(): ShippingTotals {
  return { shippingCosts: 0n, shipments: 0, shipmentsCostKnown: 0 };
}

export function addShippingTotals(into: ShippingTotals, add: ShippingTotals): ShippingTotals {
  into.shippingCosts += add.shippingCosts;
  into.shipments += add.shipments;
  into.shipmentsCostKnown += add.shipmentsCostKnown;
  return into;
}

/** One shipment's part of its day: its cost (unknown counts as nothing), and coverage on the day it was processed. */
function addShipment(totals: ShippingTotals, shipment: ShipmentFact, rules: ShippingRules): void {
  const cost = shippingCost(shipment, rules);
  if (shipment.givenBack) {
    if (cost !== null) totals.shippingCosts -= cost;
    return;
  }
  totals.shipments += 1;
  if (cost === null) return;
  totals.shippingCosts += cost;
  totals.shipmentsCostKnown += 1;
}

/** What one local day holds: store totals, totals per product, who ordered (one key per order), its payments and its shipping. */
export interface DayRollup {
  day: number;
  totals: Totals;
  products: Map<string, Totals>;
  customerKeys: number[];
  payments: PaymentTotals;
  shipping: ShippingTotals;
}

/** The costs of a sale the days hold beside the orders: payments and shipments, each with the owner's rules for what their source leaves unknown. */
export interface CostFacts {
  payments?: Iterable<PaymentFact>;
  /** The owner's fee rules for gateways that list no fees. */
  feeRules?: FeeRules;
  shipments?: Iterable<ShipmentFact>;
  shippingRules?: ShippingRules;
}

/**
 * Totals per local day (and per product per day) of the given facts: orders on the day they were
 * processed, reversals, payments and shipments on the day they happened. `localDay` maps an instant
 * to the shop's local day.
 */
export function rollupByDay(
  orders: Iterable<OrderFact>,
  reversals: Iterable<ReversalFact>,
  localDay: (ms: number) => number,
  { payments = [], feeRules = NO_FEE_RULES, shipments = [], shippingRules = NO_SHIPPING_RULES }: CostFacts = {},
): Map<number, DayRollup> {
  const days = new Map<number, DayRollup>();
  const dayOf = (ms: number): DayRollup => {
    const day = localDay(ms);
    let rollup = days.get(day);
    if (!rollup) {
      rollup = { day, totals: emptyTotals(), products: new Map(), customerKeys: [], payments: emptyPaymentTotals(), shipping: emptyShippingTotals() };
      days.set(day, rollup);
    }
    return rollup;
  };
  const productOf = (rollup: DayRollup, productId: string): Totals => {
    let totals = rollup.products.get(productId);
    if (!totals) {
      totals = emptyTotals();
      rollup.products.set(productId, totals);
    }
    return totals;
  };

  for (const order of orders) {
    const rollup = dayOf(order.processedAt);
    const store = rollup.totals;
    store.orders += 1;
    store.discounts += order.totalDiscounts;
    if (order.customerKey !== null) {
      rollup.customerKeys.push(order.customerKey);
      if (order.firstOrder) store.newCustomers += 1;
    }
    const seen = new Set<string>();
    for (const line of order.lines) {
      addSoldLine(store, line);
      if (line.productId === null) continue;
      const product = productOf(rollup, line.productId);
      addSoldLine(product, line);
      product.discounts += line.totalDiscount;
      if (!seen.has(line.productId)) {
        seen.add(line.productId);
        product.orders += 1;
        if (order.customerKey !== null && order.firstOrder) product.newCustomers += 1;
      }
    }
  }
  for (const reversal of reversals) {
    const rollup = dayOf(reversal.at);
    addReversal(rollup.totals, reversal);
    if (reversal.line.productId !== null) addReversal(productOf(rollup, reversal.line.productId), reversal);
  }
  for (const payment of payments) addPayment(dayOf(payment.at).payments, payment, feeRules);
  for (const shipment of shipments) addShipment(dayOf(shipment.at).shipping, shipment, shippingRules);
  return days;
}

// ---------------------------------------------------------------------------------------------
// Customers: distinct counts over a period
// ---------------------------------------------------------------------------------------------

export interface CustomerCounts {
  /** Distinct customers with an order in the period. */
  customers: number;
  /** Of those, customers with two or more orders in the period. */
  repeatCustomers: number;
}

/** Distinct and repeat customers over the days' customer keys (one key per order; keys are small integers). */
export function countCustomers(days: Iterable<ArrayLike<number>>): CustomerCounts {
  const lists = [...days];
  let max = -1;
  for (const keys of lists) for (let i = 0; i < keys.length; i++) if ((keys[i] as number) > max) max = keys[i] as number;
  const seen = new Uint8Array(max + 1);
  let customers = 0;
  let repeatCustomers = 0;
  for (const keys of lists) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      const count = seen[key] as number;
      if (count === 0) customers++;
      else if (count === 1) repeatCustomers++;
      if (count < 2) seen[key] = count + 1;
    }
  }
  return { customers, repeatCustomers };
}

// ---------------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------------

/** Money sums are exact (Money); quotients are numbers, null when the denominator is 0; counts are integers. */
export type IndicatorValue = Money | number | null;
export type Indicators = Record<IndicatorKey, IndicatorValue>;

/** a / b, null when b is 0. */
export function ratio(a: Money | number, b: Money | number): number | null {
  const denominator = Number(b);
  return denominator === 0 ? null : Number(a) / denominator;
}

/** Money per unit of a count (AOV), in currency units. */
function moneyPer(amount: Money, count: number): number | null {
  return count === 0 ? null : Number(amount) / Number(MONEY_SCALE) / count;
}

export function computeIndicators(totals: Totals, customers: CustomerCounts): Indicators {
  const netSales = totals.grossSales - totals.discounts - totals.returns;
  const grossProfit = totals.knownCostNet - totals.cogs;
  return {
    gross_sales: totals.grossSales,
    discounts: totals.discounts,
    returns: totals.returns,
    net_sales: netSales,
    orders: totals.orders,
    aov: moneyPer(totals.grossSales - totals.discounts, totals.orders),
    units: totals.units,
    units_per_order: ratio(totals.units, totals.orders),
    customers: customers.customers,
    new_customers: totals.newCustomers,
    returning_customer_rate: ratio(customers.customers - totals.newCustomers, customers.customers),
    repurchase_rate: ratio(customers.repeatCustomers, customers.customers),
    cogs: totals.cogs,
    gross_profit: grossProfit,
    gross_margin: ratio(grossProfit, totals.knownCostNet),
    cost_coverage: ratio(totals.knownCostGross, totals.grossSales),
    discount_rate: ratio(totals.discounts, totals.grossSales),
    return_rate: ratio(totals.returns, totals.grossSales),
  };
}

/**
 * The costs of a sale the daily rollups hold (METRICS.md, "The whole cost of a sale"): payment fees
 * and shipping, each with how much of its source it speaks for.
 */
export type CostIndicators = Record<CostIndicatorKey, IndicatorValue>;

export function computeCostIndicators(payments: PaymentTotals, shipping: ShippingTotals): CostIndicators {
  return {
    transaction_fees: payments.transactionFees,
    fee_coverage: ratio(payments.paymentsFeeKnown, payments.payments),
    shipping_costs: shipping.shippingCosts,
    shipping_coverage: ratio(shipping.shipmentsCostKnown, shipping.shipments),
  };
}

// ---------------------------------------------------------------------------------------------
// Per product
// ---------------------------------------------------------------------------------------------

export interface ProductIndicators {
  product_id: string;
  title: string;
  units: number;
  gross_sales: Money;
  discounts: Money;
  returns: Money;
  net_sales: Money;
  orders: number;
  attach_rate: number | null;
  attraction_rate: number | null;
  new_customers: number;
  cogs: Money;
  /**
   * The product's cost of all goods, as METRICS.md's `cogs_all` for its lines: its cost of goods sold
   * plus the owner's default cost rate × the net sales of its lines without a known cost (rounded
   * once, half away from zero, to the money unit); its cost of goods sold without a default rate.
   */
  cogs_all: Money;
  gross_profit: Money;
  gross_margin: number | null;
  cost_coverage: number | null;
}

export function computeProductIndicators(
  product: { id: string; title: string },
  totals: Totals,
  store: { orders: number; newCustomers: number },
  defaultCostRate: string | null = null,
): ProductIndicators {
  const grossProfit = totals.knownCostNet - totals.cogs;
  const netSales = totals.grossSales - totals.discounts - totals.returns;
  const rate = defaultCostRate === null ? null : decimalFraction(defaultCostRate);
  const filled = rate === null ? 0n : roundedHalfAway(rate.num * (netSales - totals.knownCostNet), rate.den);
  return {
    product_id: product.id,
    title: product.title,
    units: totals.units,
    gross_sales: totals.grossSales,
    discounts: totals.discounts,
    returns: totals.returns,
    net_sales: netSales,
    orders: totals.orders,
    attach_rate: ratio(totals.orders, store.orders),
    attraction_rate: ratio(totals.newCustomers, store.newCustomers),
    new_customers: totals.newCustomers,
    cogs: totals.cogs,
    cogs_all: totals.cogs + filled,
    gross_profit: grossProfit,
    gross_margin: ratio(grossProfit, totals.knownCostNet),
    cost_coverage: ratio(totals.knownCostGross, totals.grossSales),
  };
}
