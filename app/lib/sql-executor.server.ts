/**
 * The executor under the app's hand-written SQL (the bulk importer's and the rollups', decision
 * 007): one small interface, one implementation per database, so the statements themselves stay
 * shared text and every difference between SQLite and PostgreSQL lives here.
 *
 * Everything else reads and writes through Prisma; these two modules exist because Prisma is ten
 * times too slow for a million-order backfill or a rollup rebuild (STACK.md).
 *
 * What the statements may rely on, on both databases:
 * - `?` placeholders (turned into `$1, $2…` for PostgreSQL);
 * - rows come back as arrays, in the order of the SELECT list;
 * - BigInt columns (int8) come back as `bigint`; other integers as `bigint` (SQLite) or `number`
 *   (PostgreSQL int4), so readers convert counts with `Number()`;
 * - DateTime columns come back as ISO 8601 text ("…+00:00" on SQLite as Prisma stores it, "…Z" on
 *   PostgreSQL): `new Date(text)` reads both; a `Date` parameter is written the way each stores it;
 * - Bytes come back as an ArrayBuffer (SQLite) or a Buffer (PostgreSQL);
 * - Boolean columns: write TRUE/FALSE or `NOT col` in SQL; as parameters, 1/0 (PostgreSQL reads "1"
 *   and "0" as booleans, and SQLite stores Prisma's booleans as 0/1);
 * - sums of BigInt columns are numeric on PostgreSQL: write `CAST(SUM(…) AS BIGINT)`.
 */
import Database from "libsql";
import pg from "pg";
import { databaseKind, type DatabaseKind } from "./database-kind";
import { retryWhileBusy, SHORT_BUSY_TIMEOUT_MS } from "./sqlite-write-lock";

export type SqlValue = string | number | bigint | boolean | Date | Uint8Array | null;
export type SqlRow = unknown[];

/** Statements on one connection (inside a transaction) or on the database (outside one). */
export interface SqlRunner {
  readonly dialect: DatabaseKind;
  /** The rows of a query, each as an array of its columns. */
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlExecutor extends SqlRunner {
  /**
   * Runs `work` in one write transaction: committed when it resolves, rolled back when it throws.
   * Inside, use only the runner it is given (the executor's own methods would wait for it to end).
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Closes the connections (tests and scripts; the app keeps them for its lifetime). */
  close(): Promise<void>;
  /**
   * After an erasure: no copy of the deleted rows stays readable in the database's files. SQLite zeroes
   * deleted content in place (`secure_delete`, set on every connection); earlier copies of those pages
   * in the write-ahead log go when the log is written back and truncated here. PostgreSQL keeps a
   * deleted row's bytes until vacuum reuses its space: nothing to do here (see the README's Deploying).
   */
  flushDeleted(): Promise<void>;
}

/**
 * Every SQLite connection the app opens (Prisma's and these) overwrites deleted content with zeros,
 * so a shop's erased rows leave nothing readable in the file (a redaction must erase, not unlink).
 */
export const SQLITE_SECURE_DELETE = ["secure_delete = ON"];

/** PostgreSQL accepts at most this many parameters in one statement (its wire protocol's int16). */
export const POSTGRES_MAX_PARAMETERS = 65_535;

/** Prisma's text form of a DateTime on SQLite. */
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

// ---------------------------------------------------------------------------------------------
// SQLite: libSQL's synchronous driver
// ---------------------------------------------------------------------------------------------

type Statement = ReturnType<Database.Database["prepare"]>;

/** Statements kept compiled per connection; beyond this many distinct texts the cache starts over. */
const MAX_CACHED_STATEMENTS = 2_000;

/** Runs one task at a time, in call order. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function sqliteValue(value: SqlValue): unknown {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

class SqliteConnection {
  readonly db: Database.Database;
  private readonly reads = new Map<string, Statement>();
  private readonly writes = new Map<string, Statement>();

  constructor(path: string, pragmas: string[]) {
    this.db = new Database(path);
    for (const pragma of pragmas) this.db.prepare(`PRAGMA ${pragma}`).all();
  }

  all(sql: string, params: readonly SqlValue[]): SqlRow[] {
    return this.statement(this.reads, sql, true).all(params.map(sqliteValue)) as SqlRow[];
  }

  run(sql: string, params: readonly SqlValue[]): number {
    return Number(this.statement(this.writes, sql, false).run(params.map(sqliteValue)).changes);
  }

  private statement(cache: Map<string, Statement>, sql: string, raw: boolean): Statement {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = this.db.prepare(sql);
      if (raw) statement = statement.raw(true).safeIntegers(true);
      cache.set(sql, statement);
    }
    return statement;
  }
}

/**
 * Two connections per database: one writes (every transaction, one at a time, `BEGIN IMMEDIATE`
 * with the lock awaited asynchronously: lib/sqlite-write-lock.ts), one reads outside transactions,
 * so a reader never waits behind an import's transaction (WAL gives it the last committed state).
 */
class SqliteExecutor implements SqlExecutor {
  readonly dialect = "sqlite" as const;
  private readonly writer: SqliteConnection;
  private readonly reader: SqliteConnection;
  private readonly queue = new Queue();
  private readonly tx: SqlRunner;

