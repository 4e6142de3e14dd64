/**
 * The Monday brief's page: what each person and the channel would get for the last week that has
 * ended (each email as it is sent, the Slack message as Slack receives it), the deliveries of recent
 * weeks, the viewer's own opt-in, and for the owner and strategists the Slack channel and "Send now"
 * (the job's once-only path). Anyone turns their own brief on or off; the rest answers staff 403.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { env } from "~/env.server";
import { LANGUAGE_NAMES, languageOf } from "~/i18n/languages";
import { localizer, type Localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { isoWeekLabel, weekStart } from "~/lib/calendar";
import { formatDateRange, formatDateTime } from "~/lib/dates";
import { done, intentsFor, refused, runIntent, textField, type IntentResponse, type IntentResult } from "~/lib/form-intents.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { can } from "~/staff/roles";
import type { Actor, StaffActionContext } from "~/staff/staff.server";
import { briefFacts } from "./brief-facts.server";
import { briefPerson, briefRecipients, channelMessage, personEmail, type BriefPerson, type BriefPreview } from "./brief.server";
import { BRIEF_MOST_ATTEMPTS, sendBriefs } from "./deliveries.server";
import { briefSenders, type BriefSenders } from "./senders.server";
import { emailRecipient, removeSlackWebhook, requireBriefSettings, saveSlackWebhook, setBriefOptIn, SLACK_RECIPIENT } from "./settings.server";
import { slackText } from "./slack";

/** The deliveries of this many weeks back are listed. */
const WEEKS_LISTED = 4;

const lastEndedWeek = (zone: string, now: Date) => weekStart(timeZone(zone).localDay(now.getTime())) - 7;

export async function briefPage(db: PrismaClient, actor: Actor, now: Date) {
  const l10n = localizer(actor.locale);
  const { t, locale } = l10n;
  const shop = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
  const start = lastEndedWeek(shop.ianaTimezone, now);
  const [me, recipients, settings, facts] = await Promise.all([
    db.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop: actor.shop, userId: actor.userId } } }),
    briefRecipients(db, actor.shop),
    db.briefSettings.findUnique({ where: { shop: actor.shop } }),
    briefFacts(db, actor.shop, start, timeZone(shop.ianaTimezone).localDay(now.getTime())),
  ]);
  // The viewer's own brief first (what they would get, on or not), then everyone else who gets one.
  const people = [briefPerson(me), ...recipients.people.filter((person) => person.userId !== actor.userId)];
  const previews: BriefPreview[] = [];
  for (const person of people) {
    const email = await personEmail(db, facts, person, actor.userId);
    previews.push({
      recipient: person.recipient,
      label: personLabel(person, l10n),
      channel: "email",
      subject: email.subject,
      html: email.html,
      text: email.text,
    });
  }
  if (recipients.slack) {
    const message = await channelMessage(db, facts, recipients.slack.locale);
    previews.push({
      recipient: SLACK_RECIPIENT,
      label: t("brief.page.preview.channel", { language: LANGUAGE_NAMES[languageOf(recipients.slack.locale)] }),
      channel: "slack",
      subject: null,
      html: null,
      text: slackText(message),
    });
  }
  const canManage = can(actor.role, "edit_strategy");
  return {
    zone: shop.ianaTimezone,
    emailOn: env().brief.smtpUrl !== null,
    week: { label: facts.week, range: formatDateRange(facts.weekStart, facts.weekEnd, locale) },
    you: { email: me.email, optedIn: me.briefOptIn },
    othersGetIt: recipients.people.some((person) => person.userId !== actor.userId),
    canManage,
    slack: settings?.slackWebhook ? { by: settings.updatedBy, at: formatDateTime(settings.updatedAt, shop.ianaTimezone, locale) } : null,
    previews,
    deliveries: await recentDeliveries(db, actor.shop, start, shop.ianaTimezone, canManage, l10n),
  };
}

function personLabel(person: BriefPerson, { t }: Localizer): string {
  return t("brief.page.preview.person", { name: person.name, language: LANGUAGE_NAMES[languageOf(person.locale)] });
}

