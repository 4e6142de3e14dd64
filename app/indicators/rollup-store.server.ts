/**
 * The rollups' bulk data access: reading what the indicators need (orders with their lines,
 * refunds and cancellations of a time range, hundreds of thousands of rows when the rollups are
 * rebuilt) and writing the days computed from them.
 *
 * Prisma reads about 50k rows/s and writes about 20k rows/s here, too slow to rebuild a store of
 * a million orders; these statements run on the database's own driver (as the bulk importer's
 * do, STACK.md), about ten times faster. The SQL is plain (quoted identifiers, joins, NOT EXISTS,
 * CAST of sums) and the same text runs on SQLite and PostgreSQL; what differs between the two
 * (placeholders, how values come back) is the executor's (lib/sql-executor.server.ts, decision
 * 007). Money is integers (packages/shopify-common/src/money.ts).
 */
import { insertRows, sqlExecutor, type SqlExecutor, type SqlRow, type SqlValue } from "~/lib/sql-executor.server";
import { formatDay } from "~/lib/calendar";
import { cancellationReversals, type DayRollup, type LineFact, type ReversalFact, type Totals } from "./engine";

export interface RangeOrder {
  id: string;
  processedAt: Date;
  customerId: string | null;
  totalDiscounts: bigint;
  /** With `keyed`: the customer's RollupCustomer key and first order, when stored. */
  customer: { key: number; firstOrderId: string | null } | null;
}

const LINE_COLUMNS = `l."productId", l."quantity", l."originalUnitPrice", l."totalDiscount", l."unitCost"`;

const SQL = {
  orders: `SELECT o."id", o."processedAt", o."customerId", o."totalDiscounts", NULL, NULL FROM "Order" o
    WHERE o."shop" = ? AND NOT o."test" AND o."processedAt" >= ? AND o."processedAt" < ?`,
  // The same with each customer's key and first order (for a refresh; a rebuild assigns them as it goes).
  keyedOrders: `SELECT o."id", o."processedAt", o."customerId", o."totalDiscounts", c."key", c."firstOrderId" FROM "Order" o
    LEFT JOIN "RollupCustomer" c ON c."shop" = o."shop" AND c."customerId" = o."customerId"
    WHERE o."shop" = ? AND NOT o."test" AND o."processedAt" >= ? AND o."processedAt" < ?`,
  lines: `SELECT l."orderId", ${LINE_COLUMNS} FROM "Order" o
    JOIN "OrderLine" l ON l."shop" = o."shop" AND l."orderId" = o."id"
    WHERE o."shop" = ? AND NOT o."test" AND o."processedAt" >= ? AND o."processedAt" < ?`,
  // A refunded line the copy doesn't hold still counts as a return (no product, no known cost).
  refunds: `SELECT r."createdAt", rl."quantity" AS "refunded", rl."subtotal", ${LINE_COLUMNS} FROM "Refund" r
    JOIN "Order" o ON o."shop" = r."shop" AND o."id" = r."orderId"
    JOIN "RefundLine" rl ON rl."shop" = r."shop" AND rl."refundId" = r."id"
    LEFT JOIN "OrderLine" l ON l."shop" = rl."shop" AND l."id" = rl."lineItemId"
    WHERE r."shop" = ? AND NOT o."test" AND r."createdAt" >= ? AND r."createdAt" < ?`,
  cancellations: `SELECT o."cancelledAt", ${LINE_COLUMNS} FROM "Order" o
    JOIN "OrderLine" l ON l."shop" = o."shop" AND l."orderId" = o."id"
    WHERE o."shop" = ? AND NOT o."test" AND o."cancelledAt" >= ? AND o."cancelledAt" < ?
      AND NOT EXISTS (SELECT 1 FROM "Refund" r WHERE r."shop" = o."shop" AND r."orderId" = o."id")`,
} as const;

const DAY_TOTALS = `"day", "orders", "units", "grossSales", "discounts", "returns", "knownCostGross", "knownCostNet", "cogs", "newCustomers", "customerKeys"`;
const READS = {
  days: `SELECT ${DAY_TOTALS} FROM "DailyRollup" WHERE "shop" = ? AND "day" >= ? AND "day" <= ? ORDER BY "day"`,
} as const;

export interface AttributedOrder {
  id: string;
  customerId: string | null;
  processedAt: Date;
  gross: bigint;
  discounts: bigint;
  /** Its customer's first counting order ever. */
  firstOrder: boolean;
}

