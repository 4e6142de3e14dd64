/**
 * Pacing of a target (pure): where the indicator stands, where it should stand by now, where it is
 * heading, and a status.
 *
 * - Sums (sales, orders, units, customers, profit…) are projected from the days elapsed: the value
 *   so far, scaled by the share of the period's "weight" those days carry. With at least four weeks
 *   of the store's own history, a day weighs what its weekday weighed over the last eight weeks
 *   (Saturdays may sell twice what Mondays do); otherwise every day weighs the same.
 * - Ratios (AOV, margin, discount rate…) are compared as they stand: the expected value is the target itself.
 * - Ratios whose level depends on the period's length (repurchase rate, returning customer rate) follow
 *   the path of past periods like this one (like-periods.ts, decision 020): by day d, a target is
 *   expected where those periods stood by their day d, scaled by how the target compares with where
 *   they ended (target × path(d) / path(end)); the projection scales the value so far the other way.
 *   Such a rate over a few days' customers swings by chance, so the status first allows for chance:
 *   CHANCE_ERRORS standard errors of a share of that many customers (a control limit: a period like
 *   the past ones stays on track), then applies the thresholds below. Without a like period in the
 *   history, nothing can be said before the period ends (`no_data`).
 *
 * Status, as of the end of day `on` (documented thresholds):
 * - `not_started` before the period; `no_data` while the value is undefined (a ratio with nothing to divide by);
 * - during the period, from the projection: at least → `on_track` when it reaches the target, `at_risk`
 *   within 10% below it, `off_track` further; at most → `on_track` at or under the target, `at_risk`
 *   up to 10% over, `off_track` beyond;
 * - after the period, from the final value: `met` or `missed`.
 */
import type { LikePath } from "./like-periods";

export type Direction = "at_least" | "at_most";
export type PacingStatus = "not_started" | "no_data" | "on_track" | "at_risk" | "off_track" | "met" | "missed";

/** Statuses from best to worst, for "did it get worse?". */
export const STATUS_RANK: Record<PacingStatus, number> = { met: 0, on_track: 1, not_started: 1, no_data: 1, at_risk: 2, off_track: 3, missed: 3 };
export const AT_RISK_MARGIN = 0.1;
export const MIN_HISTORY_DAYS = 28;

export interface PacingInput {
  /** "sum": projected from the days elapsed; "ratio": compared as it stands; "period_ratio": along the path of like periods. */
  kind: "sum" | "ratio" | "period_ratio";
  target: number;
  direction: Direction;
  /** Inclusive local days. */
  from: number;
  to: number;
  /** End of this local day is "now". */
  on: number;
  /** The indicator over [from, min(on, to)], or null when undefined. */
  actual: number | null;
  /** Weight of each weekday (index 0 = Monday), or null for equal days. */
  weekdayWeights: number[] | null;
  /**
   * A sum whose period total is known ahead (marketing spend: the logged promotions' spend spread over
   * the days to come): its projection, in place of the pace so far.
   */
  projected?: number | null;
  /** For a "period_ratio": the path of like periods (null when the history holds none). */
  likePath?: LikePath | null;
  /** For a "period_ratio": how many the value so far is a share of (its customers), for the allowance for chance. */
  outOf?: number | null;
}

export interface Pacing {
  actual: number | null;
  expectedToDate: number | null;
  projected: number | null;
  status: PacingStatus;
  /** Share of the period's weight elapsed, 0..1. */
  elapsed: number;
}

/** Monday = 0 (day 0, 1970-01-01, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Weekday weights from daily values of the last weeks (index 0 = the first day given): each
 * weekday's share of the total, times 7 (an average day weighs 1). Null without enough history or
 * when the values don't sum to a positive total.
 */
export function weekdayWeights(firstDay: number, daily: number[]): number[] | null {
  if (daily.length < MIN_HISTORY_DAYS) return null;
  const sums = [0, 0, 0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0, 0, 0];
  daily.forEach((value, i) => {
    const weekday = weekdayOf(firstDay + i);
    sums[weekday] = (sums[weekday] as number) + value;
    counts[weekday] = (counts[weekday] as number) + 1;
  });
  const averages = sums.map((sum, i) => sum / Math.max(1, counts[i] as number));
  const total = averages.reduce((a, b) => a + b, 0);
  if (!(total > 0) || averages.some((average) => average < 0)) return null;
  return averages.map((average) => (average / total) * 7);
}

