/**
 * What a load balancer or an orchestrator asks: is the process up (`/healthz`, answered without
 * touching anything), and can it serve (`/readyz`: every dependency answers within its timeout).
 * Each check says its name, whether it passed, and how long it took; a failure says why in a few
 * words, never a connection string or a secret.
 */
import { existsSync } from "node:fs";
import type { PrismaClient } from "@prisma/client";
import { databaseKind } from "~/lib/database-kind";

export interface Check {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export type Probe = () => Promise<unknown>;

const TIMEOUT_MS = 2_000;

async function check(name: string, probe: Probe): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const firstLine = error instanceof Error ? error.message.split("\n").find((line) => line.trim() !== "") : undefined;
    const message = firstLine ? firstLine.trim().replace(/\w+:\/\/\S+/g, "<url>") : "failed";
    return { name, ok: false, ms: Math.round(performance.now() - started), error: message.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The database answers a read of one of the app's tables (SQLite and PostgreSQL alike), and on
 * SQLite its file is still there: a file deleted under a running server still answers through the
 * connection the server holds open. A failure says why in words (`databaseProblem`).
 */
export const databaseProbe =
  (db: PrismaClient, url: string): Probe =>
  async () => {
    const file = databaseKind(url) === "sqlite" && url.startsWith("file:") ? url.slice("file:".length) : null;
    if (file !== null && file !== ":memory:" && !existsSync(file)) throw new Error("the database file is missing");
    try {
      await db.session.findFirst({ select: { id: true } });
    } catch (error) {
      throw new Error(databaseProblem(error));
    }
  };

/** What Prisma's driver adapters say went wrong (SQLite's result code, or the kind of failure PostgreSQL's adapter names). */
interface DriverFailure {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  extendedCode?: number;
}

function driverFailure(error: unknown): DriverFailure | undefined {
  const withMeta = error as { meta?: { driverAdapterError?: { cause?: DriverFailure } }; name?: string; cause?: DriverFailure };
  return withMeta.meta?.driverAdapterError?.cause ?? (withMeta.name === "DriverAdapterError" ? withMeta.cause : undefined);
}

/** SQLite's primary result codes (https://sqlite.org/rescode.html) a read can meet, in words. */
const SQLITE_PROBLEMS: Record<number, string> = {
  5: "the database file is locked by another process",
  6: "the database file is locked by another process",
  10: "the database file can't be read (an I/O error)",
  11: "the database file is corrupt",
  14: "the database file can't be opened (unreadable, or not a file)",
  26: "the file is not a SQLite database",
};

/**
 * Why the database didn't answer, in a few words: never the connection string, a path or a
 * query (Prisma's messages carry the query's place in the code, and the server's address).
 */
export function databaseProblem(error: unknown): string {
  const failure = driverFailure(error);
  switch (failure?.kind) {
    case "DatabaseNotReachable":
      return "the database server can't be reached (it is down, or the host or port is wrong)";
    case "DatabaseDoesNotExist":
      return "the database doesn't exist on the server";
    case "AuthenticationFailed":
      return "the database server refused the credentials";
    case "TableDoesNotExist":
      return "the database has none of the app's tables: it isn't migrated, or it is a new, empty file";
    case "TooManyConnections":
      return "the database server has no connection to spare";
  }
  const sqliteCode = Number(failure?.extendedCode ?? failure?.originalCode) & 0xff;
  if (SQLITE_PROBLEMS[sqliteCode]) return SQLITE_PROBLEMS[sqliteCode];
  if (failure?.kind === "SocketTimeout") return "the database server stopped answering";
  // Prisma's libSQL adapter when the file can't be opened at all.
  if (error instanceof Error && error.message.startsWith("Failed to connect to database")) return SQLITE_PROBLEMS[14]!;
  const said = failure?.originalMessage ?? (error instanceof Error ? error.message.split("\n").findLast((line) => line.trim() !== "") : undefined);
  return said ? `the database answered: ${said.trim()}` : "the database didn't answer";
}

export async function readiness(probes: Record<string, Probe>): Promise<{ status: number; body: { ready: boolean; checks: Check[] } }> {
  const checks = await Promise.all(Object.entries(probes).map(([name, probe]) => check(name, probe)));
  const ready = checks.every((result) => result.ok);
  return { status: ready ? 200 : 503, body: { ready, checks } };
}
