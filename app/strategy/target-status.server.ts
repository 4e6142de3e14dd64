/**
 * Every live target paced against the store's indicators as of the end of a local day: the value
 * so far, the value expected by then, the projection and the status (pacing.ts), plus the trend
 * the Targets page draws against the target line.
 */
import type { PrismaClient, Target } from "@prisma/client";
import {
  INDICATORS,
  isMarketingIndicatorKey,
  MARKETING_INDICATORS,
  type IndicatorKey,
  type MarketingIndicatorKey,
  type ReportedIndicatorKey,
} from "~/indicators/definitions";
import { jsonValue, marketingJson } from "~/indicators/json";
import { runningSeries, seriesReport } from "~/indicators/report.server";
import { firstActiveDay } from "~/indicators/rollups.server";
import { formatDay, parseDay, type Period } from "~/lib/calendar";
import { marketingTotalsByPeriod } from "~/promotions/promotions.server";
import { elapsedShare, pace, weekdayWeights, type Direction, type PacingStatus } from "./pacing";
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
  /** Whether the store's weekday pattern weighed the days. */
  weekdayPattern: boolean;
  /** Day by day: the value from the period's first day to that one, and where the target line says it should be. */
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

export async function targetStatus(db: PrismaClient, target: Target, on: number, firstDay: number | null): Promise<TargetStatus> {
  if (isMarketingIndicatorKey(target.indicator)) return marketingTargetStatus(db, target, target.indicator, on);
  const indicator = target.indicator as IndicatorKey;
  const definition = INDICATORS[indicator];
  const period: Period = { from: parseDay(target.from)!, to: parseDay(target.to)! };
  const value = targetNumber(indicator, target.value);
  const direction = target.direction as Direction;
  const soFar = on >= period.from ? { from: period.from, to: Math.min(on, period.to) } : null;
  const [weights, toDate] = soFar
    ? await Promise.all([
        definition.pacing === "sum" ? weightsBefore(db, target.shop, indicator, period.from, firstDay) : Promise.resolve(null),
        runningSeries(db, target.shop, soFar),
      ])
    : [null, []];
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
  });
  // Each evening's value to date (the figure the card shows, for ratios too: not the day's own).
  const trend = toDate.map((day) => {
    const expected = definition.pacing === "sum" ? value * elapsedShare(period.from, period.to, day.period.to, weights) : value;
    return { day: formatDay(day.period.to), actual: valueOf(day, indicator), expected };
  });
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
    weekdayPattern: weights !== null,
    trend,
    lastStatus: target.lastStatus,
    analyticsTargetId: target.analyticsTargetId,
    analyticsError: target.analyticsError,
    flowError: target.flowError,
  };
}

/**
 * A target on a marketing indicator (spend, cost ratio, ROAS): each evening's value to date from the
 * promotions' spend and their attributed orders (marketingTotalsByPeriod, one pass for every evening),
 * with the period's net sales for the cost ratio. Spend is spread evenly over each promotion's days,
 * so the period's whole spend as logged today is known already: it is marketing spend's projection,
 * and its expected share of a day is the same for every day (no weekday pattern).
 */
async function marketingTargetStatus(db: PrismaClient, target: Target, indicator: MarketingIndicatorKey, on: number): Promise<TargetStatus> {
  const definition = MARKETING_INDICATORS[indicator];
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
  const values = totals.map((facts, index) => marketingJson(facts, sales[index]!.indicators.net_sales as bigint)[indicator]);
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
    weekdayPattern: false,
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
