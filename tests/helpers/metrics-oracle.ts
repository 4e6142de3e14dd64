/**
 * A second, deliberately naive reading of METRICS.md, straight over a store file (fixture format):
 * no rollups, no day numbers, dates through Intl one timestamp at a time. Tests compare the app's
 * answers for any generated store, time zone and currency with this.
 */
import type { DevstoreData, FixtureAdCampaignDay, FixtureRecord } from "@throughline/devstore";
import { currencyDecimals, parseMoney } from "@throughline/shopify-common/money";

type Bag = { shopMoney: { amount: string } };
interface Line {
  id: string;
  quantity: number;
  originalUnitPriceSet: Bag;
  totalDiscountSet: Bag;
  variant: { id: string } | null;
  product: { id: string } | null;
}
interface Refund {
  createdAt: string;
  refundLineItems: { lineItem: { id: string }; quantity: number; subtotalSet: Bag }[];
}
interface Fee {
  amount: { amount: string };
}
interface Transaction {
  kind: string;
  status: string;
  gateway: string | null;
  processedAt: string | null;
  amountSet: Bag;
  fees: Fee[];
}
interface Order {
  id: string;
  name: string;
  processedAt: string;
  cancelledAt: string | null;
  test: boolean;
  customer: { id: string } | null;
  totalDiscountsSet: Bag;
  lineItems: Line[];
  refunds: Refund[];
  /** Absent in stores written before payments. */
  shippingAddress?: { countryCodeV2: string | null } | null;
  transactions?: Transaction[];
}

const money = (bag: Bag) => parseMoney(bag.shopMoney.amount);
const div = (a: bigint | number, b: bigint | number) => (Number(b) === 0 ? null : Number(a) / Number(b));
const numericId = (gid: string) => BigInt(/\d+$/.exec(gid)![0]);

export interface OracleStore {
  localDate: (iso: string) => string;
  /** The shop currency's decimals (JPY 0, KWD 3): rule fees are rounded to them. */
  decimals: number;
  orders: Order[];
  unitCost: Map<string, bigint | null>;
  firstOrderOf: Map<string, string>;
  shopCurrency: string;
  /** The ad spend other apps reported to Shopify: each engagement's day, the reporting app's title, its spend. */
  engagements: { day: string; app: string; adSpend: bigint | null }[];
  /** The ad platforms' campaign days. */
  adDays: FixtureAdCampaignDay[];
}

export function oracleStore(data: DevstoreData): OracleStore {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone: data.shop.ianaTimezone, year: "numeric", month: "2-digit", day: "2-digit" });
  const unitCost = new Map<string, bigint | null>();
  for (const product of data.products as FixtureRecord[]) {
    for (const variant of product.variants as { id: string; inventoryItem: { unitCost: { amount: string } | null } }[]) {
      unitCost.set(variant.id, variant.inventoryItem.unitCost ? parseMoney(variant.inventoryItem.unitCost.amount) : null);
    }
  }
  const orders = (data.orders as unknown as Order[]).filter((order) => !order.test);
  const firstOrderOf = new Map<string, Order>();
  for (const order of orders) {
    if (!order.customer) continue;
    const current = firstOrderOf.get(order.customer.id);
    const earlier =
      !current ||
      Date.parse(order.processedAt) < Date.parse(current.processedAt) ||
      (Date.parse(order.processedAt) === Date.parse(current.processedAt) && numericId(order.id) < numericId(current.id));
    if (earlier) firstOrderOf.set(order.customer.id, order);
  }
  const appOf = new Map((data.marketingActivities ?? []).map((activity) => [activity.id, activity.app.title]));
  return {
    shopCurrency: data.shop.currencyCode,
    engagements: (data.marketingEngagements ?? []).map((engagement) => ({
      day: engagement.occurredOn,
      app: appOf.get(engagement.marketingActivity.id)!,
      adSpend: engagement.adSpend ? parseMoney(engagement.adSpend.amount) : null,
    })),
    adDays: data.adCampaignDays ?? [],
    localDate: (iso) => format.format(new Date(iso)),
    decimals: currencyDecimals(data.shop.currencyCode),
    orders,
    unitCost,
    firstOrderOf: new Map([...firstOrderOf].map(([customer, order]) => [customer, order.id])),
  };
}

