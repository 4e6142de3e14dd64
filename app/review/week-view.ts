/**
 * A week's review in a reader's words: the facts of a week (week-facts.server.ts), whether built now
 * or kept when it was signed off, said in the reader's language, numbers, money and dates in their
 * formats. A review signed off before reviews were kept as facts kept the signer's words instead: it
 * is shown as it was, and says so.
 */
import { isIndicatorKey, REPORTED_INDICATORS, type IndicatorKey, type ReportedIndicatorKey } from "~/indicators/definitions";
import { describeChange, formatValue, type ExactAmount } from "~/indicators/format";
import type { Localizer } from "~/i18n/localizer";
import { formatDay, parseDay } from "~/lib/calendar";
import { numberFormat } from "~/lib/intl";
import { liftWords } from "~/promotions/lift";
import { statusLabel, verdictLabel } from "~/promotions/promotion-status";
import { flagWords } from "~/strategy/goal-words";
import { movedLabel } from "~/promotions/self-review";
import { targetCard } from "~/strategy/target-card.server";
import type { Acting } from "./acting";
import { NEEDS_ACTION, REVIEW_HEADLINE, WEEK_FACTS_VERSION, type IndicatorFacts, type PeriodResults, type TargetFacts, type WeekFacts } from "./week-facts";

/** A promotion's results over some of its days, in words. */
export interface PeriodView {
  from: string;
  to: string;
  orders: string;
  revenue: string;
  spend: string;
  roas: string;
  lift: string[];
}

export interface WeekView {
  weekStart: string;
  weekEnd: string;
  /** The last day the figures count, or null when no day of the week has ended. */
  through: string | null;
  /** The days the headline figures are compared with (the same days of the week before). */
  comparedWith: { from: string; to: string } | null;
  /** Kept in the words it was signed off in (a review signed before reviews were kept as facts): the day its figures were as of. */
  recordedInWords: { asOf: string } | null;
  indicators: { key: string; label: string; display: string; previous: string; change: string | null; tone: "success" | "critical" | undefined }[] | null;
  targets: {
    id: number;
    title: string;
    period: string;
    status: string;
    statusLabel: string;
    figures: string;
    trend?: { day: string; actual: number | null; expected: number }[];
    /** Who acts on it this week, and how many more do. */
    acting: string[];
    moreActing: number;
  }[];
  promotions: {
    id: number;
    title: string;
    start: string;
    end: string;
    indicator: string | null;
    status: string;
    week: PeriodView | null;
    toDate: PeriodView | null;
    /** What an old snapshot kept: the whole run's figures as of its sign-off. */
    recorded?: { orders: string; revenue: string; spend: string; roas: string };
    /** The verdict given by the week's end, and its runner's answer before it, in words (absent from a review kept in words). */
    verdict?: { verdict: string; learned: string | null; nextStep: string | null; by: string | null } | null;
    selfReview?: { moved: string; learned: string; next: string | null; by: string } | null;
  }[];
  morePromotions: number;
  offTrackWithoutAction: { title: string; statusLabel: string }[];
  actionsWithoutIndicator: { title: string; start: string; end: string }[];
  moreWithoutIndicator: number;
  awaitingReview: { title: string; end: string; overdue: boolean }[];
  moreAwaitingReview: number;
  /** The ad campaigns of the counted days, most spend first, and sentences for the spend no promotion explains. */
  campaigns: {
    name: string;
    platform: string;
    spend: string;
    orders: string;
    revenue: string;
    roas: string;
    promotion: string | null;
    /** For a campaign no one logged: the new promotion form with its name, dates and what links it (its UTM campaign, or the campaign). */
    trackHref: string | null;
  }[];
  unexplainedSpend: string[];
  /** Targets on track that work against their goal, as of the week's last counted day, in words. */
  goalFlags: { goal: string; words: string }[];
}

/** What a review signed off before reviews were kept as facts stored: the page's words. */
interface RecordedContent {
  weekStart: string;
  weekEnd: string;
  asOf: string;
  targets: WeekView["targets"][number][];
  promotions: {
    id: number;
    title: string;
    start: string;
    end: string;
    indicator: string | null;
    status: string;
    orders: number;
    revenue: string;
    spend: string;
    roas: string;
  }[];
  morePromotions?: number;
  offTrackWithoutAction: { title: string; statusLabel: string }[];
  actionsWithoutIndicator: { title: string; start: string; end: string }[];
  moreWithoutIndicator?: number;
  awaitingReview: { title: string; end: string; overdue: boolean }[];
  moreAwaitingReview?: number;
  indicators?: { key: string; label: string; display: string; previous: string; change: string | null; tone: "success" | "critical" | undefined }[];
}

