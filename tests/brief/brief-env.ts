// Imported first by the brief's test files (vitest evaluates a file's imports in order): free ports
// for the loopback mail server and Slack listener, in the environment before the app first reads it,
// as a deployment would set SMTP_URL, BRIEF_FROM and SLACK_WEBHOOK_ORIGIN.
import { freePort } from "~/dev/processes";

export const SMTP_PORT = await freePort();
export const SLACK_PORT = await freePort();
export const BRIEF_FROM = "Throughline <brief@throughline.test>";
process.env.SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`;
process.env.BRIEF_FROM = BRIEF_FROM;
process.env.SLACK_WEBHOOK_ORIGIN = `http://127.0.0.1:${SLACK_PORT}`;
