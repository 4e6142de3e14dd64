/**
 * Suggested targets for a period, from the store's own history (the rules are in `suggest.ts`):
 * three reads of the daily rollups (the same period a year earlier, the last 12 weeks, and those
 * weeks a year earlier), and for rates that depend on the period's length one read per like period,
 * give every indicator's suggestion, with its reasoning in words and the range to choose from.
 */
import type { PrismaClient } from "@prisma/client";
import { isProfitIndicatorKey, REPORTED_INDICATORS, type IndicatorKey, type ProfitIndicatorKey, type RollupIndicatorKey } from "~/indicators/definitions";
import { describeChange, formatValue } from "~/indicators/format";
import { currentLocalizer } from "~/i18n/scope";
import { jsonValue } from "~/indicators/json";
import type { ProfitIndicators } from "~/indicators/profit";
import { profitIndicatorsOf } from "~/indicators/profit-report.server";
import { periodReport, type PeriodReport } from "~/indicators/report.server";
import { firstActiveDay } from "~/indicators/rollups.server";
import { yearEarlierPeriod, type Period } from "~/lib/calendar";
import { formatDateRange } from "~/lib/dates";
import type { GoalOutcome } from "./goal-bridge";
import { likeKindOf, likePeriods } from "./like-periods";
import { RECENT_DAYS, suggestTarget, type Suggestion } from "./suggest";

/**
 * What a suggestion can be made for: the indicators the daily rollups hold (the store's, payment fees
 * and shipping with their coverage) and net profit with the figures read with it, each from the same
 * windows of the store's history. Marketing ones depend on promotions yet to be logged: none.
 */
export type SuggestibleKey = RollupIndicatorKey | ProfitIndicatorKey;

export interface TargetSuggestion {
  indicator: SuggestibleKey;
  label: string;
  suggestion: Suggestion;
  /** Why, in a sentence or two, with the figures it comes from. */
  reasoning: string;
  shown: { keepPace: string; grow: string; stretch: string };
  /** Each choice as the Targets form takes it (ratios as a percentage). */
  inputs: { keepPace: string; grow: string; stretch: string };
  /** The value the forms start from: keep pace (decision 021). */
  valueInput: string;
}

/** What an owner can choose to grow first (named in the catalogue, firstGoal.aims), the indicators a goal for it holds and the outcome it serves. */
export const AIMS = {
  profit: { indicators: ["gross_profit", "gross_margin", "net_sales"], outcome: "net_profit" },
  revenue: { indicators: ["net_sales", "orders", "aov"], outcome: "net_sales" },
  repeat: { indicators: ["repurchase_rate", "returning_customer_rate", "orders"], outcome: "repeat_customers" },
  margin: { indicators: ["gross_margin", "discount_rate", "return_rate"], outcome: "net_profit" },
} as const satisfies Record<string, { indicators: readonly IndicatorKey[]; outcome: GoalOutcome }>;
export type Aim = keyof typeof AIMS;
export const isAim = (value: string): value is Aim => Object.hasOwn(AIMS, value);

/** The form's value for a suggestion: ratios typed as a percentage, the rest as the number. */
function formValue(kind: string, value: number): string {
  return kind === "ratio" ? String(Math.round(value * 1000) / 10) : String(value);
}

