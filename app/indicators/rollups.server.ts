/**
 * Daily rollups: the engine's per-day totals stored per shop (and per product), so any period is a
 * sum of at most a few hundred rows, and a changed order recomputes only the days it touches.
 *
 * - `rebuildRollups` builds them from the whole copy of the store (after a backfill, or when the
 *   shop's time zone changed), one pass in date order.
 * - `refreshRollups` recomputes the days an order change touched: the old and new processing day,
 *   refund, cancellation and payment days, and the first-order days of the customers involved.
 * - `refreshCostDays` recomputes the days whose payments or shipments an owner's rule or imported
 *   shipping cost prices (the costs job).
 *
 * Each reads the owner's fee and shipping rules and imported shipping costs as they are when it
 * runs, so every day written holds them.
 */
import type { PrismaClient, Shop } from "@prisma/client";
import { formatDay, parseDay } from "~/lib/calendar";
import { timeZone, type TimeZone } from "@throughline/shopify-common/time-zone";
import { currencyDecimals } from "@throughline/shopify-common/money";
import { databaseUrlOf } from "~/db.server";
import { runningBackfill } from "~/sync/heartbeat";
import { REST_OF_WORLD } from "~/costs/countries";
import {
  rollupByDay,
  type CostFacts,
  type FeeRules,
  type OrderFact,
  type PaymentFact,
  type ReversalFact,
  type ShipmentFact,
  type ShippingRules,
} from "./engine";
import { rollupStore, type NewRollupCustomer, type RangeOrder } from "./rollup-store.server";
import { refreshPromotionWindows } from "~/promotions/promotion-windows.server";

type Db = PrismaClient;

/** Values a `where … in (…)` list holds at most (Prisma binds at most 999 parameters on SQLite). */
const IN_CHUNK = 900;
/** Days loaded and written together by a rebuild. */
const REBUILD_DAYS = 14;

export interface OrderChange {
  /** Instants whose local days may have changed: old and new processedAt, cancelledAt, refund createdAt, transaction processedAt. */
  instants: Date[];
  /** Customers whose orders changed (old and new customer of each order). */
  customerIds: string[];
}

// ---------------------------------------------------------------------------------------------
// One rollup job at a time per shop (in this process): a refresh never writes stale days over a newer one.
// ---------------------------------------------------------------------------------------------

const queues = new Map<string, Promise<unknown>>();

function serialized<T>(shop: string, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(shop) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(job);
  queues.set(shop, next);
  // Cleanup on either outcome; a failure is the caller's to handle (through `next`), so this branch
  // must not surface it again as an unhandled rejection (which ends a Node process).
  const forget = () => {
    if (queues.get(shop) === next) queues.delete(shop);
  };
  next.then(forget, forget);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Order ids: "lowest id" is numeric (gid://shopify/Order/99 < …/100)
// ---------------------------------------------------------------------------------------------

export function compareGids(a: string, b: string): number {
  const tailA = /\d+$/.exec(a)?.[0] ?? "";
  const tailB = /\d+$/.exec(b)?.[0] ?? "";
  if (tailA.length !== tailB.length) return tailA.length - tailB.length;
  return tailA < tailB ? -1 : tailA > tailB ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function earlier(a: { id: string; processedAt: Date }, b: { id: string; processedAt: Date }): boolean {
  const at = a.processedAt.getTime() - b.processedAt.getTime();
  return at < 0 || (at === 0 && compareGids(a.id, b.id) < 0);
}

function chunks<T>(items: T[], size = IN_CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Loading the facts of a range of instants
// ---------------------------------------------------------------------------------------------

/**
 * For each order with a customer: the customer's key, and whether this is their first order.
 * `null`: as stored in RollupCustomer (read with the orders).
 */
type CustomerResolver = ((orders: RangeOrder[]) => Map<string, { key: number; first: boolean }>) | null;

/** Everything that happened in [from, to): the counting orders processed, the reversals, the payments and the shipments. */
async function loadFacts(
  db: Db,
  shop: string,
  from: Date,
  to: Date,
  resolve: CustomerResolver,
): Promise<{ orders: OrderFact[]; reversals: ReversalFact[]; payments: PaymentFact[]; shipments: ShipmentFact[] }> {
  const store = rollupStore(databaseUrlOf(db));
  const { orders, lines } = await store.ordersWithLines(shop, from, to, resolve === null);
  const customers = resolve ? resolve(orders) : null;
  return {
    orders: orders.map((order) => {
      const customer = customers
        ? customers.get(order.id)
        : order.customer
          ? { key: order.customer.key, first: order.customer.firstOrderId === order.id }
          : undefined;
      return {
        processedAt: order.processedAt.getTime(),
        customerKey: customer?.key ?? null,
        firstOrder: customer?.first ?? false,
        totalDiscounts: order.totalDiscounts,
        lines: lines.get(order.id) ?? [],
      };
    }),
    reversals: [...(await store.refundReversals(shop, from, to)), ...(await store.cancellationReversals(shop, from, to))],
    payments: await store.payments(shop, from, to),
    shipments: await store.shipments(shop, from, to),
  };
}

/** The owner's fee rules for gateways that list no fees, as they are now, in the shop currency's minor unit. */
export async function currentFeeRules(db: Db, shop: string): Promise<FeeRules> {
  const [record, rules] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { currencyCode: true } }),
    db.gatewayFeeRule.findMany({ where: { shop }, select: { gateway: true, rate: true, fixedFee: true } }),
  ]);
  return {
    byGateway: new Map(rules.map((rule) => [rule.gateway, { rate: rule.rate, fixedFee: rule.fixedFee }])),
    decimals: currencyDecimals(record?.currencyCode ?? "USD"),
  };
}

