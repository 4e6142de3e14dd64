/** Indicator values and changes as the app shows them (shared by server and browser). */
import type { IndicatorKind } from "./definitions";

export type Tone = "success" | "critical" | undefined;

export function formatValue(kind: IndicatorKind, value: number | null, currency: string, locale = "en"): string {
  if (value === null) return "—";
  switch (kind) {
    case "money":
      return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2 }).format(value);
    case "ratio":
      return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case "decimal":
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    case "count":
      // Projections of a count are fractional: a count shows whole.
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  }
}

export interface Change {
  /** "+12.5%", "−1.2 pts", or null when there is nothing to compare with. */
  text: string | null;
  tone: Tone;
}

/** Relative change for amounts and counts; percentage points for ratios. */
export function describeChange(kind: IndicatorKind, before: number | null, after: number | null, higherIsBetter: boolean, locale = "en"): Change {
  if (before === null || after === null) return { text: null, tone: undefined };
  const signed = (value: number, digits: number) => `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
  let text: string;
  let delta: number;
  if (kind === "ratio") {
    delta = (after - before) * 100;
    text = `${signed(delta, 1)} pts`;
  } else {
    if (before === 0) return { text: after === 0 ? "±0%" : null, tone: undefined };
    delta = ((after - before) / Math.abs(before)) * 100;
    text = `${signed(delta, 1)}%`;
  }
  const rounded = Math.round(delta * 10) / 10;
  const tone: Tone = rounded === 0 ? undefined : rounded > 0 === higherIsBetter ? "success" : "critical";
  return { text, tone };
}
