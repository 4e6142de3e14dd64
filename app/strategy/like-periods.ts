/**
 * Past periods like a target's own (pure), for the ratios whose level depends on how long the period
 * is (`pacing: "period_ratio"`: repurchase rate, returning customer rate). A week's repurchase rate
 * is a fraction of a month's, and the rate from the first of a month to its 6th is lower still: such
 * a rate is only comparable with the same length of history (decision 020).
 *
 * - The like periods of a calendar week, month or quarter are the whole weeks, months or quarters
 *   before it (12 weeks, 12 months, 4 quarters: a year at most); those of any other period are the
 *   stretches of as many days before it, back to back (a year of them, at most 12). None reaches
 *   back before the store's history begins.
 * - Their path: for each day of the period, the median over those periods of the rate from their
 *   first day to the same day of theirs (the 6th of December against the 6th of November, October…;
 *   a shorter month that has ended by then counts with its final rate). Its last day is the median
 *   final rate, where a period "as usual" ends.
 */
import { bucketStart, nextBucketStart, type Period } from "~/lib/calendar";

/** The kinds of like periods, by how the target's period is cut. */
export type LikeKind = "week" | "month" | "quarter" | "custom";

/** How many like periods a target of each kind is compared with: a year of them, at most 12. */
const LIKE_COUNTS: Record<Exclude<LikeKind, "custom">, number> = { week: 12, month: 12, quarter: 4 };
export const MAX_LIKE_PERIODS = 12;
const YEAR_DAYS = 365;

/** A calendar week, month or quarter when the period is exactly one, else "custom". */
export function likeKindOf(period: Period): LikeKind {
  for (const kind of ["week", "month", "quarter"] as const) {
    const from = bucketStart(period.from, kind);
    if (from === period.from && nextBucketStart(from, kind) - 1 === period.to) return kind;
  }
  return "custom";
}

/**
 * The like periods of `period` that have ended before day `before` (the period's first day, or
 * today for one still to come), newest first, none starting before `firstDay`.
 */
export function likePeriods(period: Period, before: number, firstDay: number): Period[] {
  const kind = likeKindOf(period);
  const periods: Period[] = [];
  if (kind === "custom") {
    const days = period.to - period.from + 1;
    const count = Math.max(1, Math.min(MAX_LIKE_PERIODS, Math.round(YEAR_DAYS / days)));
    for (let end = before - 1; periods.length < count && end - days + 1 >= firstDay; end -= days) periods.push({ from: end - days + 1, to: end });
    return periods;
  }
  // The last whole one before `before`, then each one before it.
  let from = bucketStart(before - 1, kind);
  if (nextBucketStart(from, kind) - 1 >= before) from = bucketStart(from - 1, kind);
  while (periods.length < LIKE_COUNTS[kind] && from >= firstDay) {
    periods.push({ from, to: nextBucketStart(from, kind) - 1 });
    from = bucketStart(from - 1, kind);
  }
  return periods;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface LikeDay {
  /** The median rate of the like periods from their first day to this day of theirs (null: none has a rate by then). */
  median: number | null;
  /** The lowest and highest of them. */
  low: number | null;
  high: number | null;
}

export interface LikePath {
  kind: LikeKind;
  /** How many like periods it comes from. */
  periods: number;
  /** For each day of the target's period (index 0 = its first day). */
  days: LikeDay[];
  /** The like periods' final rates: their median (where a period "as usual" ends), lowest and highest. */
  final: number;
  finalLow: number;
  finalHigh: number;
}

/**
 * The path of the like periods over `days` days, from each one's rate to date day by day
 * (`series[j][i]`: period j from its first day through its day i; null where the rate is undefined,
 * e.g. no customer yet). Null when there are none, or none has a final rate.
 */
export function likePath(kind: LikeKind, days: number, series: readonly (readonly (number | null)[])[]): LikePath | null {
  const finals = series.flatMap((values) => (typeof values.at(-1) === "number" ? [values.at(-1) as number] : []));
  const final = median(finals);
  if (final === null) return null;
  const path: LikeDay[] = [];
  for (let i = 0; i < days; i++) {
    // The target's last day stands for the end of each like period, whatever its length.
    const rates = series.flatMap((values) => {
      const value = i === days - 1 ? values.at(-1) : values[Math.min(i, values.length - 1)];
      return typeof value === "number" ? [value] : [];
    });
    path.push({ median: median(rates), low: rates.length > 0 ? Math.min(...rates) : null, high: rates.length > 0 ? Math.max(...rates) : null });
  }
  return { kind, periods: series.length, days: path, final, finalLow: Math.min(...finals), finalHigh: Math.max(...finals) };
}
