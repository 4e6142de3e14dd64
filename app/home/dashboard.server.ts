/**
 * The dashboard as the page shows it: every value formatted in the shop's currency, changes
 * against the previous period and a year earlier, trend points, what moved the top indicators,
 * and the product table. Plain JSON for the loader.
 */
import type { Goal, PrismaClient, Shop } from "@prisma/client";
import { dashboardReport, type Dashboard } from "~/indicators/dashboard-report.server";
import {
  COST_INDICATOR_KEYS,
  INDICATORS,
  MARKETING_INDICATOR_KEYS,
  MARKETING_INDICATORS,
  ORDER_INDICATOR_KEYS,
  PROFIT_INDICATOR_KEYS,
  REPORTED_INDICATORS,
  type IndicatorKey,
  type MarketingIndicatorKey,
  type ProfitIndicatorKey,
  type RollupIndicatorKey,
} from "~/indicators/definitions";
import type { DriverBreakdown } from "~/indicators/drivers";
import { formatDate, formatDateRange } from "~/lib/dates";
import { refundsWithoutDetails } from "~/indicators/pending-refunds.server";
import { describeChange, displayed, exactAmount, formatValue, type Change, type ExactAmount, type Tone } from "~/indicators/format";
import { PROFIT_BRIDGE_STEPS, type ProfitBridgeStep } from "~/indicators/profit-bridge";
import { formatMoney } from "@throughline/shopify-common/money";
import type { Localizer } from "~/i18n/localizer";
import { joinSentences } from "~/i18n/languages";
import { jsonValue, marketingJson } from "~/indicators/json";
import { periodFromParams, type PeriodChoice } from "~/indicators/period-params";
import { firstActiveDay, rollupsReadyFor } from "~/indicators/rollups.server";
import { formatDay, type Period } from "~/lib/calendar";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { marketingTotalsByPeriod, type MarketingTotals } from "~/promotions/promotions.server";
import { hasMarketingFigures, marketingSpendByPeriod } from "~/ads/marketing-spend.server";
import { campaignsOver } from "~/ads/campaigns.server";
import { adSpendSourceLabel } from "~/ads/spend-sources";
import { costAndReturn, PROMOTION_FIGURE_KEYS, PROMOTION_FIGURES, type PromotionFigureKey } from "~/promotions/promotion-cost";
import { liveGoals } from "~/strategy/targets.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { targetCard, type TargetCard } from "~/strategy/target-card.server";
import { isBridgedOutcome } from "~/strategy/goal-bridge";
import { flagsOf, readGoals } from "~/strategy/goal-outcome.server";
import { flagWords, type GoalFlagFacts } from "~/strategy/goal-words";

/** A figure the dashboard shows from a period's report: the store's, the costs' and net profit's. */
export type DashboardKey = RollupIndicatorKey | ProfitIndicatorKey;

/** The indicators shown as cards with a trend line, in this order (net profit and what it costs to win sales beside gross profit); all of them are in the table. */
export const HEADLINE: DashboardKey[] = [
  "net_sales",
  "orders",
  "aov",
  "new_customers",
  "gross_profit",
  "gross_margin",
  "net_profit",
  "net_margin",
  "mer",
  "cac",
  "repurchase_rate",
  "discount_rate",
];

export interface ComparedValue extends Change {
  display: string;
}

export interface IndicatorView {
  key: DashboardKey;
  label: string;
  description: string;
  display: string;
  /** Against the previous period and the same dates a year earlier: null where the store's history doesn't reach back that far. */
  previous: ComparedValue | null;
  yearEarlier: ComparedValue | null;
  trend: { key: string; value: number | null }[];
  /** Where margin is shown, how much of the sales it speaks for; on net profit, how much of each cost it subtracts is known. */
  note: string | null;
  /** Net profit's flag when a cost it subtracts is known for less than COVERAGE_FLAG of its period: the reason, in words. */
  warning: string | null;
}

export interface DriverView {
  indicator: IndicatorKey;
  title: string;
  summary: string;
  effects: { label: string; display: string; tone: Tone; share: number }[];
}

