/**
 * A target as a person or a script types it, checked field by field (pure). Values are exact text:
 * money with up to four decimals, counts as whole numbers, ratios as fractions from 0 to 1. Its
 * bounds (dates, period length, value size) live here, for the Targets page and the CLI alike.
 */
import { currentLocalizer } from "~/i18n/scope";
import {
  isMarketingIndicatorKey,
  isReportedIndicatorKey,
  REPORTED_INDICATOR_KEYS,
  REPORTED_INDICATORS,
  type ReportedIndicatorKey,
} from "~/indicators/definitions";
import { bucketStart, formatDay, nextBucketStart, readDay, type Granularity } from "~/lib/calendar";
import { readAmount } from "~/lib/amount-input";
import { formatMoney, MONEY_SCALE, parseMoney } from "@throughline/shopify-common/money";
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
  /** How a ratio's value is written: a fraction from 0 to 1 (the CLI, the default) or a percentage (the page's form). */
  ratioAs?: "fraction" | "percent";
  direction?: string | null;
  recurring?: boolean | string | null;
  goalId?: string | number | null;
}

export interface ParsedTarget {
  /** Any indicator the app reports: the store's, and the marketing ones once there are promotions. */
  indicator: ReportedIndicatorKey;
  periodKind: PeriodKind;
  from: string;
  to: string;
  value: string;
  direction: Direction;
  recurring: boolean;
  goalId: number | null;
}

/**
 * The longest custom target period, in days (three years): a target is paced day by day, and a
 * longer ambition is a goal holding yearly targets.
 */
export const MAX_TARGET_DAYS = 3 * 365 + 1;
/** The largest count or decimal target (a billion orders, units per order…): beyond it is a typo. */
export const MAX_TARGET_NUMBER = 1_000_000_000;

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

export function defaultDirection(indicator: ReportedIndicatorKey): Direction {
  return REPORTED_INDICATORS[indicator].higherIsBetter ? "at_least" : "at_most";
}

/** The indicators a target form offers (every one the app reports: the store's, then the marketing ones), in the reader's words. */
export function targetIndicatorOptions(t: (key: `indicators.${ReportedIndicatorKey}.label`) => string) {
  return REPORTED_INDICATOR_KEYS.map((key) => ({
    key,
    label: t(`indicators.${key}.label`),
    kind: REPORTED_INDICATORS[key].kind,
    direction: defaultDirection(key),
    marketing: isMarketingIndicatorKey(key),
  }));
}

/** "25" (percent) → "0.25", exactly, by moving the decimal point; anything else is returned as it is. */
export function percentToFraction(text: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const whole = match[1]!.padStart(3, "0");
  const digits = `${whole.slice(0, -2)}.${whole.slice(-2)}${match[2] ?? ""}`;
  return digits
    .replace(/^0+(?=\d)/, "")
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}

/**
 * The value's exact text (ratios as a fraction), or the reason it isn't one for this indicator, in
 * the unit it was written in (`ratioAs`).
 */
export function parseTargetValue(
  indicator: ReportedIndicatorKey,
  text: string,
  ratioAs: "fraction" | "percent" = "fraction",
): { value: string } | { error: string } {
  const { t, locale } = currentLocalizer();
  const trimmed = text.trim();
  const definition = REPORTED_INDICATORS[indicator];
  const label = t(`indicators.${indicator}.label`);
  const percent = ratioAs === "percent" && definition.kind === "ratio";
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { error: percent ? t("validation.target.enterPercentage") : t("validation.target.enterNumber") };
  if (trimmed.startsWith("-")) return { error: t("validation.target.negative") };
  if (percent) {
    if (trimmed.length > 30) return { error: t("validation.target.percentageDigits") };
    return Number(trimmed) > 100
      ? { error: t("validation.target.percentageRange", { indicator: label }) }
      : { value: String(Number(percentToFraction(trimmed))) };
  }
  if (definition.kind === "money") {
    const amount = readAmount(trimmed, "target");
    return "error" in amount ? amount : { value: formatMoney(amount.value, 4).replace(/\.?0+$/, "") || "0" };
  }
  if (trimmed.length > 30) return { error: t("validation.target.numberDigits") };
  if (Number(trimmed) > MAX_TARGET_NUMBER) return { error: t("validation.target.tooLarge", { max: MAX_TARGET_NUMBER.toLocaleString(locale) }) };
  switch (definition.kind) {
    case "count":
      return /^\d+$/.test(trimmed) ? { value: String(Number(trimmed)) } : { error: t("validation.target.count", { indicator: label }) };
    case "ratio": {
      const fraction = Number(trimmed);
      return fraction > 1 ? { error: t("validation.target.share", { indicator: label }) } : { value: String(fraction) };
    }
    case "decimal":
    case "multiple":
      return { value: String(Number(trimmed)) };
  }
}

