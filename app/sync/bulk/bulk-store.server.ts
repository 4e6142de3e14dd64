import Database from "libsql";
import { SHORT_BUSY_TIMEOUT_MS, writeTransaction } from "~/lib/sqlite-write-lock";

// The one place with hand-written SQL: bulk imports write hundreds of thousands of rows a minute,
// which Prisma's createMany can't (about 20k rows/s here); multi-row INSERT … ON CONFLICT
// statements in large transactions can (STACK.md). The statements are plain SQL that SQLite and
// PostgreSQL both run (quoted identifiers, ON CONFLICT … DO UPDATE with `excluded`, WHERE on the
// update); only the placeholders differ, and the executor is SQLite's today: libSQL's synchronous
// driver (the one under @libsql/client), with prepared statements reused across batches.
// Everything else in the app reads and writes through Prisma.
//
// Column values follow Prisma's storage on SQLite: DateTime as ISO text with "+00:00", Boolean as
// 0/1, money as integers (app/lib/money.ts).

import { sqlDate, type Batch, type Row, type TableName } from "./rows.ts";

export { sqlDate, type Batch, type Row };

interface TableSpec {
  table: string;
  columns: string[];
  key: string[];
  /** What a conflicting row updates: every non-key column unless listed in `keep`. */
  keep?: string[];
  /** Only update when the incoming copy is at least as new. */
  newerOnly?: string;
  nothing?: boolean;
}

const TABLES = {
  order: {
    table: "Order",
    columns: [
      "shop", "id", "name", "createdAt", "updatedAt", "processedAt", "cancelledAt", "test", "customerId", "sourceName",
      "currencyCode", "presentmentCurrencyCode", "subtotal", "totalDiscounts", "totalShipping", "totalTax", "totalPrice",
      "totalRefunded", "utmSource", "utmMedium", "utmCampaign",
    ],
    key: ["shop", "id"],
    newerOnly: "updatedAt",
  },
  // A line keeps the unit cost it was first stored with (METRICS.md).
  line: {
    table: "OrderLine",
    columns: ["shop", "id", "orderId", "productId", "variantId", "title", "sku", "quantity", "originalUnitPrice", "totalDiscount", "unitCost"],
    key: ["shop", "id"],
    keep: ["unitCost"],
  },
  code: { table: "OrderDiscountCode", columns: ["shop", "orderId", "code", "codeLower"], key: ["shop", "orderId", "code"], nothing: true },
  // Refund line items come afterwards (they can't be in a bulk query): a refund already complete stays so.
  refund: {
    table: "Refund",
    columns: ["shop", "id", "orderId", "createdAt", "totalRefunded", "linesComplete"],
    key: ["shop", "id"],
    keep: ["linesComplete"],
  },
  product: {
    table: "Product",
    columns: ["shop", "id", "title", "handle", "vendor", "productType", "status", "createdAt", "updatedAt", "deletedAt"],
    key: ["shop", "id"],
    newerOnly: "updatedAt",
  },
  refundLine: {
    table: "RefundLine",
    columns: ["shop", "refundId", "orderId", "position", "lineItemId", "quantity", "subtotal"],
    key: ["shop", "refundId", "position"],
  },
  variant: {
    table: "Variant",
    columns: ["shop", "id", "productId", "title", "sku", "price", "inventoryItemId", "unitCost", "costUpdatedAt"],
    key: ["shop", "id"],
  },
} satisfies Record<TableName, TableSpec>;


const quote = (name: string) => `"${name}"`;
const ROWS_PER_STATEMENT = 500;

function upsertSql(spec: TableSpec, rows: number): string {
  const tuple = `(${spec.columns.map(() => "?").join(",")})`;
  const head = `INSERT INTO ${quote(spec.table)} (${spec.columns.map(quote).join(",")}) VALUES ${Array(rows).fill(tuple).join(",")}`;
  const conflict = `ON CONFLICT (${spec.key.map(quote).join(",")})`;
  if (spec.nothing) return `${head} ${conflict} DO NOTHING`;
  const updates = spec.columns
    .filter((column) => !spec.key.includes(column) && !(spec.keep ?? []).includes(column))
    .map((column) => `${quote(column)} = excluded.${quote(column)}`);
  const guard = spec.newerOnly ? ` WHERE excluded.${quote(spec.newerOnly)} >= ${quote(spec.table)}.${quote(spec.newerOnly)}` : "";
  return `${head} ${conflict} DO UPDATE SET ${updates.join(", ")}${guard}`;
}

export interface Checkpoint {
  runId: number;
  /** The SyncRun column holding this file's stored offset. */
  column: "ordersCheckpoint" | "productsCheckpoint";
  bytes: number;
  objects: number;
  orders: number;
  products: number;
}

type Statement = ReturnType<Database.Database["prepare"]>;

const openStores = new Map<string, BulkStore>();

