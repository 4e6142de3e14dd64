/**
 * How the app writes dates for people, in one format everywhere, in the staff member's locale: a day
 * as "3 Mar 2026" (en-GB; "Mar 3, 2026" in en-US, "2026年3月3日" in zh-CN), a range as
 * "3 Mar 2026 – 9 Mar 2026", a moment as "25 Nov 2026, 14:05" in the shop's time zone. Files and
 * machine output (CSV, `--json`, URLs, form fields) keep ISO dates (YYYY-MM-DD). Safe on the server
 * and in the browser alike (the time zone is always explicit, so both render the same text).
 */
import { parseDay } from "./calendar";
import { dateTimeFormat } from "./intl";

const DAY_MS = 86_400_000;
/** Pages not yet given the staff member's locale write dates as en-GB does ("3 Mar 2026"). */
const DEFAULT_LOCALE = "en-GB";
const DAY = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" } as const;
const MOMENT = { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" } as const;

/** A local calendar day (a day number, or YYYY-MM-DD) as "3 Mar 2026"; text that isn't a date is returned as it is. */
export function formatDate(day: number | string, locale = DEFAULT_LOCALE): string {
  const number = typeof day === "number" ? day : parseDay(day);
  return number === null ? String(day) : dateTimeFormat(locale, DAY).format(new Date(number * DAY_MS));
}

/** "3 Mar 2026 – 9 Mar 2026", or one day when both ends are the same. */
export function formatDateRange(from: number | string, to: number | string, locale = DEFAULT_LOCALE): string {
  return String(from) === String(to) ? formatDate(from, locale) : `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}

/** A moment as "25 Nov 2026, 14:05" in the given time zone. */
export function formatDateTime(at: Date | string, timeZone: string, locale = DEFAULT_LOCALE): string {
  return dateTimeFormat(locale, { ...MOMENT, timeZone }).format(typeof at === "string" ? new Date(at) : at);
}

/** A moment as files write it, "2026-11-23 09:15", in the given time zone (Sweden's locale writes ISO order). */
export function isoDateTime(at: Date | string, timeZone: string): string {
  return dateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(
    typeof at === "string" ? new Date(at) : at,
  );
}
