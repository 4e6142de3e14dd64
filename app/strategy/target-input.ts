/**
 * A target as a person or a script types it, checked field by field (pure). Values are exact text:
 * money with up to four decimals, counts as whole numbers, ratios as fractions from 0 to 1.
 */
import { INDICATORS, isIndicatorKey, type IndicatorKey } from "~/indicators/definitions";
import { bucketStart, formatDay, nextBucketStart, parseDay, type Granularity } from "~/lib/calendar";
import { formatMoney, MONEY_SCALE, parseMoney } from "~/lib/money";
import type { Direction } from "./pacing";

export type PeriodKind = "week" | "month" | "quarter" | "custom";
export const PERIOD_KINDS: readonly PeriodKind[] = ["week", "month", "quarter", "custom"];
export const DIRECTIONS: readonly Direction[] = ["at_least", "at_most"];

export interface RawTarget {
  indicator?: string | null;
  periodKind?: string | null;
  from?: string | null;
  to?: string | null;
  value?: string | null;
  direction?: string | null;
  recurring?: boolean | string | null;
  goalId?: string | number | null;
}

export interface ParsedTarget {
  indicator: IndicatorKey;
  periodKind: PeriodKind;
  from: string;
  to: string;
  value: string;
  direction: Direction;
  recurring: boolean;
  goalId: number | null;
}

export type FieldErrors = Partial<Record<keyof RawTarget, string>>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The calendar week, month or quarter holding the day. */
export function periodOf(kind: Exclude<PeriodKind, "custom">, day: number): { from: number; to: number } {
  const start = bucketStart(day, kind as Granularity);
  return { from: start, to: nextBucketStart(start, kind as Granularity) - 1 };
}

/** "week", "month" or "quarter" when [from, to] is exactly one, else "custom". */
export function inferPeriodKind(from: number, to: number): PeriodKind {
  for (const kind of ["week", "month", "quarter"] as const) {
    const period = periodOf(kind, from);
    if (period.from === from && period.to === to) return kind;
  }
  return "custom";
}

export function defaultDirection(indicator: IndicatorKey): Direction {
  return INDICATORS[indicator].higherIsBetter ? "at_least" : "at_most";
}

/** The value's exact text, or the reason it isn't one for this indicator. */
export function parseTargetValue(indicator: IndicatorKey, text: string): { value: string } | { error: string } {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { error: "Enter a number, like 60 or 0.25." };
  if (trimmed.startsWith("-")) return { error: "A target can't be negative." };
  const definition = INDICATORS[indicator];
  switch (definition.kind) {
    case "money":
      try {
        return { value: formatMoney(parseMoney(trimmed), 4).replace(/\.?0+$/, "") || "0" };
      } catch {
        return { error: "Money has at most four decimals." };
      }
    case "count":
      return /^\d+$/.test(trimmed) ? { value: String(Number(trimmed)) } : { error: `${definition.label} is a count: enter a whole number.` };
    case "ratio": {
      const fraction = Number(trimmed);
      return fraction > 1 ? { error: `${definition.label} is a share from 0 to 1 (0.25 is 25%).` } : { value: String(fraction) };
    }
    case "decimal":
      return { value: String(Number(trimmed)) };
  }
}

/** The target value as a number, in the unit the indicators are reported in (money in currency units). */
export function targetNumber(indicator: IndicatorKey, value: string): number {
  return INDICATORS[indicator].kind === "money" ? Number(parseMoney(value)) / Number(MONEY_SCALE) : Number(value);
}

export function parseTarget(raw: RawTarget): Parsed<ParsedTarget> {
  const errors: FieldErrors = {};
  const indicator = raw.indicator?.trim() ?? "";
  if (!isIndicatorKey(indicator)) errors.indicator = indicator ? `"${indicator}" is not an indicator Throughline computes.` : "Choose an indicator.";

  const periodKind = (raw.periodKind?.trim() || "custom") as PeriodKind;
  if (!PERIOD_KINDS.includes(periodKind)) errors.periodKind = "Choose week, month, quarter or custom dates.";
  const from = raw.from ? parseDay(raw.from.trim()) : null;
  const to = raw.to ? parseDay(raw.to.trim()) : null;
  let period: { from: number; to: number } | null = null;
  if (from === null) errors.from = raw.from ? "Enter the date as YYYY-MM-DD." : "Enter the first day of the period.";
  else if (periodKind !== "custom" && PERIOD_KINDS.includes(periodKind)) period = periodOf(periodKind, from);
  else if (to === null) errors.to = raw.to ? "Enter the date as YYYY-MM-DD." : "Enter the last day of the period.";
  else if (to < from) errors.to = "The period is empty: its last day is before its first.";
  else period = { from, to };

  let value: string | null = null;
  if (!raw.value?.trim()) errors.value = "Enter the target value.";
  else if (isIndicatorKey(indicator)) {
    const parsed = parseTargetValue(indicator, raw.value);
    if ("error" in parsed) errors.value = parsed.error;
    else value = parsed.value;
  }

  const direction = raw.direction?.trim() || (isIndicatorKey(indicator) ? defaultDirection(indicator) : "at_least");
  if (!DIRECTIONS.includes(direction as Direction)) errors.direction = "Choose at least or at most.";

  const recurring = raw.recurring === true || raw.recurring === "true" || raw.recurring === "on";
  if (recurring && periodKind === "custom") errors.recurring = "Only weekly, monthly or quarterly targets can repeat.";

  let goalId: number | null = null;
  if (raw.goalId !== undefined && raw.goalId !== null && String(raw.goalId).trim() !== "") {
    goalId = Number(raw.goalId);
    if (!Number.isInteger(goalId) || goalId <= 0) errors.goalId = "Choose one of the goals.";
  }

  if (Object.keys(errors).length > 0 || !period || value === null) return { ok: false, errors };
  return {
    ok: true,
    value: { indicator: indicator as IndicatorKey, periodKind, from: formatDay(period.from), to: formatDay(period.to), value, direction: direction as Direction, recurring, goalId },
  };
}