  constructor(path: string) {
    // WAL lets the app keep reading while an import writes; the driver's own busy wait is kept
    // short (the rest is awaited). Checkpoints (WAL → database file) every ~256 MB rather than 4 MB.
    const common = ["journal_mode = WAL", `busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`, "synchronous = NORMAL", ...SQLITE_SECURE_DELETE];
    this.writer = new SqliteConnection(path, [...common, "cache_size = -65536", "temp_store = MEMORY", "wal_autocheckpoint = 65536"]);
    this.reader = new SqliteConnection(path, common);
    const writer = this.writer;
    this.tx = {
      dialect: "sqlite",
      all: async (sql, params = []) => writer.all(sql, params),
      run: async (sql, params = []) => writer.run(sql, params),
    };
  }

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.reader.all(sql, params);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.transaction((tx) => tx.run(sql, params));
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    // One connection, one transaction at a time: `work` awaits, so another caller's BEGIN must wait.
    return this.queue.run(async () => {
      const db = this.writer.db;
      await retryWhileBusy(() => db.exec("BEGIN IMMEDIATE"));
      try {
        const result = await work(this.tx);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    });
  }

  flushDeleted(): Promise<void> {
    return this.queue.run(async () => {
      // A reader still on an older snapshot keeps the log: wait for it a little, then try again.
      for (let attempt = 1; ; attempt++) {
        const [result] = this.writer.db.prepare("PRAGMA wal_checkpoint(TRUNCATE)").all() as { busy: number }[];
        if (!result || result.busy === 0) return;
        if (attempt === 50) throw new Error("The write-ahead log could not be truncated: a reader kept it for 5 s");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
  }

  /**
   * Nothing to release: libSQL can't close a connection that prepared statements
   * (tursodatabase/libsql-js#230), so the connections live as long as the process.
   */
  async close(): Promise<void> {}
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: node-postgres
// ---------------------------------------------------------------------------------------------

const OID = { int8: 20, timestamp: 1114 } as const;

/**
 * Prisma keeps DateTime on PostgreSQL as `timestamp(3)` without time zone, in UTC; read it as UTC
 * (pg's default would read it in the process's zone) and give the ISO text SQLite gives.
 */
const readTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`).toISOString();

/** This executor's parsers only: @prisma/adapter-pg uses the same `pg`, whose global parsers stay as they are. */
const postgresTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (format !== "binary") {
      if (oid === OID.int8) return (text: string) => BigInt(text);
      if (oid === OID.timestamp) return readTimestamp;
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function postgresValue(value: SqlValue): unknown {
  // pg would write a Date in the process's time zone; the columns hold UTC.
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** `?` → `$1, $2…`, outside quoted identifiers and string literals. */
export function numberedPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  let quote: string | null = null;
  let from = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "?") {
      out += `${sql.slice(from, i)}$${++n}`;
      from = i + 1;
    }
  }
  return out + sql.slice(from);
}

/** Statement names are never reused: a pooled connection keeps what it prepared under a name. */
let statementNames = 0;

class PostgresExecutor implements SqlExecutor {
  readonly dialect = "postgresql" as const;
  private readonly pool: pg.Pool;
  /** Each distinct statement gets a name, so every pooled connection parses it once. */
  private readonly prepared = new Map<string, { name: string; text: string }>();

  constructor(url: string) {
    // Idle connections don't keep a CLI command or a script alive.
    this.pool = new pg.Pool({ connectionString: url, allowExitOnIdle: true, types: postgresTypes });
    // A pooled connection that drops while idle is replaced on next use; the error needs a listener.
    this.pool.on("error", () => undefined);
  }

  private query(client: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlValue[]) {
    let statement = this.prepared.get(sql);
    if (!statement) {
      if (this.prepared.size >= MAX_CACHED_STATEMENTS) this.prepared.clear();
      this.prepared.set(sql, (statement = { name: `throughline_${++statementNames}`, text: numberedPlaceholders(sql) }));
    }
    return client.query({ name: statement.name, text: statement.text, values: params.map(postgresValue), rowMode: "array", types: postgresTypes });
  }

  private runner(client: pg.Pool | pg.PoolClient): SqlRunner {
    return {
      dialect: "postgresql",
      all: async (sql, params = []) => (await this.query(client, sql, params)).rows as SqlRow[],
      run: async (sql, params = []) => (await this.query(client, sql, params)).rowCount ?? 0,
    };
  }

  all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.runner(this.pool).all(sql, params);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.runner(this.pool).run(sql, params);
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      try {
        const result = await work(this.runner(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
        throw error;
      }
    } finally {
      // A connection whose rollback failed is discarded rather than given to the next caller.
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  async flushDeleted(): Promise<void> {}
}

// ---------------------------------------------------------------------------------------------

const executors = new Map<string, SqlExecutor>();

/** The executor of a database URL (`file:…` SQLite, `postgresql://…` PostgreSQL): one per URL, opened on first use. */
export function sqlExecutor(url: string): SqlExecutor {
  let executor = executors.get(url);
  if (!executor) {
    if (databaseKind(url) === "postgresql") executor = new PostgresExecutor(url);
    else if (url.startsWith("file:")) executor = new SqliteExecutor(url.slice("file:".length));
    else throw new Error(`DATABASE_URL must be file:… (SQLite) or postgresql://… (PostgreSQL), not ${url.split(":")[0]}:`);
    executors.set(url, executor);
  }
  return executor;
}

/** Closes and forgets the executor of a URL (tests that drop their database). */
export async function closeSqlExecutor(url: string): Promise<void> {
  const executor = executors.get(url);
  executors.delete(url);
  await executor?.close();
}

/**
 * Multi-row INSERT statements for `rows` (each `width` values): full statements of `perStatement`
 * rows, then the rest in power-of-two sizes, so at most a dozen distinct statements per table are
 * ever compiled however the batches fall. `sqlFor(count)` gives the statement for `count` rows.
 */
export async function insertRows(
  tx: SqlRunner,
  rows: readonly (readonly SqlValue[])[],
  perStatement: number,
  sqlFor: (count: number) => string,
): Promise<void> {
  let i = 0;
  while (i < rows.length) {
    const left = rows.length - i;
    const count = left >= perStatement ? perStatement : 2 ** Math.floor(Math.log2(left));
    const args: SqlValue[] = [];
    for (let r = i; r < i + count; r++) for (const value of rows[r]!) args.push(value);
    await tx.run(sqlFor(count), args);
    i += count;
  }
}
