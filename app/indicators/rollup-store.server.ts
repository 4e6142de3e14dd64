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
import {
  cancellationReversals,
  type DayRollup,
  type LineFact,
  type PaymentFact,
  type PaymentTotals,
  type ReversalFact,
  type ShipmentFact,
  type ShippingTotals,
  type Totals,
} from "./engine";

export interface RangeOrder {
  id: string;
  processedAt: Date;
  customerId: string | null;
  totalDiscounts: bigint;
  /** With `keyed`: the customer's RollupCustomer key and first order, when stored. */
  customer: { key: number; firstOrderId: string | null } | null;
}

const LINE_COLUMNS = `l."productId", l."quantity", l."originalUnitPrice", l."totalDiscount", l."unitCost"`;
/** An order's units: Σ quantity over its lines. */
const UNITS = `(SELECT CAST(COALESCE(SUM(l."quantity"), 0) AS BIGINT) FROM "OrderLine" l WHERE l."shop" = o."shop" AND l."orderId" = o."id")`;

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
  // METRICS.md's transaction_fees: successful sales, captures and refunds of counting orders, by their own processedAt.
  payments: `SELECT t."processedAt", t."kind", t."gateway", t."amount", t."fees", t."feesListed" FROM "OrderTransaction" t
    JOIN "Order" o ON o."shop" = t."shop" AND o."id" = t."orderId"
    WHERE t."shop" = ? AND NOT o."test" AND t."status" = 'SUCCESS' AND t."kind" IN ('SALE', 'CAPTURE', 'REFUND')
      AND t."processedAt" >= ? AND t."processedAt" < ?`,
  // METRICS.md's shipping_costs: counting orders with a shipping address processed in the range, each
  // with its units and the cost the owner imported for its name…
  shipments: `SELECT o."processedAt", o."shippingCountry", ${UNITS}, sc."cost" FROM "Order" o
    LEFT JOIN "ShippingCost" sc ON sc."shop" = o."shop" AND sc."orderName" = o."name"
    WHERE o."shop" = ? AND NOT o."test" AND o."hasShippingAddress" AND o."processedAt" >= ? AND o."processedAt" < ?`,
  // …and those cancelled in the range without any refund, whose cost comes back.
  shipmentsGivenBack: `SELECT o."cancelledAt", o."shippingCountry", ${UNITS}, sc."cost" FROM "Order" o
    LEFT JOIN "ShippingCost" sc ON sc."shop" = o."shop" AND sc."orderName" = o."name"
    WHERE o."shop" = ? AND NOT o."test" AND o."hasShippingAddress" AND o."cancelledAt" >= ? AND o."cancelledAt" < ?
      AND NOT EXISTS (SELECT 1 FROM "Refund" r WHERE r."shop" = o."shop" AND r."orderId" = o."id")`,
  cancellations: `SELECT o."cancelledAt", ${LINE_COLUMNS} FROM "Order" o
    JOIN "OrderLine" l ON l."shop" = o."shop" AND l."orderId" = o."id"
    WHERE o."shop" = ? AND NOT o."test" AND o."cancelledAt" >= ? AND o."cancelledAt" < ?
      AND NOT EXISTS (SELECT 1 FROM "Refund" r WHERE r."shop" = o."shop" AND r."orderId" = o."id")`,
} as const;

const COST_TOTALS = `"transactionFees", "payments", "paymentsFeeKnown", "shippingCosts", "shipments", "shipmentsCostKnown"`;
const DAY_TOTALS = `"day", "orders", "units", "grossSales", "discounts", "returns", "knownCostGross", "knownCostNet", "cogs", "newCustomers", "customerKeys", ${COST_TOTALS}`;
const READS = {
  days: `SELECT ${DAY_TOTALS} FROM "DailyRollup" WHERE "shop" = ? AND "day" >= ? AND "day" <= ? ORDER BY "day"`,
} as const;

