import { insertRows, POSTGRES_MAX_PARAMETERS, sqlExecutor, type SqlExecutor, type SqlRunner } from "~/lib/sql-executor.server";

// Hand-written SQL for bulk imports (with the rollups' store, the only other): they write hundreds
// of thousands of rows a minute, which Prisma's createMany can't (about 20k rows/s here);
// multi-row INSERT … ON CONFLICT statements in large transactions can (STACK.md). The statements
// are plain SQL that SQLite and PostgreSQL both run (quoted identifiers, ON CONFLICT … DO UPDATE
// with `excluded`, WHERE on the update, TRUE/NOT for booleans), the same text on both; the
// executor (lib/sql-executor.server.ts, decision 007) turns the placeholders and keeps each
// statement prepared. Everything else in the app reads and writes through Prisma.
//
// Row values (rows.ts): DateTime as Prisma's SQLite text, ISO with "+00:00" (PostgreSQL reads it
// as the same UTC timestamp), Boolean as 0/1 (PostgreSQL reads "1"/"0" as booleans), money as
// integers (packages/shopify-common/src/money.ts).

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
      "shop",
      "id",
      "name",
      "createdAt",
      "updatedAt",
      "processedAt",
      "cancelledAt",
      "test",
      "customerId",
      "sourceName",
      "currencyCode",
      "presentmentCurrencyCode",
      "subtotal",
      "totalDiscounts",
      "totalShipping",
      "totalTax",
      "totalPrice",
      "totalRefunded",
      "utmSource",
      "utmMedium",
      "utmCampaign",
      "hasShippingAddress",
      "shippingCountry",
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
  // A transaction's status and fees can change (a pending payment that succeeds): the export's copy wins.
  transaction: {
    table: "OrderTransaction",
    columns: ["shop", "id", "orderId", "kind", "status", "gateway", "processedAt", "test", "amount", "fees", "feesListed"],
    key: ["shop", "id"],
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
/** Rows per statement: 500 × 23 columns at most, well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 500;
if (ROWS_PER_STATEMENT * Math.max(...Object.values(TABLES).map((spec) => spec.columns.length)) > POSTGRES_MAX_PARAMETERS) {
  throw new Error("ROWS_PER_STATEMENT × columns exceeds PostgreSQL's parameter limit");
}

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
  /** The SyncExport whose result file this batch came from, and its offset after the batch. */
  exportId: number;
  bytes: number;
  objects: number;
  orders: number;
  products: number;
}

/** Each table's statement for n rows, its text built once. */
const upserts = new Map<string, string>();
function upsert(name: TableName, rows: number): string {
  const key = `${name}:${rows}`;
  let sql = upserts.get(key);
  if (!sql) upserts.set(key, (sql = upsertSql(TABLES[name], rows)));
  return sql;
}

const EXPORT_CHECKPOINT = `UPDATE "SyncExport" SET "checkpoint" = ? WHERE "id" = ?`;
const RUN_PROGRESS = `UPDATE "SyncRun" SET "objectsDone" = ?, "ordersDone" = ?, "productsDone" = ?, "heartbeatAt" = ? WHERE "id" = ?`;

/**
 * Rows split where a key repeats: PostgreSQL refuses an INSERT … ON CONFLICT DO UPDATE that
 * touches one row twice, where SQLite applies the rows in order. Cut there, both apply them in
 * order (a later copy of an order still updates only if it is as new; a line keeps its first cost).
 */
function withoutRepeatedKeys(spec: TableSpec, rows: Row[]): Row[][] {
  if (spec.nothing) return [rows];
  const at = spec.key.map((column) => spec.columns.indexOf(column));
  const parts: Row[][] = [];
  let seen = new Set<string>();
  let start = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key = at.length === 2 ? `${row[at[0]!]}\u0000${row[at[1]!]}` : at.map((index) => String(row[index])).join("\u0000");
    if (seen.has(key)) {
      parts.push(rows.slice(start, i));
      start = i;
      seen = new Set();
    }
    seen.add(key);
  }
  parts.push(start === 0 ? rows : rows.slice(start));
  return parts;
}

