/**
 * Everything the dashboard shows for a period, read in one go: the indicators (net profit and the
 * figures read with it among them), the same for the previous period and a year earlier, a trend
 * series, what moved the top indicators and net profit, and the per-product table. The benchmark times exactly this.
 */
import type { PrismaClient } from "@prisma/client";
import { periodLength, previousPeriod, yearEarlierPeriod, type Granularity, type Period } from "~/lib/calendar";
import { driverBreakdowns, type DriverBreakdown } from "./drivers";
import type { IndicatorKey } from "./definitions";
import type { ProductIndicators } from "./engine";
import type { ProfitIndicators, ProfitParts } from "./profit";
import { profitBridge, type ProfitBridge } from "./profit-bridge";
import { profitFiguresOf } from "./profit-report.server";
import { periodReport, periodWithSeries, productReport, type PeriodReport } from "./report.server";

/** A period's report with net profit and the figures read with it (profit.ts) among its indicators. */
export interface ReportWithProfit extends Omit<PeriodReport, "indicators"> {
  indicators: PeriodReport["indicators"] & ProfitIndicators;
}

export interface Dashboard {
  current: ReportWithProfit;
  previous: ReportWithProfit;
  yearEarlier: ReportWithProfit;
  trendBy: Granularity;
  trend: ReportWithProfit[];
  drivers: Partial<Record<IndicatorKey, DriverBreakdown>>;
  /** "What moved net profit": gross profit to net profit through each cost family, against the previous period. */
  profitBridge: ProfitBridge;
  /** The current period's net profit parts (the default cost rate among them), for what the page says of coverage. */
  profitParts: ProfitParts;
  products: ProductIndicators[];
}

/** Days for up to two months, weeks for up to half a year, then months. */
export function trendGranularity(period: Period): Granularity {
  const days = periodLength(period);
  if (days <= 62) return "day";
  if (days <= 190) return "week";
  return "month";
}

export async function dashboardReport(db: PrismaClient, shop: string, period: Period): Promise<Dashboard> {
  const trendBy = trendGranularity(period);
  const [{ report: current, series: trend }, previous, yearEarlier] = await Promise.all([
    periodWithSeries(db, shop, period, trendBy),
    periodReport(db, shop, previousPeriod(period)),
    periodReport(db, shop, yearEarlierPeriod(period)),
  ]);
  const reports = [current, previous, yearEarlier, ...trend];
  const [products, profits] = await Promise.all([productReport(db, shop, period, current.totals), profitFiguresOf(db, shop, reports)]);
  const [withCurrent, withPrevious, withYearEarlier, ...withTrend] = reports.map((report, index) => ({
    ...report,
    indicators: { ...report.indicators, ...profits[index]!.indicators },
  }));
  return {
    current: withCurrent!,
    previous: withPrevious!,
    yearEarlier: withYearEarlier!,
    trendBy,
    trend: withTrend,
    drivers: driverBreakdowns(previous.totals, current.totals),
    profitBridge: profitBridge(profits[1]!.parts, profits[0]!.parts),
    profitParts: profits[0]!.parts,
    products,
  };
}