export interface PromotionOrder extends AttributedOrder {
  promotionId: number;
}

/** An attributed order's columns (the sum is cast back: PostgreSQL sums bigints as numeric). */
const ATTRIBUTED_ORDER = `o."id", o."customerId", o."totalDiscounts", o."processedAt",
  (SELECT CAST(COALESCE(SUM(l."quantity" * l."originalUnitPrice"), 0) AS BIGINT) FROM "OrderLine" l WHERE l."shop" = o."shop" AND l."orderId" = o."id"),
  c."firstOrderId"`;

function attributedOrder(row: SqlRow, at: number): AttributedOrder {
  return {
    id: row[at] as string,
    customerId: row[at + 1] as string | null,
    discounts: row[at + 2] as bigint,
    processedAt: new Date(row[at + 3] as string),
    gross: row[at + 4] as bigint,
    firstOrder: row[at + 5] !== null && row[at + 5] === row[at],
  };
}

/** Promotions whose orders one attribution query finds: their ids stay well under SQLite's 999 parameters. */
export const ATTRIBUTION_IDS_PER_QUERY = 500;

export interface StoredDay {
  day: string;
  totals: Totals;
  customerKeys: Int32Array;
}

const TOTALS = `"orders", "units", "grossSales", "discounts", "returns", "knownCostGross", "knownCostNet", "cogs", "newCustomers"`;
const WRITES = {
  deleteDays: `DELETE FROM "DailyRollup" WHERE "shop" = ? AND "day" >= ? AND "day" <= ?`,
  deleteProductDays: `DELETE FROM "DailyProductRollup" WHERE "shop" = ? AND "day" >= ? AND "day" <= ?`,
} as const;

/** Multi-row inserts (one round trip per few hundred rows on PostgreSQL), each statement text built once. */
function insertSql(table: string, columns: string, width: number): (rows: number) => string {
  const texts = new Map<number, string>();
  const tuple = `(${Array(width).fill("?").join(", ")})`;
  return (rows) => {
    let text = texts.get(rows);
    if (!text) texts.set(rows, (text = `INSERT INTO "${table}" (${columns}) VALUES ${Array(rows).fill(tuple).join(", ")}`));
    return text;
  };
}
const INSERTS = {
  day: insertSql("DailyRollup", `"shop", "day", ${TOTALS}, "customerKeys"`, 12),
  productDay: insertSql("DailyProductRollup", `"shop", "day", "productId", ${TOTALS}`, 12),
  customer: insertSql("RollupCustomer", `"shop", "customerId", "key", "firstOrderId", "firstOrderAt"`, 5),
};
/** Rows per insert statement: 12 × 400 parameters stays well under both databases' limits. */
const ROWS_PER_INSERT = 400;

export interface NewRollupCustomer {
  customerId: string;
  key: number;
  firstOrderId: string;
  firstOrderAt: Date;
}

function totalsValues(totals: Totals): (number | bigint)[] {
  return [
    totals.orders,
    totals.units,
    totals.grossSales,
    totals.discounts,
    totals.returns,
    totals.knownCostGross,
    totals.knownCostNet,
    totals.cogs,
    totals.newCustomers,
  ];
}

/** Customer keys as little-endian int32 (DailyRollup.customerKeys). */
export function encodeKeys(keys: number[]): Buffer {
  const bytes = Buffer.alloc(keys.length * 4);
  keys.forEach((key, i) => bytes.writeInt32LE(key, i * 4));
  return bytes;
}

export function decodeKeys(blob: Uint8Array | ArrayBuffer): Int32Array {
  // libSQL's driver gives an ArrayBuffer, Prisma and pg a Uint8Array (Buffer).
  const bytes = blob instanceof ArrayBuffer ? new Uint8Array(blob) : blob;
  const keys = new Int32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < keys.length; i++) keys[i] = view.getInt32(i * 4, true);
  return keys;
}

function lineFact(row: SqlRow, at: number): LineFact {
  return {
    productId: row[at] as string | null,
    quantity: Number(row[at + 1] ?? 0n),
    originalUnitPrice: (row[at + 2] as bigint | null) ?? 0n,
    totalDiscount: (row[at + 3] as bigint | null) ?? 0n,
    unitCost: row[at + 4] as bigint | null,
  };
}

export class RollupStore {
  constructor(private readonly db: SqlExecutor) {}