/** One line of "What moved net profit": gross profit, a cost family, or net profit, in both periods. */
export interface ProfitBridgeRow {
  key: "gross_profit" | ProfitBridgeStep | "net_profit";
  label: string;
  /** How much of the period this family knows, in words (null where it knows it all). */
  coverage: string | null;
  previous: string;
  current: string;
  /** Its effect on the change of net profit (null on net profit itself: the change is in the summary). */
  effect: string | null;
  tone: Tone;
  /** |effect| against the largest one, for the bar. */
  share: number;
}

export interface ProfitBridgeView {
  title: string;
  summary: string;
  rows: ProfitBridgeRow[];
}

export interface ProductRow {
  id: string;
  title: string;
  units: number;
  netSales: number;
  grossSales: number;
  returns: number;
  /** Margin on the product's sales whose cost is known… */
  grossMargin: number | null;
  /** …and the share of its sales that is (its own column: not a cost ratio). */
  costCoverage: number | null;
  orders: number;
  attachRate: number | null;
  attractionRate: number | null;
}

export type DashboardView =
  | { state: "empty"; choice: PeriodChoice }
  | { state: "preparing"; choice: PeriodChoice }
  | {
      state: "ready";
      choice: PeriodChoice;
      currency: string;
      periodLabel: string;
      previousLabel: string;
      yearEarlierLabel: string;
      /** Which comparisons the store's history allows (a period before its first order compares with nothing). */
      compared: { previous: boolean; yearEarlier: boolean };
      /** Why a comparison is missing, said once for the page (null when both are there). */
      historyNote: string | null;
      trendBy: string;
      headline: IndicatorView[];
      all: IndicatorView[];
      drivers: DriverView[];
      /** Gross profit to net profit through each cost family, against the previous period (null when the history doesn't reach it). */
      profitBridge: ProfitBridgeView | null;
      products: ProductRow[];
      /** Targets whose period holds today, with their pacing, under their goals: what the page opens on. */
      targets: TargetsView;
      /** Spend, cost ratio and ROAS from the promotions the team logs (null while there are none). */
      marketing: MarketingView[] | null;
      /** The period's ad spend by where it came from, and its campaigns with the most spend (null without ad spend). */
      adSpend: AdSpendView | null;
      /** Refunds whose details are still being read from Shopify, in the period and in those compared with it. */
      pending: PendingRefunds | null;
    };

export interface PendingRefunds {
  current: number;
  compared: number;
  /** In words, for the page. */
  message: string;
}

/** What the page says of refunds still without details in the period and those compared (null: none). */
export async function pendingRefunds(
  db: PrismaClient,
  shop: string,
  zone: string,
  current: Period,
  compared: Period[],
  { t }: Localizer,
): Promise<PendingRefunds | null> {
  // Past the first sync none lacks details: one indexed look settles it.
  if (!(await db.refund.findFirst({ where: { shop, linesComplete: false }, select: { id: true } }))) return null;
  const countIn = (period: Period) => refundsWithoutDetails(db, shop, zone, period);
  const [inCurrent, ...inCompared] = await Promise.all([countIn(current), ...compared.map(countIn)]);
  const inComparedTotal = inCompared.reduce((sum, n) => sum + n, 0);
  if (inCurrent === 0 && inComparedTotal === 0) return null;
  const refunds = (count: number) => t("home.pending.refunds", { count });
  const where =
    inCurrent > 0
      ? inComparedTotal > 0
        ? t("home.pending.inPeriodAndCompared", { count: inCurrent, refunds: refunds(inCurrent), compared: refunds(inComparedTotal) })
        : t("home.pending.inPeriod", { count: inCurrent, refunds: refunds(inCurrent) })
      : t("home.pending.inCompared", { count: inComparedTotal, refunds: refunds(inComparedTotal) });
  return { current: inCurrent, compared: inComparedTotal, message: t("home.pending.message", { where }) };
}

export interface MarketingView {
  key: MarketingIndicatorKey | PromotionFigureKey;
  label: string;
  /** What it means, shown on the card. */
  description: string;
  display: string;
  previous: ComparedValue;
}