interface Sums {
  gross: bigint;
  discounts: bigint;
  returns: bigint;
  orders: Set<string>;
  units: number;
  knownGross: bigint;
  knownNet: bigint;
  cogs: bigint;
}

function sums(store: OracleStore, from: string, to: string, keep: (line: Line) => boolean, lineDiscounts: boolean): Sums {
  const inP = (iso: string | null) => iso !== null && store.localDate(iso) >= from && store.localDate(iso) <= to;
  const cost = (line: Line) => (line.variant ? (store.unitCost.get(line.variant.id) ?? null) : null);
  const result: Sums = { gross: 0n, discounts: 0n, returns: 0n, orders: new Set(), units: 0, knownGross: 0n, knownNet: 0n, cogs: 0n };
  for (const order of store.orders) {
    if (inP(order.processedAt)) {
      if (!lineDiscounts) result.discounts += money(order.totalDiscountsSet);
      for (const line of order.lineItems.filter(keep)) {
        result.orders.add(order.id);
        const gross = BigInt(line.quantity) * money(line.originalUnitPriceSet);
        result.gross += gross;
        result.units += line.quantity;
        if (lineDiscounts) result.discounts += money(line.totalDiscountSet);
        const unit = cost(line);
        if (unit !== null) {
          result.knownGross += gross;
          result.knownNet += gross - money(line.totalDiscountSet);
          result.cogs += BigInt(line.quantity) * unit;
        }
      }
      if (!lineDiscounts) result.orders.add(order.id);
    }
    const reverse = (line: Line, quantity: number, amount: bigint) => {
      result.returns += amount;
      const unit = cost(line);
      if (unit !== null) {
        result.knownNet -= amount;
        result.cogs -= BigInt(quantity) * unit;
      }
    };
    for (const refund of order.refunds) {
      if (!inP(refund.createdAt)) continue;
      for (const item of refund.refundLineItems) {
        const line = order.lineItems.find((candidate) => candidate.id === item.lineItem.id)!;
        if (keep(line)) reverse(line, item.quantity, money(item.subtotalSet));
      }
    }
    if (order.refunds.length === 0 && inP(order.cancelledAt)) {
      for (const line of order.lineItems.filter(keep)) {
        reverse(line, line.quantity, BigInt(line.quantity) * money(line.originalUnitPriceSet) - money(line.totalDiscountSet));
      }
    }
  }
  return result;
}

/** Money in currency units, unrounded (tests compare to the cent). */
const toUnits = (value: bigint) => Number(value) / 10_000;

function customersIn(store: OracleStore, from: string, to: string) {
  const counts = new Map<string, number>();
  const firstOrders: Order[] = [];
  for (const order of store.orders) {
    const day = store.localDate(order.processedAt);
    if (day < from || day > to || !order.customer) continue;
    counts.set(order.customer.id, (counts.get(order.customer.id) ?? 0) + 1);
    if (store.firstOrderOf.get(order.customer.id) === order.id) firstOrders.push(order);
  }
  return { customers: counts.size, repeat: [...counts.values()].filter((n) => n >= 2).length, firstOrders };
}

/** Store indicators for [from, to] (local dates "YYYY-MM-DD"), money rounded to 2 decimals like the CLI. */
export function oracleIndicators(store: OracleStore, from: string, to: string): Record<string, number | null> {
  const s = sums(store, from, to, () => true, false);
  const { customers, repeat, firstOrders } = customersIn(store, from, to);
  const net = s.gross - s.discounts - s.returns;
  const profit = s.knownNet - s.cogs;
  return {
    gross_sales: toUnits(s.gross),
    discounts: toUnits(s.discounts),
    returns: toUnits(s.returns),
    net_sales: toUnits(net),
    orders: s.orders.size,
    aov: div(Number(s.gross - s.discounts) / 10_000, s.orders.size),
    units: s.units,
    units_per_order: div(s.units, s.orders.size),
    customers,
    new_customers: firstOrders.length,
    returning_customer_rate: div(customers - firstOrders.length, customers),
    repurchase_rate: div(repeat, customers),
    cogs: toUnits(s.cogs),
    gross_profit: toUnits(profit),
    gross_margin: div(profit, s.knownNet),
    cost_coverage: div(s.knownGross, s.gross),
    discount_rate: div(s.discounts, s.gross),
    return_rate: div(s.returns, s.gross),
  };
}

