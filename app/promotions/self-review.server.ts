/**
 * A promotion's self-review, stored and asked for (the rules: self-review.ts): its runner answers
 * once it has ended and may change the answer until the verdict; a verdict that would judge them
 * before they answered is refused in words, saying until when it waits.
 */
import type { PrismaClient, Promotion } from "@prisma/client";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { currentLocalizer } from "~/i18n/scope";
import { formatDay } from "~/lib/calendar";
import { formatDate } from "~/lib/dates";
import { ForbiddenError, requirePermission, type Actor } from "~/staff/staff.server";
import { shopTimeZone } from "./promotion-windows.server";
import { hasEnded, isSelfMoved, selfReviewerOf, verdictWaitWords } from "./self-review";

const MAX_ANSWER = 2000;

/** The self-review as its form posts it. */
export interface SelfReviewFields {
  selfMoved: string | null;
  selfLearned: string | null;
  selfNext: string | null;
}

export type SelfReviewOutcome = { ok: true } | { ok: false; errors: Record<string, string> };

/** The shop's local day now. */
export async function shopToday(db: PrismaClient, shop: string, now: Date): Promise<number> {
  return timeZone((await shopTimeZone(db, shop)) ?? "UTC").localDay(now.getTime());
}

/** Saves the runner's answer (ForbiddenError for anyone else); refused field by field before its end, after the verdict, or when incomplete. */
export async function saveSelfReview(db: PrismaClient, actor: Actor, id: number, fields: SelfReviewFields, now: Date): Promise<SelfReviewOutcome> {
  const { t, locale } = currentLocalizer();
  requirePermission(actor, "log_promotions");
  const promotion = await db.promotion.findFirst({ where: { id, shop: actor.shop, archivedAt: null } });
  if (!promotion) return { ok: false, errors: { id: t("promotions.errors.noSuchPromotion") } };
  if (selfReviewerOf(promotion) !== actor.userId)
    throw new ForbiddenError(t("team.selfReview.errors.onlyRunner", { name: promotion.ownerName ?? promotion.createdBy }));
  if (!hasEnded(promotion, await shopToday(db, actor.shop, now)))
    return { ok: false, errors: { selfMoved: t("team.selfReview.errors.notEnded", { end: formatDate(promotion.end, locale) }) } };
  if (promotion.verdict !== null) return { ok: false, errors: { selfMoved: t("team.selfReview.errors.locked") } };
  const errors: Record<string, string> = {};
  const moved = fields.selfMoved?.trim() ?? "";
  if (!isSelfMoved(moved)) errors.selfMoved = t("team.selfReview.errors.chooseMoved");
  const learned = fields.selfLearned?.trim() ?? "";
  const next = fields.selfNext?.trim() || null;
  if (!learned) errors.selfLearned = t("team.selfReview.errors.sayLearned");
  for (const [field, text] of [
    ["selfLearned", learned],
    ["selfNext", next ?? ""],
  ] as const)
    if (text.length > MAX_ANSWER)
      errors[field] = t("team.selfReview.errors.tooLong", { length: text.length.toLocaleString(locale), max: MAX_ANSWER.toLocaleString(locale) });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Changed only while no verdict is given (the check above, again in the write: a verdict given meanwhile wins).
  const saved = await db.promotion.updateMany({
    where: { id, verdict: null },
    data: {
      selfMoved: moved,
      selfLearned: learned,
      selfNext: next,
      selfReviewedBy: actor.userId,
      selfReviewedByName: actor.name,
      selfReviewedAt: now,
      updatedAt: now,
    },
  });
  return saved.count === 1 ? { ok: true } : { ok: false, errors: { selfMoved: t("team.selfReview.errors.locked") } };
}

/** Why a verdict by `reviewer` must wait for the runner's answer now, in words, or null when it needn't. */
export async function verdictWait(db: PrismaClient, reviewer: Actor, promotion: Promotion, today: number): Promise<string | null> {
  const member = await db.staffMember.findUnique({ where: { shop_userId: { shop: promotion.shop, userId: selfReviewerOf(promotion) } } });
  return verdictWaitWords(promotion, reviewer.userId, member, today, currentLocalizer());
}

/** How many ended promotions without a verdict wait for this person's answer (the ones they run, or logged for nobody). */
export function awaitingAnswerOf(db: PrismaClient, actor: Actor, today: number): Promise<number> {
  return db.promotion.count({
    where: {
      shop: actor.shop,
      archivedAt: null,
      verdict: null,
      selfReviewedAt: null,
      end: { lt: formatDay(today) },
      OR: [{ ownerId: actor.userId }, { ownerId: null, createdBy: actor.userId }],
    },
  });
}
