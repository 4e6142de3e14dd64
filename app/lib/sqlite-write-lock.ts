/**
 * Waiting for SQLite's write lock without freezing the server.
 *
 * SQLite lets one connection write at a time. Its own busy timeout waits inside the driver call, and
 * libSQL's driver is synchronous: a connection waiting 15 s for a CLI import would stop every other
 * request of the process (and could never let the in-process writer it waits for finish). So every
 * write transaction starts with `BEGIN IMMEDIATE` (the lock is taken up front, so a transaction
 * never fails halfway through because another writer got there first) and, while another
 * connection holds the lock, waits here asynchronously with a short backoff until the deadline.
 * The driver's own busy timeout is kept short (SHORT_BUSY_TIMEOUT_MS) for the brief waits.
 */

/** What each connection sets as `PRAGMA busy_timeout`: a brief wait inside the driver, the rest here. */
export const SHORT_BUSY_TIMEOUT_MS = 20;

/** How long a writer waits for the lock before giving up: long enough for the longest write transaction. */
export const WRITE_LOCK_DEADLINE_MS = 120_000;

const MAX_BACKOFF_MS = 50;

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY…), as libSQL's drivers report them. */
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isBusyError(cause);
}

export class WriteLockTimeoutError extends Error {
  constructor(waitedMs: number) {
    super(`The database stayed locked by another writer for ${Math.round(waitedMs / 1000)} s; try again shortly.`);
    this.name = "WriteLockTimeoutError";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (a statement that takes the write lock, or one that may meet it) until it gets
 * through, waiting asynchronously while another connection holds the lock.
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>, deadlineMs: number = WRITE_LOCK_DEADLINE_MS): Promise<T> {
  const started = Date.now();
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= deadlineMs) throw new WriteLockTimeoutError(waited);
      await sleep(Math.min(MAX_BACKOFF_MS, 2 + tries * 2) + Math.random() * 5);
    }
  }
}

/** A connection of libSQL's synchronous driver (the bulk importer's and the rollups'). */
interface SyncConnection {
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

/**
 * One write transaction on a synchronous connection: the lock is awaited, then `write` runs
 * synchronously and commits, or rolls back on any error.
 */
export async function writeTransaction<T>(db: SyncConnection, write: () => T): Promise<T> {
  await retryWhileBusy(() => db.exec("BEGIN IMMEDIATE"));
  try {
    const result = write();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