export class BulkStore {
  private readonly statements = new Map<string, Statement>();

  private constructor(private readonly db: Database.Database) {}

  /** The database's bulk store: one connection per database for the life of the process (see close). */
  static async open(url: string): Promise<BulkStore> {
    let store = openStores.get(url);
    if (!store) {
      if (!url.startsWith("file:")) {
        throw new Error(`Bulk imports write through SQLite (libSQL) here; DATABASE_URL ${url.split(":")[0]}: needs its own executor in app/sync/bulk/bulk-store.server.ts`);
      }
      const db = new Database(url.slice("file:".length));
      // WAL lets the app keep reading while an import writes; the write lock is awaited asynchronously
      // (writeTransaction), the driver's own busy wait kept short. Checkpoints (WAL → database file)
      // every ~256 MB of changes rather than every 4 MB.
      for (const pragma of ["journal_mode = WAL", `busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`, "synchronous = NORMAL", "cache_size = -65536", "temp_store = MEMORY", "wal_autocheckpoint = 65536"]) {
        db.prepare(`PRAGMA ${pragma}`).all();
      }
      store = new BulkStore(db);
      openStores.set(url, store);
    }
    return store;
  }

  /** Writes one batch and its checkpoint in one transaction: after a crash, both or neither. */
  write(batch: Batch, checkpoint: Checkpoint, now: Date): Promise<void> {
    return writeTransaction(this.db, () => {
      for (const [name, rows] of Object.entries(batch) as [TableName, Row[]][]) this.insert(name, rows);
      this.checkpoint(checkpoint.column).run([checkpoint.bytes, checkpoint.objects, checkpoint.orders, checkpoint.products, sqlDate(now.toISOString()), checkpoint.runId]);
    });
  }

  /** Refunds imported without their line items (a bulk query can't select them), oldest id first. */
  incompleteRefunds(shop: string, limit: number): { id: string; orderId: string }[] {
    return this.prepared(
      "incomplete-refunds",
      `SELECT "id", "orderId" FROM "Refund" WHERE "shop" = ? AND "linesComplete" = 0 ORDER BY "id" LIMIT ?`,
    ).all([shop, limit]) as { id: string; orderId: string }[];
  }

  /** Stores the line items of these refunds (replacing any) and marks them complete, in one transaction. */
  completeRefunds(shop: string, refundIds: string[], lines: Row[], heartbeat: { runId: number; now: Date }): Promise<void> {
    const marks = refundIds.map(() => "?").join(",");
    return writeTransaction(this.db, () => {
      this.db.prepare(`DELETE FROM "RefundLine" WHERE "shop" = ? AND "refundId" IN (${marks})`).run([shop, ...refundIds]);
      this.insert("refundLine", lines);
      this.db.prepare(`UPDATE "Refund" SET "linesComplete" = 1 WHERE "shop" = ? AND "id" IN (${marks})`).run([shop, ...refundIds]);
      this.prepared("heartbeat", `UPDATE "SyncRun" SET "heartbeatAt" = ? WHERE "id" = ?`).run([sqlDate(heartbeat.now.toISOString()), heartbeat.runId]);
    });
  }

  /**
   * Nothing to do: the connection stays open for the next import. libSQL can't release a connection
   * that prepared statements (tursodatabase/libsql-js#230), so reopening it per import would leak one.
   */
  close(): void {}

  private prepared(key: string, sql: string): Statement {
    let statement = this.statements.get(key);
    if (!statement) this.statements.set(key, (statement = this.db.prepare(sql)));
    return statement;
  }

  /**
   * Full statements of ROWS_PER_STATEMENT rows, then the rest in power-of-two sizes: at most ten
   * prepared statements per table however the batches fall (each one holds a compiled program).
   */
  private insert(name: TableName, rows: Row[]): void {
    let i = 0;
    while (i < rows.length) {
      const left = rows.length - i;
      const count = left >= ROWS_PER_STATEMENT ? ROWS_PER_STATEMENT : 2 ** Math.floor(Math.log2(left));
      const args: Row = [];
      for (let r = i; r < i + count; r++) for (const value of rows[r]!) args.push(value);
      this.statement(name, count).run(args);
      i += count;
    }
  }

  private statement(name: TableName, rows: number): Statement {
    const key = `${name}:${rows}`;
    let statement = this.statements.get(key);
    if (!statement) this.statements.set(key, (statement = this.db.prepare(upsertSql(TABLES[name], rows))));
    return statement;
  }

  private checkpoint(column: Checkpoint["column"]): Statement {
    const key = `checkpoint:${column}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `UPDATE "SyncRun" SET ${quote(column)} = ?, "objectsDone" = ?, "ordersDone" = ?, "productsDone" = ?, "heartbeatAt" = ? WHERE "id" = ?`,
      );
      this.statements.set(key, statement);
    }
    return statement;
  }
}
