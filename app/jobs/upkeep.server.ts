/**
 * Strategy upkeep for one shop, run by the scheduler after each reconciliation: recurring targets
 * roll forward into their new period, targets whose status got worse fire the "Target at risk"
 * Flow trigger, promotions shown in Shopify send the spend of their new days, and once a week has
 * ended the "Weekly review ready" trigger fires.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { rollupsReady } from "~/indicators/rollups.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { refreshPromotionWindows } from "~/promotions/promotion-windows.server";
import { sendNewSpendDays } from "~/promotions/shopify-marketing.server";
import { notifyWeekReady, type ReviewReadyOutcome } from "~/review/review-ready.server";
import { evaluateTargets, type Evaluation } from "~/strategy/flow.server";
import { rollForward } from "~/strategy/targets.server";

export interface Upkeep {
  targets: Evaluation;
  spend: { updated: number; failed: number };
  weeklyReview: ReviewReadyOutcome;
}

export async function strategyUpkeep(db: PrismaClient, client: AdminClient, now: Date): Promise<Upkeep | null> {
  const shop = await db.shop.findUnique({ where: { shop: client.shop }, select: { ianaTimezone: true } });
  if (!shop || !(await rollupsReady(db, client.shop))) return null;
  // Promotions stored before their windows existed (a deploy between migrations and this shop's upkeep).
  await refreshPromotionWindows(db, client.shop);
  await rollForward(db, client.shop, timeZone(shop.ianaTimezone).localDay(now.getTime()), now);
  return {
    targets: await evaluateTargets(db, client, now),
    spend: await sendNewSpendDays(db, client, now),
    weeklyReview: await notifyWeekReady(db, client, now),
  };
}
