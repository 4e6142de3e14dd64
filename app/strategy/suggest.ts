/**
 * Suggested target values from the store's own history (pure; `suggestions.server.ts` reads the
 * figures). For a period to come:
 *
 * - **Sums** (sales, profit, orders…): with a year of history, the same period a year earlier, grown
 *   by how the last 12 weeks ran against the same weeks a year earlier (seasonality and trend);
 *   with a year-earlier period but not the weeks to compare, that period alone; with less than a
 *   year, the recent daily pace (at least MIN_PACE_DAYS of history) times the period's days.
 * - **Rates and averages** (margin, AOV, discount rate…): the level of the last 12 weeks, moved by
 *   how the same period a year earlier differed from the 12 weeks before it (its season), when the
 *   history holds both.
 * - **Rates that depend on the period's length** (repurchase rate, returning customer rate): the
 *   median of the past periods like this one (like-periods.ts, decision 020): a week's from the 12
 *   weeks before, a month's from the 12 months before. The 12-week level would be a quarter's.
 *
 * From that "keep pace" value, three choices: keep pace, grow and stretch. Amounts, counts and
 * averages grow 5% and 10% (lower, where lower is better). Ratios move in percentage points: one and
 * two, or a tenth of the rate (or of its room to 0% or 100%) and two tenths where that is less, so a
 * 3% weekly rate isn't asked to grow by a third. Keep pace is what the forms start from (decision
 * 021). Values are rounded to what a person would type (three significant figures, ratios to a tenth
 * of a percent).
 */
import type { IndicatorDefinition } from "~/indicators/definitions";
import { median } from "./like-periods";

/** Weeks of recent history the trend and the level are read from. */
export const RECENT_DAYS = 84;
/** Fewer days of history than this give no suggestion: a pace needs a couple of weeks. */
export const MIN_PACE_DAYS = 14;
export const GROW = 0.05;
export const STRETCH = 0.1;
/** A ratio's grow step: one percentage point (stretch: two), at most a tenth of the rate or of its room. */
export const POINT = 0.01;
const STEP_SHARE = 0.1;

export interface SuggestionInputs {
  /** Days in the period the target is for. */
  periodDays: number;
  /** The indicator over the same period a year earlier, or null when the history doesn't reach it. */
  yearEarlier: number | null;
  /** The indicator over the recent days (up to RECENT_DAYS before today, from the history's start). */
  recent: number | null;
  /** How many days `recent` covers (fewer than RECENT_DAYS when the history is younger). */
  recentDays: number;
  /** The indicator over the same recent days a year earlier, or null when the history doesn't reach them. */
  recentYearEarlier: number | null;
  /** For a rate that depends on the period's length: its value over each like period before it (none: too little history). */
  likePeriods?: readonly number[];
}

export type SuggestionBasis = "year_earlier_with_trend" | "year_earlier" | "recent_pace" | "recent_level" | "recent_level_with_season" | "like_periods";

export interface Suggestion {
  basis: SuggestionBasis;
  /** Where the store is heading at its current pace and season. */
  keepPace: number;
  /** 5% better than keeping pace (ratios: a point, or less). */
  grow: number;
  /** 10% better than keeping pace (ratios: two points, or less). */
  stretch: number;
  /** Trend of the recent weeks against a year earlier (sums: a ratio, 1.08 is +8%), when known. */
  trend: number | null;
}

/** Rounded to what a person would type: three significant figures (whole numbers for counts). */
export function roundForPeople(value: number, kind: IndicatorDefinition["kind"]): number {
  if (!Number.isFinite(value) || value === 0) return 0;
  if (kind === "ratio") return Math.round(value * 1000) / 1000;
  if (kind === "decimal") return Math.round(value * 100) / 100;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.abs(value))) - 2);
  const rounded = Math.round(value / magnitude) * magnitude;
  return kind === "count" ? Math.round(rounded) : Math.round(rounded * 100) / 100;
}

/** `steps` better than `value` (1: grow, 2: stretch): ratios in percentage points, the rest in percent. */
function better(definition: Pick<IndicatorDefinition, "kind" | "higherIsBetter">, value: number, steps: 1 | 2): number {
  const sign = definition.higherIsBetter ? 1 : -1;
  if (definition.kind !== "ratio") return value * (1 + sign * (steps === 1 ? GROW : STRETCH));
  const room = definition.higherIsBetter ? 1 - value : value;
  const step = Math.max(0, Math.min(POINT, value * STEP_SHARE, room * STEP_SHARE));
  return value + sign * steps * step;
}

export function suggestTarget(definition: Pick<IndicatorDefinition, "kind" | "pacing" | "higherIsBetter">, input: SuggestionInputs): Suggestion | null {
  let keepPace: number;
  let basis: SuggestionBasis;
  let trend: number | null = null;
  if (definition.pacing === "period_ratio") {
    const level = median(input.likePeriods ?? []);
    if (level === null) return null;
    keepPace = level;
    basis = "like_periods";
  } else if (definition.pacing === "sum") {
    if (
      input.yearEarlier !== null &&
      input.recent !== null &&
      input.recentYearEarlier !== null &&
      input.recentYearEarlier > 0 &&
      input.recentDays >= RECENT_DAYS
    ) {
      trend = input.recent / input.recentYearEarlier;
      keepPace = input.yearEarlier * trend;
      basis = "year_earlier_with_trend";
    } else if (input.yearEarlier !== null && input.yearEarlier > 0) {
      keepPace = input.yearEarlier;
      basis = "year_earlier";
    } else if (input.recent !== null && input.recentDays >= MIN_PACE_DAYS) {
      keepPace = (input.recent / input.recentDays) * input.periodDays;
      basis = "recent_pace";
    } else return null;
  } else {
    if (input.recent === null || input.recentDays < MIN_PACE_DAYS) return null;
    if (input.yearEarlier !== null && input.recentYearEarlier !== null) {
      keepPace = input.recent + (input.yearEarlier - input.recentYearEarlier);
      trend = input.recent - input.recentYearEarlier;
      basis = "recent_level_with_season";
    } else {
      keepPace = input.recent;
      basis = "recent_level";
    }
  }
  // A target is never below zero (target-input.ts): a history at a loss (net profit) has no pace to keep.
  if (keepPace < 0) return null;
  const bounded = (value: number) => {
    const positive = Math.max(0, value);
    return definition.kind === "ratio" ? Math.min(1, positive) : positive;
  };
  const round = (value: number) => roundForPeople(bounded(value), definition.kind);
  return { basis, keepPace: round(keepPace), grow: round(better(definition, keepPace, 1)), stretch: round(better(definition, keepPace, 2)), trend };
}