export async function suggestTargets(
  db: PrismaClient,
  shop: string,
  currency: string,
  indicators: readonly SuggestibleKey[],
  period: Period,
  today: number,
): Promise<TargetSuggestion[]> {
  const firstDay = await firstActiveDay(db, shop);
  if (firstDay === null) return [];
  const covers = (window: Period) => firstDay <= window.from && window.to < today;
  const recent: Period = { from: Math.max(today - RECENT_DAYS, firstDay), to: today - 1 };
  if (recent.to < recent.from) return [];
  const yearEarlier = yearEarlierPeriod(period);
  const recentYearEarlier = yearEarlierPeriod(recent);
  const read = (window: Period) => (covers(window) ? periodReport(db, shop, window) : Promise.resolve(null));
  // Rates that depend on the period's length: the past periods like this one that have ended by today.
  const likes = indicators.some((key) => REPORTED_INDICATORS[key].pacing === "period_ratio") ? likePeriods(period, Math.min(today, period.from), firstDay) : [];
  const [then, now, nowThen, likeReports] = await Promise.all([
    read(yearEarlier),
    read(recent),
    read(recentYearEarlier),
    Promise.all(likes.map((like) => periodReport(db, shop, like))),
  ]);
  // Net profit and the figures read with it, for each window read (the settings and promotions as they are now).
  const read_ = [then, now, nowThen, ...likeReports].filter((report): report is PeriodReport => report !== null);
  const profits = new Map<PeriodReport, ProfitIndicators>();
  if (indicators.some(isProfitIndicatorKey)) {
    (await profitIndicatorsOf(db, shop, read_)).forEach((figures, index) => profits.set(read_[index]!, figures));
  }
  const value = (report: PeriodReport | null, key: SuggestibleKey) =>
    report === null ? null : jsonValue(isProfitIndicatorKey(key) ? profits.get(report)![key] : report.indicators[key]);
  const recentDays = recent.to - recent.from + 1;
  const suggestions: TargetSuggestion[] = [];
  const { t, locale } = currentLocalizer();
  // The trend as the dashboard writes a change: "+8.0%", "−1.5 pts".
  const trendText = (ratio: number) => describeChange("money", 1, ratio, true, locale).text ?? "±0.0%";
  const pointsText = (difference: number) => describeChange("ratio", 0, difference, true, locale).text ?? "";
  for (const key of indicators) {
    const definition = REPORTED_INDICATORS[key];
    const inputs = {
      periodDays: period.to - period.from + 1,
      yearEarlier: value(then, key),
      recent: value(now, key),
      recentDays,
      recentYearEarlier: value(nowThen, key),
      likePeriods: likeReports.map((report) => value(report, key)).filter((figure): figure is number => figure !== null),
    };
    const suggestion = suggestTarget(definition, inputs);
    if (!suggestion) continue;
    const show = (figure: number | null) => formatValue(definition.kind, figure, currency, locale);
    const range = formatDateRange(yearEarlier.from, yearEarlier.to, locale);
    const reasoning = {
      year_earlier_with_trend: () =>
        t("firstGoal.reasoning.year_earlier_with_trend", {
          range,
          value: show(inputs.yearEarlier),
          weeks: RECENT_DAYS / 7,
          trend: trendText(suggestion.trend ?? 1),
        }),
      year_earlier: () => t("firstGoal.reasoning.year_earlier", { range, value: show(inputs.yearEarlier) }),
      recent_pace: () =>
        t("firstGoal.reasoning.recent_pace", {
          days: recentDays,
          value: show(inputs.recent),
          periodDays: period.to - period.from + 1,
          keepPace: show(suggestion.keepPace),
        }),
      recent_level: () => t("firstGoal.reasoning.recent_level", { days: recentDays, value: show(inputs.recent) }),
      recent_level_with_season: () =>
        t("firstGoal.reasoning.recent_level_with_season", {
          weeks: RECENT_DAYS / 7,
          value: show(inputs.recent),
          points: pointsText((inputs.yearEarlier ?? 0) - (inputs.recentYearEarlier ?? 0)),
        }),
      like_periods: () =>
        t(`firstGoal.reasoning.like_periods.${likeKindOf(period)}`, {
          count: inputs.likePeriods.length,
          length: period.to - period.from + 1,
          value: show(suggestion.keepPace),
          low: show(Math.min(...inputs.likePeriods)),
          high: show(Math.max(...inputs.likePeriods)),
        }),
    }[suggestion.basis]();
    suggestions.push({
      indicator: key,
      label: t(`indicators.${key}.label`),
      suggestion,
      reasoning,
      shown: { keepPace: show(suggestion.keepPace), grow: show(suggestion.grow), stretch: show(suggestion.stretch) },
      inputs: {
        keepPace: formValue(definition.kind, suggestion.keepPace),
        grow: formValue(definition.kind, suggestion.grow),
        stretch: formValue(definition.kind, suggestion.stretch),
      },
      valueInput: formValue(definition.kind, suggestion.keepPace),
    });
  }
  return suggestions;
}
