/**
 * The brief each recipient gets, as the job sends it and as the preview and `cli brief` show it:
 * who gets it (each person who turned it on and has an email, the Slack channel when one is set), and
 * one recipient's brief in their words. composeBrief is the one place a brief is worded.
 */
import type { PrismaClient } from "@prisma/client";
import { localizer } from "~/i18n/localizer";
import type { BriefFacts } from "./brief-facts.server";
import { briefWords, type BriefAudience, type BriefWords } from "./brief-words";
import { renderBriefEmail, type BriefEmail } from "./email";
import { emailRecipient, SLACK_RECIPIENT } from "./settings.server";
import { slackMessage, type SlackMessage } from "./slack";
import { unsignedUnsubscribeUrl, unsubscribeUrl } from "./unsubscribe.server";

export interface BriefPerson {
  recipient: string;
  userId: string;
  name: string;
  email: string | null;
  locale: string;
  optedIn: boolean;
}

export interface BriefRecipients {
  /** Everyone who gets it by email (turned on, with an email), by name. */
  people: BriefPerson[];
  /** The Slack channel, in the account owner's language; null when no channel is set. */
  slack: { recipient: string; locale: string } | null;
}

export async function briefRecipients(db: PrismaClient, shop: string): Promise<BriefRecipients> {
  const [members, settings] = await Promise.all([
    db.staffMember.findMany({ where: { shop }, orderBy: [{ accountOwner: "desc" }, { name: "asc" }, { userId: "asc" }] }),
    db.briefSettings.findUnique({ where: { shop }, select: { slackWebhook: true } }),
  ]);
  const owner = members.find((member) => member.accountOwner);
  return {
    people: members.filter((member) => member.briefOptIn && member.email).map(briefPerson),
    slack: settings?.slackWebhook ? { recipient: SLACK_RECIPIENT, locale: owner?.locale ?? "en" } : null,
  };
}

export function briefPerson(member: { userId: string; name: string; email: string | null; locale: string | null; briefOptIn: boolean }): BriefPerson {
  return {
    recipient: emailRecipient(member.userId),
    userId: member.userId,
    name: member.name,
    email: member.email,
    locale: member.locale ?? "en",
    optedIn: member.briefOptIn,
  };
}

/** One recipient's brief as the page previews it: a person's email (its subject and HTML) or the channel's Slack text. */
export interface BriefPreview {
  recipient: string;
  label: string;
  channel: "email" | "slack";
  subject: string | null;
  html: string | null;
  text: string;
}

/** One recipient's brief in their language. */
export async function composeBrief(_db: PrismaClient, facts: BriefFacts, audience: BriefAudience, locale: string): Promise<BriefWords> {
  // The goal flags are the week's review's: as of its end, kept in its record once signed off.
  return briefWords(facts, audience, localizer(locale));
}

/**
 * A person's email as it is sent, with their own unsubscribe link; `shownTo` someone else (the
 * preview), the link leads to the same page but isn't signed, so it unsubscribes nobody.
 */
export async function personEmail(
  db: PrismaClient,
  facts: BriefFacts,
  person: Pick<BriefPerson, "userId" | "name" | "locale">,
  shownTo: string = person.userId,
): Promise<BriefEmail & { unsubscribeUrl: string }> {
  const words = await composeBrief(db, facts, { channel: "email", userId: person.userId, name: person.name }, person.locale);
  const link = shownTo === person.userId ? unsubscribeUrl(facts.shop, person.userId) : unsignedUnsubscribeUrl(facts.shop, person.userId);
  return { ...(await renderBriefEmail(words, link)), unsubscribeUrl: link };
}

/** The channel's message as it is posted. */
export async function channelMessage(db: PrismaClient, facts: BriefFacts, locale: string): Promise<SlackMessage> {
  return slackMessage(await composeBrief(db, facts, { channel: "slack" }, locale));
}
