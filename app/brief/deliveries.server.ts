/**
 * Sending the Monday brief exactly once per shop, ISO week and recipient, whatever the number of
 * instances (decision 034). Each recipient of a week is a BriefDelivery row, created with its unique
 * key (a row already there is left as it is). An instance sends a row only after claiming it: one
 * update from the state it read to "sending", which counts for one instance alone. The outcome is
 * recorded on the row: sent with the server's Message-ID, or failed with the error, tried again
 * after a backoff up to BRIEF_MOST_ATTEMPTS times; a row left "sending" by an instance that stopped
 * is taken up again once its claim expires. A person who turned the brief off, or a channel removed,
 * is skipped, never sent.
 */
import { Prisma, type PrismaClient, type BriefDelivery } from "@prisma/client";
import { env } from "~/env.server";
import { storeMessage } from "~/i18n/stored-message";
import { rollupsReady } from "~/indicators/rollups.server";
import { errorField, log } from "~/lib/log.server";
import { isoWeekLabel, weekStart } from "~/lib/calendar";
import { retryDelayMs } from "~/jobs/queue";
import { DAY_MS, timeZone } from "@throughline/shopify-common/time-zone";
import { briefFacts, type BriefFacts } from "./brief-facts.server";
import { channelMessage, personEmail } from "./brief.server";
import type { BriefSenders } from "./senders.server";
import { emailRecipient, SLACK_RECIPIENT, slackWebhookOf, slackWebhookRefusal } from "./settings.server";

/** The brief of the week that has ended goes out from this hour on Monday, in the shop's time zone. */
export const BRIEF_FROM_HOUR = 6;
/** A delivery is tried this many times at most. */
export const BRIEF_MOST_ATTEMPTS = 8;
/** Between attempts: 10 minutes, then twice as long each time, up to 8 hours (eight attempts over about 18 hours). */
const RETRY = { retryDelaySeconds: 10 * 60, retryDelayMaxSeconds: 8 * 3600 };
/** A delivery claimed this long ago by an instance that never said how it went is taken up again. */
export const CLAIM_EXPIRES_MS = 10 * 60_000;

export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "skipped";

export interface DeliveryOutcome {
  recipient: string;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  /** What went wrong, as stored (a message key for the app's own reasons, else the server's words). */
  error: string | null;
}

export interface BriefRun {
  week: string;
  /** The deliveries this run sent, failed or skipped (others' are theirs). */
  outcomes: DeliveryOutcome[];
  /** When a delivery of the week is next due again (a retry, or a claim that expires); null when none is. */
  nextAt: Date | null;
}

/** The Monday (a local day) of the week whose brief is due at `now` in `zone`: the last week that has ended, from 06:00 on Monday; null before. */
export function dueBriefWeek(zone: string, now: Date): number | null {
  const tz = timeZone(zone);
  const monday = weekStart(tz.localDay(now.getTime()));
  return now.getTime() >= tz.toUtc(monday * DAY_MS + BRIEF_FROM_HOUR * 3600_000) ? monday - 7 : null;
}

/** The job's work for one shop: the week whose brief is due, once the figures are ready; null when nothing is due. */
export async function sendDueBriefs(db: PrismaClient, shop: string, now: Date, senders: BriefSenders): Promise<BriefRun | null> {
  const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  const start = record ? dueBriefWeek(record.ianaTimezone, now) : null;
  // While a first copy builds the daily figures, the brief waits for them (the next run looks again).
  if (start === null || !(await rollupsReady(db, shop))) return null;
  return sendBriefs(db, shop, start, now, senders);
}

/**
 * Sends the brief of the week starting on `start` to every recipient who hasn't had it: the job,
 * "Send now" and `cli brief --send` all come here, so a recipient gets it once whoever sends.
 */
