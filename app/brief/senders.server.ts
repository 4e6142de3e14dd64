/**
 * How a brief leaves the app: email through the mail server SMTP_URL names (nodemailer), Slack through
 * the channel's incoming webhook (@slack/webhook). Neither retries by itself: a delivery that fails is
 * recorded and tried again by a later run (deliveries.server.ts), so a server that is down for an hour
 * holds nothing up. Tests build their own from the same settings, pointed at servers on loopback.
 */
import { IncomingWebhook } from "@slack/webhook";
import nodemailer from "nodemailer";
import { env, type Env } from "~/env.server";
import type { SlackMessage } from "./slack";

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Ours, the same on every attempt (a client that saw it already can drop a copy). */
  messageId: string;
}

/** Sends one email; resolves with the Message-ID the server took it under. */
export type MailSender = (mail: OutgoingMail) => Promise<{ messageId: string }>;
/** Posts one message to an incoming webhook. */
export type SlackSender = (webhookUrl: string, message: SlackMessage) => Promise<void>;

export interface BriefSenders {
  /** Null while no mail server is configured: email is off. */
  mail: MailSender | null;
  slack: SlackSender;
}

/** A server that doesn't answer is given up on in seconds: the next run tries again. */
const CONNECT_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 30_000;
const SLACK_TIMEOUT_MS = 15_000;

export function briefSenders(settings: Env["brief"] = env().brief): BriefSenders {
  return { mail: mailSender(settings), slack: postToSlack };
}

function mailSender({ smtpUrl, from }: Env["brief"]): MailSender | null {
  if (!smtpUrl || !from) return null;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return async (mail) => {
    const sent = await transport.sendMail({ from, ...mail });
    return { messageId: sent.messageId };
  };
}

const postToSlack: SlackSender = async (webhookUrl, message) => {
  await new IncomingWebhook(webhookUrl, { timeout: SLACK_TIMEOUT_MS }).send({ text: message.text, blocks: message.blocks });
};