/** The owner's shipping rules as they are now: by country, and the rest of the world's. */
export async function currentShippingRules(db: Db, shop: string): Promise<ShippingRules> {
  const rules = await db.shippingRule.findMany({ where: { shop }, select: { destination: true, perOrder: true, perUnit: true } });
  const rest = rules.find((rule) => rule.destination === REST_OF_WORLD);
  return {
    byCountry: new Map(rules.filter((rule) => rule !== rest).map((rule) => [rule.destination, { perOrder: rule.perOrder, perUnit: rule.perUnit }])),
    restOfWorld: rest ? { perOrder: rest.perOrder, perUnit: rest.perUnit } : null,
  };
}

/** Every rule a day is computed with, as it is now. */
async function currentRules(db: Db, shop: string): Promise<Pick<CostFacts, "feeRules" | "shippingRules">> {
  const [feeRules, shippingRules] = await Promise.all([currentFeeRules(db, shop), currentShippingRules(db, shop)]);
  return { feeRules, shippingRules };
}

/** The days of the facts, computed with the rules. */
function daysOf(facts: Awaited<ReturnType<typeof loadFacts>>, zone: TimeZone, rules: Pick<CostFacts, "feeRules" | "shippingRules">) {
  return rollupByDay(facts.orders, facts.reversals, (ms) => zone.localDay(ms), { payments: facts.payments, shipments: facts.shipments, ...rules });
}

// ---------------------------------------------------------------------------------------------
// Rebuild
// ---------------------------------------------------------------------------------------------

export interface RebuildProgress {
  daysDone: number;
  daysTotal: number;
}

/** The first and last instants anything counted happened, or null for a store without orders. */
async function activitySpan(db: Db, shop: string): Promise<{ first: Date; last: Date } | null> {
  const [orders, refunds, transactions] = await Promise.all([
    db.order.aggregate({ where: { shop, test: false }, _min: { processedAt: true }, _max: { processedAt: true, cancelledAt: true } }),
    db.refund.aggregate({ where: { shop }, _min: { createdAt: true }, _max: { createdAt: true } }),
    // A capture can come days after its order, after the store's last order.
    db.orderTransaction.aggregate({ where: { shop }, _min: { processedAt: true }, _max: { processedAt: true } }),
  ]);
  const instants = [
    orders._min.processedAt,
    orders._max.processedAt,
    orders._max.cancelledAt,
    refunds._min.createdAt,
    refunds._max.createdAt,
    transactions._min.processedAt,
    transactions._max.processedAt,
  ].filter((value): value is Date => value !== null);
  if (instants.length === 0) return null;
  const times = instants.map((instant) => instant.getTime());
  return { first: new Date(Math.min(...times)), last: new Date(Math.max(...times)) };
}