export async function sendBriefs(db: PrismaClient, shop: string, start: number, now: Date, senders: BriefSenders): Promise<BriefRun> {
  const week = isoWeekLabel(start);
  await openDeliveries(db, shop, week, { email: senders.mail !== null }, now);
  const rows = await db.briefDelivery.findMany({ where: { shop, week, status: { in: ["pending", "failed", "sending"] } }, orderBy: { recipient: "asc" } });
  // The week's facts are read once, when a delivery is claimed: a run with nothing to send reads none.
  let facts: Promise<BriefFacts> | null = null;
  const content = async () => {
    const { ianaTimezone } = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true } });
    return briefFacts(db, shop, start, timeZone(ianaTimezone).localDay(now.getTime()));
  };
  const outcomes: DeliveryOutcome[] = [];
  for (const row of rows) {
    // A person's email waits while no mail server is configured (the rows of an earlier configuration).
    if (row.channel === "email" && senders.mail === null) continue;
    const claimed = await claim(db, row, now);
    if (!claimed) continue;
    outcomes.push(await deliver(db, claimed, () => (facts ??= content()), senders, now));
  }
  return { week, outcomes, nextAt: await nextDue(db, shop, week, { email: senders.mail !== null }) };
}

/**
 * The week's rows for everyone who should get it now: each person who turned it on and has an email
 * (while email is on), and the channel when one is set. A row already there, whatever its state, stays.
 */