  /** The stored days of [from, to] (local dates "YYYY-MM-DD"), in order; days without activity have no row. */
  async days(shop: string, from: string, to: string): Promise<StoredDay[]> {
    return (await this.db.all(READS.days, [shop, from, to])).map((row) => ({
      day: row[0] as string,
      totals: {
        orders: Number(row[1]),
        units: Number(row[2]),
        grossSales: row[3] as bigint,
        discounts: row[4] as bigint,
        returns: row[5] as bigint,
        knownCostGross: row[6] as bigint,
        knownCostNet: row[7] as bigint,
        cogs: row[8] as bigint,
        newCustomers: Number(row[9]),
      },
      customerKeys: decodeKeys(row[10] as Uint8Array | ArrayBuffer),
    }));
  }

  private all(name: keyof typeof SQL, shop: string, from: Date, to: Date): Promise<SqlRow[]> {
    return this.db.all(SQL[name], [shop, from, to]);
  }

  /**
   * Replaces the days [fromDay, toDay] with the computed ones (days without activity get no row)
   * and adds newly seen customers, in one transaction.
   */
  replaceDays(shop: string, fromDay: number, toDay: number, days: Iterable<DayRollup>, customers: NewRollupCustomer[] = []): Promise<void> {
    const dayRows: SqlValue[][] = [];
    const productRows: SqlValue[][] = [];
    for (const rollup of days) {
      const day = formatDay(rollup.day);
      dayRows.push([shop, day, ...totalsValues(rollup.totals), encodeKeys(rollup.customerKeys)]);
      for (const [productId, totals] of rollup.products) productRows.push([shop, day, productId, ...totalsValues(totals)]);
    }
    const customerRows = customers.map((customer): SqlValue[] => [shop, customer.customerId, customer.key, customer.firstOrderId, customer.firstOrderAt]);
    return this.db.transaction(async (tx) => {
      const range = [shop, formatDay(fromDay), formatDay(toDay)];
      await tx.run(WRITES.deleteDays, range);
      await tx.run(WRITES.deleteProductDays, range);
      await insertRows(tx, dayRows, ROWS_PER_INSERT, INSERTS.day);
      await insertRows(tx, productRows, ROWS_PER_INSERT, INSERTS.productDay);
      await insertRows(tx, customerRows, ROWS_PER_INSERT, INSERTS.customer);
    });
  }

  /** Counting orders processed in [from, to), and the lines of each. */
  async ordersWithLines(shop: string, from: Date, to: Date, keyed: boolean): Promise<{ orders: RangeOrder[]; lines: Map<string, LineFact[]> }> {
    const [orderRows, lineRows] = await Promise.all([this.all(keyed ? "keyedOrders" : "orders", shop, from, to), this.all("lines", shop, from, to)]);
    const orders = orderRows.map((row) => ({
      id: row[0] as string,
      processedAt: new Date(row[1] as string),
      customerId: row[2] as string | null,
      totalDiscounts: row[3] as bigint,
      customer: row[4] === null ? null : { key: Number(row[4]), firstOrderId: row[5] as string | null },
    }));
    const lines = new Map<string, LineFact[]>();
    for (const row of lineRows) {
      const orderId = row[0] as string;
      let list = lines.get(orderId);
      if (!list) lines.set(orderId, (list = []));
      list.push(lineFact(row, 1));
    }
    return { orders, lines };
  }

