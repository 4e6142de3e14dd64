/**
 * Every live target paced against the store's indicators as of the end of a local day: the value
 * so far, the value expected by then, the projection and the status (pacing.ts), plus the trend
 * the Targets page draws against the target line, over the target's whole period.
 */
import type { PrismaClient, Target } from "@prisma/client";
import {
  INDICATORS,
  isMarketingIndicatorKey,
  isProfitIndicatorKey,
  REPORTED_INDICATORS,
  type IndicatorKey,
  type MarketingIndicatorKey,
  type ProfitIndicatorKey,
  type ReportedIndicatorKey,
} from "~/indicators/definitions";
import { profitIndicatorsOf } from "~/indicators/profit-report.server";
import { jsonValue, marketingJson } from "~/indicators/json";
import { runningSeries, seriesReport } from "~/indicators/report.server";
import { firstActiveDay } from "~/indicators/rollups.server";
import { formatDay, parseDay, type Period } from "~/lib/calendar";
import { marketingTotalsByPeriod } from "~/promotions/promotions.server";
import { likeKindOf, likePath, likePeriods, type LikePath } from "./like-periods";
import { elapsedShare, expectedOnPath, pace, weekdayWeights, type Direction, type PacingStatus } from "./pacing";
import { targetNumber } from "./target-input";

/** Weeks of the store's own history that give the weekday pattern. */
const PATTERN_DAYS = 56;

export interface TargetStatus {
  id: number;
  goalId: number | null;
  /** The store's indicators and, once there are promotions, the marketing ones (every indicator the app reports). */
  indicator: ReportedIndicatorKey;
  from: string;
  to: string;
  periodKind: string;
  recurring: boolean;
  value: number;
  direction: Direction;
  actual: number | null;
  expectedToDate: number | null;
  projected: number | null;
  status: PacingStatus;
  /** Share of the period elapsed (by weight), 0..1. */
  elapsed: number;
  /** Days of the period through the day it is paced as of (0 before it starts). */
  elapsedDays: number;
  /** Whether the store's weekday pattern weighed the days. */
  weekdayPattern: boolean;
  /** A ratio that depends on the period's length: the past periods like this one it is paced on (null: none in the history, or another kind of indicator). */
  likePath: LikePath | null;
  /** The customers the value so far is a share of (a period ratio's allowance for chance). */
  outOf: number | null;
  /**
   * Every day of the period: the value from its first day to that one (null for days still to come)
   * and where the target line says it should be by then.
   */
  trend: { day: string; actual: number | null; expected: number }[];
  lastStatus: string | null;
  analyticsTargetId: string | null;
  analyticsError: string | null;
  flowError: string | null;
}

function valueOf(report: { indicators: Record<IndicatorKey, bigint | number | null> }, key: IndicatorKey): number | null {
  return jsonValue(report.indicators[key]);
}

async function weightsBefore(db: PrismaClient, shop: string, indicator: IndicatorKey, from: number, firstDay: number | null): Promise<number[] | null> {
  if (firstDay === null) return null;
  const start = Math.max(from - PATTERN_DAYS, firstDay);
  if (from - start < 28) return null;
  const days = await seriesReport(db, shop, { from: start, to: from - 1 }, "day");
  return weekdayWeights(
    start,
    days.map((day) => valueOf(day, indicator) ?? 0),
  );
}

/** The path of the past periods like `period` (like-periods.ts), from the history's daily rollups. */
async function pathBefore(db: PrismaClient, shop: string, indicator: IndicatorKey, period: Period, firstDay: number | null): Promise<LikePath | null> {
  if (firstDay === null) return null;
  const series = await Promise.all(likePeriods(period, period.from, firstDay).map((like) => runningSeries(db, shop, like)));
  return likePath(
    likeKindOf(period),
    period.to - period.from + 1,
    series.map((days) => days.map((day) => valueOf(day, indicator))),
  );
}

