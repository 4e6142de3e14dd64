/**
 * Calendar dates as day numbers (day 0 = 1970-01-01) and the periods built from them: inclusive
 * [from, to] ranges, ISO weeks, calendar months and quarters. Pure date arithmetic, no time zone:
 * which day an instant falls on is `TimeZone.localDay`.
 */
import { currentLocalizer } from "~/i18n/scope";
import { DAY_MS } from "@throughline/shopify-common/time-zone";

export type Granularity = "day" | "week" | "month" | "quarter";
export const GRANULARITIES: readonly Granularity[] = ["day", "week", "month", "quarter"];

/** An inclusive range of local days. */
export interface Period {
  from: number;
  to: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-01" → day number, or null when it is not a real calendar date. */
export function parseDay(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/**
 * The dates anyone may type (forms, spreadsheets, the command line): 2000-01-01 to 2099-12-31.
 * Wide enough for any store's history and plans, narrow enough that a typo ("0100", "9999") is
 * refused instead of asking for eight thousand years of days.
 */
export const EARLIEST_DAY = Date.UTC(2000, 0, 1) / DAY_MS;
export const LATEST_DAY = Date.UTC(2099, 11, 31) / DAY_MS;

/** Which date a form asks for, as its errors name it. */
export type DayField = "week" | "start" | "end" | "periodFirst" | "periodLast" | "first" | "last" | "costDate";

/** A typed date checked for form and range: the day, or why it isn't one ("Enter the start date."), in the work's language. */
export function readDay(text: string | null | undefined, field: DayField): { day: number } | { error: string } {
  const { t } = currentLocalizer();
  const what = t(`validation.day.what.${field}`);
  const trimmed = text?.trim() ?? "";
  if (!trimmed) return { error: t("validation.day.enter", { what }) };
  const day = parseDay(trimmed);
  if (day === null) return { error: t("validation.day.format", { what }) };
  if (!typeableDay(day)) return { error: t("validation.day.range", { what, earliest: formatDay(EARLIEST_DAY), latest: formatDay(LATEST_DAY) }) };
  return { day };
}

/** Whether a day is within the dates anyone may type (EARLIEST_DAY to LATEST_DAY). */
export function typeableDay(day: number): boolean {
  return day >= EARLIEST_DAY && day <= LATEST_DAY;
}

/**
 * The longest period a series is cut into, per bucket size: three years by day (as long as a
 * promotion or a custom target), twenty by week; months and quarters take any period of typed
 * dates (at most 1,200 months). About a thousand buckets at most: each is a row of every indicator,
 * and by day a century of typed dates would be 36,500 of them.
 */
export const MAX_SERIES_DAYS: Record<Granularity, number> = { day: 3 * 365 + 1, week: 20 * 365 + 5, month: Infinity, quarter: Infinity };

/** How far the period is too long for that bucket size (the most days, its days), or null when it isn't. */
export function seriesSpanError(period: Period, by: Granularity): { most: number; days: number } | null {
  const days = period.to - period.from + 1;
  const most = MAX_SERIES_DAYS[by];
  return days <= most ? null : { most, days };
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parts(day: number): { year: number; month: number; date: number } {
  const value = new Date(day * DAY_MS);
  return { year: value.getUTCFullYear(), month: value.getUTCMonth(), date: value.getUTCDate() };
}

function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month, date) / DAY_MS;
}

/** Monday of the ISO week holding the day (1970-01-01 was a Thursday). */
export function weekStart(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** "2026-W48": the ISO week (and ISO week-year) a day falls in. */
export function isoWeekLabel(day: number): string {
  const thursday = weekStart(day) + 3;
  const year = formatDay(thursday).slice(0, 4);
  const week = Math.floor((thursday - parseDay(`${year}-01-01`)!) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of the ISO week a label names ("2026-W47"), or null when it names none (a typo, week 53 of a year of 52). */
export function isoWeekStart(label: string): number | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match || Number(match[2]) < 1) return null;
  // 4 January is always in week 1.
  const monday = weekStart(parseDay(`${match[1]}-01-04`)!) + (Number(match[2]) - 1) * 7;
  return isoWeekLabel(monday) === label ? monday : null;
}

export function monthStart(day: number): number {
  const { year, month } = parts(day);
  return dayOf(year, month, 1);
}

export function quarterStart(day: number): number {
  const { year, month } = parts(day);
  return dayOf(year, month - (month % 3), 1);
}

/** The first day of the bucket of the given granularity that holds `day`. */
export function bucketStart(day: number, by: Granularity): number {
  if (by === "day") return day;
  if (by === "week") return weekStart(day);
  if (by === "month") return monthStart(day);
  return quarterStart(day);
}

/** The first day of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, by: Granularity): number {
  if (by === "day") return start + 1;
  if (by === "week") return start + 7;
  const { year, month } = parts(start);
  return dayOf(year, month + (by === "month" ? 1 : 3), 1);
}

/** The period cut into buckets; the first and last are clipped to the period. */
export function buckets(period: Period, by: Granularity): Period[] {
  const result: Period[] = [];
  for (let start = bucketStart(period.from, by); start <= period.to; start = nextBucketStart(start, by)) {
    result.push({ from: Math.max(start, period.from), to: Math.min(nextBucketStart(start, by) - 1, period.to) });
  }
  return result;
}

export function periodLength(period: Period): number {
  return period.to - period.from + 1;
}

/** The same number of days just before the period. */
export function previousPeriod(period: Period): Period {
  const length = periodLength(period);
  return { from: period.from - length, to: period.from - 1 };
}

/** The same calendar day a year earlier (29 February → 28 February). */
export function yearEarlierDay(day: number): number {
  const { year, month, date } = parts(day);
  const lastDate = new Date(Date.UTC(year - 1, month + 1, 0)).getUTCDate();
  return dayOf(year - 1, month, Math.min(date, lastDate));
}

export function yearEarlierPeriod(period: Period): Period {
  return { from: yearEarlierDay(period.from), to: yearEarlierDay(period.to) };
}

/** Named periods the period picker offers, relative to today's local date. */
export type PeriodPreset = "last_7_days" | "last_30_days" | "this_month" | "last_month" | "this_quarter" | "last_quarter" | "this_year";

export function presetPeriod(preset: PeriodPreset, today: number): Period {
  switch (preset) {
    case "last_7_days":
      return { from: today - 6, to: today };
    case "last_30_days":
      return { from: today - 29, to: today };
    case "this_month":
      return { from: monthStart(today), to: today };
    case "last_month": {
      const start = monthStart(monthStart(today) - 1);
      return { from: start, to: monthStart(today) - 1 };
    }
    case "this_quarter":
      return { from: quarterStart(today), to: today };
    case "last_quarter": {
      const start = quarterStart(quarterStart(today) - 1);
      return { from: start, to: quarterStart(today) - 1 };
    }
    case "this_year": {
      const { year } = parts(today);
      return { from: dayOf(year, 0, 1), to: today };
    }
  }
}
