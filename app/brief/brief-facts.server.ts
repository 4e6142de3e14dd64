/**
 * What the Monday brief says, as facts: one shop's ISO week as its weekly review has it (the signed-off
 * record once there is one, else the week's facts as of its last day: nothing after the week's Sunday
 * is counted), the promotions that ended by then and still wait for their runner's answer or the
 * verdict (as they stand when the brief is made: it is a list of what to do), and the link into the
 * review. Said in each reader's words by brief-words.ts.
 */
import type { PrismaClient } from "@prisma/client";
import { formatDay, isoWeekLabel } from "~/lib/calendar";
import { reviewUrl } from "~/review/review-ready.server";
import { reviewOfWeek } from "~/review/weekly-review.server";
import type { Snapshot } from "~/review/week-view";

/** An ended promotion waiting for someone: who ran it (its owner, else whoever logged it). */
export interface AwaitingPromotion {
  id: number;
  title: string;
  end: string;
  ranBy: string;
  ranByName: string | null;
}

export interface BriefFacts {
  shop: string;
  shopName: string;
  zone: string;
  /** The ISO week ("2026-W11"), its Monday and Sunday. */
  week: string;
  weekStart: string;
  weekEnd: string;
  review: Snapshot;
  /** Ended by the week's end, no verdict yet: without their runner's answer, and answered (the verdict is next). */
  awaitingSelfReview: AwaitingPromotion[];
  awaitingVerdict: AwaitingPromotion[];
  reviewUrl: string;
}

/** The brief of the week starting on `start` (a local day), on the shop's local `today`. */
export async function briefFacts(db: PrismaClient, shop: string, start: number, today: number): Promise<BriefFacts> {
  const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { name: true, ianaTimezone: true } });
  const weekEnd = formatDay(start + 6);
  const [{ snapshot }, waiting, staff] = await Promise.all([
    reviewOfWeek(db, shop, start, today),
    db.promotion.findMany({
      where: { shop, archivedAt: null, verdict: null, end: { lte: weekEnd } },
      select: { id: true, title: true, end: true, ownerId: true, ownerName: true, createdBy: true, selfReviewedAt: true },
      orderBy: [{ end: "desc" }, { id: "desc" }],
    }),
    db.staffMember.findMany({ where: { shop }, select: { userId: true, name: true } }),
  ]);
  const names = new Map(staff.map((member) => [member.userId, member.name]));
  const awaiting = (promotion: (typeof waiting)[number]): AwaitingPromotion => {
    const ranBy = promotion.ownerId ?? promotion.createdBy;
    return { id: promotion.id, title: promotion.title, end: promotion.end, ranBy, ranByName: promotion.ownerName ?? names.get(ranBy) ?? null };
  };
  return {
    shop,
    shopName: record.name,
    zone: record.ianaTimezone,
    week: isoWeekLabel(start),
    weekStart: formatDay(start),
    weekEnd,
    review: snapshot,
    awaitingSelfReview: waiting.filter((promotion) => promotion.selfReviewedAt === null).map(awaiting),
    awaitingVerdict: waiting.filter((promotion) => promotion.selfReviewedAt !== null).map(awaiting),
    reviewUrl: reviewUrl(shop, formatDay(start)),
  };
}
