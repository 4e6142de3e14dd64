/** Whole-second UTC timestamps as Shopify writes them. */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const DAY_S = 86_400;

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + String(i));

/** UTC timestamps (whole seconds) as "YYYY-MM-DDTHH:MM:SSZ", with the date part cached. */
export class TimestampFormatter {
  private day = Number.NaN;
  private prefix = "";
  format(seconds: number): string {
    const day = Math.floor(seconds / DAY_S);
    if (day !== this.day) {
      this.day = day;
      this.prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = seconds - day * DAY_S;
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    return this.prefix + TWO_DIGITS[h] + ":" + TWO_DIGITS[m] + ":" + TWO_DIGITS[rest - m * 60] + "Z";
  }
}