export function oracleProducts(store: OracleStore, from: string, to: string): Record<string, Record<string, number | null>> {
  const storeSums = sums(store, from, to, () => true, false);
  const { firstOrders } = customersIn(store, from, to);
  const productIds = new Set<string>();
  for (const order of store.orders) for (const line of order.lineItems) if (line.product) productIds.add(line.product.id);
  const result: Record<string, Record<string, number | null>> = {};
  for (const productId of productIds) {
    const keep = (line: Line) => line.product?.id === productId;
    const s = sums(store, from, to, keep, true);
    if (s.orders.size === 0 && s.returns === 0n) continue;
    const attracted = firstOrders.filter((order) => order.lineItems.some(keep)).length;
    result[productId] = {
      units: s.units,
      gross_sales: toUnits(s.gross),
      discounts: toUnits(s.discounts),
      returns: toUnits(s.returns),
      net_sales: toUnits(s.gross - s.discounts - s.returns),
      orders: s.orders.size,
      attach_rate: div(s.orders.size, storeSums.orders.size),
      attraction_rate: div(attracted, firstOrders.length),
    };
  }
  return result;
}

// ---- The whole cost of a sale ------------------------------------------------------------------

/**
 * The owner's settings "The whole cost of a sale" reads (they are not in Shopify). Money is a decimal
 * string in the shop currency, a rate a fraction as a decimal string ("0.029" is 2.9%), a date a local
 * "YYYY-MM-DD". Anything left out is unset: its part of the cost is unknown and counts as 0.
 */
export interface OracleCostSettings {
  /** Fees of gateways that list none (PayPal, manual payments): amount × rate + flatFee, per SALE or CAPTURE. */
  gatewayFees?: readonly { gateway: string; rate: string; flatFee: string }[];
  /** In order: the first rule whose countries include the order's country, or that covers "all", prices its shipping. */
  shippingRules?: readonly { countries: readonly string[] | "all"; perOrder: string; perUnit: string }[];
  /** What shipping an order actually cost (a carrier's or 3PL's export), by order name ("#1001"): it wins over the rules. */
  shippingCosts?: readonly { orderName: string; cost: string }[];
  customCosts?: readonly OracleCustomCost[];
  /** The cost rate of sales without a product cost, 0 ≤ rate < 1. */
  defaultCostRate?: string;
  /**
   * Promotions and their spend (marketing_spend), each over its local days start..end; `linked` names
   * the platform of the ad campaign it was linked to by hand (linked while that platform is connected),
   * `utmCampaign` links it to a connected campaign that has it.
   */
  promotions?: readonly { start: string; end: string; spend: string; utmCampaign?: string; linked?: "meta" | "google" | "tiktok" }[];
  /** The ad platforms connected directly: their accounts' campaign days count, their channel apps' reports to Shopify don't. */
  connectedPlatforms?: readonly ("meta" | "google" | "tiktok")[];
  /** The owner's monthly rates: one unit of `currency` in the shop currency. */
  currencyRates?: readonly { currency: string; month: string; rate: string }[];
  /** Days of spend the owner imported (shop currency), each for a promotion (its index in `promotions`), which then spends them. */
  importedSpend?: readonly { date: string; spend: string; promotion: number }[];
}

/**
 * A monthly amount (spread evenly over the days of each calendar month; METRICS.md gives it no
 * bounds, so every month unless `fromMonth`/`toMonth`, "YYYY-MM" inclusive, say otherwise), a one-off
 * amount on its date, or a percentage of each day's net sales.
 */
