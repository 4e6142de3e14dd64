/**
 * The weekly review (ISO week, shop time zone): every target's status, the promotions running or
 * ended that week with their results, and three lists — off-track indicators nobody is acting on,
 * actions without an indicator, promotions awaiting review. The owner or a strategist signs the
 * week off with comments; the page is then kept as it was (a snapshot) and read from it.
 */
import { databaseUrlOf } from "~/db.server";
import { listedPromotions } from "~/promotions/promotion-rows.server";
import type { PrismaClient } from "@prisma/client";
import { INDICATORS, isIndicatorKey } from "~/indicators/definitions";
import { describeChange, displayed, exactAmount, formatValue } from "~/indicators/format";
import { jsonValue } from "~/indicators/json";
import { periodReport } from "~/indicators/report.server";
import { formatDay, parseDay, readDay, weekStart } from "~/lib/calendar";
import { formatDate, isoDateTime } from "~/lib/dates";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { promotionStatus, statusLabel } from "~/promotions/promotion-status";
import { attributedOrdersOf, resultsOf, withCodesAndProducts } from "~/promotions/promotions.server";
import { can } from "~/staff/roles";
import { requirePermission, type Actor } from "~/staff/staff.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { targetCard } from "~/strategy/target-card.server";
import { localizer, type Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { numberFormat } from "~/lib/intl";

export interface WeekContent {
  weekStart: string;
  weekEnd: string;
  /** The day the figures are as of (the week's Sunday, or today for the running week). */
  asOf: string;
  /** Each target's trend: the value day by day up to the week's end against what was expected (absent in reviews signed before trends were kept). */
  targets: {
    id: number;
    title: string;
    period: string;
    status: string;
    statusLabel: string;
    figures: string;
    trend?: { day: string; actual: number | null; expected: number }[];
  }[];
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
  /** Promotions of the week beyond the MAX_REVIEW_PROMOTIONS listed with their results (absent in reviews signed before the bound). */
  morePromotions?: number;
  offTrackWithoutAction: { title: string; statusLabel: string }[];
  /** The first MAX_REVIEW_PROMOTIONS of each list; how many more there are (absent in reviews signed before the bound, and when none). */
  actionsWithoutIndicator: { title: string; start: string; end: string }[];
  moreWithoutIndicator?: number;
  awaitingReview: { title: string; end: string; overdue: boolean }[];
  moreAwaitingReview?: number;
  /** The week's headline indicators against the week before (absent in reviews signed before they were kept). */
  indicators?: { key: string; label: string; display: string; previous: string; change: string | null; tone: "success" | "critical" | undefined }[];
  /** Said instead of the figures while no day of the week has ended (absent in signed reviews, whose weeks had ended). */
  figuresNote?: string | null;
}

/** A list of the review cut to its first MAX_REVIEW_PROMOTIONS, with how many more there are: a page's size stays bounded whatever a shop holds. */
function bounded<List extends string, More extends string, Item>(list: List, more: More, items: Item[]): Record<List, Item[]> & Partial<Record<More, number>> {
  return {
    [list]: items.slice(0, MAX_REVIEW_PROMOTIONS),
    ...(items.length > MAX_REVIEW_PROMOTIONS ? { [more]: items.length - MAX_REVIEW_PROMOTIONS } : {}),
  } as Record<List, Item[]> & Partial<Record<More, number>>;
}

/** The indicators a week's review opens with. */
export const REVIEW_HEADLINE = ["net_sales", "orders", "aov", "gross_margin", "new_customers", "repurchase_rate"] as const;

/**
 * The Monday of the week `?week=` names (any day of it), or of the last week that has ended: the
 * one a team reviews (this week so far is a link away).
 */
export function chosenWeek(param: string | null, today: number): { start: number; error: string | null; problem: string | null } {
  const { t } = currentLocalizer();
  const lastWeek = weekStart(today) - 7;
  if (param === null || param === "") return { start: lastWeek, error: null, problem: null };
  const day = readDay(param, "week");
  if ("day" in day) return { start: weekStart(day.day), error: null, problem: null };
  const problem = parseDay(param) === null ? t("review.notADate", { given: param.slice(0, 40) }) : day.error;
  return { start: lastWeek, error: t("review.showingLastWeek", { problem }), problem };
}

/**
 * Promotions of a week listed with their results (each one's attributed orders are a query): a
 * team reviews a few dozen actions a week; a store with hundreds running at once gets the first
 * ones (latest start first) and the count of the rest, and the page still answers.
 */
export const MAX_REVIEW_PROMOTIONS = 100;

export async function buildWeek(db: PrismaClient, shop: string, start: number, today: number, l10n: Localizer = currentLocalizer()): Promise<WeekContent> {
  const { t, locale } = l10n;
  const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  const end = start + 6;
  const asOf = Math.min(end, today);
  const [from, to] = [formatDay(start), formatDay(end)];
  const statuses = await targetStatuses(db, shop, asOf, { from: start, to: end });
  // The week's promotions and those awaiting review as a few columns each; codes and results only for those listed with results.
  const url = databaseUrlOf(db);
  const [inWeek, unreviewed] = await Promise.all([
    listedPromotions(url, shop, { archived: false, overlapping: { from, to } }),
    listedPromotions(url, shop, { archived: false, unreviewedBefore: formatDay(asOf) }),
  ]);
  const promotions = await withCodesAndProducts(
    db,
    shop,
    await db.promotion.findMany({
      where: { shop, id: { in: inWeek.slice(0, MAX_REVIEW_PROMOTIONS).map((promotion) => promotion.id) } },
      orderBy: [{ start: "desc" }, { id: "desc" }],
    }),
  );
  const money = (value: bigint) => formatValue("money", exactAmount(value), record.currencyCode, locale);
  const targets = statuses.map((status) => targetCard(status, record.currencyCode, l10n));
  const acted = new Set(inWeek.flatMap((promotion) => (promotion.indicator ? [promotion.indicator] : [])));
  const attributed = await attributedOrdersOf(db, shop, promotions);
  // The week so far (to its Sunday, or to yesterday for the running week) against the same days of the week before.
  const through = Math.min(end, today - 1);
  const [week, before] =
    through >= start
      ? await Promise.all([periodReport(db, shop, { from: start, to: through }), periodReport(db, shop, { from: start - 7, to: through - 7 })])
      : [null, null];
  return {
    figuresNote: week ? null : t("review.figuresNote", { day: formatDate(start, locale) }),
    indicators: REVIEW_HEADLINE.map((key) => {
      const definition = INDICATORS[key];
      const [now, then] = [week ? jsonValue(week.indicators[key]) : null, before ? jsonValue(before.indicators[key]) : null];
      const change = describeChange(definition.kind, then, now, definition.higherIsBetter, locale);
      const [exactNow, exactThen] = [week ? displayed(week.indicators[key]) : null, before ? displayed(before.indicators[key]) : null];
      return {
        key,
        label: t(`indicators.${key}.label`),
        display: formatValue(definition.kind, exactNow, record.currencyCode, locale),
        previous: formatValue(definition.kind, exactThen, record.currencyCode, locale),
        change: change.text,
        tone: change.tone,
      };
    }),
    weekStart: from,
    weekEnd: to,
    asOf: formatDay(asOf),
    targets: targets.map((target) => ({
      id: target.id,
      title: target.title,
      period: target.period,
      status: target.status,
      statusLabel: target.statusLabel,
      figures: target.figures,
      trend: target.trend,
    })),
    promotions: promotions.map((promotion) => {
      const results = resultsOf(attributed.get(promotion.id) ?? [], promotion.spend);
      return {
        id: promotion.id,
        title: promotion.title,
        start: promotion.start,
        end: promotion.end,
        indicator: promotion.indicator && isIndicatorKey(promotion.indicator) ? t(`indicators.${promotion.indicator}.label`) : null,
        status: statusLabel(promotionStatus(promotion, asOf), l10n),
        orders: results.attributedOrders,
        revenue: money(results.attributedRevenue),
        spend: money(promotion.spend),
        roas: results.roas === null ? "—" : `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(results.roas)}×`,
      };
    }),
    ...(inWeek.length > MAX_REVIEW_PROMOTIONS ? { morePromotions: inWeek.length - MAX_REVIEW_PROMOTIONS } : {}),
    offTrackWithoutAction: targets
      .filter((target) => ["at_risk", "off_track", "missed"].includes(target.status) && !acted.has(target.indicator))
      .map((target) => ({ title: target.title, statusLabel: target.statusLabel })),
    ...bounded(
      "actionsWithoutIndicator",
      "moreWithoutIndicator",
      inWeek.filter((promotion) => !promotion.indicator).map((promotion) => ({ title: promotion.title, start: promotion.start, end: promotion.end })),
    ),
    ...bounded(
      "awaitingReview",
      "moreAwaitingReview",
      unreviewed
        .filter((promotion) => ["awaiting_review", "overdue"].includes(promotionStatus(promotion, asOf)))
        .map((promotion) => ({ title: promotion.title, end: promotion.end, overdue: promotionStatus(promotion, asOf) === "overdue" })),
    ),
  };
}

export async function weeklyReviewPage(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date) {
  const l10n = localizer(actor.locale);
  const record = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const week = chosenWeek(params.get("week"), today);
  const signed = await db.weeklyReview.findUnique({ where: { shop_weekStart: { shop: actor.shop, weekStart: formatDay(week.start) } } });
  const content: WeekContent = signed ? relabel(JSON.parse(signed.snapshot) as WeekContent, l10n) : await buildWeek(db, actor.shop, week.start, today, l10n);
  return {
    error: week.error,
    /** What is wrong with the week asked for, without what the page shows instead (the CSV refuses it). */
    problem: week.problem,
    content,
    previousWeek: formatDay(week.start - 7),
    nextWeek: week.start + 7 <= today ? formatDay(week.start + 7) : null,
    /** The next week is the one under way. */
    nextIsThisWeek: week.start + 7 === weekStart(today),
    signOff: signed ? { by: signed.signedOffByName, at: signed.signedOffAt.toISOString(), comments: signed.comments } : null,
    canSignOff: can(actor.role, "sign_off_review") && !signed && weekEnded(week.start, today),
    /** The first day the week can be signed off (the Monday after it), while it is still under way. */
    signOffFrom: weekEnded(week.start, today) ? null : formatDay(week.start + 7),
    timeZone: record.ianaTimezone,
  };
}

/**
 * A signed-off week is a record, kept in the words of whoever signed it (statuses, figures, notes);
 * only what it names by key is said in the reader's language: the indicators of its headline.
 */
function relabel(content: WeekContent, { t }: Localizer): WeekContent {
  return {
    ...content,
    indicators: content.indicators?.map((indicator) =>
      isIndicatorKey(indicator.key) ? { ...indicator, label: t(`indicators.${indicator.key}.label`) } : indicator,
    ),
  };
}

/** Whether the week starting on `start` is over on `today` (its Sunday has ended in the shop's time zone). */
const weekEnded = (start: number, today: number) => start + 6 < today;

/**
 * Signs the week off once it has ended (a week signed mid-way would be frozen with days still to
 * come): the page as it stands now becomes the week's record. Returns a field error, or null.
 */
export async function signOffWeek(
  db: PrismaClient,
  actor: Actor,
  week: string | null,
  comments: string | null,
  now: Date,
): Promise<Record<string, string> | null> {
  requirePermission(actor, "sign_off_review");
  const record = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const chosen = chosenWeek(week, today);
  if (chosen.error) return { week: chosen.error };
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  if (!weekEnded(chosen.start, today)) return { week: t("review.errors.notEnded", { day: formatDay(chosen.start + 7) }) };
  const text = comments?.trim() || null;
  if (text && text.length > 5000) return { comments: t("review.errors.commentsTooLong", { length: text.length.toLocaleString(l10n.locale) }) };
  const weekStartText = formatDay(chosen.start);
  if (await db.weeklyReview.findUnique({ where: { shop_weekStart: { shop: actor.shop, weekStart: weekStartText } } }))
    return { week: t("review.errors.alreadySigned") };
  // The record keeps the week in the words of whoever signs it off.
  const content = await buildWeek(db, actor.shop, chosen.start, today, l10n);
  await db.weeklyReview.create({
    data: {
      shop: actor.shop,
      weekStart: weekStartText,
      signedOffBy: actor.userId,
      signedOffByName: actor.name,
      signedOffAt: now,
      comments: text,
      snapshot: JSON.stringify(content),
    },
  });
  return null;
}

/** The week as CSV rows (section, item, status, detail), ending with its sign-off and comments once signed, in the localizer's language. */
export function weekCsvRows(
  content: WeekContent,
  signOff: { by: string; at: string; comments: string | null } | null,
  zone: string,
  { t, locale }: Localizer = currentLocalizer(),
): string[][] {
  // A list cut to its first MAX_REVIEW_PROMOTIONS ends with how many more there are.
  const moreRow = (section: string, more: number | undefined, words: "more" | "moreItems" = "moreItems") =>
    more ? [[section, t(`exports.review.${words}`, { count: more.toLocaleString(locale) }), "", t("exports.review.listedElsewhere")]] : [];
  const signed = signOff
    ? [
        [
          t("exports.review.signOff"),
          t("exports.review.signedOffBy", { name: signOff.by }),
          t("exports.review.signedOff"),
          `${isoDateTime(signOff.at, zone)}${signOff.comments ? `: ${signOff.comments}` : ""}`,
        ],
      ]
    : [[t("exports.review.signOff"), t("exports.review.notSigned"), t("exports.review.open"), ""]];
  return [
    [t("exports.review.section"), t("exports.review.item"), t("exports.review.status"), t("exports.review.detail")],
    ...content.targets.map((target) => [t("exports.review.target"), `${target.title} (${target.period})`, target.statusLabel, target.figures]),
    ...content.promotions.map((promotion) => [
      t("exports.review.promotion"),
      `${promotion.title} (${promotion.start} – ${promotion.end})`,
      promotion.status,
      t("exports.review.promotionDetail", {
        indicator: promotion.indicator ?? t("exports.review.noIndicator"),
        orders: promotion.orders,
        revenue: promotion.revenue,
        spend: promotion.spend,
        roas: promotion.roas,
      }),
    ]),
    ...moreRow(t("exports.review.promotion"), content.morePromotions, "more"),
    ...content.offTrackWithoutAction.map((item) => [t("exports.review.offTrack"), item.title, item.statusLabel, ""]),
    ...content.actionsWithoutIndicator.map((item) => [t("exports.review.withoutIndicator"), item.title, "", `${item.start} – ${item.end}`]),
    ...moreRow(t("exports.review.withoutIndicator"), content.moreWithoutIndicator),
    ...content.awaitingReview.map((item) => [
      t("exports.review.awaiting"),
      item.title,
      item.overdue ? t("exports.review.overdue") : t("exports.review.due"),
      t("exports.review.ended", { day: item.end }),
    ]),
    ...moreRow(t("exports.review.awaiting"), content.moreAwaitingReview),
    ...signed,
  ];
}
