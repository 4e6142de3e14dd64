/**
 * The mail server and Slack listener the brief's tests send to (on the ports tests/brief/brief-env.ts
 * put in the environment), started once for a file, emptied with a fresh database and brief shop
 * before each test. `servers.mail` is replaced when a test stops the mail server and starts it again.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetDatabase } from "../helpers/database";
import { startMailServer, type MailServer } from "../helpers/mail-server";
import { startSlackListener, type SlackListener } from "../helpers/slack-listener";
import { SLACK_PORT, SMTP_PORT } from "./brief-env";
import { seedBriefShop } from "./brief-shop";

export const servers = {} as { mail: MailServer; slack: SlackListener };

/** Starts the mail server again on its port (after a test stopped it). */
export async function restartMailServer(): Promise<void> {
  servers.mail = await startMailServer(SMTP_PORT);
}

export function withBriefServers(): void {
  beforeAll(async () => {
    servers.mail = await startMailServer(SMTP_PORT);
    servers.slack = await startSlackListener(SLACK_PORT);
  });
  afterAll(async () => {
    await servers.mail.stop();
    await servers.slack.stop();
  });
  beforeEach(async () => {
    await resetDatabase();
    await seedBriefShop(servers.slack.origin);
    servers.mail.received.length = 0;
    servers.slack.posts.length = 0;
    servers.slack.failWith = null;
  });
}