export type OracleCustomCost =
  | { kind: "monthly"; amount: string; fromMonth?: string; toMonth?: string }
  | { kind: "one_off"; date: string; amount: string }
  | { kind: "percent_of_net_sales"; rate: string };

/** An exact fraction of currency units in 1/10,000 (the money scale), so nothing goes through a float before the answer. */
interface Fraction {
  num: bigint;
  den: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const fraction = (num: bigint, den = 1n): Fraction => {
  const divisor = gcd(num, den) || 1n;
  return { num: num / divisor, den: den / divisor };
};
const plus = (a: Fraction, b: Fraction) => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
const times = (a: Fraction, b: Fraction) => fraction(a.num * b.num, a.den * b.den);
const minus = (a: Fraction, b: Fraction) => plus(a, times(b, fraction(-1n)));
const ZERO = fraction(0n);
/** Money (a decimal string) in 1/10,000s. */
const moneyOf = (amount: string) => fraction(parseMoney(amount));
/** A rate ("0.0349") as an exact fraction. */
function rateOf(rate: string): Fraction {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!match) throw new Error(`oracle: not a rate: "${rate}"`);
  const decimals = match[2] ?? "";
  return fraction(BigInt(match[1]! + decimals), 10n ** BigInt(decimals.length));
}
/** Currency units (a number, for comparing with the app's output). */
const unitsOf = (value: Fraction) => Number(value.num) / Number(value.den) / 10_000;
const ratio = (a: Fraction, b: Fraction) => (b.num === 0n ? null : Number(a.num * b.den) / Number(b.num * a.den));

/** Rounds half away from zero to the currency's minor unit (in 1/10,000s: 10^(4 − decimals)). */
function roundToMinorUnit(value: Fraction, decimals: number): Fraction {
  const step = 10n ** BigInt(4 - decimals) * value.den;
  const magnitude = value.num < 0n ? -value.num : value.num;
  const units = (2n * magnitude + step) / (2n * step);
  return fraction((value.num < 0n ? -units : units) * 10n ** BigInt(4 - decimals));
}

/** The local days from..to ("YYYY-MM-DD", inclusive). */
function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}
const daysInMonth = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();

/** The app each platform's campaigns reach Shopify's reports through (METRICS.md: they would count twice). */
const CHANNEL_APPS = { meta: "Facebook & Instagram", google: "Google & YouTube", tiktok: "TikTok" } as const;

/**
 * ad_spend for [from, to]: the connected platforms' campaign days on those dates (each converted at
 * the month's rate and rounded half away from zero to the shop currency's minor unit; left out
 * without a rate), plus the ad spend reported to Shopify on those dates by any
 * app but a connected platform's.
 */
function adSpend(store: OracleStore, settings: OracleCostSettings, from: string, to: string): Fraction {
  const connected = new Set(settings.connectedPlatforms ?? []);
  let total = ZERO;
  for (const day of store.adDays) {
    if (!connected.has(day.platform) || day.date < from || day.date > to) continue;
    const spend = fraction(parseMoney(day.spend));
    if (day.accountCurrency === store.shopCurrency) {
      total = plus(total, spend);
      continue;
    }
    const rate = settings.currencyRates?.find((candidate) => candidate.currency === day.accountCurrency && candidate.month === day.date.slice(0, 7));
    if (rate) total = plus(total, roundToMinorUnit(times(spend, rateOf(rate.rate)), store.decimals));
  }
  for (const day of settings.importedSpend ?? []) {
    if (day.date >= from && day.date <= to) total = plus(total, moneyOf(day.spend));
  }
  const excluded = new Set<string>([...connected].map((platform) => CHANNEL_APPS[platform]));
  for (const engagement of store.engagements) {
    if (engagement.adSpend !== null && engagement.day >= from && engagement.day <= to && !excluded.has(engagement.app)) {
      total = plus(total, fraction(engagement.adSpend));
    }
  }
  return total;
}

