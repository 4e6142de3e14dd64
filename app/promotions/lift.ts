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
import type { Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { numberFormat } from "~/lib/intl";

export interface Day {
  totals: Totals;
  customerKeys: ArrayLike<number>;
}

/** A lift as numbers: what is stored and exported; its words are said for each reader (`liftWords`). */
export interface LiftFigures {
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
  /** How many days each side holds (the baseline's words name its length; too few aren't judged). */
  days: { during: number; before: number };
  /** The baseline is the days just before the promotion began, not just before the days measured (a later week of it). */
  beforeStart?: boolean;
  /** Measured over the promotion's first this many days only (MAX_LIFT_DAYS). */
  firstDays?: number;
}

export interface Lift extends LiftFigures {
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
function perDay(indicator: IndicatorKey, value: number | null, days: number): number | null {
  if (value === null || days === 0) return null;
  return INDICATORS[indicator].pacing === "sum" ? value / days : value;
}

function comparable(indicator: IndicatorKey, days: Day[]): number | null {
  return perDay(indicator, valueOf(indicator, days), days.length);
}

/** The sums of a day's totals, in Resampler's order. */
const FIELDS = 9;

/**
 * A period's days made ready for resampling thousands of times: each day's sums as doubles (exact:
 * money in 1/10,000 stays far below 2^53), added up per draw without allocating, then turned back into
 * the engine's totals once per draw for its own formulas. Summing BigInts was most of a listing's
 * minutes at 10,000 promotions.
 */
class Resampler {
  private readonly sums: Float64Array;
  private readonly draw: Float64Array = new Float64Array(FIELDS);
  constructor(
    private readonly indicator: IndicatorKey,
    private readonly days: Day[],
  ) {
    this.sums = new Float64Array(days.length * FIELDS);
    days.forEach(({ totals }, i) => {
      this.sums.set(
        [
          totals.orders,
          totals.units,
          Number(totals.grossSales),
          Number(totals.discounts),
          Number(totals.returns),
          Number(totals.knownCostGross),
          Number(totals.knownCostNet),
          Number(totals.cogs),
          totals.newCustomers,
        ],
        i * FIELDS,
      );
    });
  }

  /** The indicator over as many days drawn at random (with replacement), per day for sums. */
  resample(next: () => number): number | null {
    const count = this.days.length;
    const draw = this.draw.fill(0);
    const picked: ArrayLike<number>[] | null = COUNTS_CUSTOMERS.has(this.indicator) ? [] : null;
    for (let n = 0; n < count; n++) {
      const day = Math.floor(next() * count);
      for (let field = 0, at = day * FIELDS; field < FIELDS; field++, at++) draw[field]! += this.sums[at]!;
      picked?.push(this.days[day]!.customerKeys);
    }
    const totals: Totals = {
      orders: draw[0]!,
      units: draw[1]!,
      grossSales: BigInt(draw[2]!),
      discounts: BigInt(draw[3]!),
      returns: BigInt(draw[4]!),
      knownCostGross: BigInt(draw[5]!),
      knownCostNet: BigInt(draw[6]!),
      cogs: BigInt(draw[7]!),
      newCustomers: draw[8]!,
    };
    return perDay(this.indicator, jsonValue(computeIndicators(totals, picked ? countCustomers(picked) : NO_CUSTOMERS)[this.indicator]), count);
  }
}

function relative(during: number | null, before: number | null): number | null {
  if (during === null || before === null || before === 0) return null;
  return during / Math.abs(before) - (before < 0 ? -1 : 1);
}

function percent(value: number, locale: string): string {
  const text = `${numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(value * 100))}%`;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : "±0.0%";
}

/** The lift as numbers: the change, and the band a bootstrap over days gives it (seeded: the same data reads the same). */
export function liftFigures(
  indicator: IndicatorKey,
  during: Day[],
  before: Day[],
  baseline: LiftFigures["baseline"],
  seed: number,
  options: Pick<LiftFigures, "beforeStart"> = {},
): LiftFigures {
  const duringValue = comparable(indicator, during);
  const beforeValue = comparable(indicator, before);
  const change = relative(duringValue, beforeValue);
  const measured = { baseline, during: duringValue, before: beforeValue, change, days: { during: during.length, before: before.length }, ...options };
  if (change === null) return { ...measured, low: null, high: null, reading: "no_data" };
  if (during.length < MIN_DAYS_TO_JUDGE || before.length < MIN_DAYS_TO_JUDGE) return { ...measured, low: null, high: null, reading: "unclear" };
  const next = random(seed);
  const [duringDays, beforeDays] = [new Resampler(indicator, during), new Resampler(indicator, before)];
  const changes: number[] = [];
  for (let i = 0; i < RESAMPLES; i++) {
    const resampled = relative(duringDays.resample(next), beforeDays.resample(next));
    if (resampled !== null && Number.isFinite(resampled)) changes.push(resampled);
  }
  changes.sort((a, b) => a - b);
  const low = changes[Math.floor(changes.length * 0.05)] ?? null;
  const high = changes[Math.min(changes.length - 1, Math.ceil(changes.length * 0.95) - 1)] ?? null;
  const reading: LiftFigures["reading"] = low === null || high === null ? "unclear" : low > 0 ? "likely_up" : high < 0 ? "likely_down" : "unclear";
  return { ...measured, low, high, reading };
}

/** A lift in the reader's words ("AOV +6.1% vs the 28 days before; the day-to-day noise gives …, so the rise is likely real"). */
export function liftWords(indicator: IndicatorKey, lift: LiftFigures, { t, locale }: Pick<Localizer, "t" | "locale"> = currentLocalizer()): string {
  const label = t(`indicators.${indicator}.label`);
  const against =
    lift.baseline === "year_earlier"
      ? t("promotions.lift.year")
      : lift.beforeStart
        ? t("promotions.lift.beforeStart", { count: lift.days.before })
        : t("promotions.lift.previous", { count: lift.days.before });
  const words = (() => {
    if (lift.change === null) return t("promotions.lift.noComparison", { indicator: label, against });
    const change = percent(lift.change, locale);
    const days = Math.min(lift.days.during, lift.days.before);
    if (days < MIN_DAYS_TO_JUDGE) return t("promotions.lift.tooFew", { count: days, indicator: label, change, against });
    const noise =
      lift.low !== null && lift.high !== null ? t("promotions.lift.noise", { low: percent(lift.low, locale), high: percent(lift.high, locale) }) : "";
    const key =
      lift.reading === "likely_up"
        ? "promotions.lift.likelyUp"
        : lift.reading === "likely_down"
          ? "promotions.lift.likelyDown"
          : "promotions.lift.couldBeNoise";
    return t(key, { indicator: label, change, against, noise });
  })();
  return lift.firstDays ? t("promotions.lift.firstDays", { count: lift.firstDays, words }) : words;
}
