/**
 * A member's record, from imitation to creation: the promotions they run (whoever runs one, or whoever
 * logged it when nobody does), how many ended and how many they answered before the verdict, the
 * verdicts, each reviewed promotion's lift against what they expected, the tactics they followed as
 * the playbook has them, adapted, or made their own (promotions without a tactic, tactics and targets
 * of theirs approved), their proposals, and their stage with its history.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import type { Localizer } from "~/i18n/localizer";
import { isIndicatorKey } from "~/indicators/definitions";
import { formatDay } from "~/lib/calendar";
import { storePlaybook } from "~/playbooks/playbooks.server";
import { VERDICTS, verdictLabel, type Verdict } from "~/promotions/promotion-status";
import { preloadedStoreDays, promotionLift } from "~/promotions/promotions.server";
import { proposalView } from "./proposal-view";
import { stageHistory } from "./stages.server";

/** Reviewed promotions a record lists with their lift (the latest; the rest are counted). */
export const RECORD_REVIEWED_SHOWN = 20;
/** Proposals a record lists (the latest). */
export const RECORD_PROPOSALS_SHOWN = 20;

/** The promotions a member runs: theirs as owner, or logged by them for nobody. */
export const runBy = (shop: string, userId: string): Prisma.PromotionWhereInput => ({
  shop,
  archivedAt: null,
  OR: [{ ownerId: userId }, { ownerId: null, createdBy: userId }],
});

type TacticCount = { key: string; title: string; count: number };

export async function memberRecord(db: PrismaClient, shop: string, userId: string, today: number, l10n: Localizer) {
  const store = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  const [zone, currency] = [store?.ianaTimezone ?? "UTC", store?.currencyCode ?? "USD"];
  const promotions = await db.promotion.findMany({
    where: runBy(shop, userId),
    select: { id: true, end: true, verdict: true, selfReviewedAt: true, tactic: true, tacticUse: true },
    orderBy: [{ end: "desc" }, { id: "desc" }],
  });
  const titles = new Map((await storePlaybook(db, shop, { withHidden: true, l10n })).map((tactic) => [tactic.key, tactic.title]));
  const byTactic = (use: "followed" | "adapted"): TacticCount[] => {
    const counts = new Map<string, number>();
    for (const promotion of promotions)
      if (promotion.tactic && promotion.tacticUse === use) counts.set(promotion.tactic, (counts.get(promotion.tactic) ?? 0) + 1);
    return [...counts]
      .map(([key, count]) => ({ key, title: titles.get(key) ?? key, count }))
      .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
  };
  const reviewed = promotions.filter((promotion) => promotion.verdict !== null);
  const [expectations, ownTactics, approvedTargets, proposals, history] = await Promise.all([
    liftAgainstExpected(
      db,
      shop,
      reviewed.slice(0, RECORD_REVIEWED_SHOWN).map((promotion) => promotion.id),
      today,
      l10n,
    ),
    db.storeTactic.findMany({ where: { shop, createdBy: userId }, orderBy: { updatedAt: "desc" } }),
    db.proposal.count({ where: { shop, proposedBy: userId, kind: "target", status: "approved" } }),
    db.proposal.findMany({ where: { shop, proposedBy: userId }, orderBy: { id: "desc" }, take: RECORD_PROPOSALS_SHOWN }),
    stageHistory(db, shop, userId),
  ]);
  const ended = promotions.filter((promotion) => promotion.end < formatDay(today));
  return {
    promotions: {
      run: promotions.length,
      ended: ended.length,
      answered: promotions.filter((promotion) => promotion.selfReviewedAt !== null).length,
    },
    verdicts: VERDICTS.map((verdict: Verdict) => ({
      verdict,
      label: verdictLabel(verdict, l10n),
      count: reviewed.filter((promotion) => promotion.verdict === verdict).length,
    })),
    expectations,
    moreReviewed: Math.max(0, reviewed.length - RECORD_REVIEWED_SHOWN),
    followed: byTactic("followed"),
    adapted: byTactic("adapted"),
    own: {
      promotions: promotions.filter((promotion) => promotion.tactic === null).length,
      tactics: ownTactics.map((tactic) => ({ key: tactic.key, title: titles.get(tactic.key) ?? tactic.title })),
      targets: approvedTargets,
    },
    proposals: proposals.map((proposal) => proposalView(proposal, currency, zone, l10n)),
    stageHistory: history,
  };
}

/** Each reviewed promotion (latest first): what its runner expected, and its lift against the days before it began, in words. */
async function liftAgainstExpected(db: PrismaClient, shop: string, ids: number[], today: number, l10n: Localizer) {
  const promotions = await db.promotion.findMany({ where: { shop, id: { in: ids } }, orderBy: [{ end: "desc" }, { id: "desc" }] });
  const days = await preloadedStoreDays(db, shop, promotions, today);
  const rows = [];
  for (const promotion of promotions) {
    const previous = (await promotionLift(db, promotion, today, days)).find((lift) => lift.baseline === "previous") ?? null;
    rows.push({
      id: promotion.id,
      title: promotion.title,
      indicator: promotion.indicator && isIndicatorKey(promotion.indicator) ? l10n.t(`indicators.${promotion.indicator}.label`) : null,
      expected: promotion.expectedChange,
      lift: previous && { words: previous.words, reading: previous.reading },
      verdict: verdictLabel(promotion.verdict ?? "", l10n),
    });
  }
  return rows;
}

export type MemberRecord = Awaited<ReturnType<typeof memberRecord>>;
