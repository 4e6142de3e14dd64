/**
 * The production server's http server, within its limits (server-limits.ts): a client that
 * trickles its headers or its body is cut off (408) when its time is up, an idle keep-alive
 * connection outlives the load balancer's, and connections are capped below the descriptor limit.
 * Near the cap the server stays answerable for the load balancer: once more than seven eighths of
 * the cap are open, a new connection lets go of the one that has waited longest without sending a
 * request (never a served client's idle keep-alive connection while there is such a one: a slow
 * client holds no slot a health check or real work needs); once that many are busy
 * with requests, new work gets 503 with Retry-After while /healthz is still answered. A request
 * that fails for want of descriptors anyway answers 503 too (overload.server.ts).
 */
import { readFileSync } from "node:fs";
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { errorField, log } from "~/lib/log.server";
import { exhaustionCode, OVERLOADED_MESSAGE, RETRY_AFTER_SECONDS } from "./overload.server";
import { descriptorLimitFrom, type ServerLimits } from "./server-limits";

/** While the server is full, a connection that has waited this long for its request is let go of. */
const LET_GO_AFTER_MS = 1_000;

/** This process's descriptor limit as the OS tells it (Linux: /proc/self/limits), or null elsewhere. */
export function readDescriptorLimit(): number | null {
  try {
    return descriptorLimitFrom(readFileSync("/proc/self/limits", "utf8"));
  } catch {
    return null;
  }
}

type Next = (error?: unknown) => void;

export interface LimitedServer {
  server: http.Server;
  /** Open connections now (Node's own count is only available asynchronously). */
  openConnections(): number;
  /** Middleware to run first: while the server is busy, anything but the exempt paths answers 503. */
  refuseWhenFull(exemptPaths: readonly string[]): (request: IncomingMessage & { path?: string }, response: ServerResponse, next: Next) => void;
  /** Error middleware to run last: a failure for want of descriptors answers 503, anything else goes on. */
  answerExhaustion(error: unknown, request: IncomingMessage, response: ServerResponse, next: Next): void;
}

/** Answers 503 and closes the connection, so its slot frees at once. */
function answerOverloaded(response: ServerResponse): void {
  response.writeHead(503, {
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "close",
  });
  response.end(OVERLOADED_MESSAGE);
}

export function createLimitedServer(listener: RequestListener, limits: ServerLimits): LimitedServer {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;

  // Connections waiting for a request, oldest first (a Map keeps insertion order), with the time
  // they began waiting: those that never sent one (just opened, or trickling their headers), let
  // go of first, and those idle between keep-alive requests (a client that has been served).
  const unproven = new Map<Socket, number>();
  const idle = new Map<Socket, number>();
  // Counted here rather than by Node: a connection let go of leaves the count at once, not at its
  // 'close' event (a burst of connections is accepted in one go).
  const open = new Set<Socket>();
  const episode = { active: false, letGo: 0, refused: 0, dropped: 0 };
  // More than `shedAbove` open: a new connection lets go of one still waiting for its request.
  const crowded = () => open.size > limits.shedAbove;
  // More than `shedAbove` busy with a request: new work is refused. (Connections waiting for a
  // request can be let go of whenever a slot is needed: slow clients alone don't stop real work.)
  const busy = () => open.size - unproven.size - idle.size > limits.shedAbove;

  function noteFull(): void {
    if (episode.active) return;
    Object.assign(episode, { active: true, letGo: 0, refused: 0, dropped: 0 });
    log.warn(
      { open: open.size, shedAbove: limits.shedAbove, maxConnections: limits.maxConnections },
      "throughline: connections at the limit; new work refused until they drop",
    );
  }

  /**
   * Lets go of the connection that has waited longest for a request, one that never sent one
   * first. At the cap any, whatever its age, so the next connection (perhaps the health check)
   * finds a slot; before it, only one that has kept its slot a while.
   */
  function letGoOfOne(atCap: boolean): void {
    for (const waiting of [unproven, idle]) {
      const [socket, since] = waiting.entries().next().value ?? [];
      if (!socket || since === undefined || (!atCap && performance.now() - since < LET_GO_AFTER_MS)) continue;
      waiting.delete(socket);
      open.delete(socket);
      socket.destroy();
      episode.letGo += 1;
      return;
    }
  }

  server.on("connection", (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => {
      open.delete(socket);
      unproven.delete(socket);
      idle.delete(socket);
      // Back well under the limit (not at the first close: the count hovers there while full).
      if (episode.active && open.size <= Math.floor((limits.shedAbove * 3) / 4)) {
        episode.active = false;
        log.info(
          { open: open.size, letGo: episode.letGo, refused: episode.refused, dropped: episode.dropped },
          "throughline: connections back under the limit",
        );
      }
    });
    if (crowded()) {
      noteFull();
      letGoOfOne(open.size >= limits.maxConnections);
    }
    unproven.set(socket, performance.now());
  });
  server.on("drop", () => {
    noteFull();
    episode.dropped += 1;
  });
  server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    unproven.delete(socket);
    idle.delete(socket);
    response.once("finish", () => {
      if (!socket.destroyed) idle.set(socket, performance.now());
    });
  });

  return {
    server,
    openConnections: () => open.size,
    refuseWhenFull: (exemptPaths) => (request, response, next) => {
      const path = request.path ?? new URL(request.url ?? "/", "http://server").pathname;
      if (!busy() || exemptPaths.includes(path)) return next();
      noteFull();
      episode.refused += 1;
      answerOverloaded(response);
    },
    answerExhaustion: (error, _request, response, next) => {
      const code = exhaustionCode(error);
      if (!code) return next(error);
      log.warn({ code, ...errorField(error) }, "out of file descriptors: answered 503");
      if (response.headersSent) response.destroy();
      else answerOverloaded(response);
    },
  };
}
