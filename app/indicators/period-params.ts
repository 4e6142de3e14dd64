/**
 * The period a page or export asks for, from its URL: a named preset (`?period=last_30_days`) or
 * custom dates in the shop's time zone (`?from=2026-03-01&to=2026-03-31`). Bad input gets a clear
 * message and the default period, never an exception.
 */
import {
  EARLIEST_DAY,
  formatDay,
  GRANULARITIES,
  LATEST_DAY,
  parseDay,
  presetPeriod,
  typeableDay,
  type Granularity,
  type Period,
  type PeriodPreset,
} from "~/lib/calendar";
import { currentLocalizer } from "~/i18n/scope";

/** The periods the picker offers, in its order (their words are in the catalogues, `periods.*`). */
export const PRESETS: PeriodPreset[] = ["last_7_days", "last_30_days", "this_month", "last_month", "this_quarter", "last_quarter", "this_year"];
export const DEFAULT_PRESET: PeriodPreset = "last_30_days";
/** Longest custom period, in days (ten years): a picker typo shouldn't ask for a century. */
const MAX_DAYS = 3660;

export interface PeriodChoice {
  period: Period;
  preset: PeriodPreset | "custom";
  from: string;
  to: string;
  error: string | null;
}

export function periodFromParams(params: URLSearchParams, today: number): PeriodChoice {
  const fallback = (error: string | null, preset: PeriodPreset = DEFAULT_PRESET): PeriodChoice => {
    const period = presetPeriod(preset, today);
    return { period, preset, from: formatDay(period.from), to: formatDay(period.to), error };
  };
  const { t } = currentLocalizer();
  const from = params.get("from");
  const to = params.get("to");
  if (from !== null || to !== null) {
    const fromDay = parseDay(from ?? "");
    const toDay = parseDay(to ?? "");
    if (fromDay === null || toDay === null) return { ...fallback(t("periods.errors.bothDates")), from: from ?? "", to: to ?? "" };
    if (!typeableDay(fromDay) || !typeableDay(toDay))
      return { ...fallback(t("periods.errors.range", { earliest: formatDay(EARLIEST_DAY), latest: formatDay(LATEST_DAY) })), from: from!, to: to! };
    if (fromDay > toDay) return { ...fallback(t("periods.errors.startAfterEnd")), from: from!, to: to! };
    if (toDay - fromDay + 1 > MAX_DAYS) return { ...fallback(t("periods.errors.tooLong")), from: from!, to: to! };
    return { period: { from: fromDay, to: toDay }, preset: "custom", from: from!, to: to!, error: null };
  }
  const preset = params.get("period");
  if (preset === null) return fallback(null);
  if (!PRESETS.includes(preset as PeriodPreset)) return fallback(t("periods.errors.unknown", { period: preset }));
  return fallback(null, preset as PeriodPreset);
}

export function granularityFromParams(params: URLSearchParams, fallback: Granularity): Granularity {
  const by = params.get("by");
  return by !== null && (GRANULARITIES as readonly string[]).includes(by) ? (by as Granularity) : fallback;
}
