// npm start: the production server. Remix's request handler on Express (what remix-serve runs),
// plus what operating it needs: a request id and one JSON log line per request (app/lib/log.server.ts),
// bounds on what a client may hold (app/operations/http-server.server.ts: header, request and
// keep-alive timeouts, connections capped below the descriptor limit, 503 rather than 500 when the
// server is full, /healthz answered even then), and a graceful stop on SIGTERM/SIGINT (a deploy):
// stop taking connections, let requests in flight finish, stop the background work (jobs finish or
// go back to the queue), close the database.
// Always as production, whatever NODE_ENV says: the first import sees to it (decision 014).
import { givenNodeEnv } from "./production-mode";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { format } from "node:util";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { env, type Env } from "./env.server";
import { log, withLogContext } from "./lib/log.server";
import { createLimitedServer, readDescriptorLimit } from "./operations/http-server.server";
import { answerExhaustionWith503 } from "./operations/overload.server";
import { serverLimits } from "./operations/server-limits";

const BUILD = path.resolve("build/server/index.js");
if (givenNodeEnv !== undefined && givenNodeEnv !== "production") {
  log.warn({ nodeEnv: givenNodeEnv }, "throughline: npm start serves as production; NODE_ENV is not used");
}
const { port, host, stopGraceMs: STOP_GRACE_MS, http: httpSettings } = settings();
const limits = serverLimits(httpSettings, readDescriptorLimit());

/** The environment, or a refusal to start: one line naming what is missing or wrong, and exit 1. */
function settings(): Env {
  try {
    return env();
  } catch (error) {
    const message = `throughline: not starting: ${(error as Error).message}`;
    // The log is where an operator looks; with LOG_LEVEL=silent, standard error still says why.
    if (log.isLevelEnabled("fatal")) log.fatal(message);
    else process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

// Libraries that print (Prisma's session storage, a library's warning) go to the same JSON log, one
// line each: an operator's pipeline parses every line. Remix's errors don't print: the build's
// handleError (entry.server.tsx) logs them once, and a 4xx not at all (the request's line says it).
for (const [method, level] of [
  ["log", "info"],
  ["info", "info"],
  ["warn", "warn"],
  ["error", "error"],
] as const) {
  console[method] = (...args: unknown[]) => log[level]({ source: "console" }, format(...args).slice(0, 4000));
}

const build = (await import(BUILD)) as ServerBuild & { entry: { module: { stopBackgroundWork?: () => Promise<void> } } };

const app = express();
const limited = createLimitedServer(app, limits);
app.disable("x-powered-by");
// First, before anything opens a file: while connections are at the limit, only the health check is answered.
app.use(limited.refuseWhenFull(["/healthz"]));
app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));

app.use((request, response, next) => {
  const requestId = (request.get("x-request-id") ?? "").replace(/[^\w.-]/g, "").slice(0, 64) || randomUUID();
  response.setHeader("X-Request-Id", requestId);
  if (stopping) response.setHeader("Connection", "close");
  const started = performance.now();
  response.on("finish", () => {
    // Path only: the query string carries Shopify's id_token, hmac and session.
    log.info({ requestId, method: request.method, path: request.path, status: response.statusCode, ms: Math.round(performance.now() - started) }, "request");
  });
  withLogContext({ requestId }, next);
});

app.all("*", createRequestHandler({ build: answerExhaustionWith503(build), mode: "production" }));
app.use(limited.answerExhaustion);

const server = limited.server;
server.listen(port, host, () => {
  const { descriptorLimit, maxConnections, shedAbove, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = limits;
  log.info({ descriptorLimit, maxConnections, shedAbove, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs }, "throughline: limits");
  log.info({ port }, `throughline: serving on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "throughline: stopping");
  const timer = setTimeout(() => {
    log.warn({ graceMs: STOP_GRACE_MS }, "throughline: stop took too long; exiting");
    process.exit(1);
  }, STOP_GRACE_MS).unref();
  // No new connections; each open one closes once its request is answered (keep-alive connections
  // would otherwise hold the server open until the grace ran out).
  await new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
  await build.entry.module.stopBackgroundWork?.();
  clearTimeout(timer);
  log.info("throughline: stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