/**
 * METRICS.md's marketing indicators for the period and the one before, from the promotions' spend and
 * attributed orders, then beside ROAS the promotions' whole cost and the gross profit they returned per
 * unit of it (promotion-cost.ts).
 */
async function marketingViews(
  db: PrismaClient,
  shop: string,
  zone: string,
  dashboard: Dashboard,
  currency: string,
  { t, locale }: Localizer,
): Promise<MarketingView[] | null> {
  if (!(await hasMarketingFigures(db, shop))) return null;
  // Both periods from one read of the promotions (they are adjacent).
  const [currentTotals, previousTotals] = await marketingTotalsByPeriod(db, shop, zone, [dashboard.current.period, dashboard.previous.period]);
  const values = (totals: MarketingTotals, netSales: bigint) => {
    const { cost, profitOnCost } = costAndReturn(totals.marketingSpend, totals.attributed);
    return { ...marketingJson(totals, netSales), promotion_cost: jsonValue(cost), profit_on_cost: profitOnCost };
  };
  const current = values(currentTotals!, dashboard.current.indicators.net_sales as bigint);
  const previous = values(previousTotals!, dashboard.previous.indicators.net_sales as bigint);
  const figure = (
    key: MarketingIndicatorKey | PromotionFigureKey,
    { kind, higherIsBetter }: (typeof PROMOTION_FIGURES)[PromotionFigureKey],
    words: { label: string; description: string },
  ) => ({
    key,
    ...words,
    display: formatValue(kind, current[key], currency, locale),
    previous: { display: formatValue(kind, previous[key], currency, locale), ...describeChange(kind, previous[key], current[key], higherIsBetter, locale) },
  });
  return [
    ...MARKETING_INDICATOR_KEYS.map((key) =>
      figure(key, MARKETING_INDICATORS[key], { label: t(`indicators.${key}.label`), description: t(`indicators.${key}.description`) }),
    ),
    ...PROMOTION_FIGURE_KEYS.map((key) =>
      figure(key, PROMOTION_FIGURES[key], { label: t(`promotionFigures.${key}.label`), description: t(`promotionFigures.${key}.description`) }),
    ),
  ];
}

export interface AdSpendView {
  bySource: { source: string; label: string; display: string }[];
  campaigns: { name: string; platform: string; spend: string; orders: string; roas: string; promotion: string | null }[];
  /** Campaigns beyond those listed. */
  moreCampaigns: number;
}

/** Campaigns the dashboard lists, the most spend first; the weekly review lists every one. */
const DASHBOARD_CAMPAIGNS = 8;

/** The period's ad spend by platform (and Shopify's reports, and imports), and its top campaigns beside what they brought. */
async function adSpendView(db: PrismaClient, shop: string, period: Period, currency: string, { t, locale }: Localizer): Promise<AdSpendView | null> {
  const [[spend], { campaigns }] = await Promise.all([marketingSpendByPeriod(db, shop, [period]), campaignsOver(db, shop, period)]);
  if (!spend || spend.adSpend === 0n) return null;
  const money = (value: bigint) => formatValue("money", exactAmount(value), currency, locale);
  return {
    bySource: Object.entries(spend.adSpendBySource).map(([source, amount]) => ({ source, label: adSpendSourceLabel(source, { t }), display: money(amount) })),
    campaigns: campaigns.slice(0, DASHBOARD_CAMPAIGNS).map((campaign) => ({
      name: campaign.name,
      platform: t(`costs.ads.platforms.${campaign.platform}`),
      spend: campaign.spend === null ? t("review.campaigns.noRate") : money(campaign.spend),
      orders: new Intl.NumberFormat(locale).format(campaign.attributedOrders),
      roas: formatValue("multiple", campaign.roas, currency, locale),
      promotion: campaign.promotion?.title ?? null,
    })),
    moreCampaigns: Math.max(0, campaigns.length - DASHBOARD_CAMPAIGNS),
  };
}

export interface TargetsView {
  /** The live goals with targets running today, each with them and those of them on track that work against the goal, in words. */
  goals: { id: number; name: string; why: string | null; period: string; summary: string; targets: TargetCard[]; flags: string[] }[];
  /** Targets running today outside any goal. */
  others: TargetCard[];
}

