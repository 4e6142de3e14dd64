/**
 * What the platforms' reports hold, read into the app's shapes without binary floats: money stays
 * decimal text (Google's cost in micros divided by string arithmetic), counts become integers
 * (platforms send them as strings, TikTok sometimes "-" for none), and a utm_campaign is read out
 * of the URL parameters where a platform keeps it.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A platform's decimal amount as it is ("5339.5", "0.99"), checked; an empty or "-" one is "0". */
export function decimalText(value: unknown): string {
  if (value === undefined || value === null || value === "" || value === "-") return "0";
  const text = String(value).trim();
  if (!DECIMAL.test(text)) throw new Error(`Not a decimal amount: ${JSON.stringify(value)}`);
  return text;
}

/** Google's int64 micros as the exact decimal: "12340000" → "12.34", "5" → "0.000005", absent → "0". */
export function microsToDecimal(micros: unknown): string {
  if (micros === undefined || micros === null) return "0";
  const match = /^(-)?(\d+)$/.exec(String(micros));
  if (!match) throw new Error(`Not an amount in micros: ${JSON.stringify(micros)}`);
  const digits = match[2]!.padStart(7, "0");
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(-6).replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : whole;
  return match[1] && text !== "0" ? `-${text}` : text;
}

/** A count sent as a string or a number; absent or "-" is 0. */
export function wholeCount(value: unknown): number {
  if (value === undefined || value === null || value === "" || value === "-") return 0;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`Not a count: ${JSON.stringify(value)}`);
  return count;
}

export function isZero(amount: string): boolean {
  return /^-?0*(\.0*)?$/.test(amount);
}

/**
 * The utm_campaign in a query string ("utm_source=fb&utm_campaign=spring", with or without a
 * leading "?"), or null. `macros` replaces a platform's placeholders left unresolved in the value
 * (Meta's {{campaign.id}}, Google's {campaignid}) by what they stand for.
 */
export function utmCampaignIn(query: string | null | undefined, macros: Record<string, string> = {}): string | null {
  if (!query) return null;
  const value = new URLSearchParams(query.replace(/^[^?]*\?/, "")).get("utm_campaign");
  if (!value) return null;
  const resolved = Object.entries(macros)
    .reduce((text, [macro, replacement]) => text.split(macro).join(replacement), value)
    .trim();
  return resolved || null;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A report's range, checked: two calendar dates, the first not after the second. */
export function checkReportRange(since: string, until: string): void {
  const valid = (text: string) => ISO_DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!valid(since) || !valid(until)) throw new RangeError(`A report's dates are YYYY-MM-DD calendar dates, not ${since} and ${until}`);
  if (since > until) throw new RangeError(`A report's range starts before it ends: ${since} is after ${until}`);
}

/** Consecutive spans of at most `days` days covering [since, until]. */
export function spansOf(since: string, until: string, days: number): { since: string; until: string }[] {
  const day = (text: string) => Date.parse(`${text}T00:00:00Z`) / 86_400_000;
  const text = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
  const spans = [];
  for (let start = day(since); start <= day(until); start += days) spans.push({ since: text(start), until: text(Math.min(start + days - 1, day(until))) });
  return spans;
}