/** Builds every rollup of the shop from its orders, in its current time zone. */
export function rebuildRollups(db: Db, shop: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
  return serialized(shop, async () => {
    const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true } });
    const zone = timeZone(record.ianaTimezone);
    const rules = await currentRules(db, shop);
    await db.$transaction([
      db.shop.update({ where: { shop }, data: { rollupTimeZone: null } }),
      db.dailyRollup.deleteMany({ where: { shop } }),
      db.dailyProductRollup.deleteMany({ where: { shop } }),
      db.rollupCustomer.deleteMany({ where: { shop } }),
    ]);
    const span = await activitySpan(db, shop);
    const firstDay = span ? zone.localDay(span.first.getTime()) : 0;
    const lastDay = span ? zone.localDay(span.last.getTime()) : -1;
    const progress = { daysDone: 0, daysTotal: Math.max(0, lastDay - firstDay + 1) };
    onProgress?.(progress);

    // Ranges are taken in date order, so the first time a customer shows up is their first order.
    const customers = new Map<string, number>();
    for (let from = firstDay; from <= lastDay; from += REBUILD_DAYS) {
      const to = Math.min(from + REBUILD_DAYS - 1, lastDay);
      const newCustomers: NewRollupCustomer[] = [];
      const resolve: CustomerResolver = (orders) => {
        const firsts = new Map<string, RangeOrder>();
        for (const order of orders) {
          if (order.customerId === null || customers.has(order.customerId)) continue;
          const current = firsts.get(order.customerId);
          if (!current || earlier(order, current)) firsts.set(order.customerId, order);
        }
        for (const [customerId, order] of firsts) {
          const key = customers.size;
          customers.set(customerId, key);
          newCustomers.push({ customerId, key, firstOrderId: order.id, firstOrderAt: order.processedAt });
        }
        const firstIds = new Set([...firsts.values()].map((order) => order.id));
        return new Map(
          orders.flatMap((order) =>
            order.customerId === null ? [] : [[order.id, { key: customers.get(order.customerId) as number, first: firstIds.has(order.id) }] as const],
          ),
        );
      };
      const facts = await loadFacts(db, shop, new Date(zone.startOfDay(from)), new Date(zone.startOfDay(to + 1)), resolve);
      const days = daysOf(facts, zone, rules);
      await rollupStore(databaseUrlOf(db)).replaceDays(shop, from, to, days.values(), newCustomers);
      progress.daysDone = to - firstDay + 1;
      onProgress?.(progress);
    }
    // The promotions' windows follow the time zone the rollups were built in.
    await refreshPromotionWindows(db, shop);
    await db.shop.update({ where: { shop }, data: { rollupTimeZone: record.ianaTimezone } });
    return progress;
  });
}

// ---------------------------------------------------------------------------------------------
// Refresh after a change
// ---------------------------------------------------------------------------------------------

/** Recomputes each customer's first order; returns the instants of first orders that moved. */
async function refreshCustomers(db: Db, shop: string, customerIds: string[]): Promise<Date[]> {
  if (customerIds.length === 0) return [];
  const moved: Date[] = [];
  for (const ids of chunks(customerIds)) {
    const [stored, orders] = await Promise.all([
      db.rollupCustomer.findMany({ where: { shop, customerId: { in: ids } } }),
      db.order.findMany({ where: { shop, test: false, customerId: { in: ids } }, select: { id: true, customerId: true, processedAt: true } }),
    ]);
    const firsts = new Map<string, { id: string; processedAt: Date }>();
    for (const order of orders) {
      const current = firsts.get(order.customerId as string);
      if (!current || earlier(order, current)) firsts.set(order.customerId as string, order);
    }
    const storedBy = new Map(stored.map((row) => [row.customerId, row]));
    // The highest key so far, read from the (shop, key) index only when a new customer needs one.
    let nextKey: number | null = null;
    const newKey = async () => {
      nextKey ??= ((await db.rollupCustomer.findFirst({ where: { shop }, orderBy: { key: "desc" }, select: { key: true } }))?.key ?? -1) + 1;
      return nextKey++;
    };
    for (const customerId of ids) {
      const row = storedBy.get(customerId);
      const first = firsts.get(customerId) ?? null;
      if (row?.firstOrderId === (first?.id ?? null) && row?.firstOrderAt?.getTime() === first?.processedAt.getTime()) continue;
      if (row?.firstOrderAt) moved.push(row.firstOrderAt);
      if (first) moved.push(first.processedAt);
      if (!first) {
        if (row) await db.rollupCustomer.delete({ where: { shop_customerId: { shop, customerId } } });
        continue;
      }
      await db.rollupCustomer.upsert({
        where: { shop_customerId: { shop, customerId } },
        create: { shop, customerId, key: row ? row.key : await newKey(), firstOrderId: first.id, firstOrderAt: first.processedAt },
        update: { firstOrderId: first.id, firstOrderAt: first.processedAt },
      });
    }
  }
  return moved;
}