/** Share of the period's weight from its first day through `day` (0..1). */
export function elapsedShare(from: number, to: number, day: number, weights: number[] | null): number {
  if (day < from) return 0;
  const total = weightOf(from, to, weights);
  return total > 0 ? weightOf(from, Math.min(day, to), weights) / total : 1;
}

function weightOf(from: number, to: number, weights: number[] | null): number {
  let total = 0;
  for (let day = from; day <= to; day++) total += weights ? (weights[weekdayOf(day)] as number) : 1;
  return total;
}

function judge(value: number, target: number, direction: Direction): "on_track" | "at_risk" | "off_track" {
  if (direction === "at_least") {
    if (value >= target) return "on_track";
    return value >= target * (1 - AT_RISK_MARGIN) ? "at_risk" : "off_track";
  }
  if (value <= target) return "on_track";
  return value <= target * (1 + AT_RISK_MARGIN) ? "at_risk" : "off_track";
}

/** Standard errors of chance allowed before a period ratio's shortfall counts (a Shewhart control limit). */
export const CHANCE_ERRORS = 3;

/**
 * Where a target on the like periods' path stands after `index` + 1 days of its period: the target
 * scaled as the like periods' rate by then compares with their final one. Null where the path says
 * nothing (no rate by then, or like periods that ended at 0).
 */
export function expectedOnPath(target: number, path: LikePath, index: number): number | null {
  const reached = path.days[index]?.median;
  return typeof reached === "number" && path.final > 0 ? (target * reached) / path.final : null;
}

/**
 * What chance allows a share `expected` of `outOf` customers to miss by: CHANCE_ERRORS standard
 * errors of a proportion (none without customers).
 */
export function chanceAllowance(expected: number, outOf: number | null | undefined): number {
  if (!outOf || outOf <= 0) return 0;
  const share = Math.min(1, Math.max(0, expected));
  return CHANCE_ERRORS * Math.sqrt((share * (1 - share)) / outOf);
}

function paceOnPath(input: PacingInput, actual: number, elapsed: number): Pacing {
  const { target, direction, from, to, on } = input;
  const path = input.likePath;
  const expected = path ? expectedOnPath(target, path, Math.min(on, to) - from) : null;
  // No like period, or nothing to read by this day: nothing to pace by (the period's end judges it).
  if (!path || expected === null) return { actual, expectedToDate: null, projected: null, status: "no_data", elapsed };
  const allowance = chanceAllowance(expected, input.outOf);
  const status = judge(direction === "at_least" ? actual + allowance : Math.max(0, actual - allowance), expected, direction);
  return { actual, expectedToDate: expected, projected: expected > 0 ? (actual * target) / expected : null, status, elapsed };
}

export function pace(input: PacingInput): Pacing {
  const { kind, target, direction, from, to, on, actual } = input;
  if (on < from) return { actual: null, expectedToDate: null, projected: null, status: "not_started", elapsed: 0 };
  const ended = on >= to;
  const total = weightOf(from, to, input.weekdayWeights);
  const done = weightOf(from, Math.min(on, to), input.weekdayWeights);
  const elapsed = total > 0 ? done / total : 1;
  if (kind === "period_ratio" && !ended) {
    if (actual === null) return { actual, expectedToDate: null, projected: null, status: "no_data", elapsed };
    return paceOnPath(input, actual, elapsed);
  }
  if (kind === "ratio" || kind === "period_ratio") {
    if (actual === null) return { actual, expectedToDate: target, projected: null, status: "no_data", elapsed };
    const status = ended ? (judge(actual, target, direction) === "on_track" ? "met" : "missed") : judge(actual, target, direction);
    return { actual, expectedToDate: target, projected: actual, status, elapsed };
  }
  const value = actual ?? 0;
  const expectedToDate = target * elapsed;
  const projected = input.projected ?? (elapsed > 0 ? value / elapsed : value);
  if (ended)
    return { actual: value, expectedToDate: target, projected: value, status: judge(value, target, direction) === "on_track" ? "met" : "missed", elapsed: 1 };
  return { actual: value, expectedToDate, projected, status: judge(projected, target, direction), elapsed };
}
