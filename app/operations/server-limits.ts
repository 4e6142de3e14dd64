/**
 * How much of the process a client may hold, and for how long: the numbers the production server
 * (app/serve.ts, through http-server.server.ts) is built with. Pure: the settings and the process's
 * descriptor limit in, the server's bounds out (docs/decisions/016-server-limits.md).
 *
 * Every open connection is a file descriptor, and so is every database connection, file and
 * socket to Shopify the process opens: once connections have taken them all, the database pool
 * can't connect (EMFILE) and every request fails, /healthz included. So connections are capped
 * well below the descriptor limit, and a client holds one only as long as a real client needs.
 */

/** What the operator sets (app/env.server.ts, README "Environment variables"). */
export interface HttpSettings {
  /** A client must have sent a request's headers within this long of connecting (or of starting the request). */
  headersTimeoutMs: number;
  /** …and the whole request, body included, within this long. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** The cap on open connections when set; otherwise derived from the descriptor limit. */
  maxConnections: number | undefined;
}

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /**
   * How often Node looks for connections past their headers or request timeout: it checks only
   * then (every 30 s by default), so a timeout fires up to this much late.
   */
  connectionsCheckingIntervalMs: number;
  /** The descriptor limit the cap was derived from (null: the OS didn't say, the fallback was used). */
  descriptorLimit: number | null;
  /** Node closes any connection beyond this many at once. */
  maxConnections: number;
  /**
   * Above this many open connections a new one lets go of the one that has waited longest without
   * sending a request, and above this many busy with a request new work is refused with 503
   * (/healthz still answered): the slots up to maxConnections stay free for the health check.
   */
  shedAbove: number;
}

/**
 * Descriptors kept out of the cap for the process's own work: at rest the server holds 30–45
 * (standard streams, the event loop, SQLite's database, WAL and shared-memory files, the bulk
 * worker's pipes), PostgreSQL's pool up to 10 connections and pg-boss's 4, and the jobs' calls to
 * Shopify a few more.
 */
export const RESERVED_DESCRIPTORS = 64;

/** When the OS doesn't tell the limit (no /proc): the common default soft limit. */
export const FALLBACK_DESCRIPTOR_LIMIT = 1024;

/** The fewest connections a derived cap allows, however low the descriptor limit. */
const MIN_CONNECTIONS = 8;

/** The soft "Max open files" of a /proc/<pid>/limits text, or null when absent or unlimited. */
export function descriptorLimitFrom(procLimits: string): number | null {
  const soft = /^Max open files\s+(\S+)/m.exec(procLimits)?.[1];
  const limit = Number(soft);
  return soft !== undefined && Number.isSafeInteger(limit) && limit > 0 ? limit : null;
}

/**
 * What the reserve leaves, less a quarter: answering a connection may open a descriptor besides
 * its socket for a while (a static asset read from disk, a call to Shopify).
 */
export function connectionsFor(descriptorLimit: number): number {
  return Math.max(MIN_CONNECTIONS, Math.floor(((descriptorLimit - RESERVED_DESCRIPTORS) * 3) / 4));
}

export function serverLimits(settings: HttpSettings, descriptorLimit: number | null): ServerLimits {
  const maxConnections = settings.maxConnections ?? connectionsFor(descriptorLimit ?? FALLBACK_DESCRIPTOR_LIMIT);
  // An eighth of the cap (at least 2) stays for health checks and connections let go of.
  const healthSlots = Math.max(2, Math.ceil(maxConnections / 8));
  return {
    headersTimeoutMs: settings.headersTimeoutMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    keepAliveTimeoutMs: settings.keepAliveTimeoutMs,
    // A tenth of the headers timeout, at most a second: a timeout fires at most 10% late.
    connectionsCheckingIntervalMs: Math.max(100, Math.min(1_000, Math.floor(settings.headersTimeoutMs / 10))),
    descriptorLimit,
    maxConnections,
    shedAbove: Math.max(1, maxConnections - healthSlots),
  };
}