export async function targetStatus(db: PrismaClient, target: Target, on: number, firstDay: number | null): Promise<TargetStatus> {
  if (isMarketingIndicatorKey(target.indicator) || isProfitIndicatorKey(target.indicator)) return reportTimeTargetStatus(db, target, target.indicator, on);
  const indicator = target.indicator as IndicatorKey;
  const definition = INDICATORS[indicator];
  const period: Period = { from: parseDay(target.from)!, to: parseDay(target.to)! };
  const value = targetNumber(indicator, target.value);
  const direction = target.direction as Direction;
  const soFar = on >= period.from ? { from: period.from, to: Math.min(on, period.to) } : null;
  const [weights, path, toDate] = await Promise.all([
    definition.pacing === "sum" ? weightsBefore(db, target.shop, indicator, period.from, firstDay) : Promise.resolve(null),
    definition.pacing === "period_ratio" ? pathBefore(db, target.shop, indicator, period, firstDay) : Promise.resolve(null),
    soFar ? runningSeries(db, target.shop, soFar) : Promise.resolve([]),
  ]);
  // The period to date is the running series' last evening.
  const report = toDate.at(-1) ?? null;
  const pacing = pace({
    kind: definition.pacing,
    target: value,
    direction,
    from: period.from,
    to: period.to,
    on,
    actual: report ? valueOf(report, indicator) : null,
    weekdayWeights: weights,
    likePath: path,
    outOf: report ? valueOf(report, "customers") : null,
  });
  // Each evening's value to date (the figure the card shows, for ratios too: not the day's own), and
  // the target line over the whole period, so a target above today's value shows on the chart.
  const expectedBy = (day: number) => {
    if (definition.pacing === "sum") return value * elapsedShare(period.from, period.to, day, weights);
    return (path && expectedOnPath(value, path, day - period.from)) ?? value;
  };
  const trend = [];
  for (let day = period.from; day <= period.to; day++) {
    const report = toDate[day - period.from];
    trend.push({ day: formatDay(day), actual: report ? valueOf(report, indicator) : null, expected: expectedBy(day) });
  }
  return {
    id: target.id,
    goalId: target.goalId,
    indicator,
    from: target.from,
    to: target.to,
    periodKind: target.periodKind,
    recurring: target.recurring,
    value,
    direction,
    ...pacing,
    elapsedDays: soFar ? soFar.to - soFar.from + 1 : 0,
    weekdayPattern: weights !== null,
    likePath: path,
    outOf: definition.pacing === "period_ratio" && report ? valueOf(report, "customers") : null,
    trend,
    lastStatus: target.lastStatus,
    analyticsTargetId: target.analyticsTargetId,
    analyticsError: target.analyticsError,
    flowError: target.flowError,
  };
}

/**
 * A target on an indicator computed when a period is reported rather than held by the rollups: a
 * marketing one (spend, cost ratio, ROAS), from the promotions' spend and their attributed orders
 * (marketingTotalsByPeriod, one pass for every evening) with the period's net sales for the cost ratio,
 * or net profit and the figures around it (profitIndicatorsOf over every evening's report). Spend and
 * monthly costs are spread evenly over their days, so the period's whole spend as logged today is
 * known already: it is marketing spend's projection, and the expected share of a day is the same for
 * every day (no weekday pattern).
 */
async function reportTimeTargetStatus(
  db: PrismaClient,
  target: Target,
  indicator: MarketingIndicatorKey | ProfitIndicatorKey,
  on: number,
): Promise<TargetStatus> {
  const definition = REPORTED_INDICATORS[indicator];
  const period: Period = { from: parseDay(target.from)!, to: parseDay(target.to)! };
  const value = targetNumber(indicator, target.value);
  const direction = target.direction as Direction;
  const evenings: Period[] = [];
  for (let day = period.from; day <= Math.min(on, period.to); day++) evenings.push({ from: period.from, to: day });
  const shop = await db.shop.findUnique({ where: { shop: target.shop }, select: { ianaTimezone: true } });
  const [sales, [whole, ...totals]] = await Promise.all([
    evenings.length > 0 ? runningSeries(db, target.shop, { from: period.from, to: evenings.at(-1)!.to }) : Promise.resolve([]),
    marketingTotalsByPeriod(db, target.shop, shop?.ianaTimezone ?? "UTC", [period, ...evenings]),
  ]);
  const values = isProfitIndicatorKey(indicator)
    ? (await profitIndicatorsOf(db, target.shop, sales)).map((profit) => jsonValue(profit[indicator]))
    : totals.map((facts, index) => marketingJson(facts, sales[index]!.indicators.net_sales as bigint)[indicator]);
  const pacing = pace({
    kind: definition.pacing,
    target: value,
    direction,
    from: period.from,
    to: period.to,
    on,
    actual: values.at(-1) ?? null,
    weekdayWeights: null,
    projected: indicator === "marketing_spend" ? jsonValue(whole!.marketingSpend) : null,
  });
  const trend = evenings.map((evening, index) => ({
    day: formatDay(evening.to),
    actual: values[index] ?? null,
    expected: definition.pacing === "sum" ? value * elapsedShare(period.from, period.to, evening.to, null) : value,
  }));
  return {
    id: target.id,
    goalId: target.goalId,
    indicator,
    from: target.from,
    to: target.to,
    periodKind: target.periodKind,
    recurring: target.recurring,
    value,
    direction,
    ...pacing,
    elapsedDays: Math.max(0, Math.min(on, period.to) - period.from + 1),
    weekdayPattern: false,
    likePath: null,
    outOf: null,
    trend,
    lastStatus: target.lastStatus,
    analyticsTargetId: target.analyticsTargetId,
    analyticsError: target.analyticsError,
    flowError: target.flowError,
  };
}

/**
 * Status of every live target as of the end of day `on` (local), newest periods first; only those
 * whose period overlaps `overlapping` when given (each target costs a few reads to pace).
 */
export async function targetStatuses(db: PrismaClient, shop: string, on: number, overlapping?: Period): Promise<TargetStatus[]> {
  const range = overlapping ? { from: { lte: formatDay(overlapping.to) }, to: { gte: formatDay(overlapping.from) } } : {};
  const [targets, firstDay] = await Promise.all([
    db.target.findMany({ where: { shop, deletedAt: null, ...range }, orderBy: [{ from: "desc" }, { indicator: "asc" }] }),
    firstActiveDay(db, shop),
  ]);
  return Promise.all(targets.map((target) => targetStatus(db, target, on, firstDay)));
}