/**
 * marketing_spend for [from, to]: the promotions' spend spread evenly over their days; with ad spend
 * (a platform connected, ad spend reported to Shopify, or days of spend imported), ad_spend plus the
 * promotions not linked to an ad campaign (by hand, by a utm_campaign a connected campaign has, in
 * any case, or by days of spend imported for it).
 */
function marketingSpend(store: OracleStore, settings: OracleCostSettings, from: string, to: string): { ads: Fraction; marketing: Fraction } {
  const connected = new Set(settings.connectedPlatforms ?? []);
  const imported = new Set((settings.importedSpend ?? []).map((day) => day.promotion));
  const withAds = connected.size > 0 || store.engagements.some((engagement) => (engagement.adSpend ?? 0n) > 0n) || imported.size > 0;
  const campaignUtms = new Set(
    store.adDays.filter((day) => connected.has(day.platform) && day.utmCampaign !== null).map((day) => day.utmCampaign!.toLowerCase()),
  );
  const linked = (promotion: NonNullable<OracleCostSettings["promotions"]>[number]) =>
    (promotion.linked !== undefined && connected.has(promotion.linked)) ||
    (promotion.utmCampaign !== undefined && campaignUtms.has(promotion.utmCampaign.toLowerCase()));
  let total = ZERO;
  for (const [index, promotion] of (settings.promotions ?? []).entries()) {
    if (withAds && (linked(promotion) || imported.has(index))) continue;
    const days = daysOf(promotion.start, promotion.end);
    const inside = days.filter((day) => day >= from && day <= to).length;
    total = plus(total, times(moneyOf(promotion.spend), fraction(BigInt(inside), BigInt(days.length))));
  }
  const ads = adSpend(store, settings, from, to);
  return { ads, marketing: withAds ? plus(ads, total) : total };
}

/** transaction_fees, and the amounts fee_coverage divides. */
function transactionFees(store: OracleStore, from: string, to: string, settings: OracleCostSettings) {
  const inP = (iso: string | null) => iso !== null && store.localDate(iso) >= from && store.localDate(iso) <= to;
  let fees = ZERO;
  let known = ZERO;
  let all = ZERO;
  for (const order of store.orders) {
    for (const transaction of order.transactions ?? []) {
      if (transaction.status !== "SUCCESS" || !["SALE", "CAPTURE", "REFUND"].includes(transaction.kind) || !inP(transaction.processedAt)) continue;
      const payment = transaction.kind !== "REFUND";
      const amount = money(transaction.amountSet);
      if (payment) all = plus(all, fraction(amount));
      if (transaction.fees.length > 0) {
        // The tax on a fee (taxAmount) is left out, like other taxes.
        for (const fee of transaction.fees) fees = plus(fees, moneyOf(fee.amount.amount));
        if (payment) known = plus(known, fraction(amount));
        continue;
      }
      const rule = payment ? settings.gatewayFees?.find((candidate) => candidate.gateway === transaction.gateway) : undefined;
      if (!rule) continue; // a refund without fees costs nothing; a payment without fees or rule is unknown
      fees = plus(fees, roundToMinorUnit(plus(times(fraction(amount), rateOf(rule.rate)), moneyOf(rule.flatFee)), store.decimals));
      known = plus(known, fraction(amount));
    }
  }
  return { fees, known, all };
}

/**
 * shipping_costs: each counting order with a shipping address, in P by processedAt, given back on
 * cancelledAt when fully cancelled without refunds; with the orders with a shipping address in P and
 * those whose cost is known (shipping_coverage, the coverage decision 025 reports).
 */
