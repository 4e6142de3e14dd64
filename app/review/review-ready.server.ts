/**
 * The "Weekly review ready" Flow trigger (extensions/weekly-review-ready): once an ISO week has
 * ended in the shop's time zone, the scheduler sends `flowTriggerReceive` once for it, with the
 * week's counts and a link to its review, so a store can mail or message the team through Flow.
 * Shops with neither targets nor promotions get nothing. The week is claimed before the call (two
 * schedulers fire once) and released again if Shopify refuses, so the next run tries again.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { env } from "~/env.server";
import { formatDay, isoWeekLabel, weekStart } from "~/lib/calendar";
import { timeZone } from "~/lib/time-zone";
import { shopifyWords } from "~/admin-api/shopify-problems";
import { FLOW_TRIGGER_RECEIVE } from "~/strategy/flow.server";
import { buildWeek, type WeekContent } from "./weekly-review.server";

export const WEEKLY_REVIEW_READY_HANDLE = "weekly-review-ready";

/**
 * The trigger's payload: exactly the fields of the extension's TOML, each of its declared type
 * (counts are number_decimal; the list is a single_line_text_field, entries separated by "; ",
 * since Shopify's CLI deploys no multi-line field for a trigger).
 */
export function weeklyReviewReadyPayload(shop: string, week: WeekContent, start: number): Record<string, unknown> {
  return {
    Week: isoWeekLabel(start),
    "Week start": week.weekStart,
    "Week end": week.weekEnd,
    "Review URL": `https://${shop}/admin/apps/${env().apiKey}/app/review?week=${week.weekStart}`,
    Targets: week.targets.length,
    "Targets off track or at risk": week.targets.filter((target) => ["at_risk", "off_track", "missed"].includes(target.status)).length,
    "Off track indicators without action": week.offTrackWithoutAction
      .map((target) => `${target.title} (${target.statusLabel})`.replace(/\s+/g, " "))
      .join("; "),
    "Actions without an indicator": week.actionsWithoutIndicator.length,
    "Promotions awaiting review": week.awaitingReview.length,
  };
}

export type ReviewReadyOutcome = { fired: string } | { skipped: "already_sent" | "nothing_to_review" } | { failed: string };

/** Fires the trigger for the last week that has ended, unless it was fired for it already. */
export async function notifyWeekReady(db: PrismaClient, client: AdminClient, now: Date): Promise<ReviewReadyOutcome> {
  const shop = await db.shop.findUniqueOrThrow({ where: { shop: client.shop }, select: { ianaTimezone: true, reviewReadyWeek: true } });
  const today = timeZone(shop.ianaTimezone).localDay(now.getTime());
  const start = weekStart(today) - 7;
  const week = formatDay(start);
  if (shop.reviewReadyWeek !== null && shop.reviewReadyWeek >= week) return { skipped: "already_sent" };
  const [targets, promotions] = await Promise.all([
    db.target.count({ where: { shop: client.shop, deletedAt: null } }),
    db.promotion.count({ where: { shop: client.shop, archivedAt: null } }),
  ]);
  if (targets + promotions === 0) return { skipped: "nothing_to_review" };
  const claimed = await db.shop.updateMany({ where: { shop: client.shop, reviewReadyWeek: shop.reviewReadyWeek }, data: { reviewReadyWeek: week } });
  if (claimed.count === 0) return { skipped: "already_sent" };
  let failed: string;
  try {
    const payload = weeklyReviewReadyPayload(client.shop, await buildWeek(db, client.shop, start, today), start);
    const errors = (await client.request(FLOW_TRIGGER_RECEIVE, { handle: WEEKLY_REVIEW_READY_HANDLE, payload })).flowTriggerReceive?.userErrors ?? [];
    if (errors.length === 0) return { fired: week };
    failed = `Shopify Flow refused the "Weekly review ready" trigger: ${shopifyWords(errors)}`;
  } catch (error) {
    failed = `Shopify Flow couldn't be reached: ${error instanceof Error ? error.message : String(error)}`;
  }
  // For the job's record and the logs (nothing shows it to the team): the week is offered again next time.
  await db.shop.updateMany({ where: { shop: client.shop, reviewReadyWeek: week }, data: { reviewReadyWeek: shop.reviewReadyWeek } });
  return { failed };
}
