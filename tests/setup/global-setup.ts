import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { enableWriteAheadLog } from "../../app/dev/database-setup";
import { postgresUrl, startPostgres } from "../../app/dev/postgres";
import { dropTestDatabases, onPostgresServer, postgresTemplateName, runDbDir, sqliteTemplate, testDatabaseKind, testDbRoot } from "./test-database";

/**
 * Migrates the template databases the test workers clone (tests/setup/test-database.ts): SQLite's
 * always (tests of the SQLite connection itself use it on every run), and on a PostgreSQL run
 * PostgreSQL's too, both at once.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const kind = testDatabaseKind();
  const run = String(process.pid);
  process.env.THROUGHLINE_TEST_RUN = run;
  removeDeadRunFolders();
  const dir = runDbDir(run);
  mkdirSync(dir, { recursive: true });
  const templateFile = sqliteTemplate(run);
  process.env.THROUGHLINE_TEST_DB_TEMPLATE = templateFile;
  const removeOwnFolder = () => rmSync(dir, { recursive: true, force: true });

  if (kind === "sqlite") {
    migrate(`file:${templateFile}`);
    enableWriteAheadLog(`file:${templateFile}`);
    return async () => removeOwnFolder();
  }

  startPostgres();
  const template = postgresTemplateName(run);
  await onPostgresServer(async (client) => {
    await dropTestDatabases(client); // those of earlier runs that were killed before their teardown
    await client.query(`CREATE DATABASE "${template}"`);
  });
  await Promise.all([migrateAsync(`file:${templateFile}`), migrateAsync(postgresUrl(template))]);
  enableWriteAheadLog(`file:${templateFile}`);
  return async () => {
    await onPostgresServer((client) => dropTestDatabases(client, run));
    removeOwnFolder();
  };
}

/** Folders of earlier runs whose process is gone (killed before their teardown); a live run's stay. */
function removeDeadRunFolders(): void {
  const root = testDbRoot();
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!pid || isAlive(pid)) continue;
    rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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
