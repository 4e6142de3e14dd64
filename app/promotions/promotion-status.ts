/**
 * Where a promotion stands (upcoming, running, awaiting its review, overdue, reviewed) and the words
 * for its status and verdict: the rules every page and export that lists promotions shares.
 */
import type { Promotion } from "@prisma/client";
import type { Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { parseDay } from "~/lib/calendar";

export type PromotionStatus = "upcoming" | "running" | "awaiting_review" | "overdue" | "reviewed";
/** A review is overdue this many days after the promotion ended. */
export const REVIEW_DUE_DAYS = 7;
export const VERDICTS = ["worked", "no_effect", "hurt", "inconclusive"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const isVerdict = (value: string): value is Verdict => (VERDICTS as readonly string[]).includes(value);

/** A promotion's status in words, in the localizer's language. */
export function statusLabel(status: PromotionStatus, { t }: Pick<Localizer, "t"> = currentLocalizer()): string {
  return t(`promotions.status.${status}`);
}

/** A review's verdict in words (a verdict stored before the list was fixed shows as it is). */
export function verdictLabel(verdict: string, { t }: Pick<Localizer, "t"> = currentLocalizer()): string {
  return isVerdict(verdict) ? t(`promotions.verdict.${verdict}`) : verdict;
}

export function promotionStatus(promotion: Pick<Promotion, "start" | "end" | "verdict">, today: number): PromotionStatus {
  if (promotion.verdict) return "reviewed";
  const start = parseDay(promotion.start)!;
  const end = parseDay(promotion.end)!;
  if (today < start) return "upcoming";
  if (today <= end) return "running";
  return today - end > REVIEW_DUE_DAYS ? "overdue" : "awaiting_review";
}