export type Snapshot = { facts: WeekFacts } | { recorded: RecordedContent };

/** What a signed-off week's stored snapshot holds: its facts, or (signed before facts were kept) its words. */
export function readSnapshot(text: string): Snapshot {
  const stored = JSON.parse(text) as WeekFacts | RecordedContent;
  return "version" in stored && stored.version === WEEK_FACTS_VERSION ? { facts: stored } : { recorded: stored as RecordedContent };
}

/** A snapshot in the reader's words. */
export function snapshotView(snapshot: Snapshot, l10n: Localizer): WeekView {
  return "facts" in snapshot ? weekView(snapshot.facts, l10n) : recordedView(snapshot.recorded, l10n);
}

/** A value of the facts as formatValue takes it (money exact). */
const shown = (value: ExactAmount | number | null | undefined) => (value === undefined ? null : value);
const number = (value: ExactAmount | number | null | undefined) => (typeof value === "string" ? Number(value) : (value ?? null));

export function weekView(facts: WeekFacts, l10n: Localizer): WeekView {
  const { t, locale } = l10n;
  const money = (value: ExactAmount) => formatValue("money", value, facts.currency, locale);
  const period = (results: PeriodResults, indicator: IndicatorKey | null): PeriodView => ({
    from: results.from,
    to: results.to,
    orders: numberFormat(locale).format(results.orders),
    revenue: money(results.revenue),
    spend: money(results.spend),
    roas:
      Number(results.spend) === 0
        ? "—"
        : `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(results.revenue) / Number(results.spend))}×`,
    lift: indicator ? results.lift.map((lift) => liftWords(indicator, lift, l10n)) : [],
  });
  const counted = facts.through >= facts.weekStart;
  const targets = facts.targets.map((target) => ({ target, card: targetCard(asStatus(target), facts.currency, l10n) }));
  return {
    weekStart: facts.weekStart,
    weekEnd: facts.weekEnd,
    through: counted ? facts.through : null,
    comparedWith: counted ? { from: shiftDay(facts.weekStart, -7), to: shiftDay(facts.through, -7) } : null,
    recordedInWords: null,
    indicators: headline(facts.indicators, facts.before, facts.currency, l10n),
    targets: targets.map(({ target, card }) => ({
      id: card.id,
      title: card.title,
      period: card.period,
      status: card.status,
      statusLabel: card.statusLabel,
      figures: card.figures,
      trend: card.trend,
      acting: target.acting.map((acting) => actingWords(target.indicator, acting, l10n)),
      moreActing: target.actingCount - target.acting.length,
    })),
    promotions: facts.promotions.map((promotion) => {
      const indicator = promotion.indicator && isIndicatorKey(promotion.indicator) ? promotion.indicator : null;
      return {
        id: promotion.id,
        title: promotion.title,
        start: promotion.start,
        end: promotion.end,
        indicator: indicator ? t(`indicators.${indicator}.label`) : null,
        status: promotion.review
          ? t("review.reviewedAs", { status: statusLabel(promotion.status, l10n), verdict: verdictLabel(promotion.review.verdict, l10n) })
          : statusLabel(promotion.status, l10n),
        week: promotion.week ? period(promotion.week, indicator) : null,
        toDate: promotion.toDate ? period(promotion.toDate, indicator) : null,
        verdict: promotion.review && {
          verdict: verdictLabel(promotion.review.verdict, l10n),
          learned: promotion.review.learned,
          nextStep: promotion.review.nextStep,
          by: promotion.review.reviewedBy,
        },
        selfReview: promotion.selfReview ? { ...promotion.selfReview, moved: movedLabel(promotion.selfReview.moved, l10n) } : null,
      };
    }),
    morePromotions: facts.morePromotions,
    offTrackWithoutAction: targets
      .filter(({ target }) => NEEDS_ACTION.includes(target.status) && target.actingCount === 0)
      .map(({ card }) => ({ title: card.title, statusLabel: card.statusLabel })),
    actionsWithoutIndicator: facts.actionsWithoutIndicator.map(({ title, start, end }) => ({ title, start, end })),
    moreWithoutIndicator: facts.moreWithoutIndicator,
    awaitingReview: facts.awaitingReview.map(({ title, end, overdue }) => ({ title, end, overdue })),
    moreAwaitingReview: facts.moreAwaitingReview,
    campaigns: (facts.campaigns ?? []).map((campaign) => ({
      name: campaign.name,
      platform: t(`costs.ads.platforms.${campaign.platform}`, campaign.platform),
      spend: campaign.spend === null ? t("review.campaigns.noRate") : money(campaign.spend),
      orders: numberFormat(locale).format(campaign.attributedOrders),
      revenue: money(campaign.attributedRevenue),
      roas: campaign.roas === null ? "—" : `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(campaign.roas)}×`,
      promotion: campaign.promotion?.title ?? null,
      trackHref: trackHref(campaign),
    })),
    unexplainedSpend: (facts.unexplainedSpend ?? []).map((row) =>
      t("review.campaigns.unexplained", { amount: money(row.spend), platform: t(`costs.ads.platforms.${row.platform}`, row.platform), count: row.campaigns }),
    ),
    goalFlags: (facts.goalFlags ?? []).map((flag) => ({ goal: flag.goal, words: flagWords(flag, facts.currency, l10n) })),
  };
}

