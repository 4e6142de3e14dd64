/**
 * The app's log: one JSON object a line (pino), each carrying the context it was written in (the
 * request's id, the shop, the job) without every call passing it. Context is set around a request
 * by the server (app/serve.ts) and around a job by the queue, with `withLogContext`.
 *
 * What never goes in: tokens, secrets and customer data. Requests are logged by method, path and
 * status only (no query string: it carries Shopify's id_token and hmac; no headers); errors by
 * message (one nobody expected also with its stack's frames: where it was thrown, never what it
 * held); anything under a key that names a secret is redacted as a last resort.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

export interface LogContext {
  requestId?: string;
  shop?: string;
  jobId?: string;
  job?: string;
}

// The production server (app/serve.ts) and Remix's build it loads each carry a copy of this
// module: they share one context, or the lines logged inside the build would lose the request's id.
const CONTEXT = Symbol.for("throughline.log-context");
const context = ((globalThis as { [CONTEXT]?: AsyncLocalStorage<LogContext> })[CONTEXT] ??= new AsyncLocalStorage<LogContext>());

// In a terminal (the command line: app/cli/terminal-log.ts marks it before anything logs), the log
// is for what went wrong: warnings and errors by default, on standard error, so a command's own
// output (and its --json) stays alone on standard output.
const IN_TERMINAL = Symbol.for("throughline.log-in-terminal");
const inTerminal = (globalThis as { [IN_TERMINAL]?: boolean })[IN_TERMINAL] === true;

const level = process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : inTerminal ? "warn" : "info");

const options: pino.LoggerOptions = {
  level,
  base: { service: "throughline" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin: () => ({ ...context.getStore() }),
  redact: {
    paths: [
      "accessToken",
      "refreshToken",
      "token",
      "secret",
      "password",
      "authorization",
      "*.accessToken",
      "*.refreshToken",
      "*.token",
      "*.authorization",
      "email",
      "*.email",
      "phone",
      "*.phone",
    ],
    censor: "[redacted]",
  },
};

export const log = inTerminal ? pino(options, pino.destination(2)) : pino(options);

/** Runs `work` with these fields added to every line it logs (nested contexts add up). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, work);
}

/** Adds fields to the current context (e.g. the shop, once a request is authenticated). */
export function addLogContext(fields: LogContext): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

/** An error as a log field: its kind and first line (Prisma's begin with an empty one), never its stack's data or a request it carries. */
export function errorField(error: unknown): { error: string } {
  const firstLine = (text: string) => (text.split("\n").find((line) => line.trim() !== "") ?? "").trim().slice(0, 500);
  if (error instanceof Error) return { error: `${error.name}: ${firstLine(error.message)}` };
  return { error: firstLine(String(error)) };
}

/**
 * An unexpected error as log fields: its kind and first line, and the frames of its stack (file,
 * line, function), without the message lines a stack begins with (they may hold a query or a URL).
 */
export function errorWithStack(error: unknown): { error: string; stack?: string } {
  const frames =
    error instanceof Error
      ? (error.stack ?? "")
          .split("\n")
          .filter((line) => /^\s+at /.test(line))
          .map((line) => line.trim())
          .slice(0, 30)
      : [];
  return frames.length > 0 ? { ...errorField(error), stack: frames.join("\n") } : errorField(error);
}
