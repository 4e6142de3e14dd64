/**
 * Indicators read from the daily rollups: a period is the sum of its days' totals plus one pass over
 * its days' customer keys. Used by the dashboard, the CLI and (later) targets and promotions.
 */
import { slices } from "~/lib/slices";
import type { PrismaClient } from "@prisma/client";
import { buckets, formatDay, type Granularity, type Period } from "~/lib/calendar";
import {
  addPaymentTotals,
  addShippingTotals,
  addTotals,
  computeCostIndicators,
  computeIndicators,
  computeProductIndicators,
  countCustomers,
  emptyPaymentTotals,
  emptyShippingTotals,
  emptyTotals,
  type CostIndicators,
  type CustomerCounts,
  type Indicators,
  type PaymentTotals,
  type ProductIndicators,
  type ShippingTotals,
  type Totals,
} from "./engine";
import { databaseUrlOf } from "~/db.server";
import { rollupStore, type StoredDay } from "./rollup-store.server";

type Db = PrismaClient;

export interface PeriodReport {
  period: Period;
  totals: Totals;
  payments: PaymentTotals;
  shipping: ShippingTotals;
  /** Distinct customers and those who ordered twice or more (the customer indicators' counts, for a lesson's worked example). */
  customers: CustomerCounts;
  /** The store's indicators and the costs the rollups hold (definitions.ts, INDICATORS). */
  indicators: Indicators & CostIndicators;
}

type DayRow = StoredDay;

function readDays(db: Db, shop: string, period: Period): Promise<DayRow[]> {
  return rollupStore(databaseUrlOf(db)).days(shop, formatDay(period.from), formatDay(period.to));
}

function reportOf(period: Period, days: DayRow[]): PeriodReport {
  const totals = emptyTotals();
  const payments = emptyPaymentTotals();
  const shipping = emptyShippingTotals();
  for (const day of days) {
    addTotals(totals, day.totals);
    addPaymentTotals(payments, day.payments);
    addShippingTotals(shipping, day.shipping);
  }
  return reported(period, totals, payments, shipping, countCustomers(days.map((day) => day.customerKeys)));
}

function reported(period: Period, totals: Totals, payments: PaymentTotals, shipping: ShippingTotals, customers: CustomerCounts): PeriodReport {
  return {
    period,
    totals,
    payments,
    shipping,
    customers,
    indicators: { ...computeIndicators(totals, customers), ...computeCostIndicators(payments, shipping) },
  };
}

/** The store's indicators for one period. */
export async function periodReport(db: Db, shop: string, period: Period): Promise<PeriodReport> {
  return reportOf(period, await readDays(db, shop, period));
}

function seriesOf(days: DayRow[], period: Period, by: Granularity): PeriodReport[] {
  const result: PeriodReport[] = [];
  let i = 0;
  for (const bucket of buckets(period, by)) {
    const last = formatDay(bucket.to);
    const start = i;
    while (i < days.length && (days[i] as DayRow).day <= last) i++;
    result.push(reportOf(bucket, days.slice(start, i)));
  }
  return result;
}

/** The period cut into days, ISO weeks, months or quarters (the first and last clipped to the period). */
export async function seriesReport(db: Db, shop: string, period: Period, by: Granularity): Promise<PeriodReport[]> {
  return seriesOf(await readDays(db, shop, period), period, by);
}

/** The period and its series from one read of its days. */
export async function periodWithSeries(db: Db, shop: string, period: Period, by: Granularity): Promise<{ report: PeriodReport; series: PeriodReport[] }> {
  const days = await readDays(db, shop, period);
  return { report: reportOf(period, days), series: seriesOf(days, period, by) };
}

/**
 * The period to date, day by day: for each day of the period, the indicators from its first day
 * through that one (what a target stands at each evening). One read of the days; sums and distinct
 * customers accumulate as the days go.
 */
export async function runningSeries(db: Db, shop: string, period: Period): Promise<PeriodReport[]> {
  const days = new Map((await readDays(db, shop, period)).map((day) => [day.day, day]));
  const totals = emptyTotals();
  const payments = emptyPaymentTotals();
  const shipping = emptyShippingTotals();
  const seen = new Map<number, number>();
  const customers = { customers: 0, repeatCustomers: 0 };
  const result: PeriodReport[] = [];
  for (let day = period.from; day <= period.to; day++) {
    const row = days.get(formatDay(day));
    if (row) {
      addTotals(totals, row.totals);
      addPaymentTotals(payments, row.payments);
      addShippingTotals(shipping, row.shipping);
      for (const key of row.customerKeys) {
        const count = seen.get(key) ?? 0;
        if (count === 0) customers.customers++;
        else if (count === 1) customers.repeatCustomers++;
        if (count < 2) seen.set(key, count + 1);
      }
    }
    result.push(reported({ from: period.from, to: day }, { ...totals }, { ...payments }, { ...shipping }, { ...customers }));
  }
  return result;
}

/** Per-product indicators for the period, by net sales (highest first). */
export async function productReport(db: Db, shop: string, period: Period, store?: Totals): Promise<ProductIndicators[]> {
  const range = { gte: formatDay(period.from), lte: formatDay(period.to) };
  const [groups, storeTotals, settings] = await Promise.all([
    db.dailyProductRollup.groupBy({
      by: ["productId"],
      where: { shop, day: range },
      _sum: {
        orders: true,
        units: true,
        grossSales: true,
        discounts: true,
        returns: true,
        knownCostGross: true,
        knownCostNet: true,
        cogs: true,
        newCustomers: true,
      },
    }),
    store ? Promise.resolve(store) : periodReport(db, shop, period).then((report) => report.totals),
    // The default cost rate fills each product's sales without a cost (its cost of all goods).
    db.costSettings.findUnique({ where: { shop }, select: { defaultCostRate: true } }),
  ]);
  // Ids asked 500 at a time: Prisma's SQLite driver refuses a query of more than 999 parameters (a store selling a thousand products).
  const titles = new Map<string, string>();
  for (const ids of slices(groups.map((group) => group.productId))) {
    for (const product of await db.product.findMany({ where: { shop, id: { in: ids } }, select: { id: true, title: true } }))
      titles.set(product.id, product.title);
  }
  const missing = groups.filter((group) => !titles.has(group.productId)).map((group) => group.productId);
  // A product deleted from the store keeps the title its order lines carry.
  for (const ids of slices(missing)) {
    for (const line of await db.orderLine.findMany({
      where: { shop, productId: { in: ids } },
      select: { productId: true, title: true },
      distinct: ["productId"],
    })) {
      titles.set(line.productId as string, line.title);
    }
  }
  return groups
    .map((group) => {
      const sum = group._sum;
      const totals: Totals = {
        orders: sum.orders ?? 0,
        units: sum.units ?? 0,
        grossSales: sum.grossSales ?? 0n,
        discounts: sum.discounts ?? 0n,
        returns: sum.returns ?? 0n,
        knownCostGross: sum.knownCostGross ?? 0n,
        knownCostNet: sum.knownCostNet ?? 0n,
        cogs: sum.cogs ?? 0n,
        newCustomers: sum.newCustomers ?? 0,
      };
      return computeProductIndicators(
        { id: group.productId, title: titles.get(group.productId) ?? group.productId },
        totals,
        storeTotals,
        settings?.defaultCostRate ?? null,
      );
    })
    .sort((a, b) => (a.net_sales === b.net_sales ? a.product_id.localeCompare(b.product_id) : a.net_sales > b.net_sales ? -1 : 1));
}
