/** Indicator values and changes as the app shows them (shared by server and browser). */
import { translator } from "~/i18n/i18n";
import { languageOf } from "~/i18n/languages";
import { numberFormat } from "~/lib/intl";
import { formatMoney, MONEY_DECIMALS, type Money } from "@throughline/shopify-common/money";
import type { IndicatorKind } from "./definitions";

export type Tone = "success" | "critical" | undefined;

/** A stored amount as an exact decimal string ("12.3450"), for formatting without a binary float. */
export type ExactAmount = `${number}`;

export function exactAmount(value: Money): ExactAmount {
  return formatMoney(value, MONEY_DECIMALS) as ExactAmount;
}

/** An indicator's value for formatting: money exact, the rest as it is. */
export function displayed(value: Money | number | null): number | ExactAmount | null {
  return typeof value === "bigint" ? exactAmount(value) : value;
}

/**
 * Beyond this magnitude a double no longer holds every cent, and a number written out in full runs
 * past any card: it is shown in scientific notation ("€1.23E18"). Typed amounts stop at a billion;
 * this only shows figures stored before there were bounds, or sums of them.
 */
const SCIENTIFIC_FROM = 1e15;

/**
 * A value as the app shows it, in the locale's digits and separators. Money is shown in the
 * currency's own decimals (JPY 0, EUR 2, KWD 3), as Shopify shows it; give it exact (a stored amount,
 * `exactAmount`) or it is rounded from the number given.
 */
export function formatValue(kind: IndicatorKind, value: number | ExactAmount | null, currency: string, locale = "en"): string {
  if (value === null) return "—";
  const magnitude = typeof value === "string" ? Number(value) : value;
  if (Number.isNaN(magnitude)) return "—";
  // A stored value too large for a double (a 400-digit target) is said to be so, never shown as "∞".
  if (!Number.isFinite(magnitude)) return translator(languageOf(locale))("common.outOfRange");
  const huge = Math.abs(magnitude) >= SCIENTIFIC_FROM ? ({ notation: "scientific", maximumFractionDigits: 2 } as const) : {};
  if (typeof value === "string") return numberFormat(locale, { style: "currency", currency, ...huge }).format(value as Intl.StringNumericLiteral);
  switch (kind) {
    case "money":
      return numberFormat(locale, { style: "currency", currency, ...huge }).format(value);
    case "ratio":
      // A share too small for one decimal (a spend of 0.04% of sales) reads its two first digits, never "0.0%".
      return numberFormat(locale, { style: "percent", ...(tooSmallFor(1, value * 100) ? SIGNIFICANT : ONE_DECIMAL), ...huge }).format(value);
    case "decimal":
      return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...huge }).format(value);
    case "multiple":
      return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...huge }).format(value)}×`;
    case "count":
      // Projections of a count are fractional: a count shows whole.
      return numberFormat(locale, { maximumFractionDigits: 0, ...huge }).format(value);
  }
}

const ONE_DECIMAL = { minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;
const SIGNIFICANT = { maximumSignificantDigits: 2 } as const;

/** Whether a value other than zero (beyond a double's noise) would read as zero with that many decimals. */
function tooSmallFor(decimals: number, value: number): boolean {
  return Math.abs(value) > 1e-9 && Math.abs(value) < 0.5 * 10 ** -decimals;
}

export interface Change {
  /** "+12.5%", "−1.2 pts", or null when there is nothing to compare with. */
  text: string | null;
  tone: Tone;
}

/** Relative change for amounts and counts; percentage points for ratios. */
export function describeChange(kind: IndicatorKind, before: number | null, after: number | null, higherIsBetter: boolean, locale = "en"): Change {
  if (before === null || after === null) return { text: null, tone: undefined };
  const signed = (value: number, digits: typeof ONE_DECIMAL | typeof SIGNIFICANT) =>
    `${value > 0 ? "+" : value < 0 ? "−" : "±"}${numberFormat(locale, digits).format(Math.abs(value))}`;
  let text: string;
  let delta: number;
  // The change reads at the values' own precision: between two shares too small for one decimal ("0.043%"), in their digits.
  let tiny = false;
  if (kind === "ratio") {
    delta = (after - before) * 100;
    tiny = [before, after].every((value) => Math.abs(value * 100) < 0.05) && tooSmallFor(1, delta);
    text = translator(languageOf(locale))("change.points", { value: signed(delta, tiny ? SIGNIFICANT : ONE_DECIMAL) });
  } else {
    if (before === 0) return { text: after === 0 ? "±0%" : null, tone: undefined };
    delta = ((after - before) / Math.abs(before)) * 100;
    text = `${signed(delta, ONE_DECIMAL)}%`;
  }
  const rounded = tiny ? delta : Math.round(delta * 10) / 10;
  const tone: Tone = rounded === 0 ? undefined : rounded > 0 === higherIsBetter ? "success" : "critical";
  return { text, tone };
}
