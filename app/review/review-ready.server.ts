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
import { timeZone } from "@throughline/shopify-common/time-zone";
import { mutation } from "~/admin-api/shopify-problems";
import { localizer } from "~/i18n/localizer";
import { messageWords, type Message } from "~/i18n/stored-message";

const TRIGGER: Message = { key: "shopifyProblems.what.trigger", values: { name: "Weekly review ready" } };
import { FLOW_TRIGGER_RECEIVE } from "~/strategy/flow.server";
import { NEEDS_ACTION } from "./week-facts";
import { weekFacts } from "./week-facts.server";
import { weekView, type WeekView } from "./week-view";

export const WEEKLY_REVIEW_READY_HANDLE = "weekly-review-ready";

/** A week's review inside Shopify admin (the app's page, embedded), for messages sent outside it. */
export function reviewUrl(shop: string, weekStart: string): string {
  return `https://${shop}/admin/apps/${env().apiKey}/app/review?week=${weekStart}`;
}

/**
 * The trigger's payload: exactly the fields of the extension's TOML, each of its declared type
 * (counts are number_decimal; the list is a single_line_text_field, entries separated by "; ",
 * since Shopify's CLI deploys no multi-line field for a trigger).
 */
export function weeklyReviewReadyPayload(shop: string, week: WeekView, start: number): Record<string, unknown> {
  return {
    Week: isoWeekLabel(start),
    "Week start": week.weekStart,
    "Week end": week.weekEnd,
    "Review URL": reviewUrl(shop, week.weekStart),
    Targets: week.targets.length,
    "Targets off track or at risk": week.targets.filter((target) => NEEDS_ACTION.includes(target.status)).length,
    "Off track indicators without action": week.offTrackWithoutAction
      .map((target) => `${target.title} (${target.statusLabel})`.replace(/\s+/g, " "))
      .join("; "),
    "Actions without an indicator": week.actionsWithoutIndicator.length + week.moreWithoutIndicator,
    "Promotions awaiting review": week.awaitingReview.length + week.moreAwaitingReview,
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
  // Claimed above: a week that isn't sent is offered again next time.
  const release = () => db.shop.updateMany({ where: { shop: client.shop, reviewReadyWeek: week }, data: { reviewReadyWeek: shop.reviewReadyWeek } });
  let payload: ReturnType<typeof weeklyReviewReadyPayload>;
  try {
    // Flow's payload is in English, as the trigger's fields are (extensions/weekly-review-ready).
    payload = weeklyReviewReadyPayload(client.shop, weekView(await weekFacts(db, client.shop, start, today), localizer("en")), start);
  } catch (error) {
    await release();
    throw error;
  }
  const sent = await mutation(
    "Shopify Flow",
    TRIGGER,
    async () => (await client.request(FLOW_TRIGGER_RECEIVE, { handle: WEEKLY_REVIEW_READY_HANDLE, payload })).flowTriggerReceive,
  );
  if (sent.ok) return { fired: week };
  // The job's record and the logs are in English (nothing shows this to the team).
  const failed = messageWords(sent.problem, localizer("en"));
  await release();
  return { failed };
}