/** Worst news first, for the line that says where a goal's targets stand. */
const STATUS_ORDER = ["off_track", "missed", "at_risk", "no_data", "not_started", "on_track", "met"] as const;

/** Where targets stand, in a line: "1 off track · 2 on track". */
function statusSummary(cards: TargetCard[], { t }: Localizer): string {
  return STATUS_ORDER.map((status) => ({ status, count: cards.filter((card) => card.status === status).length }))
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => t("home.targets.count", { count, status: t(`targets.status.${status}`) }))
    .join(" · ");
}

/** The targets running today under their goals, each goal with where its targets stand and its flags: the home page's answer. */
function targetsView(
  cards: TargetCard[],
  goals: Pick<Goal, "id" | "name" | "why" | "from" | "to">[],
  flags: GoalFlagFacts[],
  currency: string,
  l10n: Localizer,
): TargetsView {
  const known = new Set(goals.map((goal) => goal.id));
  return {
    goals: goals
      .map((goal) => {
        const targets = cards.filter((card) => card.goalId === goal.id);
        return {
          id: goal.id,
          name: goal.name,
          why: goal.why,
          period: formatDateRange(goal.from, goal.to, l10n.locale),
          summary: statusSummary(targets, l10n),
          targets,
          flags: flags.filter((flag) => flag.goalId === goal.id).map((flag) => flagWords(flag, currency, l10n)),
        };
      })
      .filter((goal) => goal.targets.length > 0),
    others: cards.filter((card) => card.goalId === null || !known.has(card.goalId)),
  };
}

/** Why the page compares with less than both periods, said once (the cards then show only what they compare with). */
function historyNote(compared: { previous: boolean; yearEarlier: boolean }, firstDay: number | null, { t, locale }: Localizer): string | null {
  if (compared.previous && compared.yearEarlier) return null;
  if (firstDay === null) return t("home.history.none");
  const since = formatDate(firstDay, locale);
  return compared.previous ? t("home.history.noYearEarlier", { since }) : t("home.history.noEarlier", { since });
}

function rangeLabel(period: Period, locale: string): string {
  return formatDateRange(period.from, period.to, locale);
}

function numberOf(value: bigint | number | null): number | null {
  return jsonValue(value);
}

/**
 * Whether the store's history (from its first day of activity) covers a compared period: a period
 * that starts before the store's first order would compare with days it didn't trade on.
 */
const covers = (firstDay: number | null, period: Period) => firstDay !== null && firstDay <= period.from;

function indicatorView(
  key: DashboardKey,
  dashboard: Dashboard,
  currency: string,
  trendKeys: string[],
  firstDay: number | null,
  l10n: Localizer,
): IndicatorView {
  const { t, locale } = l10n;
  const definition = REPORTED_INDICATORS[key];
  const raw = dashboard.current.indicators[key];
  const value = numberOf(raw);
  const compared = (report: Dashboard["previous"]): ComparedValue | null => {
    if (!covers(firstDay, report.period)) return null;
    const other = report.indicators[key];
    return {
      display: formatValue(definition.kind, displayed(other), currency, locale),
      ...describeChange(definition.kind, numberOf(other), value, definition.higherIsBetter, locale),
    };
  };
  const coverage = numberOf(dashboard.current.indicators.cost_coverage);
  const showsMargin = key === "gross_profit" || key === "gross_margin" || key === "cogs";
  const known = key === "net_profit" || key === "net_margin" ? profitCoverage(dashboard, currency, l10n) : null;
  return {
    key,
    label: t(`indicators.${key}.label`),
    description: t(`indicators.${key}.description`),
    display: formatValue(definition.kind, displayed(raw), currency, locale),
    previous: compared(dashboard.previous),
    yearEarlier: compared(dashboard.yearEarlier),
    trend: dashboard.trend.map((bucket, i) => ({ key: trendKeys[i]!, value: numberOf(bucket.indicators[key]) })),
    note: showsMargin
      ? coverage === null
        ? t("home.noSales")
        : t("home.costKnown", { share: formatValue("ratio", coverage, currency, locale) })
      : (known?.sentence ?? null),
    warning: known?.warning ?? null,
  };
}