function shippingCosts(store: OracleStore, from: string, to: string, settings: OracleCostSettings): { total: Fraction; shipped: number; known: number } {
  const inP = (iso: string | null) => iso !== null && store.localDate(iso) >= from && store.localDate(iso) <= to;
  const imported = new Map((settings.shippingCosts ?? []).map((row) => [row.orderName, moneyOf(row.cost)]));
  const costOf = (order: Order): Fraction | null => {
    if (!order.shippingAddress) return null;
    const actual = imported.get(order.name);
    if (actual) return actual;
    const country = order.shippingAddress.countryCodeV2;
    const rule = settings.shippingRules?.find((candidate) => candidate.countries === "all" || (country !== null && candidate.countries.includes(country)));
    if (!rule) return null;
    const units = order.lineItems.reduce((sum, line) => sum + line.quantity, 0);
    return plus(moneyOf(rule.perOrder), times(moneyOf(rule.perUnit), fraction(BigInt(units))));
  };
  let total = ZERO;
  let shipped = 0;
  let known = 0;
  for (const order of store.orders) {
    const cost = costOf(order);
    if (order.shippingAddress && inP(order.processedAt)) {
      shipped += 1;
      if (cost) known += 1;
    }
    if (!cost) continue;
    if (inP(order.processedAt)) total = plus(total, cost);
    if (order.refunds.length === 0 && inP(order.cancelledAt)) total = minus(total, cost);
  }
  return { total, shipped, known };
}

/** custom_costs over the days of [from, to], with `netSales` the net sales of the whole period. */
function customCosts(from: string, to: string, settings: OracleCostSettings, netSales: Fraction): Fraction {
  let total = ZERO;
  for (const cost of settings.customCosts ?? []) {
    if (cost.kind === "percent_of_net_sales") {
      // A percentage of each day's net sales, summed over the days, is that percentage of the
      // period's net sales: nothing is rounded per day.
      total = plus(total, times(rateOf(cost.rate), netSales));
      continue;
    }
    for (const day of daysOf(from, to)) {
      if (cost.kind === "one_off" && cost.date === day) total = plus(total, moneyOf(cost.amount));
      if (cost.kind === "monthly" && (!cost.fromMonth || day.slice(0, 7) >= cost.fromMonth) && (!cost.toMonth || day.slice(0, 7) <= cost.toMonth)) {
        total = plus(total, times(moneyOf(cost.amount), fraction(1n, BigInt(daysInMonth(day)))));
      }
    }
  }
  return total;
}

/**
 * The keys of "The whole cost of a sale" for [from, to] (local dates), from the store and the owner's
 * settings, the ad platforms connected and the store's reports to Shopify.
 * Money in currency units, unrounded (compare to the cent); ratios unrounded; null where a
 * denominator is 0.
 */
export function oracleCostIndicators(store: OracleStore, from: string, to: string, settings: OracleCostSettings = {}): Record<string, number | null> {
  const s = sums(store, from, to, () => true, false);
  const { firstOrders } = customersIn(store, from, to);
  const netSales = fraction(s.gross - s.discounts - s.returns);
  let cogsAll = fraction(s.cogs);
  if (settings.defaultCostRate !== undefined) {
    const rate = rateOf(settings.defaultCostRate);
    if (rate.num >= rate.den) throw new Error(`oracle: a default cost rate is below 1, not ${settings.defaultCostRate}`);
    cogsAll = plus(cogsAll, times(rate, minus(netSales, fraction(s.knownNet))));
  }
  const fees = transactionFees(store, from, to, settings);
  const shipping = shippingCosts(store, from, to, settings);
  const custom = customCosts(from, to, settings, netSales);
  const { ads, marketing } = marketingSpend(store, settings, from, to);
  const netProfit = [cogsAll, fees.fees, shipping.total, marketing, custom].reduce(minus, netSales);
  return {
    transaction_fees: unitsOf(fees.fees),
    fee_coverage: ratio(fees.known, fees.all),
    shipping_costs: unitsOf(shipping.total),
    shipping_coverage: shipping.shipped === 0 ? null : shipping.known / shipping.shipped,
    custom_costs: unitsOf(custom),
    ad_spend: unitsOf(ads),
    marketing_spend: unitsOf(marketing),
    cogs_all: unitsOf(cogsAll),
    net_profit: unitsOf(netProfit),
    net_margin: ratio(netProfit, netSales),
    mer: ratio(netSales, marketing),
    cac: firstOrders.length === 0 ? null : unitsOf(marketing) / firstOrders.length,
  };
}