/**
 * The new promotion form for a campaign no one logged: its name, first and last days, and its UTM
 * campaign (which links them) or, without one, the campaign itself to link by hand.
 */
function trackHref(campaign: NonNullable<WeekFacts["campaigns"]>[number]): string | null {
  if (campaign.promotion !== null || !campaign.firstDay || !campaign.lastDay) return null;
  const link: Record<string, string> | null = campaign.utmCampaign
    ? { utmCampaign: campaign.utmCampaign }
    : campaign.accountId && campaign.campaignId
      ? { adCampaign: `${campaign.platform}|${campaign.accountId}|${campaign.campaignId}` }
      : null;
  if (!link) return null;
  return `/app/promotions?${new URLSearchParams({ title: campaign.name, type: "ad", start: campaign.firstDay, end: campaign.lastDay, ...link })}`;
}

/** The headline indicators against the same days of the week before. */
function headline(now: IndicatorFacts | null, then: IndicatorFacts | null, currency: string, { t, locale }: Localizer): WeekView["indicators"] {
  return REVIEW_HEADLINE.map((key) => {
    const definition = REPORTED_INDICATORS[key];
    const change = describeChange(definition.kind, number(then?.[key]), number(now?.[key]), definition.higherIsBetter, locale);
    return {
      key,
      label: t(`indicators.${key}.label`),
      display: formatValue(definition.kind, shown(now?.[key]), currency, locale),
      previous: formatValue(definition.kind, shown(then?.[key]), currency, locale),
      change: change.text,
      tone: change.tone,
    };
  });
}

/** "VIP email, on Orders (a driver of Net sales)". */
function actingWords(indicator: ReportedIndicatorKey, acting: Acting, { t }: Localizer): string {
  const label = (key: ReportedIndicatorKey) => t(`indicators.${key}.label`);
  if (acting.through === null) return t("review.acting.direct", { title: acting.title });
  if (acting.through === acting.indicator)
    return t("review.acting.driver", { title: acting.title, driver: label(acting.indicator), indicator: label(indicator) });
  return t("review.acting.throughDriver", {
    title: acting.title,
    driver: label(acting.indicator),
    through: label(acting.through),
    indicator: label(indicator),
  });
}

/** A target's facts as pacing gave them, for the card every page shows (the review has no Shopify state to show). */
function asStatus(target: TargetFacts): Parameters<typeof targetCard>[0] {
  return { ...target, lastStatus: null, analyticsTargetId: null, analyticsError: null, flowError: null };
}

const shiftDay = (day: string, days: number) => formatDay(parseDay(day)! + days);

/** A review kept in its signer's words: shown as it was, only its headline's labels (stored by key) in the reader's words. */
function recordedView(content: RecordedContent, { t }: Localizer): WeekView {
  return {
    weekStart: content.weekStart,
    weekEnd: content.weekEnd,
    through: content.asOf,
    comparedWith: null,
    recordedInWords: { asOf: content.asOf },
    indicators:
      content.indicators?.map((indicator) => (isIndicatorKey(indicator.key) ? { ...indicator, label: t(`indicators.${indicator.key}.label`) } : indicator)) ??
      null,
    targets: content.targets.map((target) => ({ ...target, acting: [], moreActing: 0 })),
    promotions: content.promotions.map((promotion) => ({
      id: promotion.id,
      title: promotion.title,
      start: promotion.start,
      end: promotion.end,
      indicator: promotion.indicator,
      status: promotion.status,
      week: null,
      toDate: null,
      recorded: { orders: String(promotion.orders), revenue: promotion.revenue, spend: promotion.spend, roas: promotion.roas },
    })),
    morePromotions: content.morePromotions ?? 0,
    offTrackWithoutAction: content.offTrackWithoutAction,
    actionsWithoutIndicator: content.actionsWithoutIndicator,
    moreWithoutIndicator: content.moreWithoutIndicator ?? 0,
    awaitingReview: content.awaitingReview,
    moreAwaitingReview: content.moreAwaitingReview ?? 0,
    campaigns: [],
    unexplainedSpend: [],
    goalFlags: [],
  };
}
