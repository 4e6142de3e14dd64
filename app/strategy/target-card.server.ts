/**
 * A target as a card shows it, wherever it is shown (Targets, Home, the weekly review): its title,
 * period, pacing in words, status and trend, in the reader's words and formats.
 */
import { isIndicatorKey, REPORTED_INDICATORS, type ReportedIndicatorKey } from "~/indicators/definitions";
import { formatValue } from "~/indicators/format";
import type { Localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { formatDateRange } from "~/lib/dates";
import { numberFormat } from "~/lib/intl";
import { ANALYTICS_METRIC } from "./analytics.server";
import type { TargetStatus } from "./target-status.server";

/** Each pacing status's badge tone (its words are in the catalogues, `targets.status.*`). */
const STATUS_TONES = {
  on_track: "success",
  at_risk: "attention",
  off_track: "critical",
  met: "success",
  missed: "critical",
  not_started: undefined,
  no_data: undefined,
} as const satisfies Record<string, "success" | "attention" | "critical" | undefined>;

export interface TargetCard {
  id: number;
  goalId: number | null;
  indicator: ReportedIndicatorKey;
  title: string;
  period: string;
  recurring: boolean;
  status: string;
  statusLabel: string;
  statusTone: "success" | "attention" | "critical" | undefined;
  /**
   * 0..100, whole: for an "at least" target, how much of the target the value so far reaches; for
   * an "at most" one, how much of the limit is still left (a full bar is good news either way).
   */
  progress: number;
  /** What the bar shows, in words ("47% of the target reached", "81% of the limit left"); null before there is a value. */
  progressLabel: string | null;
  figures: string;
  pattern: string;
  trend: { day: string; actual: number | null; expected: number }[];
  kind: string;
  /** The value as the edit form takes it (ratios as a percentage). */
  valueInput: string;
  direction: string;
  /** Shopify's Analytics has a matching metric. */
  publishable: boolean;
  published: boolean;
  /** Why Shopify refused the target or the Flow trigger, in its words. */
  shopifyError: string | null;
}

export function targetCard(status: TargetStatus, currency: string, l10n: Localizer): TargetCard {
  const { t, locale } = l10n;
  const definition = REPORTED_INDICATORS[status.indicator];
  const show = (value: number | null) => formatValue(definition.kind, value, currency, locale);
  const { progress, progressLabel } = bar(status, l10n);
  const paced = definition.pacing === "sum" || (definition.pacing === "period_ratio" && status.expectedToDate !== null);
  const figures = paced
    ? t("targets.card.paced", { actual: show(status.actual), expected: show(status.expectedToDate), projected: show(status.projected) })
    : t("targets.card.standing", { actual: show(status.actual), target: show(status.value) });
  const indicator = t(`indicators.${status.indicator}.label`);
  const range = formatDateRange(status.from, status.to, locale);
  return {
    id: status.id,
    goalId: status.goalId,
    indicator: status.indicator,
    title: t(status.direction === "at_least" ? "targets.card.atLeast" : "targets.card.atMost", { indicator, value: show(status.value) }),
    period:
      status.periodKind === "custom" || !isPeriodKindWord(status.periodKind)
        ? range
        : t("targets.card.period", { range, kind: t(`targets.periodKind.${status.periodKind}`) }),
    recurring: status.recurring,
    status: status.status,
    statusLabel: isStatusKey(status.status) ? t(`targets.status.${status.status}`) : status.status,
    statusTone: isStatusKey(status.status) ? STATUS_TONES[status.status] : undefined,
    progress,
    progressLabel,
    figures,
    pattern: patternOf(status, l10n),
    trend: status.trend,
    kind: definition.kind,
    // A value stored before values were bounded may be too large for a number: the field is left for a new one.
    valueInput: !Number.isFinite(status.value) ? "" : definition.kind === "ratio" ? String(Math.round(status.value * 1e6) / 1e4) : String(status.value),
    direction: status.direction,
    publishable: isIndicatorKey(status.indicator) && ANALYTICS_METRIC[status.indicator] !== undefined,
    published: status.analyticsTargetId !== null,
    shopifyError: storedWords(status.analyticsError ?? status.flowError, l10n),
  };
}

/** How the pacing was read, in words. */
function patternOf(status: TargetStatus, l10n: Localizer): string {
  const { t } = l10n;
  switch (REPORTED_INDICATORS[status.indicator].pacing) {
    case "sum":
      return status.weekdayPattern ? t("targets.card.weekdayPattern") : t("targets.card.evenly");
    case "ratio":
      return t("targets.card.asItStands");
    case "period_ratio":
      return likePeriodWords(status, l10n);
  }
}

/**
 * A ratio that depends on the period's length, in words: that it is compared with the same length of
 * history, what the like periods stood at by this day and where they ended, and the allowance for
 * chance (decision 020).
 */
function likePeriodWords(status: TargetStatus, { t, locale }: Localizer): string {
  const path = status.likePath;
  const lead = t("targets.card.like.lead", { indicator: t(`indicators.${status.indicator}.label`) });
  const days = dayCount(status.from, status.to);
  if (!path) return t("targets.card.sentences", { first: lead, second: t(`targets.card.like.none.${likeKindOf(status)}`, { length: days }) });
  const rate = (value: number | null) => formatValue("ratio", value, "", locale);
  const finals = { final: rate(path.final), finalLow: rate(path.finalLow), finalHigh: rate(path.finalHigh) };
  const during = status.status !== "not_started" && status.status !== "met" && status.status !== "missed";
  const index = Math.min(status.elapsedDays, days) - 1;
  const day = path.days[index];
  const detail =
    during && day && day.median !== null
      ? t(`targets.card.like.during.${path.kind}`, {
          count: path.periods,
          length: days,
          day: index + 1,
          median: rate(day.median),
          low: rate(day.low),
          high: rate(day.high),
          ...finals,
        })
      : t(`targets.card.like.whole.${path.kind}`, { count: path.periods, length: days, ...finals });
  const words = t("targets.card.sentences", { first: lead, second: detail });
  if (!during || !status.outOf) return words;
  return t("targets.card.sentences", {
    first: words,
    second: t("targets.card.like.chance", { count: status.outOf, customers: numberFormat(locale).format(status.outOf) }),
  });
}

const likeKindOf = (status: TargetStatus) => (isPeriodKindWord(status.periodKind) ? status.periodKind : "custom");
const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The progress bar, whole percents, and what it shows in words. "At least": the share of the target
 * reached so far. "At most", on what accumulates: the share of the limit still left; on a ratio
 * compared as it stands: full while within the limit, and the limit's share of the value beyond it.
 * A full bar is good news either way.
 */
function bar(status: TargetStatus, { t, locale }: Localizer): { progress: number; progressLabel: string | null } {
  if (status.actual === null || !Number.isFinite(status.value)) return { progress: 0, progressLabel: null };
  const whole = (share: number) => Math.round(Math.max(0, Math.min(1, share)) * 100);
  const percentOf = (progress: number) => numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(progress / 100);
  const used = status.value === 0 ? (status.actual > 0 ? Infinity : 0) : status.actual / status.value;
  if (status.direction === "at_least") {
    const progress = whole(used);
    return { progress, progressLabel: t("targets.card.targetReached", { percent: percentOf(progress) }) };
  }
  if (REPORTED_INDICATORS[status.indicator].pacing !== "ratio") {
    const progress = whole(1 - used);
    return { progress, progressLabel: t("targets.card.limitLeft", { percent: percentOf(progress) }) };
  }
  if (used <= 1) return { progress: 100, progressLabel: t("targets.card.withinLimit") };
  return { progress: whole(1 / used), progressLabel: t("targets.card.overLimit", { percent: percentOf(Math.round((used - 1) * 100)) }) };
}

const isStatusKey = (status: string): status is keyof typeof STATUS_TONES => Object.hasOwn(STATUS_TONES, status);
const isPeriodKindWord = (kind: string): kind is "week" | "month" | "quarter" => kind === "week" || kind === "month" || kind === "quarter";
