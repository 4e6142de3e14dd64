/**
 * Who gets the Monday brief: each person turns it on or off for themselves (StaffMember.briefOptIn;
 * the email's unsubscribe link turns it off), and the owner or a strategist sets the shop's Slack
 * channel by its incoming webhook URL, kept sealed like the ad platforms' tokens (the URL is the
 * channel's credential). Turning either off skips what wasn't sent to it yet.
 */
import type { PrismaClient } from "@prisma/client";
import { env } from "~/env.server";
import { currentLocalizer } from "~/i18n/scope";
import { can } from "~/staff/roles";
import { ForbiddenError, type Actor } from "~/staff/staff.server";

/** A delivery's recipient, as BriefDelivery.recipient names it: a person by email, or the channel. */
export const emailRecipient = (userId: string) => `email:${userId}`;
export const SLACK_RECIPIENT = "slack";

/** Slack's own webhooks; SLACK_WEBHOOK_ORIGIN may add one more origin (a listener on loopback in tests). */
const SLACK_HOOKS = { origin: "https://hooks.slack.com", path: "/services/" };
const WEBHOOK_MOST_CHARACTERS = 500;

/** Refused ("removed" or "off") deliveries still waiting for a recipient are not sent. */
function skipUnsent(db: PrismaClient, shop: string, recipient: string) {
  return db.briefDelivery.updateMany({ where: { shop, recipient, status: { in: ["pending", "failed"] } }, data: { status: "skipped" } });
}

/** Turns a person's brief on or off (off also skips what wasn't sent to them). */
export async function setBriefOptIn(db: PrismaClient, shop: string, userId: string, on: boolean): Promise<void> {
  if (on) {
    await db.staffMember.updateMany({ where: { shop, userId }, data: { briefOptIn: true } });
    return;
  }
  await db.$transaction([db.staffMember.updateMany({ where: { shop, userId }, data: { briefOptIn: false } }), skipUnsent(db, shop, emailRecipient(userId))]);
}

/** Why a URL can't be the channel's webhook (in the work's language), or null when it can. */
export function slackWebhookRefusal(text: string, extraOrigin: string | null = env().brief.slackWebhookOrigin): string | null {
  const refusal = currentLocalizer().t("brief.errors.notSlack");
  if (text.length > WEBHOOK_MOST_CHARACTERS || !URL.canParse(text)) return refusal;
  const url = new URL(text);
  if (url.username || url.password || url.hash) return refusal;
  if (url.origin === SLACK_HOOKS.origin && url.pathname.startsWith(SLACK_HOOKS.path) && url.pathname.length > SLACK_HOOKS.path.length) return null;
  return extraOrigin !== null && url.origin === extraOrigin ? null : refusal;
}

/** The owner or a strategist may change the channel and send the brief now; anyone else is refused (403). */
export function requireBriefSettings(actor: Actor): void {
  if (!can(actor.role, "edit_strategy")) throw new ForbiddenError(currentLocalizer().t("brief.errors.owners"));
}

/** Sets the shop's Slack channel; returns the refusal of a URL that isn't a webhook, else null. */
export async function saveSlackWebhook(db: PrismaClient, actor: Actor, text: string, now: Date): Promise<string | null> {
  requireBriefSettings(actor);
  const url = text.trim();
  const refusal = slackWebhookRefusal(url);
  if (refusal) return refusal;
  const slackWebhook = env().tokenKeyring.seal(url);
  await db.briefSettings.upsert({
    where: { shop: actor.shop },
    create: { shop: actor.shop, slackWebhook, updatedBy: actor.name, updatedAt: now },
    update: { slackWebhook, updatedBy: actor.name, updatedAt: now },
  });
  return null;
}

export async function removeSlackWebhook(db: PrismaClient, actor: Actor, now: Date): Promise<void> {
  requireBriefSettings(actor);
  await db.$transaction([
    db.briefSettings.updateMany({ where: { shop: actor.shop }, data: { slackWebhook: null, updatedBy: actor.name, updatedAt: now } }),
    skipUnsent(db, actor.shop, SLACK_RECIPIENT),
  ]);
}

/** The channel's webhook URL, opened (null when none is set); a URL no configured key opens throws UnreadableTokenError. */
export async function slackWebhookOf(db: PrismaClient, shop: string): Promise<string | null> {
  const settings = await db.briefSettings.findUnique({ where: { shop }, select: { slackWebhook: true } });
  return settings?.slackWebhook ? env().tokenKeyring.open(settings.slackWebhook) : null;
}