/** Below this share of its period known, a cost family flags net profit. */
export const COVERAGE_FLAG = 0.95;

/** "Fees known for 92% of payments", as a sentence starts in the reader's language. */
const sentenceCase = (text: string, locale: string) => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

/**
 * How much of each cost net profit subtracts is known over the period, in words: fees of payments,
 * shipping of shipped orders, product cost of sales (the rest at the default rate, or at no cost),
 * each clause with whether it is under COVERAGE_FLAG; the sentence for the card and the warning that
 * names the families under it.
 */
function profitCoverage(dashboard: Dashboard, currency: string, l10n: Localizer) {
  const { t, locale } = l10n;
  const { indicators } = dashboard.current;
  const [fees, shipping, cost] = [numberOf(indicators.fee_coverage), numberOf(indicators.shipping_coverage), numberOf(indicators.cost_coverage)];
  const share = (value: number) => formatValue("ratio", value, currency, locale);
  const rate = dashboard.profitParts.defaultCostRate;
  const productCost = (value: number) => {
    const known = t("home.profitCoverage.cost", { share: share(value) });
    if (value >= 1) return known;
    return rate === null ? t("home.profitCoverage.restNoCost", { known }) : t("home.profitCoverage.restAtRate", { known, rate: share(Number(rate)) });
  };
  const clauses = {
    transaction_fees:
      fees === null
        ? { text: t("home.profitCoverage.noPayments"), low: false }
        : { text: t("home.profitCoverage.fees", { share: share(fees) }), low: fees < COVERAGE_FLAG },
    shipping_costs:
      shipping === null
        ? { text: t("home.profitCoverage.noShipments"), low: false }
        : { text: t("home.profitCoverage.shipping", { share: share(shipping) }), low: shipping < COVERAGE_FLAG },
    cogs_all: cost === null ? { text: t("home.noSales"), low: false } : { text: productCost(cost), low: cost < COVERAGE_FLAG },
  };
  const all = Object.values(clauses);
  const low = (Object.keys(clauses) as (keyof typeof clauses)[]).filter((family) => clauses[family].low);
  return {
    clauses,
    sentence: sentenceCase(t("home.profitCoverage.sentence", { clauses: all.map((clause) => clause.text).join(t("home.profitCoverage.separator")) }), locale),
    // The card's note says each share: the warning names the families under the threshold.
    warning: low.length === 0 ? null : coverageWarning(low, rate === null ? null : share(Number(rate)), share(COVERAGE_FLAG), l10n),
  };
}

/**
 * The warning on net profit for the families known for less than the threshold: what isn't known
 * counts as no cost, except product cost when the owner set a default rate, which estimates it.
 */
function coverageWarning(
  low: ("transaction_fees" | "shipping_costs" | "cogs_all")[],
  rate: string | null,
  threshold: string,
  { t, locale, language }: Localizer,
) {
  const noCost = low.filter((family) => family !== "cogs_all" || rate === null);
  const sentences = [
    ...(noCost.length === 0
      ? []
      : [
          t("home.profitCoverage.warning", {
            threshold,
            families: new Intl.ListFormat(locale, { type: "conjunction" }).format(noCost.map((family) => t(`home.profitCoverage.families.${family}`))),
          }),
        ]),
    ...(rate !== null && low.includes("cogs_all") ? [t("home.profitCoverage.warningAtRate", { threshold, rate })] : []),
    t("home.profitCoverage.warningAction"),
  ];
  return joinSentences(sentences, language);
}

/**
 * "What moved net profit" as the page shows it: gross profit, each cost family (with how much of it
 * is known) and net profit in both periods, and each one's effect on the change, from the exact
 * bridge (profit-bridge.ts) so the effects add up to the change to the cent.
 */