  /**
   * The attributed orders of the chosen promotions (METRICS.md attribution): counting orders processed
   * within a promotion's window (Promotion.startsAt to endsBefore, its local dates as instants) and
   * within [from, to), carrying one of its codes (lower-case, as stored) or whose last visit's UTM
   * campaign is its campaign, each order once per promotion, with its gross sales and whether it is its
   * customer's first order. One query for any number of promotions (at most ATTRIBUTION_IDS_PER_QUERY).
   * CROSS JOIN keeps SQLite's join order (promotion, its codes, the orders with each, then the orders
   * found): without statistics it read every order of a promotion's days for each code.
   */
  async attributedOrdersOf(shop: string, promotionIds: number[], from: Date | null, to: Date | null): Promise<PromotionOrder[]> {
    if (promotionIds.length === 0) return [];
    const within = [...(from ? [`o."processedAt" >= ?`] : []), ...(to ? [`o."processedAt" < ?`] : [])];
    const bounds = [...(from ? [from] : []), ...(to ? [to] : [])];
    const inWindow = [`o."processedAt" >= p."startsAt"`, `o."processedAt" < p."endsBefore"`, `NOT o."test"`, ...within].join(" AND ");
    const sql = `WITH chosen AS (
        SELECT "id", "startsAt", "endsBefore", "utmLower" FROM "Promotion" WHERE "shop" = ? AND "id" IN (${promotionIds.map(() => "?").join(", ")})
      ), matched AS (
        SELECT pc."promotionId" AS "promotionId", o."id" AS "orderId"
          FROM chosen p CROSS JOIN "PromotionCode" pc CROSS JOIN "OrderDiscountCode" d CROSS JOIN "Order" o
          WHERE pc."promotionId" = p."id" AND d."shop" = pc."shop" AND d."codeLower" = pc."codeLower"
            AND o."shop" = d."shop" AND o."id" = d."orderId" AND ${inWindow}
        UNION
        SELECT p."id", o."id" FROM chosen p CROSS JOIN "Order" o
          WHERE o."shop" = ? AND LOWER(o."utmCampaign") = p."utmLower" AND ${inWindow}
      )
      SELECT m."promotionId", ${ATTRIBUTED_ORDER} FROM matched m
        CROSS JOIN "Order" o
        LEFT JOIN "RollupCustomer" c ON c."shop" = o."shop" AND c."customerId" = o."customerId"
        WHERE o."shop" = ? AND o."id" = m."orderId"`;
    const rows = await this.db.all(sql, [shop, ...promotionIds, ...bounds, shop, ...bounds, shop]);
    return rows.map((row) => ({ promotionId: Number(row[0]), ...attributedOrder(row, 1) }));
  }

  /**
   * Counting orders processed in [from, to) attributed to any live promotion, each once: the
   * marketing indicators' revenue (METRICS.md). One query however many promotions the shop has: an
   * order is checked against the promotions sharing its codes or its UTM campaign (indexes), never
   * each promotion against every order. CROSS JOIN keeps SQLite's order (the order's codes, then the
   * promotions with each): left to choose, without statistics it scanned every code of the shop for
   * each order; PostgreSQL plans a CROSS JOIN with WHERE conditions as any join.
   */
  async ordersOfAnyPromotion(shop: string, from: Date, to: Date): Promise<AttributedOrder[]> {
    const live = `p."archivedAt" IS NULL AND p."startsAt" <= o."processedAt" AND p."endsBefore" > o."processedAt"`;
    const sql = `SELECT ${ATTRIBUTED_ORDER} FROM "Order" o
      LEFT JOIN "RollupCustomer" c ON c."shop" = o."shop" AND c."customerId" = o."customerId"
      WHERE o."shop" = ? AND NOT o."test" AND o."processedAt" >= ? AND o."processedAt" < ? AND (
        EXISTS (SELECT 1 FROM "OrderDiscountCode" d CROSS JOIN "PromotionCode" pc CROSS JOIN "Promotion" p
          WHERE d."shop" = o."shop" AND d."orderId" = o."id" AND pc."shop" = d."shop" AND pc."codeLower" = d."codeLower"
            AND p."id" = pc."promotionId" AND ${live})
        OR (o."utmCampaign" IS NOT NULL AND EXISTS (SELECT 1 FROM "Promotion" p
          WHERE p."shop" = o."shop" AND p."utmLower" = LOWER(o."utmCampaign") AND ${live})))`;
    return (await this.db.all(sql, [shop, from, to])).map((row) => attributedOrder(row, 0));
  }

  /** Refund line items of refunds created in [from, to), of counting orders. */
  async refundReversals(shop: string, from: Date, to: Date): Promise<ReversalFact[]> {
    return (await this.all("refunds", shop, from, to)).map((row) => {
      const line =
        row[3] === null && row[4] === null ? { productId: null, quantity: 0, originalUnitPrice: 0n, totalDiscount: 0n, unitCost: null } : lineFact(row, 3);
      return { at: Date.parse(row[0] as string), line, quantity: Number(row[1]), amount: row[2] as bigint };
    });
  }

  /** Lines of counting orders cancelled in [from, to) without any refund: reversed in full. */
  async cancellationReversals(shop: string, from: Date, to: Date): Promise<ReversalFact[]> {
    return (await this.all("cancellations", shop, from, to)).flatMap((row) => cancellationReversals([lineFact(row, 1)], Date.parse(row[0] as string)));
  }
}

const stores = new Map<string, RollupStore>();

/** The rollup store of a database (its executor: one per database, opened on first use). */
export function rollupStore(url: string): RollupStore {
  let store = stores.get(url);
  if (!store) stores.set(url, (store = new RollupStore(sqlExecutor(url))));
  return store;
}
