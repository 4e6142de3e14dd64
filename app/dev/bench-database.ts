import { rmSync } from "node:fs";
import path from "node:path";
import { GENERATOR_VERSION } from "@throughline/devstore";
import pg from "pg";
import { postgresUrl, startPostgres } from "./postgres";

/**
 * A benchmark's fresh database: one named `name` on the private PostgreSQL server (started if it
 * isn't; an earlier run's copy dropped), or a new SQLite file at `sqliteFile` (an earlier run's file,
 * write-ahead log and journal removed). Returns its DATABASE_URL, not yet migrated.
 */
export async function freshBenchDatabase(kind: "sqlite" | "postgresql", name: string, sqliteFile: string): Promise<string> {
  if (kind === "sqlite") {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(sqliteFile + suffix, { force: true });
    return `file:${sqliteFile}`;
  }
  startPostgres();
  const server = new pg.Client({ connectionString: postgresUrl("postgres") });
  await server.connect();
  try {
    await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server.query(`CREATE DATABASE "${name}"`);
  } finally {
    await server.end();
  }
  return postgresUrl(name);
}

/** Where bench:sync keeps what it builds, and where bench:indicators finds it. */
export const BENCH_DIR = path.resolve("tmp/bench");

/**
 * The one way the benches name a stored store: the generator's version (a store made by an older
 * generator is made again, never read), the orders, and the query limits bench:sync copied it under.
 */
export function benchStoreFile(orders: number, limits: string): string {
  return path.join(BENCH_DIR, `bench-v${GENERATOR_VERSION}-${orders}-${limits}.sqlite`);
}
