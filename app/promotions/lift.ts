/**
 * Did the promotion move its indicator? (pure)
 *
 * The indicator over the promotion's days is compared with a baseline (the same number of days just
 * before, or the same dates a year earlier). The uncertainty is a bootstrap over days: both periods'
 * days are resampled with replacement many times, the indicator recomputed from the resampled
 * days' totals (the engine's own formulas, so every indicator works, ratios and distinct customers
 * included), and the middle 90% of the resulting changes is the band. A band that excludes zero
 * reads "likely real"; one that straddles it, "could be noise". The random draws are seeded, so
 * the same data always gives the same reading. Below MIN_DAYS_TO_JUDGE days the change is not judged.
 */
import { INDICATORS, type IndicatorKey } from "~/indicators/definitions";
import { addTotals, computeIndicators, countCustomers, emptyTotals, type Totals } from "~/indicators/engine";
import { jsonValue } from "~/indicators/json";
import { currentLocalizer } from "~/i18n/scope";
import { numberFormat } from "~/lib/intl";

export interface Day {
  totals: Totals;
  customerKeys: ArrayLike<number>;
}

export interface Lift {
  baseline: "previous" | "year_earlier";
  /** The indicator over the promotion's days and over the baseline's. */
  during: number | null;
  before: number | null;
  /** Relative change (0.061 = +6.1%), or null when the baseline is 0 or undefined. */
  change: number | null;
  /** The middle 90% of bootstrapped changes. */
  low: number | null;
  high: number | null;
  reading: "likely_up" | "likely_down" | "unclear" | "no_data";
  words: string;
}

const RESAMPLES = 300;
/**
 * Fewer days than this on either side and resampling days can't show the noise (three days have
 * only ten distinct resamples): the change is given, but not judged.
 */
export const MIN_DAYS_TO_JUDGE = 5;

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The indicators that need distinct customers counted (the costly part of a resample); the rest need only the sums. */
const COUNTS_CUSTOMERS: ReadonlySet<IndicatorKey> = new Set(["customers", "returning_customer_rate", "repurchase_rate"]);
const NO_CUSTOMERS = { customers: 0, repeatCustomers: 0 };

function valueOf(indicator: IndicatorKey, days: Day[]): number | null {
  const totals = emptyTotals();
  for (const day of days) addTotals(totals, day.totals);
  return jsonValue(computeIndicators(totals, COUNTS_CUSTOMERS.has(indicator) ? countCustomers(days.map((day) => day.customerKeys)) : NO_CUSTOMERS)[indicator]);
}

/** Sums grow with the number of days: compare them per day, so periods of different lengths compare. */
function comparable(indicator: IndicatorKey, days: Day[]): number | null {
  const value = valueOf(indicator, days);
  if (value === null || days.length === 0) return null;
  return INDICATORS[indicator].pacing === "sum" ? value / days.length : value;
}

function relative(during: number | null, before: number | null): number | null {
  if (during === null || before === null || before === 0) return null;
  return during / Math.abs(before) - (before < 0 ? -1 : 1);
}

function percent(value: number, locale: string): string {
  const text = `${numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(value * 100))}%`;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : "±0.0%";
}

export function measureLift(indicator: IndicatorKey, during: Day[], before: Day[], baseline: Lift["baseline"], seed: number): Lift {
  const { t, locale } = currentLocalizer();
  const label = t(`indicators.${indicator}.label`);
  const against = baseline === "previous" ? t("promotions.lift.previous", { count: before.length }) : t("promotions.lift.year");
  const duringValue = comparable(indicator, during);
  const beforeValue = comparable(indicator, before);
  const change = relative(duringValue, beforeValue);
  const measured = { baseline, during: duringValue, before: beforeValue, change };
  if (change === null)
    return { ...measured, low: null, high: null, reading: "no_data", words: t("promotions.lift.noComparison", { indicator: label, against }) };
  if (during.length < MIN_DAYS_TO_JUDGE || before.length < MIN_DAYS_TO_JUDGE) {
    const days = Math.min(during.length, before.length);
    return {
      ...measured,
      low: null,
      high: null,
      reading: "unclear",
      words: t("promotions.lift.tooFew", { count: days, indicator: label, change: percent(change, locale), against }),
    };
  }
  const next = random(seed);
  const draw = (days: Day[]) => Array.from({ length: days.length }, () => days[Math.floor(next() * days.length)] as Day);
  const changes: number[] = [];
  for (let i = 0; i < RESAMPLES; i++) {
    const resampled = relative(comparable(indicator, draw(during)), comparable(indicator, draw(before)));
    if (resampled !== null && Number.isFinite(resampled)) changes.push(resampled);
  }
  changes.sort((a, b) => a - b);
  const low = changes[Math.floor(changes.length * 0.05)] ?? null;
  const high = changes[Math.min(changes.length - 1, Math.ceil(changes.length * 0.95) - 1)] ?? null;
  const reading: Lift["reading"] = low === null || high === null ? "unclear" : low > 0 ? "likely_up" : high < 0 ? "likely_down" : "unclear";
  const noise = low !== null && high !== null ? t("promotions.lift.noise", { low: percent(low, locale), high: percent(high, locale) }) : "";
  const words = t(
    reading === "likely_up" ? "promotions.lift.likelyUp" : reading === "likely_down" ? "promotions.lift.likelyDown" : "promotions.lift.couldBeNoise",
    { indicator: label, change: percent(change, locale), against, noise },
  );
  return { ...measured, low, high, reading, words };
}