async function openDeliveries(db: PrismaClient, shop: string, week: string, on: { email: boolean }, now: Date): Promise<void> {
  const [people, settings, owner, existing] = await Promise.all([
    on.email ? db.staffMember.findMany({ where: { shop, briefOptIn: true, email: { not: null } }, select: { userId: true, locale: true } }) : [],
    db.briefSettings.findUnique({ where: { shop }, select: { slackWebhook: true } }),
    db.staffMember.findFirst({ where: { shop, accountOwner: true }, select: { locale: true }, orderBy: { lastSeenAt: "desc" } }),
    db.briefDelivery.findMany({ where: { shop, week }, select: { recipient: true } }),
  ]);
  const wanted = [
    ...people.map((person) => ({ recipient: emailRecipient(person.userId), channel: "email", locale: person.locale ?? "en" })),
    // The channel reads the account owner's language.
    ...(settings?.slackWebhook ? [{ recipient: SLACK_RECIPIENT, channel: "slack", locale: owner?.locale ?? "en" }] : []),
  ];
  const have = new Set(existing.map((row) => row.recipient));
  for (const row of wanted.filter((row) => !have.has(row.recipient))) {
    try {
      await db.briefDelivery.create({ data: { shop, week, ...row, createdAt: now } });
    } catch (error) {
      // Another instance created it meanwhile: it is the same row.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
}

/** When a row may be claimed again: a failed one after its backoff, one being sent once its claim has expired. */
function claimableAt(row: Pick<BriefDelivery, "status" | "attempts" | "claimedAt">): Date | null {
  const last = row.claimedAt?.getTime() ?? 0;
  if (row.status === "pending") return new Date(0);
  if (row.status === "failed") return row.attempts < BRIEF_MOST_ATTEMPTS ? new Date(last + retryDelayMs(RETRY, row.attempts)) : null;
  if (row.status === "sending") return new Date(last + CLAIM_EXPIRES_MS);
  return null;
}

/**
 * Claims a row for this instance: one update from exactly the state read (status, attempts, claim)
 * to "sending", which only one instance's update can match. Returns the row as claimed, or null
 * when it isn't due or another instance got it. A row whose last attempt stopped mid-way with no
 * attempt left is recorded failed instead.
 */
async function claim(db: PrismaClient, row: BriefDelivery, now: Date): Promise<BriefDelivery | null> {
  const at = claimableAt(row);
  if (at === null || at > now) return null;
  const where = { shop: row.shop, week: row.week, recipient: row.recipient, status: row.status, attempts: row.attempts, claimedAt: row.claimedAt };
  if (row.status === "sending" && row.attempts >= BRIEF_MOST_ATTEMPTS) {
    await db.briefDelivery.updateMany({ where, data: { status: "failed", lastError: storeMessage({ key: "brief.errors.stopped" }) } });
    return null;
  }
  const { count } = await db.briefDelivery.updateMany({ where, data: { status: "sending", claimedAt: now, attempts: { increment: 1 } } });
  return count === 1 ? { ...row, status: "sending", claimedAt: now, attempts: row.attempts + 1 } : null;
}

type Result = { status: "sent"; messageId: string | null } | { status: "failed" | "skipped"; error: string };

/** Sends one claimed row and records how it went (only while the claim is still this run's). */
async function deliver(db: PrismaClient, row: BriefDelivery, content: () => Promise<BriefFacts>, senders: BriefSenders, now: Date): Promise<DeliveryOutcome> {
  let result: Result;
  try {
    result = row.channel === "slack" ? await deliverToSlack(db, row, content, senders) : await deliverByEmail(db, row, content, senders);
  } catch (error) {
    result = { status: "failed", error: errorField(error).error };
  }
  const mine = { shop: row.shop, week: row.week, recipient: row.recipient, status: "sending", attempts: row.attempts, claimedAt: row.claimedAt };
  await db.briefDelivery.updateMany({
    where: mine,
    data:
      result.status === "sent"
        ? { status: "sent", sentAt: now, messageId: result.messageId, lastError: null }
        : { status: result.status, lastError: result.error.slice(0, 1000) },
  });
  const outcome: DeliveryOutcome = {
    recipient: row.recipient,
    channel: row.channel,
    status: result.status,
    attempts: row.attempts,
    error: result.status === "sent" ? null : result.error,
  };
  if (result.status === "failed")
    log.warn({ shop: row.shop, week: row.week, recipient: row.recipient, attempt: row.attempts, error: result.error }, "brief not delivered");
  else log.info({ shop: row.shop, week: row.week, recipient: row.recipient, status: result.status }, "brief delivered");
  return outcome;
}

async function deliverByEmail(db: PrismaClient, row: BriefDelivery, content: () => Promise<BriefFacts>, senders: BriefSenders): Promise<Result> {
  const userId = row.recipient.slice(emailRecipient("").length);
  const member = await db.staffMember.findUnique({ where: { shop_userId: { shop: row.shop, userId } } });
  // Turned off (or no longer known) since the row was made: never sent.
  const address = member?.briefOptIn ? member.email : null;
  if (!member || !address) return { status: "skipped", error: storeMessage({ key: "brief.errors.removed" }) };
  const email = await personEmail(db, await content(), { userId, name: member.name, locale: row.locale });
  // The address is a person's: the error kept and logged names the recipient by their row instead.
  const sent = await without(address, `[${row.recipient}]`, () =>
    senders.mail!({
      to: { name: member.name, address },
      subject: email.subject,
      html: email.html,
      text: email.text,
      // One-click unsubscribe (RFC 8058): mail clients post to the link; the footer links to it too.
      headers: { "List-Unsubscribe": `<${email.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      messageId: briefMessageId(row),
    }),
  );
  return { status: "sent", messageId: sent.messageId };
}

async function deliverToSlack(db: PrismaClient, row: BriefDelivery, content: () => Promise<BriefFacts>, senders: BriefSenders): Promise<Result> {
  const webhook = await slackWebhookOf(db, row.shop);
  if (webhook === null) return { status: "skipped", error: storeMessage({ key: "brief.errors.noChannel" }) };
  // Checked again as it is sent: the origins allowed may have changed since it was saved.
  if (slackWebhookRefusal(webhook) !== null) return { status: "skipped", error: storeMessage({ key: "brief.errors.notSlack" }) };
  const message = await channelMessage(db, await content(), row.locale);
  // The webhook URL is the channel's credential: never in an error kept or logged.
  await without(webhook, "[the channel's webhook]", () => senders.slack(webhook, message));
  return { status: "sent", messageId: null };
}

/** Runs a send; its error, if any, with `secret` replaced by `label` wherever it appears. */
async function without<T>(secret: string, label: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const cleaned = new Error((error instanceof Error ? error.message : String(error)).replaceAll(secret, label));
    cleaned.name = error instanceof Error ? error.name : cleaned.name;
    throw cleaned;
  }
}

/** The same Message-ID on every attempt at one person's brief of one week: a client that got it already can drop a copy. */
function briefMessageId(row: Pick<BriefDelivery, "shop" | "week" | "recipient">): string {
  return `<brief.${row.week}.${row.recipient.replace(/[^A-Za-z0-9]/g, "")}.${row.shop}@${new URL(env().appUrl).hostname}>`;
}

/** When the week's next delivery this configuration can send falls due again (a retry, a claim expiring), for the job to look then. */
async function nextDue(db: PrismaClient, shop: string, week: string, on: { email: boolean }): Promise<Date | null> {
  const open = await db.briefDelivery.findMany({
    where: { shop, week, status: { in: ["pending", "failed", "sending"] }, ...(on.email ? {} : { channel: { not: "email" } }) },
  });
  const times = open.map(claimableAt).filter((at): at is Date => at !== null);
  return times.length === 0 ? null : new Date(Math.min(...times.map((at) => at.getTime())));
}
