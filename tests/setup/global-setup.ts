import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { enableWriteAheadLog } from "../../app/dev/database-setup";
import { postgresUrl, startPostgres } from "../../app/dev/postgres";
import { dropTestDatabases, onPostgresServer, postgresTemplateName, SQLITE_TEMPLATE, testDatabaseKind } from "./test-database";

/**
 * Migrates the template databases the test workers clone (tests/setup/test-database.ts): SQLite's
 * always (tests of the SQLite connection itself use it on every run), and on a PostgreSQL run
 * PostgreSQL's too, both at once.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const kind = testDatabaseKind();
  const run = String(process.pid);
  process.env.THROUGHLINE_TEST_RUN = run;
  const dir = path.dirname(SQLITE_TEMPLATE);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.THROUGHLINE_TEST_DB_TEMPLATE = SQLITE_TEMPLATE;

  if (kind === "sqlite") {
    migrate(`file:${SQLITE_TEMPLATE}`);
    enableWriteAheadLog(`file:${SQLITE_TEMPLATE}`);
    return undefined;
  }

  startPostgres();
  const template = postgresTemplateName(run);
  await onPostgresServer(async (client) => {
    await dropTestDatabases(client); // those of earlier runs that were killed before their teardown
    await client.query(`CREATE DATABASE "${template}"`);
  });
  await Promise.all([migrateAsync(`file:${SQLITE_TEMPLATE}`), migrateAsync(postgresUrl(template))]);
  enableWriteAheadLog(`file:${SQLITE_TEMPLATE}`);
  return async () => {
    await onPostgresServer((client) => dropTestDatabases(client, run));
  };
}

const migrateArgs = ["prisma", ["migrate", "deploy"]] as const;
const migrateEnv = (url: string) => ({ ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" });

function migrate(url: string): void {
  execFileSync(migrateArgs[0], migrateArgs[1], { env: migrateEnv(url), stdio: "pipe" });
}

async function migrateAsync(url: string): Promise<void> {
  try {
    await promisify(execFile)(migrateArgs[0], migrateArgs[1], { env: migrateEnv(url) });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy on ${url} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
