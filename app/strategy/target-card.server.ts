/**
 * A target as a card shows it, wherever it is shown (Targets, Home, the weekly review): its title,
 * period, pacing in words, status and trend, in the reader's words and formats.
 */
import { isIndicatorKey, REPORTED_INDICATORS, type ReportedIndicatorKey } from "~/indicators/definitions";
import { formatValue } from "~/indicators/format";
import type { Localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { formatDateRange } from "~/lib/dates";
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
  /** 0..100: how far the value so far is towards the target (sums), or the value against the target (ratios). */
  progress: number;
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
  const progress = status.actual === null || status.value === 0 ? 0 : Math.max(0, Math.min(100, (status.actual / status.value) * 100));
  const figures =
    definition.pacing === "sum"
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
    figures,
    pattern: definition.pacing === "sum" ? (status.weekdayPattern ? t("targets.card.weekdayPattern") : t("targets.card.evenly")) : t("targets.card.asItStands"),
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

const isStatusKey = (status: string): status is keyof typeof STATUS_TONES => Object.hasOwn(STATUS_TONES, status);
const isPeriodKindWord = (kind: string): kind is "week" | "month" | "quarter" => kind === "week" || kind === "month" || kind === "quarter";