function profitBridgeView(dashboard: Dashboard, currency: string, l10n: Localizer): ProfitBridgeView {
  const { t, locale } = l10n;
  const { before, after, effects, change } = dashboard.profitBridge;
  const money = (value: bigint) => formatValue("money", formatMoney(value, 4) as ExactAmount, currency, locale);
  const signed = (value: bigint) => `${value >= 0n ? "+" : "−"}${money(value < 0n ? -value : value)}`;
  const largest = [...Object.values(effects)].reduce((max, effect) => ((effect < 0n ? -effect : effect) > max ? (effect < 0n ? -effect : effect) : max), 0n);
  const known = profitCoverage(dashboard, currency, l10n);
  const rate = dashboard.profitParts.defaultCostRate;
  const coverageOf: Partial<Record<ProfitBridgeRow["key"], string>> = {
    uncosted_sales: sentenceCase(known.clauses.cogs_all.text, locale),
    transaction_fees: sentenceCase(known.clauses.transaction_fees.text, locale),
    shipping_costs: sentenceCase(known.clauses.shipping_costs.text, locale),
  };
  const row = (key: ProfitBridgeRow["key"], previous: bigint, current: bigint, effect: bigint | null): ProfitBridgeRow => ({
    key,
    label:
      key === "default_cost"
        ? rate === null
          ? t("home.profitBridge.steps.noDefaultRate")
          : t("home.profitBridge.steps.default_cost", { rate: formatValue("ratio", Number(rate), currency, locale) })
        : t(`home.profitBridge.steps.${key}`),
    coverage: coverageOf[key] ?? null,
    previous: money(previous),
    current: money(current),
    effect: effect === null ? null : signed(effect),
    // Half a cent either way is no news.
    tone: effect === null || (effect < 0n ? -effect : effect) < 50n ? undefined : effect > 0n ? "success" : "critical",
    share: effect === null || largest === 0n ? 0 : Number(((effect < 0n ? -effect : effect) * 1000n) / largest) / 1000,
  });
  const change_ = describeChange("money", numberOf(before.netProfit), numberOf(after.netProfit), true, locale);
  const [from, to] = [money(before.netProfit), money(after.netProfit)];
  return {
    title: t("home.profitBridge.title"),
    summary: change_.text
      ? t("home.drivers.summaryChange", { before: from, after: to, change: change_.text })
      : t("home.drivers.summary", { before: from, after: to }),
    rows: [
      row("gross_profit", before.grossProfit, after.grossProfit, effects.gross_profit),
      ...PROFIT_BRIDGE_STEPS.map((step) => row(step, before.steps[step], after.steps[step], effects[step])),
      { ...row("net_profit", before.netProfit, after.netProfit, null), effect: signed(change) },
    ],
  };
}

const DRIVEN = ["net_sales", "aov", "gross_profit"] as const;
const EFFECTS = ["orders", "aov", "returns", "units_per_order", "price_per_unit", "discount_per_order", "sales", "cost_coverage", "margin"] as const;

function driverView(breakdown: DriverBreakdown, currency: string, { t, locale }: Localizer): DriverView {
  const definition = INDICATORS[breakdown.indicator];
  const largest = Math.max(...breakdown.effects.map((effect) => Math.abs(effect.effect)), 1e-9);
  const change = describeChange(definition.kind, breakdown.before, breakdown.after, definition.higherIsBetter, locale);
  const money = (value: number) => formatValue("money", value, currency, locale);
  const driven = DRIVEN.find((key) => key === breakdown.indicator);
  const before = money(breakdown.before);
  const after = money(breakdown.after);
  return {
    indicator: breakdown.indicator,
    title: driven ? t(`home.drivers.${driven}`) : t(`indicators.${breakdown.indicator}.label`),
    summary: change.text ? t("home.drivers.summaryChange", { before, after, change: change.text }) : t("home.drivers.summary", { before, after }),
    effects: breakdown.effects.map((effect) => ({
      label: (EFFECTS as readonly string[]).includes(effect.key) ? t(`home.drivers.effects.${effect.key as (typeof EFFECTS)[number]}`) : effect.label,
      display: `${effect.effect >= 0 ? "+" : "−"}${money(Math.abs(effect.effect))}`,
      tone: Math.abs(effect.effect) < 0.005 ? undefined : effect.effect > 0 === definition.higherIsBetter ? "success" : "critical",
      share: Math.abs(effect.effect) / largest,
    })),
  };
}

