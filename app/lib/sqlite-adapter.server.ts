/**
 * Prisma's libSQL adapter on one SQLite connection for the life of the process.
 *
 * `@libsql/client`'s file client starts every interactive transaction by handing its connection to
 * the transaction and opening a fresh one for what follows; commit and rollback never close the one
 * they were given, and libSQL can't release a connection that prepared a statement anyway
 * (tursodatabase/libsql-client-ts#350, tursodatabase/libsql-js#230). Every webhook's transaction
 * leaked a file descriptor until the process ran out of them. `@prisma/adapter-libsql` 6.19 accepts
 * no client newer than 0.8, and the newest (0.17) still detaches the connection. Nor can that client
 * wait for a busy database: a prepared statement that met another writer's lock stays "in progress"
 * and makes the connection's next COMMIT fail.
 *
 * So the adapter gets this client instead, on libSQL's own driver (the one under @libsql/client):
 * - one connection, opened once; the adapter already runs one statement or one transaction at a
 *   time on it (its mutex), so a transaction is BEGIN, its statements, COMMIT on that connection;
 * - every write takes the lock up front (`BEGIN IMMEDIATE`, statements outside a transaction are
 *   wrapped in one), through `exec`, which leaves no statement behind when the lock is busy, and
 *   waits for another writer (the CLI, a bulk import) asynchronously (`sqlite-write-lock.ts`).
 * Results are shaped as @libsql/client shapes them (the adapter reads columns, declared types,
 * rows as arrays and affected rows). See docs/decisions/006-one-sqlite-connection.md.
 */
import Database from "libsql";
import type { Client, Config, InArgs, InStatement, InValue, ResultSet, Row, Transaction, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { retryWhileBusy, SHORT_BUSY_TIMEOUT_MS } from "./sqlite-write-lock";
import { SQLITE_SECURE_DELETE } from "./sql-executor.server";

type Connection = Database.Database;

function toSql(value: InValue): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError("Only finite numbers can be passed as arguments");
  return value;
}

function argsOf(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
  return named;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fromSql(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

function rowOf(values: unknown[], columns: string[]): Row {
  const row: Record<string | number, unknown> = {};
  Object.defineProperty(row, "length", { value: values.length });
  values.forEach((raw, i) => {
    const value = fromSql(raw);
    Object.defineProperty(row, i, { value });
    const column = columns[i]!;
    if (!Object.hasOwn(row, column)) Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  });
  return row as unknown as Row;
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

/** Runs one statement; with the libSQL client's semantics (64-bit integers as numbers, blobs as ArrayBuffer). */
function run(connection: Connection, stmt: InStatement): ResultSet {
  const sql = typeof stmt === "string" ? stmt : stmt.sql;
  const args = argsOf(typeof stmt === "string" ? undefined : stmt.args);
  const statement = connection.prepare(sql);
  statement.safeIntegers(true);
  if (statement.reader) {
    statement.raw(true);
    const described = statement.columns() as { name: string; type: string | null }[];
    const columns = described.map((column) => column.name);
    const rows = (statement.all(args) as unknown[][]).map((values) => rowOf(values, columns));
    return resultSet(
      columns,
      described.map((column) => column.type ?? ""),
      rows,
      0,
      undefined,
    );
  }
  const info = statement.run(args) as { changes: number; lastInsertRowid: number | bigint };
  return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
}

/** Statements that only read: everything else goes through a write transaction. */
const READ_ONLY = /^\s*(SELECT|EXPLAIN)\b/i;

class OneConnectionTransaction implements Transaction {
  private open = true;

  constructor(private readonly connection: Connection) {}

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.checkOpen();
    return run(this.connection, stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    this.checkOpen();
    return stmts.map((stmt) => run(this.connection, stmt));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.checkOpen();
    this.connection.exec(sql);
  }

  async commit(): Promise<void> {
    this.checkOpen();
    this.open = false;
    this.connection.exec("COMMIT");
  }

  async rollback(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
  }

  close(): void {
    void this.rollback();
  }

  get closed(): boolean {
    return !this.open;
  }

  private checkOpen(): void {
    if (!this.open) throw new Error("The transaction is closed");
  }
}

/** A libSQL client on one connection whose writes wait for the lock without blocking the process. */
export class OneConnectionClient implements Client {
  closed = false;
  readonly protocol = "file";

  constructor(private readonly connection: Connection) {}

  async execute(stmt: InStatement): Promise<ResultSet> {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    if (this.connection.inTransaction || READ_ONLY.test(sql)) return run(this.connection, stmt);
    return this.inWriteTransaction(() => run(this.connection, stmt));
  }

  batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.inWriteTransaction(() => stmts.map((stmt) => run(this.connection, stmt)));
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    // Prisma asks for "deferred": the lock is taken up front all the same, so a transaction never
    // meets a busy database halfway (a conflict SQLite can't wait out) and waits for it here.
    if (mode === "read") this.connection.exec("BEGIN DEFERRED");
    else await retryWhileBusy(() => this.connection.exec("BEGIN IMMEDIATE"));
    return new OneConnectionTransaction(this.connection);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.connection.exec(sql);
  }

  async sync(): Promise<void> {}

  close(): void {
    this.closed = true;
    this.connection.close();
  }

  private async inWriteTransaction<T>(write: () => T): Promise<T> {
    await retryWhileBusy(() => this.connection.exec("BEGIN IMMEDIATE"));
    try {
      const result = write();
      this.connection.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
      throw error;
    }
  }
}

/** libSQL's driver takes a path; `file:` URLs as DATABASE_URL gives them (and `:memory:`). */
function pathOf(url: string): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/** The one connection: WAL (readers never wait for the writer), a short busy timeout (waits are async). */
export function openOneConnectionClient(config: Config): OneConnectionClient {
  const connection = new Database(pathOf(config.url));
  for (const pragma of [`busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`, "foreign_keys = ON", ...SQLITE_SECURE_DELETE]) connection.prepare(`PRAGMA ${pragma}`).all();
  return new OneConnectionClient(connection);
}

/** The adapter factory Prisma is given: PrismaLibSQL, with the one-connection client. */
export class OneConnectionPrismaLibSQL extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return openOneConnectionClient(config);
  }
}