/** Contiguous runs of days: [[from, to], …]. */
function runs(days: number[]): [number, number][] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const result: [number, number][] = [];
  for (const day of sorted) {
    const last = result[result.length - 1];
    if (last && day === last[1] + 1) last[1] = day;
    else result.push([day, day]);
  }
  return result;
}

/**
 * Recomputes the given local days (customers' first orders as stored), at most REBUILD_DAYS loaded
 * at a time, with the rules as they are now. Returns the days recomputed.
 */
async function recomputeDays(db: Db, shop: string, zone: TimeZone, days: number[], onProgress?: (progress: RebuildProgress) => unknown): Promise<string[]> {
  const rules = await currentRules(db, shop);
  const pieces = runs(days).flatMap(([from, to]) => {
    const split: [number, number][] = [];
    for (let start = from; start <= to; start += REBUILD_DAYS) split.push([start, Math.min(start + REBUILD_DAYS - 1, to)]);
    return split;
  });
  const progress = { daysDone: 0, daysTotal: pieces.reduce((sum, [from, to]) => sum + to - from + 1, 0) };
  await onProgress?.(progress);
  const refreshed: string[] = [];
  for (const [from, to] of pieces) {
    const facts = await loadFacts(db, shop, new Date(zone.startOfDay(from)), new Date(zone.startOfDay(to + 1)), null);
    const computed = daysOf(facts, zone, rules);
    await rollupStore(databaseUrlOf(db)).replaceDays(shop, from, to, computed.values());
    for (let day = from; day <= to; day++) refreshed.push(formatDay(day));
    progress.daysDone += to - from + 1;
    await onProgress?.(progress);
  }
  return refreshed;
}

/**
 * Brings the rollups up to date after orders changed. Does nothing while the shop's rollups are not
 * built (the next rebuild covers the change). Returns the days recomputed.
 */
export function refreshRollups(db: Db, shop: string, change: OrderChange): Promise<string[]> {
  if (change.instants.length === 0 && change.customerIds.length === 0) return Promise.resolve([]);
  return serialized(shop, async () => {
    const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, rollupTimeZone: true } });
    if (!record || record.rollupTimeZone !== record.ianaTimezone) return [];
    const zone = timeZone(record.ianaTimezone);
    const moved = await refreshCustomers(db, shop, [...new Set(change.customerIds)]);
    const days = [...change.instants, ...moved].map((instant) => zone.localDay(instant.getTime()));
    return recomputeDays(db, shop, zone, days);
  });
}

/** What changed in the owner's costs since the rollups last took them into account (the costs job works it out). */
export interface CostChange {
  /** Gateways whose fee rule was set, changed or removed. */
  gateways: string[];
  /** Countries whose own shipping rule was set, changed or removed. */
  shippingCountries: string[];
  /** Whether the rest of the world's shipping rule was set, changed or removed. */
  restOfWorld: boolean;
  /** Whether orders have imported shipping costs the costs job has not taken into account (ShippingCost.applied). */
  importedShipping: boolean;
}

export const NO_COST_CHANGE: CostChange = { gateways: [], shippingCountries: [], restOfWorld: false, importedShipping: false };

