/**
 * Suggested targets for a period to come, from the store's own history (the rules are in
 * `suggest.ts`): three reads of the daily rollups (the same period a year earlier, the last 12
 * weeks, and those weeks a year earlier) give every indicator's suggestion, with its reasoning in
 * words and the range to choose from.
 */
import type { PrismaClient } from "@prisma/client";
import { INDICATORS, type IndicatorKey } from "~/indicators/definitions";
import { formatValue } from "~/indicators/format";
import { jsonValue } from "~/indicators/json";
import { periodReport, type PeriodReport } from "~/indicators/report.server";
import { firstActiveDay } from "~/indicators/rollups.server";
import { yearEarlierPeriod, type Period } from "~/lib/calendar";
import { formatDateRange } from "~/lib/dates";
import { RECENT_DAYS, suggestTarget, type Suggestion } from "./suggest";

export interface TargetSuggestion {
  indicator: IndicatorKey;
  label: string;
  suggestion: Suggestion;
  /** Why, in a sentence or two, with the figures it comes from. */
  reasoning: string;
  shown: { keepPace: string; grow: string; stretch: string };
  /** The suggested value as the Targets form takes it (ratios as a percentage). */
  valueInput: string;
}

/** What an owner can choose to grow first, and the indicators a goal for it holds. */
export const AIMS = {
  profit: { label: "Profit", goal: "Grow profit", indicators: ["gross_profit", "gross_margin", "net_sales"] },
  revenue: { label: "Revenue", goal: "Grow revenue", indicators: ["net_sales", "orders", "aov"] },
  repeat: { label: "Repeat business", goal: "More customers coming back", indicators: ["repurchase_rate", "returning_customer_rate", "orders"] },
  margin: { label: "Margin", goal: "Healthier margin", indicators: ["gross_margin", "discount_rate", "return_rate"] },
} as const satisfies Record<string, { label: string; goal: string; indicators: readonly IndicatorKey[] }>;
export type Aim = keyof typeof AIMS;
export const isAim = (value: string): value is Aim => Object.hasOwn(AIMS, value);

const signedPercent = (ratio: number) => `${ratio >= 1 ? "+" : "−"}${(Math.abs(ratio - 1) * 100).toFixed(1)}%`;
const signedPoints = (difference: number) => `${difference >= 0 ? "+" : "−"}${(Math.abs(difference) * 100).toFixed(1)} pts`;

/** The form's value for a suggestion: ratios typed as a percentage, the rest as the number. */
function formValue(kind: string, value: number): string {
  return kind === "ratio" ? String(Math.round(value * 1000) / 10) : String(value);
}

export async function suggestTargets(db: PrismaClient, shop: string, currency: string, indicators: readonly IndicatorKey[], period: Period, today: number): Promise<TargetSuggestion[]> {
  const firstDay = await firstActiveDay(db, shop);
  if (firstDay === null) return [];
  const covers = (window: Period) => firstDay <= window.from && window.to < today;
  const recent: Period = { from: Math.max(today - RECENT_DAYS, firstDay), to: today - 1 };
  if (recent.to < recent.from) return [];
  const yearEarlier = yearEarlierPeriod(period);
  const recentYearEarlier = yearEarlierPeriod(recent);
  const read = (window: Period) => (covers(window) ? periodReport(db, shop, window) : Promise.resolve(null));
  const [then, now, nowThen] = await Promise.all([read(yearEarlier), read(recent), read(recentYearEarlier)]);
  const value = (report: PeriodReport | null, key: IndicatorKey) => (report ? jsonValue(report.indicators[key]) : null);
  const recentDays = recent.to - recent.from + 1;
  const suggestions: TargetSuggestion[] = [];
  for (const key of indicators) {
    const definition = INDICATORS[key];
    const inputs = { periodDays: period.to - period.from + 1, yearEarlier: value(then, key), recent: value(now, key), recentDays, recentYearEarlier: value(nowThen, key) };
    const suggestion = suggestTarget(definition, inputs);
    if (!suggestion) continue;
    const show = (figure: number | null) => formatValue(definition.kind, figure, currency);
    const reasoning = {
      year_earlier_with_trend: `A year earlier (${formatDateRange(yearEarlier.from, yearEarlier.to)}): ${show(inputs.yearEarlier)}; the last ${RECENT_DAYS / 7} weeks ran ${signedPercent(suggestion.trend ?? 1)} on the same weeks a year earlier.`,
      year_earlier: `A year earlier (${formatDateRange(yearEarlier.from, yearEarlier.to)}): ${show(inputs.yearEarlier)}; not yet the history to compare recent weeks with a year before.`,
      recent_pace: `Less than a year of history: at the pace of the last ${recentDays} days (${show(inputs.recent)}), ${period.to - period.from + 1} days reach about ${show(suggestion.keepPace)}.`,
      recent_level: `The last ${recentDays} days: ${show(inputs.recent)}.`,
      recent_level_with_season: `The last ${RECENT_DAYS / 7} weeks: ${show(inputs.recent)}; a year earlier this period ran ${signedPoints((inputs.yearEarlier ?? 0) - (inputs.recentYearEarlier ?? 0))} against the weeks before it.`,
    }[suggestion.basis];
    suggestions.push({
      indicator: key,
      label: definition.label,
      suggestion,
      reasoning,
      shown: { keepPace: show(suggestion.keepPace), grow: show(suggestion.grow), stretch: show(suggestion.stretch) },
      valueInput: formValue(definition.kind, suggestion.grow),
    });
  }
  return suggestions;
}
