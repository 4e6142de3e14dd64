/**
 * A week's review as facts: numbers, dates, keys and statuses as they stood at the end of the week's
 * last counted day (its Sunday; for the week under way, the last day that has ended). Nothing after
 * that day enters: orders, spend, lift, targets' pacing, goals' flags and reviews are counted up to it, and the
 * headline figures are compared with the same days of the week before. A signed-off week stores
 * these facts, so it reads the same in every language: words are said for each reader when it is
 * shown (week-view.ts).
 */
import type { PrismaClient, Promotion } from "@prisma/client";
import { databaseUrlOf } from "~/db.server";
import { COST_INDICATOR_KEYS, isIndicatorKey, ORDER_INDICATOR_KEYS, PROFIT_INDICATOR_KEYS } from "~/indicators/definitions";
import { profitIndicatorsOf } from "~/indicators/profit-report.server";
import { ratio } from "~/indicators/engine";
import { exactAmount } from "~/indicators/format";
import { periodReport } from "~/indicators/report.server";
import { formatDay, parseDay, type Period } from "~/lib/calendar";
import { listedPromotions, type ListedPromotion } from "~/promotions/promotion-rows.server";
import { promotionStatus } from "~/promotions/promotion-status";
import { selfReviewRecord } from "~/promotions/self-review";
import { campaignsOver } from "~/ads/campaigns.server";
import { promotionSpends } from "~/ads/linked-spend.server";
import { hasMarketingFigures } from "~/ads/marketing-spend.server";
import { attributedOrdersOf, liftOver, liftWindow, marketingTotals, storeDaysOver } from "~/promotions/promotions.server";
import { spreadSpend } from "~/promotions/promotion-cost";
import type { AttributedOrder } from "~/promotions/attribution-store.server";
import { goalFlagFacts } from "~/strategy/goal-outcome.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { actingOn } from "./acting";
import {
  MAX_ACTING,
  MAX_REVIEW_PROMOTIONS,
  WEEK_FACTS_VERSION,
  type IndicatorFacts,
  type PeriodResults,
  type PromotionFacts,
  type WeekFacts,
} from "./week-facts";

