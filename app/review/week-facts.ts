/**
 * A week's review as facts (numbers, dates, keys and statuses: what a signed-off week stores), and
 * the bounds of its lists. Built by week-facts.server.ts, said in words by week-view.ts.
 */
import type { ExactAmount } from "~/indicators/format";
import type { LiftFigures } from "~/promotions/lift";
import type { PromotionStatus } from "~/promotions/promotion-status";
import type { GoalFlagFacts } from "~/strategy/goal-words";
import type { SelfReviewRecord } from "~/promotions/self-review";
import type { TargetStatus } from "~/strategy/target-status.server";
import type { Acting } from "./acting";

/** Marks a snapshot kept as facts (older ones kept the page's words: week-view.ts reads both). */
export const WEEK_FACTS_VERSION = 2;

/**
 * Promotions of a week listed with their results: a team reviews a few dozen actions a week; a store
 * with hundreds running at once gets the first ones (latest start first) and the count of the rest,
 * and the page still answers. The other lists are cut the same.
 */
export const MAX_REVIEW_PROMOTIONS = 100;

/** The actions a target's row names (the count says how many more). */
export const MAX_ACTING = 3;

/** The indicators a week's review opens with (net profit beside margin: a week kept before it was read shows "—"). */
export const REVIEW_HEADLINE = ["net_sales", "orders", "aov", "gross_margin", "net_profit", "new_customers", "repurchase_rate"] as const;

/** The indicators of a period as `indicators --json` has them, money exact ("1234.5000") so any currency shows in its own decimals. */
export type IndicatorFacts = Record<string, ExactAmount | number | null>;

/** A promotion's results over some of its days. */
export interface PeriodResults {
  from: string;
  to: string;
  orders: number;
  revenue: ExactAmount;
  newCustomers: number;
  /** Its spend spread evenly over its days, for these days. */
  spend: ExactAmount;
  /** Its indicator over these days against its baselines (none without an indicator). */
  lift: LiftFigures[];
}

export interface PromotionFacts {
  id: number;
  title: string;
  start: string;
  end: string;
  indicator: string | null;
  /** Where it stood at the end of the last counted day (a verdict given later isn't there yet). */
  status: PromotionStatus;
  /** Its days within the week that had ended, or null when none had. */
  week: PeriodResults | null;
  /** From its first day to the week's last counted day, or null before its first day had ended. */
  toDate: PeriodResults | null;
  review: { verdict: string; learned: string | null; nextStep: string | null; reviewedBy: string | null; reviewedAt: string | null } | null;
  /** Its runner's answer if given by the week's end (absent from weeks signed off before answers were kept). */
  selfReview?: SelfReviewRecord | null;
}

export type TargetFacts = Pick<
  TargetStatus,
  | "id"
  | "goalId"
  | "indicator"
  | "from"
  | "to"
  | "periodKind"
  | "recurring"
  | "value"
  | "direction"
  | "actual"
  | "expectedToDate"
  | "projected"
  | "status"
  | "elapsed"
  | "elapsedDays"
  | "weekdayPattern"
  | "likePath"
  | "outOf"
  | "trend"
> & {
  /** The first MAX_ACTING of the week's promotions on its indicator or on a driver of it, and how many there are. */
  acting: Acting[];
  actingCount: number;
};

export interface WeekFacts {
  version: typeof WEEK_FACTS_VERSION;
  weekStart: string;
  weekEnd: string;
  /** The last day counted: the week's Sunday once it has ended, else the last day that has (the day before the week when none has). */
  through: string;
  currency: string;
  /** The week's indicators over weekStart..through, and the same days of the week before; null when no day of the week has ended. */
  indicators: IndicatorFacts | null;
  before: IndicatorFacts | null;
  targets: TargetFacts[];
  promotions: PromotionFacts[];
  morePromotions: number;
  actionsWithoutIndicator: { id: number; title: string; start: string; end: string }[];
  moreWithoutIndicator: number;
  awaitingReview: { id: number; title: string; end: string; overdue: boolean }[];
  moreAwaitingReview: number;
  /**
   * The connected ad platforms' campaigns over the counted days (app/ads/campaigns.server.ts), and
   * the spend no promotion explains by platform; absent from weeks signed off before they were kept.
   */
  campaigns?: CampaignFacts[];
  unexplainedSpend?: { platform: string; spend: ExactAmount; campaigns: number }[];
  /**
   * The targets on track (or met) as of the last counted day whose part of their goal's outcome went
   * against it (app/strategy/goal-outcome.server.ts); absent from weeks signed off before they were kept.
   */
  goalFlags?: GoalFlagFacts[];
}

export interface CampaignFacts {
  platform: string;
  name: string;
  utmCampaign: string | null;
  /** Shop currency; null while a month of it has no rate. */
  spend: ExactAmount | null;
  attributedOrders: number;
  attributedRevenue: ExactAmount;
  roas: number | null;
  promotion: { id: number; title: string } | null;
  /** The days the platform reported it over, and its ids (absent from weeks signed off before they were kept). */
  firstDay?: string;
  lastDay?: string;
  accountId?: string;
  campaignId?: string;
}

/** The statuses of a target that ask for an action. */
export const NEEDS_ACTION: readonly string[] = ["at_risk", "off_track", "missed"];
