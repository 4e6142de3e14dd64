/**
 * The playbook keeps the lessons with the tactic: under each tactic, what the team learned from the
 * store's promotions that followed it (adapted ones too), each runner's own answer (their
 * self-review) and the verdict's lesson, with who said it and when, latest promotions first.
 */
import type { PrismaClient } from "@prisma/client";
import { timeZone } from "@throughline/shopify-common/time-zone";
import type { Localizer } from "~/i18n/localizer";
import { formatDate } from "~/lib/dates";
import { verdictLabel } from "~/promotions/promotion-status";

/** Promotions whose lessons a tactic shows: the latest few, so a tactic run weekly for years stays a short read. */
export const LESSON_PROMOTIONS_PER_TACTIC = 5;

export interface TacticLesson {
  promotionId: number;
  title: string;
  /** "self": whoever ran it, in their own words; "verdict": the lesson given with the verdict. */
  kind: "self" | "verdict";
  /** The verdict in words, for a verdict's lesson. */
  verdict: string | null;
  text: string;
  by: string;
  /** The local day it was said, in the reader's words. */
  on: string;
}

/** Each tactic's lessons (by key), a query each. */
export async function tacticLessons(
  db: PrismaClient,
  shop: string,
  keys: string[],
  l10n: Pick<Localizer, "t" | "locale">,
): Promise<Record<string, TacticLesson[]>> {
  const zone = timeZone((await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? "UTC");
  const day = (at: Date | null) => (at === null ? "" : formatDate(zone.localDay(at.getTime()), l10n.locale));
  const lessons: Record<string, TacticLesson[]> = {};
  for (const key of keys) {
    const promotions = await db.promotion.findMany({
      where: { shop, archivedAt: null, tactic: key, OR: [{ selfLearned: { not: null } }, { learned: { not: null } }] },
      orderBy: [{ end: "desc" }, { id: "desc" }],
      take: LESSON_PROMOTIONS_PER_TACTIC,
    });
    lessons[key] = promotions.flatMap((promotion) => [
      ...(promotion.selfLearned && promotion.selfReviewedAt
        ? [
            {
              promotionId: promotion.id,
              title: promotion.title,
              kind: "self" as const,
              verdict: null,
              text: promotion.selfLearned,
              by: promotion.selfReviewedByName ?? promotion.ownerName ?? "",
              on: day(promotion.selfReviewedAt),
            },
          ]
        : []),
      ...(promotion.learned && promotion.verdict
        ? [
            {
              promotionId: promotion.id,
              title: promotion.title,
              kind: "verdict" as const,
              verdict: verdictLabel(promotion.verdict, l10n),
              text: promotion.learned,
              by: promotion.reviewedByName ?? "",
              on: day(promotion.reviewedAt),
            },
          ]
        : []),
    ]);
  }
  return lessons;
}
