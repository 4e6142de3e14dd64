/**
 * Which database the suite runs on, and the databases it makes for itself. `npm test` runs the suite
 * on SQLite, then on PostgreSQL (`THROUGHLINE_TEST_DATABASE=postgresql`, what `npm run
 * test:postgres` sets): the same tests on both, as the app supports both (decision 007).
 *
 * SQLite: one migrated template file, copied per worker (a file copy is the fastest fresh database).
 * PostgreSQL: the private server of `npm run postgres` (app/dev/postgres.ts, loopback only), one template
 * database migrated once per run and cloned per worker with `CREATE DATABASE … TEMPLATE` (a few
 * tens of milliseconds, where `prisma migrate deploy` takes seconds). Every database a run makes is
 * named `throughline_test_<pid of the run>_…`: dropped when the run ends, or by the next run when
 * that pid is gone (a killed run), never another live run's.
 */
import { copyFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { postgresUrl } from "../../app/dev/postgres";

export type TestDatabaseKind = "sqlite" | "postgresql";

export function testDatabaseKind(env: Record<string, string | undefined> = process.env): TestDatabaseKind {
  const kind = env.THROUGHLINE_TEST_DATABASE?.trim() || "sqlite";
  if (kind !== "sqlite" && kind !== "postgresql") {
    throw new Error(`THROUGHLINE_TEST_DATABASE must be sqlite or postgresql, not ${JSON.stringify(kind)}`);
  }
  return kind;
}

/** The run's SQLite files live in a folder of their own, so runs side by side never touch each other's. */
export const testDbRoot = () => path.resolve("tmp/test-db");
export const runDbDir = (run = runId()) => path.join(testDbRoot(), `run-${run}`);
export const sqliteTemplate = (run = runId()) => path.join(runDbDir(run), "template.sqlite");
const PREFIX = "throughline_test_";

/** The run's id, set by the global setup: every database of the run is named after it. */
function runId(): string {
  const id = process.env.THROUGHLINE_TEST_RUN;
  if (!id) throw new Error("THROUGHLINE_TEST_RUN is unset: the suite's databases are made by tests/setup/global-setup.ts (run vitest, not a test file alone)");
  return id;
}

export const postgresTemplateName = (run = runId()) => `${PREFIX}${run}_template`;

/** A statement on the server's maintenance database (databases are created and dropped from there). */
export async function onPostgresServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl("postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Drops the databases of runs whose process is gone (a run killed before its teardown), or of `run`. */
export async function dropTestDatabases(client: pg.Client, run?: string): Promise<void> {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${PREFIX}%`]);
  for (const { datname } of rows) {
    const owner = /^throughline_test_(\d+)_/.exec(datname)?.[1];
    if (owner === undefined) continue;
    if (run === undefined ? alive(Number(owner)) : owner !== run) continue;
    await client.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A database of its own, as the migrations leave it, for a worker or a test that runs the app in
 * another process: returns its DATABASE_URL. `name` is unique within the run; calling it again
 * gives a fresh copy.
 */
export async function freshTestDatabase(name: string, kind: TestDatabaseKind = testDatabaseKind()): Promise<string> {
  if (kind === "sqlite") {
    const file = path.join(runDbDir(), `${name}.sqlite`);
    copyFileSync(sqliteTemplate(), file);
    return `file:${file}`;
  }
  const database = `${PREFIX}${runId()}_${name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`;
  await onPostgresServer(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
    // Workers start together: a clone waits while another clone of the template is being taken.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${ident(database)} TEMPLATE ${ident(postgresTemplateName())}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return postgresUrl(database);
}
