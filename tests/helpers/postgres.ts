/**
 * A PostgreSQL server for the tests that need PostgreSQL whatever database the suite runs on (the
 * hand-written SQL compared across databases, two app instances sharing a queue). First that applies:
 * - THROUGHLINE_TEST_POSTGRES_URL, a URL of any database on a PostgreSQL ≥ 15 server;
 * - the suite's private server (`npm run postgres`, app/dev/postgres.ts), started if needed, when
 *   PostgreSQL's server binaries are installed;
 * - none: with THROUGHLINE_TEST_REQUIRE_POSTGRES=1 or CI set, the tests that need it fail saying
 *   why; otherwise they are not defined and the file says so.
 * Each test makes scratch databases of its own on that server, migrated, and drops them.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { postgresInstalled, postgresUrl, startPostgres } from "~/dev/postgres";
import { databaseKind } from "~/lib/database-kind";

export const postgresRequired = process.env.THROUGHLINE_TEST_REQUIRE_POSTGRES === "1" || Boolean(process.env.CI);

export function postgresServer(): string | null {
  const given = process.env.THROUGHLINE_TEST_POSTGRES_URL?.trim();
  if (given) {
    if (databaseKind(given) !== "postgresql") throw new Error(`THROUGHLINE_TEST_POSTGRES_URL must be a postgresql:// URL, not ${given.split(":")[0]}:`);
    return given;
  }
  if (postgresInstalled()) {
    startPostgres();
    return postgresUrl("postgres");
  }
  return null;
}

export const NO_POSTGRES =
  "No PostgreSQL to test against: set THROUGHLINE_TEST_POSTGRES_URL (postgresql://…) or install PostgreSQL's server binaries (apt-get install postgresql)";

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function onServer(server: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A scratch database named `name` on the server, with the PostgreSQL migrations applied as they are (faster than the CLI). */
export async function scratchPostgres(server: string, name: string): Promise<string> {
  await onServer(server, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(server, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dir = path.resolve("prisma/postgresql/migrations");
    for (const migration of readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()) {
      await client.query(readFileSync(path.join(dir, migration, "migration.sql"), "utf8"));
    }
  } finally {
    await client.end();
  }
  return url;
}

export function dropScratchPostgres(server: string, name: string): Promise<void> {
  return onServer(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