/** Everything the home page's dashboard needs for the period the URL asks for (`known`: the shop's row, when read already). */
export async function dashboardView(
  db: PrismaClient,
  shop: string,
  params: URLSearchParams,
  now: Date,
  known: Shop | null | undefined,
  l10n: Localizer,
): Promise<DashboardView> {
  const { locale } = l10n;
  const record = known === undefined ? await db.shop.findUnique({ where: { shop } }) : known;
  const today = timeZone(record?.ianaTimezone ?? "UTC").localDay(now.getTime());
  const choice = periodFromParams(params, today);
  // The first sync shows the indicators as soon as the orders are stored and counted (refund details
  // follow): before that, and for a store never synced, there is nothing to show.
  if (!record || (!record.lastSyncAt && !rollupsReadyFor(record))) return { state: "empty", choice };
  // Daily totals being rebuilt (the shop's time zone changed): the sync that noticed rebuilds them.
  if (!rollupsReadyFor(record)) return { state: "preparing", choice };
  const [dashboard, statuses, firstDay, goals] = await Promise.all([
    dashboardReport(db, shop, choice.period),
    targetStatuses(db, shop, today, { from: today, to: today }),
    firstActiveDay(db, shop),
    liveGoals(db, shop),
  ]);
  const compared = { previous: covers(firstDay, dashboard.previous.period), yearEarlier: covers(firstDay, dashboard.yearEarlier.period) };
  const currency = record.currencyCode;
  // The goals the page shows (with targets running today) for what they are for, over their days that have ended.
  const shown = goals.filter((goal) => isBridgedOutcome(goal.outcome) && statuses.some((status) => status.goalId === goal.id));
  const flags = flagsOf(await readGoals(db, shop, shown, today - 1), statuses);
  // The trend ends with the last bucket that is over: today's few hours would end it in a fall.
  const trend = { ...dashboard, trend: dashboard.trend.filter((bucket) => bucket.period.to < today) };
  const trendKeys = trend.trend.map((bucket) => formatDay(bucket.period.from));
  return {
    state: "ready",
    choice,
    currency,
    periodLabel: rangeLabel(dashboard.current.period, locale),
    previousLabel: rangeLabel(dashboard.previous.period, locale),
    yearEarlierLabel: rangeLabel(dashboard.yearEarlier.period, locale),
    compared,
    historyNote: historyNote(compared, firstDay, l10n),
    trendBy: dashboard.trendBy,
    headline: HEADLINE.map((key) => indicatorView(key, trend, currency, trendKeys, firstDay, l10n)),
    all: [...ORDER_INDICATOR_KEYS, ...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS].map((key) =>
      indicatorView(key, trend, currency, trendKeys, firstDay, l10n),
    ),
    drivers: Object.values(dashboard.drivers).map((breakdown) => driverView(breakdown, currency, l10n)),
    profitBridge: compared.previous ? profitBridgeView(trend, currency, l10n) : null,
    products: dashboard.products.map((product) => ({
      id: product.product_id,
      title: product.title,
      units: product.units,
      netSales: numberOf(product.net_sales) as number,
      grossSales: numberOf(product.gross_sales) as number,
      returns: numberOf(product.returns) as number,
      grossMargin: product.gross_margin,
      costCoverage: product.cost_coverage,
      orders: product.orders,
      attachRate: product.attach_rate,
      attractionRate: product.attraction_rate,
    })),
    targets: targetsView(
      statuses.map((status) => targetCard(status, currency, l10n)),
      goals,
      flags,
      currency,
      l10n,
    ),
    marketing: await marketingViews(db, shop, record.ianaTimezone, dashboard, currency, l10n),
    adSpend: await adSpendView(db, shop, dashboard.current.period, currency, l10n),
    pending: await pendingRefunds(db, shop, record.ianaTimezone, dashboard.current.period, [dashboard.previous.period, dashboard.yearEarlier.period], l10n),
  };
}