const openStores = new Map<string, BulkStore>();

export class BulkStore {
  private constructor(private readonly db: SqlExecutor) {}

  /** The database's bulk store, on its executor (one per database for the life of the process). */
  static async open(url: string): Promise<BulkStore> {
    let store = openStores.get(url);
    if (!store) openStores.set(url, (store = new BulkStore(sqlExecutor(url))));
    return store;
  }

  /** Writes one batch and its checkpoint in one transaction: after a crash, both or neither. */
  write(batch: Batch, checkpoint: Checkpoint, now: Date): Promise<void> {
    return this.db.transaction(async (tx) => {
      for (const [name, rows] of Object.entries(batch) as [TableName, Row[]][]) await this.insert(tx, name, rows);
      await tx.run(EXPORT_CHECKPOINT, [checkpoint.bytes, checkpoint.exportId]);
      await tx.run(RUN_PROGRESS, [checkpoint.objects, checkpoint.orders, checkpoint.products, now, checkpoint.runId]);
    });
  }

  /** Refunds imported without their line items (a bulk query can't select them), oldest id first. */
  /**
   * Refunds still without their lines, newest first: the recent periods the dashboard shows first
   * become exact first (an index on shop, linesComplete, createdAt serves it).
   */
  async incompleteRefunds(shop: string, limit: number): Promise<{ id: string; orderId: string; orderLines: number; createdAt: Date }[]> {
    const rows = await this.db.all(
      `SELECT r."id", r."orderId", (SELECT COUNT(*) FROM "OrderLine" l WHERE l."shop" = r."shop" AND l."orderId" = r."orderId") AS "orderLines", r."createdAt"
       FROM "Refund" r WHERE r."shop" = ? AND r."linesComplete" = FALSE ORDER BY r."createdAt" DESC, r."id" LIMIT ?`,
      [shop, limit],
    );
    return rows.map((row) => ({ id: row[0] as string, orderId: row[1] as string, orderLines: Number(row[2]), createdAt: new Date(row[3] as string) }));
  }

  /** Stores the line items of these refunds (replacing any), marks them complete and counts them on the run, in one transaction. */
  completeRefunds(shop: string, refundIds: string[], lines: Row[], heartbeat: { runId: number; now: Date }): Promise<void> {
    const marks = refundIds.map(() => "?").join(",");
    return this.db.transaction(async (tx) => {
      await tx.run(`DELETE FROM "RefundLine" WHERE "shop" = ? AND "refundId" IN (${marks})`, [shop, ...refundIds]);
      await this.insert(tx, "refundLine", lines);
      await tx.run(`UPDATE "Refund" SET "linesComplete" = TRUE WHERE "shop" = ? AND "id" IN (${marks})`, [shop, ...refundIds]);
      await tx.run(`UPDATE "SyncRun" SET "heartbeatAt" = ?, "refundsDone" = "refundsDone" + ? WHERE "id" = ?`, [
        heartbeat.now,
        refundIds.length,
        heartbeat.runId,
      ]);
    });
  }

  /** Nothing to do: the executor's connections stay open for the next import (lib/sql-executor.server.ts). */
  close(): void {}

  /**
   * Full statements of ROWS_PER_STATEMENT rows, then the rest in power-of-two sizes: at most ten
   * prepared statements per table however the batches fall (each one holds a compiled program).
   */
  private async insert(tx: SqlRunner, name: TableName, rows: Row[]): Promise<void> {
    const parts = tx.dialect === "postgresql" ? withoutRepeatedKeys(TABLES[name], rows) : [rows];
    for (const part of parts) await insertRows(tx, part, ROWS_PER_STATEMENT, (count) => upsert(name, count));
  }
}
