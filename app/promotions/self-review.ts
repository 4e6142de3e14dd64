/**
 * Staff answer before they are judged (pure): once a promotion has ended, whoever runs it says in
 * their own words whether it moved its indicator, what they learned and what next. They may change
 * their answer until the verdict is given. The verdict waits for it, unless whoever gives the verdict
 * runs the promotion, nobody on the team runs it, or its last day ended more than
 * SELF_REVIEW_WAIT_DAYS ago (someone who left never holds a review up for good); decision 032.
 */
import type { Promotion } from "@prisma/client";
import type { Localizer } from "~/i18n/localizer";
import { parseDay } from "~/lib/calendar";
import { formatDate } from "~/lib/dates";

export const SELF_MOVED = ["yes", "no", "unsure"] as const;
export type SelfMoved = (typeof SELF_MOVED)[number];
export const isSelfMoved = (value: string): value is SelfMoved => (SELF_MOVED as readonly string[]).includes(value);

/** How long after its last day a verdict waits for the self-review: two weekly reviews. */
export const SELF_REVIEW_WAIT_DAYS = 14;

type Answerable = Pick<Promotion, "end" | "ownerId" | "createdBy" | "verdict" | "selfReviewedAt">;

/** An answer to "did it move its indicator?" in words (one stored before the list was fixed shows as it is). */
export const movedLabel = (moved: string, { t }: Pick<Localizer, "t">): string => (isSelfMoved(moved) ? t(`team.selfReview.movedAnswers.${moved}`) : moved);

/** Who answers a promotion's self-review: whoever runs it, or whoever logged it when nobody does. */
export const selfReviewerOf = (promotion: Pick<Promotion, "ownerId" | "createdBy">): string => promotion.ownerId ?? promotion.createdBy;

/** Whether its last day has ended by `today` (a local day of the shop). */
export const hasEnded = (promotion: Pick<Promotion, "end">, today: number): boolean => parseDay(promotion.end)! < today;

/** Whether its runner may answer now (or change their answer): it has ended and has no verdict yet. */
export const selfReviewOpen = (promotion: Answerable, today: number): boolean => hasEnded(promotion, today) && promotion.verdict === null;

/** Whether it waits for its runner's answer: ended, no verdict, no answer. */
export const awaitingSelfReview = (promotion: Answerable, today: number): boolean => selfReviewOpen(promotion, today) && promotion.selfReviewedAt === null;

/**
 * The first local day a verdict by `reviewerId` no longer waits for the self-review, or null when it
 * doesn't wait: answered, given by whoever runs it, run by nobody on the team (`runnerOnTeam`), or
 * ended more than SELF_REVIEW_WAIT_DAYS ago.
 */
export function verdictWaitsUntil(promotion: Answerable, reviewerId: string, runnerOnTeam: boolean, today: number): number | null {
  if (promotion.selfReviewedAt !== null || !runnerOnTeam || selfReviewerOf(promotion) === reviewerId) return null;
  // Its last day ended as the next day began; SELF_REVIEW_WAIT_DAYS days after that, the day it stops waiting begins.
  const until = parseDay(promotion.end)! + 1 + SELF_REVIEW_WAIT_DAYS;
  return today >= until ? null : until;
}

/**
 * Why a verdict by `reviewerId` waits for the runner's answer now, in words, or null when it needn't:
 * `runner` is whoever runs it as the team knows them (null when nobody on the team does).
 */
export function verdictWaitWords(
  promotion: Answerable & Pick<Promotion, "ownerName">,
  reviewerId: string,
  runner: { name: string } | null,
  today: number,
  { t, locale }: Pick<Localizer, "t" | "locale">,
): string | null {
  const until = verdictWaitsUntil(promotion, reviewerId, runner !== null, today);
  return until === null ? null : t("team.selfReview.errors.verdictWaits", { name: runner?.name ?? promotion.ownerName ?? "", date: formatDate(until, locale) });
}

type Reviewed = Answerable & Pick<Promotion, "ownerName" | "selfMoved" | "selfLearned" | "selfNext" | "selfReviewedByName">;

/** The self-review as a promotion's card shows it to `viewerId`: the answer, whether they may give or change it, and whether a verdict waits for it. */
export function selfReviewView(promotion: Reviewed, viewerId: string, team: Map<string, string>, today: number, l10n: Pick<Localizer, "t" | "locale">) {
  const runnerId = selfReviewerOf(promotion);
  const runner = team.has(runnerId) ? { name: team.get(runnerId)! } : null;
  const runnerName = runner?.name ?? promotion.ownerName ?? runnerId;
  return {
    runnerName,
    answer:
      promotion.selfReviewedAt === null
        ? null
        : {
            moved: movedLabel(promotion.selfMoved ?? "", l10n),
            movedKey: promotion.selfMoved ?? "",
            learned: promotion.selfLearned ?? "",
            next: promotion.selfNext,
            by: promotion.selfReviewedByName ?? runnerName,
            at: promotion.selfReviewedAt.toISOString(),
          },
    mayAnswer: runnerId === viewerId && selfReviewOpen(promotion, today),
    awaiting: awaitingSelfReview(promotion, today),
    verdictWaits: promotion.verdict === null && hasEnded(promotion, today) ? verdictWaitWords(promotion, viewerId, runner, today, l10n) : null,
  };
}

/** A runner's answer as files and snapshots keep it (`--json`, a signed-off week): the answer's key, their words, who and when. */
export interface SelfReviewRecord {
  moved: string;
  learned: string;
  next: string | null;
  by: string;
  at: string;
}

/** The promotion's self-review as kept, or null when unanswered (or answered only at or after `before`, when given). */
export function selfReviewRecord(
  promotion: Pick<Promotion, "selfMoved" | "selfLearned" | "selfNext" | "selfReviewedBy" | "selfReviewedByName" | "selfReviewedAt">,
  before?: Date,
): SelfReviewRecord | null {
  const at = promotion.selfReviewedAt;
  if (at === null || (before !== undefined && at >= before)) return null;
  return {
    moved: promotion.selfMoved ?? "",
    learned: promotion.selfLearned ?? "",
    next: promotion.selfNext,
    by: promotion.selfReviewedByName ?? promotion.selfReviewedBy ?? "",
    at: at.toISOString(),
  };
}