export interface StoredDay {
  day: string;
  totals: Totals;
  customerKeys: Int32Array;
  payments: PaymentTotals;
  shipping: ShippingTotals;
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
  day: insertSql("DailyRollup", `"shop", "day", ${TOTALS}, "customerKeys", ${COST_TOTALS}`, 18),
  productDay: insertSql("DailyProductRollup", `"shop", "day", "productId", ${TOTALS}`, 12),
  customer: insertSql("RollupCustomer", `"shop", "customerId", "key", "firstOrderId", "firstOrderAt"`, 5),
};
/** Rows per insert statement: at most 18 × 400 parameters stays well under both databases' limits (libSQL 32,766, PostgreSQL 65,535). */
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
      payments: { transactionFees: row[11] as bigint, payments: row[12] as bigint, paymentsFeeKnown: row[13] as bigint },
      shipping: { shippingCosts: row[14] as bigint, shipments: Number(row[15]), shipmentsCostKnown: Number(row[16]) },
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
      const { transactionFees, payments, paymentsFeeKnown } = rollup.payments;
      const { shippingCosts, shipments, shipmentsCostKnown } = rollup.shipping;
      dayRows.push([
        shop,
        day,
        ...totalsValues(rollup.totals),
        encodeKeys(rollup.customerKeys),
        transactionFees,
        payments,
        paymentsFeeKnown,
        shippingCosts,
        shipments,
        shipmentsCostKnown,
      ]);
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

  /** Refund line items of refunds created in [from, to), of counting orders. */
  async refundReversals(shop: string, from: Date, to: Date): Promise<ReversalFact[]> {
    return (await this.all("refunds", shop, from, to)).map((row) => {
      const line =
        row[3] === null && row[4] === null ? { productId: null, quantity: 0, originalUnitPrice: 0n, totalDiscount: 0n, unitCost: null } : lineFact(row, 3);
      return { at: Date.parse(row[0] as string), line, quantity: Number(row[1]), amount: row[2] as bigint };
    });
  }

  /** Successful sales, captures and refunds of counting orders processed in [from, to). */
  async payments(shop: string, from: Date, to: Date): Promise<PaymentFact[]> {
    return (await this.all("payments", shop, from, to)).map((row) => ({
      at: Date.parse(row[0] as string),
      refund: row[1] === "REFUND",
      gateway: row[2] as string | null,
      amount: row[3] as bigint,
      fees: row[4] as bigint,
      // SQLite gives 0/1, PostgreSQL a boolean.
      feesListed: row[5] === true || Number(row[5]) === 1,
    }));
  }

  /** Counting orders with a shipping address processed in [from, to), and those cancelled in it without any refund (their cost given back). */
  async shipments(shop: string, from: Date, to: Date): Promise<ShipmentFact[]> {
    const [processed, givenBack] = await Promise.all([this.all("shipments", shop, from, to), this.all("shipmentsGivenBack", shop, from, to)]);
    const fact = (givenBack: boolean) => (row: SqlRow) => ({
      at: Date.parse(row[0] as string),
      givenBack,
      country: row[1] as string | null,
      units: Number(row[2]),
      importedCost: row[3] as bigint | null,
    });
    return [...processed.map(fact(false)), ...givenBack.map(fact(true))];
  }

  /**
   * When each order with a shipping address that a shipping change reaches was processed and, if it
   * was, cancelled: orders shipped to one of `countries`, with `restOfWorldExcept` those shipped to
   * any other country or to an address without one, with `pendingImports` those whose imported cost
   * the costs job has not taken into account.
   */
  async shippedOrderInstants(
    shop: string,
    change: { countries: readonly string[]; restOfWorldExcept: readonly string[] | null; pendingImports: boolean },
  ): Promise<Date[]> {
    const reached: string[] = [];
    const params: SqlValue[] = [shop];
    if (change.countries.length > 0) {
      reached.push(`o."shippingCountry" IN (${change.countries.map(() => "?").join(", ")})`);
      params.push(...change.countries);
    }
    if (change.restOfWorldExcept !== null) {
      const own = change.restOfWorldExcept;
      reached.push(own.length === 0 ? "TRUE" : `o."shippingCountry" IS NULL OR o."shippingCountry" NOT IN (${own.map(() => "?").join(", ")})`);
      params.push(...own);
    }
    if (change.pendingImports)
      reached.push(`EXISTS (SELECT 1 FROM "ShippingCost" sc WHERE sc."shop" = o."shop" AND sc."orderName" = o."name" AND NOT sc."applied")`);
    if (reached.length === 0) return [];
    const rows = await this.db.all(
      `SELECT o."processedAt", o."cancelledAt" FROM "Order" o WHERE o."shop" = ? AND o."hasShippingAddress" AND (${reached.map((condition) => `(${condition})`).join(" OR ")})`,
      params,
    );
    return rows.flatMap((row) => [new Date(row[0] as string), ...(row[1] === null ? [] : [new Date(row[1] as string)])]);
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