/**
 * Recomputes the days a cost change reaches, so they hold the rules and imported costs as they are
 * now: the days holding a successful sale or capture without listed fees through a changed gateway,
 * and the days an order shipped to a changed destination (a country's own rule; for the rest of the
 * world's, every country without a rule of its own now, and orders whose address names none) or with
 * an imported cost not yet taken into account was processed or cancelled. Test orders' days are
 * recomputed all the same (a few more days, no harm). Returns the days recomputed, or null while the
 * rollups are not built (their build reads the rules).
 */
export function refreshCostDays(db: Db, shop: string, change: CostChange, onProgress?: (progress: RebuildProgress) => unknown): Promise<string[] | null> {
  const shipping = change.shippingCountries.length > 0 || change.restOfWorld || change.importedShipping;
  if (change.gateways.length === 0 && !shipping) return Promise.resolve([]);
  return serialized(shop, async () => {
    const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, rollupTimeZone: true } });
    if (!record || record.rollupTimeZone !== record.ianaTimezone) return null;
    const zone = timeZone(record.ianaTimezone);
    const days = new Set<number>();
    for (const names of chunks(change.gateways)) {
      const rows = await db.orderTransaction.findMany({
        where: { shop, status: "SUCCESS", kind: { in: ["SALE", "CAPTURE"] }, feesListed: false, gateway: { in: names }, processedAt: { not: null } },
        select: { processedAt: true },
      });
      for (const row of rows) days.add(zone.localDay((row.processedAt as Date).getTime()));
    }
    if (shipping) {
      const ownRules = change.restOfWorld
        ? (await db.shippingRule.findMany({ where: { shop, destination: { not: REST_OF_WORLD } }, select: { destination: true } })).map(
            (rule) => rule.destination,
          )
        : null;
      const instants = await rollupStore(databaseUrlOf(db)).shippedOrderInstants(shop, {
        countries: change.shippingCountries,
        restOfWorldExcept: ownRules,
        pendingImports: change.importedShipping,
      });
      for (const instant of instants) days.add(zone.localDay(instant.getTime()));
    }
    return recomputeDays(db, shop, zone, [...days], onProgress);
  });
}

/** refreshCostDays for gateways whose fee rule changed. */
export function refreshFeeDays(db: Db, shop: string, gateways: string[], onProgress?: (progress: RebuildProgress) => unknown): Promise<string[] | null> {
  return refreshCostDays(db, shop, { ...NO_COST_CHANGE, gateways }, onProgress);
}

/** Whether the shop's rollups are built for its current time zone (else a rebuild is due). */
export async function rollupsReady(db: Db, shop: string): Promise<boolean> {
  return rollupsReadyFor(await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, rollupTimeZone: true } }));
}

/** rollupsReady for a shop row already read. */
export function rollupsReadyFor(record: Pick<Shop, "ianaTimezone" | "rollupTimeZone"> | null): boolean {
  return record !== null && record.rollupTimeZone === record.ianaTimezone;
}

/** The rollups are being built by a sync that is running (in this process or another): wait for it. */
export class RollupsBeingBuiltError extends Error {
  override name = "RollupsBeingBuiltError";
  constructor(shop: string) {
    super(`the indicators of ${shop} are being computed by the sync that is running; ask again when it has finished`);
  }
}

/**
 * Builds the rollups first when they are missing or were built in another time zone, unless a
 * running backfill (whose last phase builds them) is doing it: two builders would each assign the
 * customer keys and undo each other's days.
 */
export async function ensureRollups(db: Db, shop: string, onProgress?: (progress: RebuildProgress) => void, now: Date = new Date()): Promise<void> {
  if (await rollupsReady(db, shop)) return;
  if (await runningBackfill(db, shop, now)) throw new RollupsBeingBuiltError(shop);
  await rebuildRollups(db, shop, onProgress);
}

/** The shop's first local day with any activity (its history starts there), from the rollups. */
export async function firstActiveDay(db: PrismaClient, shop: string): Promise<number | null> {
  const first = await db.dailyRollup.findFirst({ where: { shop }, orderBy: { day: "asc" }, select: { day: true } });
  return first ? parseDay(first.day) : null;
}