/** The deliveries of the last weeks, newest week first: to whom, how it went (and, for those who manage it, why it failed). */
async function recentDeliveries(db: PrismaClient, shop: string, start: number, zone: string, withErrors: boolean, l10n: Localizer) {
  const { t, locale } = l10n;
  const [rows, staff] = await Promise.all([
    db.briefDelivery.findMany({
      where: { shop, week: { gte: isoWeekLabel(start - 7 * (WEEKS_LISTED - 1)) } },
      orderBy: [{ week: "desc" }, { recipient: "asc" }],
      take: 200,
    }),
    db.staffMember.findMany({ where: { shop }, select: { userId: true, name: true } }),
  ]);
  const names = new Map(staff.map((member) => [emailRecipient(member.userId), member.name]));
  return rows.map((row) => ({
    week: row.week,
    recipient: row.recipient,
    to: row.recipient === SLACK_RECIPIENT ? t("brief.page.deliveries.channel") : (names.get(row.recipient) ?? t("brief.page.deliveries.unknownPerson")),
    status: statusWords(row.status, row.attempts, l10n),
    when: row.sentAt ? formatDateTime(row.sentAt, zone, locale) : row.claimedAt ? formatDateTime(row.claimedAt, zone, locale) : "",
    error: withErrors && row.status !== "sent" ? storedWords(row.lastError, l10n) : null,
  }));
}

function statusWords(status: string, attempts: number, { t }: Localizer): string {
  switch (status) {
    case "pending":
    case "sending":
    case "sent":
    case "skipped":
      return t(`brief.page.status.${status}`);
    case "failed":
      return t(attempts < BRIEF_MOST_ATTEMPTS ? "brief.page.status.failed" : "brief.page.status.failedForGood", { count: attempts });
    default:
      return status;
  }
}

type BriefContext = StaffActionContext & { senders: () => BriefSenders };
const intent = intentsFor<BriefContext>();

const BRIEF_INTENTS = {
  opt_in: intent(
    ({ l10n: { t } }) => z.object({ on: z.enum(["on", "off"], { error: t("brief.errors.onOff") }) }),
    async ({ on }, { db, actor, l10n: { t } }) => {
      if (on === "on") {
        const me = await db.staffMember.findUnique({ where: { shop_userId: { shop: actor.shop, userId: actor.userId } }, select: { email: true } });
        if (!me?.email) return refused({ on: t("brief.errors.noEmail") });
      }
      await setBriefOptIn(db, actor.shop, actor.userId, on === "on");
      return done(t(on === "on" ? "brief.page.you.turnedOn" : "brief.page.you.turnedOff"));
    },
  ),
  save_slack: intent(
    () => z.object({ url: textField }),
    async ({ url }, { db, actor, now, l10n: { t } }) => {
      const refusal = await saveSlackWebhook(db, actor, url ?? "", now);
      return refusal ? refused({ url: refusal }) : done(t("brief.page.slack.saved"));
    },
  ),
  remove_slack: intent(
    () => z.object({}),
    async (_fields, { db, actor, now, l10n: { t } }) => {
      await removeSlackWebhook(db, actor, now);
      return done(t("brief.page.slack.removed"));
    },
  ),
  send_now: intent(
    () => z.object({}),
    async (_fields, { db, actor, now, senders, l10n: { t } }) => {
      requireBriefSettings(actor);
      const shop = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
      const run = await sendBriefs(db, actor.shop, lastEndedWeek(shop.ianaTimezone, now), now, senders());
      const count = (status: string) => run.outcomes.filter((outcome) => outcome.status === status).length;
      return done(t("brief.page.send.done", { sent: count("sent"), failed: count("failed"), skipped: count("skipped") }), count("failed") > 0);
    },
  ),
};

export type BriefActionResult = IntentResult;

/** Runs one of the page's actions; a change only the owner or a strategist may make throws ForbiddenError (403). */
export function briefAction(db: PrismaClient, actor: Actor, form: FormData, now: Date, senders: () => BriefSenders = briefSenders): Promise<IntentResponse> {
  const l10n = localizer(actor.locale);
  return runIntent(form, BRIEF_INTENTS, { db, actor, now, l10n, senders }, (name) => l10n.t("brief.errors.unknownIntent", { intent: name }));
}