/** The target value as a number, in the unit the indicators are reported in (money in currency units). */
export function targetNumber(indicator: ReportedIndicatorKey, value: string): number {
  return REPORTED_INDICATORS[indicator].kind === "money" ? Number(parseMoney(value)) / Number(MONEY_SCALE) : Number(value);
}

export function parseTarget(raw: RawTarget): Parsed<ParsedTarget> {
  const { t, locale } = currentLocalizer();
  const errors: FieldErrors = {};
  const indicator = raw.indicator?.trim() ?? "";
  if (!isReportedIndicatorKey(indicator))
    errors.indicator = indicator ? t("validation.target.unknownIndicator", { indicator }) : t("validation.target.chooseIndicator");

  const periodKind = (raw.periodKind?.trim() || "custom") as PeriodKind;
  if (!PERIOD_KINDS.includes(periodKind)) errors.periodKind = t("validation.target.choosePeriod");
  const fromDay = readDay(raw.from, "periodFirst");
  const toDay = readDay(raw.to, "periodLast");
  let period: { from: number; to: number } | null = null;
  if ("error" in fromDay) errors.from = fromDay.error;
  else if (periodKind !== "custom" && PERIOD_KINDS.includes(periodKind)) period = periodOf(periodKind, fromDay.day);
  else if ("error" in toDay) errors.to = toDay.error;
  else if (toDay.day < fromDay.day) errors.to = t("validation.target.emptyPeriod");
  else if (toDay.day - fromDay.day + 1 > MAX_TARGET_DAYS) errors.to = t("validation.target.tooLong", { days: MAX_TARGET_DAYS.toLocaleString(locale) });
  else period = { from: fromDay.day, to: toDay.day };

  let value: string | null = null;
  if (!raw.value?.trim()) errors.value = t("validation.target.enterValue");
  else if (isReportedIndicatorKey(indicator)) {
    const parsed = parseTargetValue(indicator, raw.value, raw.ratioAs ?? "fraction");
    if ("error" in parsed) errors.value = parsed.error;
    else value = parsed.value;
  }

  const direction = raw.direction?.trim() || (isReportedIndicatorKey(indicator) ? defaultDirection(indicator) : "at_least");
  if (!DIRECTIONS.includes(direction as Direction)) errors.direction = t("validation.target.chooseDirection");

  const recurring = raw.recurring === true || raw.recurring === "true" || raw.recurring === "on";
  if (recurring && periodKind === "custom") errors.recurring = t("validation.target.onlyRecurring");

  let goalId: number | null = null;
  if (raw.goalId !== undefined && raw.goalId !== null && String(raw.goalId).trim() !== "") {
    goalId = Number(raw.goalId);
    // A record id is a positive 32-bit integer: anything else ("abc", "1.5", 10^12) names no goal.
    if (!/^\s*[1-9]\d{0,9}\s*$/.test(String(raw.goalId)) || goalId > 2_147_483_647) errors.goalId = t("validation.target.chooseGoal");
  }

  if (Object.keys(errors).length > 0 || !period || value === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      indicator: indicator as ReportedIndicatorKey,
      periodKind,
      from: formatDay(period.from),
      to: formatDay(period.to),
      value,
      direction: direction as Direction,
      recurring,
      goalId,
    },
  };
}
