/**
 * A goal's outcome read from the store: over the goal's days so far (its first day to the last day
 * that has ended, clipped to its end) and as many days just before it, through the report functions
 * the dashboard reads (periodReport, profitFiguresOf, the marketing totals), so the outcome is the
 * dashboard's figure for the same days; its bridge (goal-bridge.ts); and the targets on track whose
 * part of it went against the goal. `goalFlags` is what other code (the Monday brief) calls.
 */
import type { Goal, PrismaClient } from "@prisma/client";
import { hasMarketingFigures } from "~/ads/marketing-spend.server";
import { isMarketingIndicatorKey, isProfitIndicatorKey, type MarketingIndicatorKey, type ReportedIndicatorKey } from "~/indicators/definitions";
import { jsonValue, marketingJson } from "~/indicators/json";
import { profitFiguresOf } from "~/indicators/profit-report.server";
import { periodReport, type PeriodReport } from "~/indicators/report.server";
import { firstActiveDay } from "~/indicators/rollups.server";
import { currentLocalizer } from "~/i18n/scope";
import { parseDay, type Period } from "~/lib/calendar";
import { marketingTotalsByPeriod } from "~/promotions/promotions.server";
import { flagTargets, goalBridge, isBridgedOutcome, type GoalFields, type GoalReading, type OutcomeFigures, type TargetPace } from "./goal-bridge";
import { flagFacts, flagPartNumber, flagWords, type GoalFlagFacts } from "./goal-words";
import { targetStatus } from "./target-status.server";
import { liveGoals } from "./targets.server";

/** The goal's days so far through `through` (clipped to its end), and as many days just before it; null before its first day has ended. */
function goalDays(goal: Pick<Goal, "from" | "to">, through: number): { period: Period; previous: Period } | null {
  const from = parseDay(goal.from)!;
  const to = Math.min(through, parseDay(goal.to)!);
  if (to < from) return null;
  return { period: { from, to }, previous: { from: from - (to - from + 1), to: from - 1 } };
}

/** Reads each goal's outcome through `through` (a local day that has ended). */
export async function readGoals(db: PrismaClient, shop: string, goals: readonly GoalFields[], through: number): Promise<GoalReading[]> {
  return Promise.all(
    goals.map(async (goal): Promise<GoalReading> => {
      const days = goalDays(goal, through);
      if (!days) return { goal, days, bridge: null, values: null };
      const reports = await Promise.all([periodReport(db, shop, days.previous), periodReport(db, shop, days.period)]);
      const profits = await profitFiguresOf(db, shop, reports);
      if (isBridgedOutcome(goal.outcome)) {
        const [before, after] = reports.map((report, index): OutcomeFigures => ({
          orders: report.totals.orders,
          grossSales: report.totals.grossSales,
          discounts: report.totals.discounts,
          customers: report.indicators.customers as number,
          newCustomers: report.totals.newCustomers,
          profit: profits[index]!.parts,
        }));
        return { goal, days, bridge: goalBridge(goal.outcome, before!, after!), values: null };
      }
      const key = goal.outcome as ReportedIndicatorKey;
      let values: (number | null)[];
      if (isProfitIndicatorKey(key)) values = profits.map((profit) => jsonValue(profit.indicators[key]));
      else if (isMarketingIndicatorKey(key)) values = await marketingValues(db, shop, key, reports);
      else values = reports.map((report) => jsonValue(report.indicators[key]));
      return { goal, days, bridge: null, values: { before: values[0]!, after: values[1]! } };
    }),
  );
}

/** A marketing indicator over the reports' periods (null before the shop has promotions or ad spend, which `indicators` leaves them out for). */
async function marketingValues(db: PrismaClient, shop: string, key: MarketingIndicatorKey, reports: PeriodReport[]): Promise<(number | null)[]> {
  const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  if (!(await hasMarketingFigures(db, shop))) return reports.map(() => null);
  const totals = await marketingTotalsByPeriod(
    db,
    shop,
    record?.ianaTimezone ?? "UTC",
    reports.map((report) => report.period),
  );
  return reports.map((report, index) => marketingJson(totals[index]!, report.indicators.net_sales as bigint)[key]);
}

/** A target as pacing left it, with the goal it is under. */
type PacedTarget = TargetPace & { goalId: number | null };

/**
 * The flags of every live goal's targets as of `asOf` (a local day that has ended): the goal's
 * outcome through that day against the days before, and its targets' pacing as of that day.
 */
export async function goalFlagFacts(db: PrismaClient, shop: string, asOf: number): Promise<GoalFlagFacts[]> {
  const goals = (await liveGoals(db, shop)).filter((goal) => isBridgedOutcome(goal.outcome));
  if (goals.length === 0) return [];
  const [readings, paced] = await Promise.all([readGoals(db, shop, goals, asOf), goalTargetStatuses(db, shop, goals, asOf)]);
  return flagsOf(readings, paced);
}

/** The pacing of the goals' live targets as of the end of day `on` (the targets outside them cost nothing). */
async function goalTargetStatuses(db: PrismaClient, shop: string, goals: readonly GoalFields[], on: number): Promise<PacedTarget[]> {
  const [targets, firstDay] = await Promise.all([
    db.target.findMany({ where: { shop, deletedAt: null, goalId: { in: goals.map((goal) => goal.id) } } }),
    firstActiveDay(db, shop),
  ]);
  return Promise.all(targets.map((target) => targetStatus(db, target, on, firstDay)));
}

/** The flags of goals read already, from their targets' pacing (the pages pass the statuses their cards show). */
export function flagsOf(readings: readonly GoalReading[], paced: readonly PacedTarget[]): GoalFlagFacts[] {
  return readings.flatMap(({ goal, bridge }) =>
    bridge
      ? flagTargets(
          bridge,
          paced.filter((target) => target.goalId === goal.id),
        ).map((flag) => flagFacts(goal, bridge.outcome, flag))
      : [],
  );
}

/** A flag as other code lists it, in the current localizer's language. */
export interface GoalFlagLine {
  goal: string;
  goalId: number;
  outcome: string;
  indicator: string;
  targetId: number;
  /** The target's part of the outcome: money in the shop currency, or repeat customers. */
  part: number;
  words: string;
}

/**
 * The targets on track (or met) whose part of their goal's outcome went against it, as of the end of
 * local day `asOfDay`, with their words in the current localizer's language (the Monday brief lists them).
 */
export async function goalFlags(db: PrismaClient, shop: string, asOfDay: number): Promise<GoalFlagLine[]> {
  const record = await db.shop.findUnique({ where: { shop }, select: { currencyCode: true } });
  const l10n = currentLocalizer();
  return (await goalFlagFacts(db, shop, asOfDay)).map((facts) => ({
    goal: facts.goal,
    goalId: facts.goalId,
    outcome: facts.outcome,
    indicator: facts.indicator,
    targetId: facts.targetId,
    part: flagPartNumber(facts),
    words: flagWords(facts, record?.currencyCode ?? "USD", l10n),
  }));
}