/** The week starting on `start` as it stood at the end of its last day that has ended on `today` (local days). */
export async function weekFacts(db: PrismaClient, shop: string, start: number, today: number): Promise<WeekFacts> {
  const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  const end = start + 6;
  const through = Math.min(end, today - 1);
  const counted: Period | null = through >= start ? { from: start, to: through } : null;
  // A verdict counts from the moment it was given: one given after the last counted day isn't in the week.
  const reviewedBefore = new Date(timeZone(record.ianaTimezone).startOfDay(through + 1));
  const url = databaseUrlOf(db);
  const [inWeek, unreviewed, statuses] = await Promise.all([
    listedPromotions(url, shop, { archived: false, overlapping: { from: formatDay(start), to: formatDay(end) } }),
    listedPromotions(url, shop, { archived: false, unreviewedBefore: formatDay(through + 1), reviewedBefore }),
    targetStatuses(db, shop, through, { from: start, to: end }),
  ]);
  const listed = inWeek.slice(0, MAX_REVIEW_PROMOTIONS);
  const rows = await db.promotion.findMany({ where: { shop, id: { in: listed.map((promotion) => promotion.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const promotions = listed.flatMap((promotion) => byId.get(promotion.id) ?? []);
  const [indicators, before, results, ads, goalFlags] = await Promise.all([
    counted ? indicatorFacts(db, shop, record.ianaTimezone, counted) : null,
    counted ? indicatorFacts(db, shop, record.ianaTimezone, { from: start - 7, to: through - 7 }) : null,
    promotionResults(db, shop, record.ianaTimezone, promotions, start, through),
    counted ? campaignsOver(db, shop, counted) : null,
    goalFlagFacts(db, shop, through),
  ]);
  const statusOn = (promotion: Pick<ListedPromotion, "start" | "end" | "verdict" | "reviewedAt">) =>
    promotionStatus({ ...promotion, verdict: reviewedBy(promotion, reviewedBefore) ? promotion.verdict : null }, through + 1);
  const awaiting = unreviewed.filter((promotion) => ["awaiting_review", "overdue"].includes(statusOn(promotion)));
  const withoutIndicator = inWeek.filter((promotion) => !promotion.indicator);
  return {
    version: WEEK_FACTS_VERSION,
    weekStart: formatDay(start),
    weekEnd: formatDay(end),
    through: formatDay(through),
    currency: record.currencyCode,
    indicators,
    before,
    targets: statuses.map((status) => {
      const acting = actingOn(status.indicator, inWeek);
      return {
        id: status.id,
        goalId: status.goalId,
        indicator: status.indicator,
        from: status.from,
        to: status.to,
        periodKind: status.periodKind,
        recurring: status.recurring,
        value: status.value,
        direction: status.direction,
        actual: status.actual,
        expectedToDate: status.expectedToDate,
        projected: status.projected,
        status: status.status,
        elapsed: status.elapsed,
        elapsedDays: status.elapsedDays,
        weekdayPattern: status.weekdayPattern,
        likePath: status.likePath,
        outOf: status.outOf,
        trend: status.trend,
        acting: acting.slice(0, MAX_ACTING),
        actingCount: acting.length,
      };
    }),
    promotions: promotions.map((promotion) => ({
      id: promotion.id,
      title: promotion.title,
      start: promotion.start,
      end: promotion.end,
      indicator: promotion.indicator,
      status: statusOn(promotion),
      ...results.get(promotion.id)!,
      review:
        promotion.verdict && reviewedBy(promotion, reviewedBefore)
          ? {
              verdict: promotion.verdict,
              learned: promotion.learned,
              nextStep: promotion.nextStep,
              reviewedBy: promotion.reviewedByName,
              reviewedAt: promotion.reviewedAt?.toISOString() ?? null,
            }
          : null,
      selfReview: selfReviewRecord(promotion, reviewedBefore),
    })),
    morePromotions: inWeek.length - listed.length,
    actionsWithoutIndicator: withoutIndicator
      .slice(0, MAX_REVIEW_PROMOTIONS)
      .map((promotion) => ({ id: promotion.id, title: promotion.title, start: promotion.start, end: promotion.end })),
    moreWithoutIndicator: Math.max(0, withoutIndicator.length - MAX_REVIEW_PROMOTIONS),
    awaitingReview: awaiting
      .slice(0, MAX_REVIEW_PROMOTIONS)
      .map((promotion) => ({ id: promotion.id, title: promotion.title, end: promotion.end, overdue: statusOn(promotion) === "overdue" })),
    moreAwaitingReview: Math.max(0, awaiting.length - MAX_REVIEW_PROMOTIONS),
    campaigns: (ads?.campaigns ?? []).map((campaign) => ({
      platform: campaign.platform,
      name: campaign.name,
      utmCampaign: campaign.utmCampaign,
      spend: campaign.spend === null ? null : exactAmount(campaign.spend),
      attributedOrders: campaign.attributedOrders,
      attributedRevenue: exactAmount(campaign.attributedRevenue),
      roas: campaign.roas,
      promotion: campaign.promotion,
      firstDay: campaign.firstDay,
      lastDay: campaign.lastDay,
      accountId: campaign.accountId,
      campaignId: campaign.campaignId,
    })),
    unexplainedSpend: (ads?.unexplained ?? []).map((row) => ({ platform: row.platform, spend: exactAmount(row.spend), campaigns: row.campaigns })),
    goalFlags,
  };
}

/** Whether a promotion's verdict had been given before `moment` (one stored without its time counts as given). */
function reviewedBy(promotion: { verdict: string | null; reviewedAt: Date | null }, moment: Date): boolean {
  return promotion.verdict !== null && (promotion.reviewedAt === null || promotion.reviewedAt < moment);
}

/** The indicators of a period, with the marketing ones once the shop has promotions or ad spend (as `indicators --json`). */
async function indicatorFacts(db: PrismaClient, shop: string, zone: string, period: Period): Promise<IndicatorFacts> {
  const report = await periodReport(db, shop, period);
  const [profit] = await profitIndicatorsOf(db, shop, [report]);
  const figures = { ...report.indicators, ...profit! };
  const facts: IndicatorFacts = Object.fromEntries(
    [...ORDER_INDICATOR_KEYS, ...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS].map((key) => {
      const value = figures[key];
      return [key, typeof value === "bigint" ? exactAmount(value) : value];
    }),
  );
  if (!(await hasMarketingFigures(db, shop))) return facts;
  const marketing = await marketingTotals(db, shop, zone, period);
  return {
    ...facts,
    ad_spend: exactAmount(marketing.adSpend),
    marketing_spend: exactAmount(marketing.marketingSpend),
    marketing_cost_ratio: ratio(marketing.marketingSpend, report.indicators.net_sales as bigint),
    roas: ratio(marketing.attributedRevenue, marketing.marketingSpend),
  };
}

/**
 * Each promotion's results for its days in the week and from its first day, both up to `through`:
 * attributed orders in a few queries for all of them, the days their lifts read in one.
 */
async function promotionResults(
  db: PrismaClient,
  shop: string,
  zone: string,
  promotions: Promotion[],
  weekStart: number,
  through: number,
): Promise<Map<number, Pick<PromotionFacts, "week" | "toDate">>> {
  const spans = promotions.map((promotion) => {
    const [start, end] = [parseDay(promotion.start)!, Math.min(parseDay(promotion.end)!, through)];
    return {
      promotion,
      week: start <= through && end >= weekStart ? { from: Math.max(start, weekStart), to: end } : null,
      toDate: start <= end ? { from: start, to: end } : null,
      liftToDate: liftWindow(promotion, through + 1),
    };
  });
  const first = Math.min(...spans.map((span) => span.toDate?.from ?? Infinity));
  const [weekSpends, toDateSpends, weekOrders, toDateOrders, days] = await Promise.all([
    promotionSpends(db, shop, promotions, { from: weekStart, to: through }),
    promotionSpends(db, shop, promotions, { from: Number.isFinite(first) ? first : weekStart, to: through }),
    through >= weekStart ? attributedOrdersOf(db, shop, promotions, { zone, period: { from: weekStart, to: through } }) : new Map<number, AttributedOrder[]>(),
    Number.isFinite(first) ? attributedOrdersOf(db, shop, promotions, { zone, period: { from: first, to: through } }) : new Map<number, AttributedOrder[]>(),
    storeDaysOver(
      db,
      shop,
      spans.filter((span) => span.promotion.indicator).flatMap((span) => [span.week, span.liftToDate].filter((period): period is Period => period !== null)),
    ),
  ]);
  const results = new Map<number, Pick<PromotionFacts, "week" | "toDate">>();
  for (const { promotion, week, toDate, liftToDate } of spans) {
    const indicator = promotion.indicator && isIndicatorKey(promotion.indicator) ? promotion.indicator : null;
    const resultsOver = async (
      period: Period | null,
      orders: AttributedOrder[],
      liftPeriod: (Period & { clipped?: boolean }) | null,
      spend: bigint | undefined,
    ): Promise<PeriodResults | null> => {
      if (!period) return null;
      const lift = indicator && liftPeriod ? await liftOver(indicator, promotion, liftPeriod, days) : [];
      return {
        from: formatDay(period.from),
        to: formatDay(period.to),
        orders: orders.length,
        revenue: exactAmount(orders.reduce((sum, order) => sum + order.gross - order.discounts, 0n)),
        newCustomers: orders.filter((order) => order.firstOrder).length,
        spend: exactAmount(spend ?? spreadSpend([promotion], period)),
        lift: liftPeriod?.clipped ? lift.map((figures) => ({ ...figures, firstDays: liftPeriod.to - liftPeriod.from + 1 })) : lift,
      };
    };
    results.set(promotion.id, {
      week: await resultsOver(week, weekOrders.get(promotion.id) ?? [], week, weekSpends.get(promotion.id)),
      toDate: await resultsOver(toDate, toDateOrders.get(promotion.id) ?? [], liftToDate, toDateSpends.get(promotion.id)),
    });
  }
  return results;
}
