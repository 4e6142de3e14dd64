/**
 * A request that fails because the process ran out of file descriptors (EMFILE, or ENFILE for the
 * whole system) found the server full, not broken: it is answered 503 with Retry-After, which
 * Shopify's webhook deliveries, load balancers and browsers take as "try again shortly", never 500.
 *
 * Where it comes from: the database pool opening a connection (Prisma's error carries pg's
 * `code: "EMFILE"`), a call to Shopify (fetch's error has it as its cause), a static file. Loaders
 * and actions are mapped here (`answerExhaustionWith503`, around every route of the build: Remix
 * turns a thrown error into 500 itself); what fails outside them, in Express, is mapped by the
 * server's error handler (http-server.server.ts).
 */
import type { ServerBuild } from "@remix-run/node";
import { log } from "~/lib/log.server";

/** What a refused client is asked to wait: descriptors free up as requests finish, within seconds. */
export const RETRY_AFTER_SECONDS = 5;

export const OVERLOADED_MESSAGE = "Throughline has too many connections open right now: try again in a few seconds.\n";

const EXHAUSTION_CODES = new Set(["EMFILE", "ENFILE"]);

/** EMFILE or ENFILE when an error (or any error it wraps) is the process or the system out of file descriptors, else null. */
export function exhaustionCode(error: unknown, depth = 0): string | null {
  if (depth > 8 || typeof error !== "object" || error === null) return null;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && EXHAUSTION_CODES.has(code)) return code;
  // Some wrappers keep only the message (a driver's error rethrown as text): Node's words for it.
  if (typeof message === "string") {
    const named =
      /\b(EMFILE|ENFILE)\b/.exec(message)?.[1] ??
      (/too many open files in system/i.test(message) ? "ENFILE" : /too many open files/i.test(message) ? "EMFILE" : null);
    if (named) return named;
  }
  for (const inner of Array.isArray(errors) ? errors : []) {
    const found = exhaustionCode(inner, depth + 1);
    if (found) return found;
  }
  return exhaustionCode(cause, depth + 1);
}

export const isDescriptorExhaustion = (error: unknown): boolean => exhaustionCode(error) !== null;

export function overloadedResponse(): Response {
  return new Response(OVERLOADED_MESSAGE, {
    status: 503,
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

type RouteFunction = (args: never) => unknown;

function answering503<F extends RouteFunction>(routeId: string, run: F): F {
  return (async (args: never) => {
    try {
      return await run(args);
    } catch (error) {
      const code = exhaustionCode(error);
      if (!code) throw error;
      log.warn({ route: routeId, code }, "out of file descriptors: answered 503");
      throw overloadedResponse();
    }
  }) as F;
}

/**
 * The same build with every loader and action answering 503 (a thrown Response, which Remix
 * passes on as it is) where they would have failed for want of file descriptors.
 */
export function answerExhaustionWith503(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: { ...route.module, ...(loader && { loader: answering503(id, loader) }), ...(action && { action: answering503(id, action) }) },
    };
  }
  return { ...build, routes };
}
