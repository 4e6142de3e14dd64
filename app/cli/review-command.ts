import { EARLIEST_DAY, formatDay, isoWeekLabel, isoWeekStart, LATEST_DAY, parseDay, weekStart } from "~/lib/calendar";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { moneyToNumber, parseMoney } from "@throughline/shopify-common/money";
import { isIndicatorKey } from "~/indicators/definitions";
import { ensureRollups } from "~/indicators/rollups.server";
import { liftWords, type LiftFigures } from "~/promotions/lift";
import type { IndicatorFacts, PeriodResults, WeekFacts } from "~/review/week-facts";
import { snapshotView } from "~/review/week-view";
import { figuresWords, reviewOfWeek, weekCsvRows, type SignOff } from "~/review/weekly-review.server";
import { currentLocalizer } from "~/i18n/scope";
import { flagPartNumber, flagWords } from "~/strategy/goal-words";
import { rebuildProgress } from "./progress";
import { knownShop } from "./report-args";
import { UsageError } from "./usage-error";

/** --week as an ISO week (2026-W47) within the weeks anyone may type; the last week that has ended when left out. */
export function parseWeek(value: string | boolean | undefined, today: number): number {
  const { t } = currentLocalizer();
  if (value === undefined) return weekStart(today) - 7;
  const given = String(value).trim();
  const start = isoWeekStart(given);
  if (start === null) throw new UsageError(t("cli.args.week", { value: given.slice(0, 40) }));
  const [earliest, latest] = [weekStart(EARLIEST_DAY) + 7, weekStart(LATEST_DAY) - 7];
  if (start < earliest || start > latest)
    throw new UsageError(t("cli.args.weekRange", { earliest: isoWeekLabel(earliest), latest: isoWeekLabel(latest), value: given.slice(0, 40) }));
  return start;
}

/** Money kept exact in the facts, as `--json` gives money everywhere (a number, 2 decimals). */
const amount = (value: string) => moneyToNumber(parseMoney(value));
const indicatorsJson = (facts: IndicatorFacts) =>
  Object.fromEntries(Object.entries(facts).map(([key, value]) => [key, typeof value === "string" ? amount(value) : value]));

function liftJson(indicator: string | null, lifts: LiftFigures[] | undefined) {
  if (!indicator || !isIndicatorKey(indicator) || !lifts || lifts.length === 0) return null;
  return Object.fromEntries(
    lifts.map((lift) => [
      lift.baseline,
      {
        during: lift.during,
        before: lift.before,
        change: lift.change,
        low: lift.low,
        high: lift.high,
        reading: lift.reading,
        words: liftWords(indicator, lift),
      },
    ]),
  );
}

const resultsJson = (results: PeriodResults | null) =>
  results && {
    from: results.from,
    to: results.to,
    attributed_orders: results.orders,
    attributed_revenue: amount(results.revenue),
    new_customers: results.newCustomers,
    spend: amount(results.spend),
  };

/** The facts of a week as `--json` gives them (keys as every other command's: snake case, money as numbers). */
function reviewJson(facts: WeekFacts, signOff: SignOff | null) {
  return {
    week: { from: facts.weekStart, to: facts.weekEnd, through: facts.through },
    indicators: facts.indicators && indicatorsJson(facts.indicators),
    compared_with: facts.before && {
      from: formatDay(parseDay(facts.weekStart)! - 7),
      to: formatDay(parseDay(facts.through)! - 7),
      indicators: indicatorsJson(facts.before),
    },
    promotions: facts.promotions.map((promotion) => ({
      title: promotion.title,
      start: promotion.start,
      end: promotion.end,
      indicator: promotion.indicator,
      status: promotion.status,
      week: resultsJson(promotion.week),
      to_date: resultsJson(promotion.toDate),
      lift: promotion.indicator && {
        week: liftJson(promotion.indicator, promotion.week?.lift),
        to_date: liftJson(promotion.indicator, promotion.toDate?.lift),
      },
      review: promotion.review && {
        verdict: promotion.review.verdict,
        learned: promotion.review.learned,
        next_step: promotion.review.nextStep,
        reviewed_by: promotion.review.reviewedBy,
        reviewed_at: promotion.review.reviewedAt,
      },
      self_review: promotion.selfReview ?? null,
    })),
    more_promotions: facts.morePromotions,
    targets: facts.targets.map((target) => ({
      id: target.id,
      indicator: target.indicator,
      from: target.from,
      to: target.to,
      value: target.value,
      direction: target.direction,
      actual: target.actual,
      expected_to_date: target.expectedToDate,
      projected: target.projected,
      status: target.status,
      acting: target.acting.map((acting) => ({ title: acting.title, indicator: acting.indicator, through: acting.through })),
      acting_count: target.actingCount,
    })),
    campaigns: (facts.campaigns ?? []).map((campaign) => ({
      platform: campaign.platform,
      campaign: campaign.name,
      utm_campaign: campaign.utmCampaign,
      spend: campaign.spend === null ? null : amount(campaign.spend),
      attributed_orders: campaign.attributedOrders,
      attributed_revenue: amount(campaign.attributedRevenue),
      roas: campaign.roas,
      promotion: campaign.promotion?.title ?? null,
    })),
    unexplained_spend: (facts.unexplainedSpend ?? []).map((row) => ({ platform: row.platform, spend: amount(row.spend), campaigns: row.campaigns })),
    goal_flags: (facts.goalFlags ?? []).map((flag) => ({
      goal: flag.goal,
      outcome: flag.outcome,
      indicator: flag.indicator,
      target_id: flag.targetId,
      part: flagPartNumber(flag),
      words: flagWords(flag, facts.currency, currentLocalizer()),
    })),
    signed_off: signOff,
  };
}

export const reviewCommand = {
  summary: "a week's review as its page shows it",
  options: { shop: { type: "string" }, week: { type: "string" }, json: { type: "boolean" } },
  maxPositionals: 0,
  async run(values: Record<string, string | boolean | undefined>) {
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);
    const today = timeZone(shop.ianaTimezone).localDay(Date.now());
    const start = parseWeek(values.week, today);
    await ensureRollups(db, shop.shop, rebuildProgress(shop.shop));
    const { snapshot, signOff } = await reviewOfWeek(db, shop.shop, start, today);
    if (values.json) {
      // A week signed off before reviews were kept as facts has only its words: they are given as they were kept.
      console.log(
        JSON.stringify(
          "facts" in snapshot
            ? reviewJson(snapshot.facts, signOff)
            : { week: { from: formatDay(start), to: formatDay(start + 6) }, recorded_in_words: snapshot.recorded, signed_off: signOff },
        ),
      );
      return;
    }
    const l10n = currentLocalizer();
    const view = snapshotView(snapshot, l10n);
    console.log(l10n.t("cli.review.title", { week: isoWeekLabel(start), from: view.weekStart, to: view.weekEnd }));
    console.log(figuresWords(view, { underWay: weekStart(today) === start, signed: signOff !== null, zone: shop.ianaTimezone }, l10n));
    if (view.recordedInWords) console.log(l10n.t("review.recordedInWords"));
    for (const [section, item, status, detail] of weekCsvRows(view, signOff, shop.ianaTimezone, l10n).slice(1))
      console.log([section, item, status, detail].filter((cell) => cell).join(" · "));
  },
} as const;
