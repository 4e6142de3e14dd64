/**
 * A second, deliberately naive reading of METRICS.md, straight over a store file (fixture format):
 * no rollups, no day numbers, dates through Intl one timestamp at a time. Tests compare the app's
 * answers for any generated store, time zone and currency with this.
 */
import type { DevstoreData, FixtureRecord } from "@throughline/devstore";
import { parseMoney } from "@throughline/shopify-common/money";

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
interface Order {
  id: string;
  processedAt: string;
  cancelledAt: string | null;
  test: boolean;
  customer: { id: string } | null;
  totalDiscountsSet: Bag;
  lineItems: Line[];
  refunds: Refund[];
}

const money = (bag: Bag) => parseMoney(bag.shopMoney.amount);
const div = (a: bigint | number, b: bigint | number) => (Number(b) === 0 ? null : Number(a) / Number(b));
const numericId = (gid: string) => BigInt(/\d+$/.exec(gid)![0]);

export interface OracleStore {
  localDate: (iso: string) => string;
  orders: Order[];
  unitCost: Map<string, bigint | null>;
  firstOrderOf: Map<string, string>;
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
  return {
    localDate: (iso) => format.format(new Date(iso)),
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
