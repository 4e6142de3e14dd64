import { AttributionStore } from "~/promotions/attribution-store.server";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeSqlExecutor, numberedPlaceholders, sqlExecutor, type SqlExecutor, type SqlRow } from "~/lib/sql-executor.server";
import { RollupStore, type StoredDay } from "~/indicators/rollup-store.server";
import {
  emptyPaymentTotals,
  emptyShippingTotals,
  emptyTotals,
  type DayRollup,
  type PaymentTotals,
  type ShippingTotals,
  type Totals,
} from "~/indicators/engine";
import { parseDay } from "~/lib/calendar";
import { databaseKind } from "~/lib/database-kind";
import { BulkStore, sqlDate, type Batch, type Row } from "~/sync/bulk/bulk-store.server";
import { dropScratchPostgres, NO_POSTGRES, postgresRequired, postgresServer, scratchPostgres } from "../helpers/postgres";

// The hand-written SQL (bulk imports, rollups) on both databases: the same store operations run on
// an SQLite file and on a PostgreSQL database, and must give the same values (bigint money,
// instants, customer-key blobs, upsert rules, rollback), each also checked against what is expected.
//
// The PostgreSQL server: tests/helpers/postgres.ts (required in CI).

const sqliteTemplate = process.env.THROUGHLINE_TEST_DB_TEMPLATE ?? path.resolve("tmp/test-db/template.sqlite");
const scratchName = `throughline_test_${process.env.THROUGHLINE_TEST_RUN ?? process.pid}_sqlexec_${process.pid}`;

const required = postgresRequired;
const server = postgresServer();
if (!server && !required) console.warn("sql-executor.test: no PostgreSQL (THROUGHLINE_TEST_POSTGRES_URL unset, no server binaries): SQLite half only");

function scratchSqlite(name: string): string {
  // Beside the run's template, in the folder the run removes when it ends.
  const file = path.join(path.dirname(sqliteTemplate), `sqlexec-${name}-${process.pid}.sqlite`);
  copyFileSync(sqliteTemplate, file);
  return `file:${file}`;
}

// ---------------------------------------------------------------------------------------------
// The scenario: the same calls on each database
// ---------------------------------------------------------------------------------------------

const SHOP = "both.myshopify.com";
const BIG = 9_007_199_254_740_993n; // 2^53 + 1: lost by any float on the way
const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

const orderRow = (
  id: number,
  updatedAt: string,
  overrides: { test?: number; total?: bigint; name?: string; utm?: string | null; cancelledAt?: string | null; country?: string | null } = {},
): Row => [
  SHOP,
  gid("Order", id),
  overrides.name ?? `#${id}`,
  sqlDate("2026-03-01T10:00:00Z"),
  sqlDate(updatedAt),
  sqlDate(`2026-03-0${id}T12:30:45.123Z`),
  sqlDate(overrides.cancelledAt ?? null),
  overrides.test ?? 0,
  gid("Customer", id % 2),
  "web",
  "USD",
  "EUR",
  overrides.total ?? 10_000n,
  500n,
  0n,
  0n,
  overrides.total ?? 10_000n,
  0n,
  "google",
  "cpc",
  overrides.utm === undefined ? "Spring" : overrides.utm,
  overrides.country === null ? 0 : 1,
  overrides.country === undefined ? "DE" : overrides.country,
];
/** A transaction of an order: kind, status, its day in March, amount and fees (null: none listed). */
const transactionRow = (id: number, order: number, kind: string, status: string, at: string | null, amount: bigint, fees: bigint | null): Row => [
  SHOP,
  gid("OrderTransaction", id),
  gid("Order", order),
  kind,
  status,
  fees === null ? "paypal" : "shopify_payments",
  sqlDate(at),
  0,
  amount,
  fees ?? 0n,
  fees === null ? 0 : 1,
];
const lineRow = (id: number, order: number, unitCost: bigint | null, quantity = 2): Row => [
  SHOP,
  gid("LineItem", id),
  gid("Order", order),
  gid("Product", 1),
  gid("ProductVariant", 1),
  "Mug",
  "MUG-1",
  quantity,
  2_500n,
  100n,
  unitCost,
];

interface Outcome {
  orders: unknown[][];
  lines: unknown[][];
  codes: unknown[][];
  refunds: unknown[][];
  refundLines: unknown[][];
  syncRun: unknown[][];
  incompleteBefore: { id: string; orderId: string; orderLines: number; createdAt: Date }[];
  incompleteAfter: { id: string; orderId: string; orderLines: number; createdAt: Date }[];
  days: StoredDay[];
  ordersWithLines: unknown;
  keyedOrders: unknown;
  attributed: unknown;
  anyPromotion: unknown;
  refundReversals: unknown;
  cancellationReversals: unknown;
  transactions: unknown[][];
  payments: unknown;
  shipments: unknown;
  shippedOrderInstants: unknown;
  rolledBack: unknown[][];
  failedBatch: unknown[][];
}

/** Values as plain comparable data: integers as bigint, booleans as 0/1, instants as ISO text, bytes as hex. */
function plain(value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) return new Date(value).toISOString();
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("hex");
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return [...value.entries()].map(plain);
  if (value instanceof Int32Array) return [...value];
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}

const select = async (db: SqlExecutor, sql: string): Promise<unknown[][]> => (await db.all(sql)).map((row: SqlRow) => row.map(plain));

function totals(partial: Partial<Totals>): Totals {
  return { ...emptyTotals(), ...partial };
}

const byTime = (a: Date, b: Date) => a.getTime() - b.getTime();

/** Rows come in no particular order (no ORDER BY needed by the app): sorted to compare. */
function sorted<T extends { orders: { id: string }[]; lines: Map<string, unknown> }>(result: T): T {
  return {
    ...result,
    orders: [...result.orders].sort((a, b) => a.id.localeCompare(b.id)),
    lines: new Map([...result.lines].sort(([a], [b]) => a.localeCompare(b))),
  };
}

async function scenario(url: string): Promise<Outcome> {
  const db = sqlExecutor(url);
  expect(db.dialect).toBe(databaseKind(url));
  await db.run(`INSERT INTO "SyncRun" ("id", "shop", "kind", "status", "phase", "startedAt", "heartbeatAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    1,
    SHOP,
    "backfill",
    "running",
    "orders",
    new Date("2026-03-10T00:00:00Z"),
    new Date("2026-03-10T00:00:00Z"),
  ]);
  await db.run(`INSERT INTO "SyncExport" ("id", "shop", "runId", "kind", "position") VALUES (?, ?, ?, ?, ?)`, [1, SHOP, 1, "orders", 0]);
  const bulk = await BulkStore.open(url);
  const now = new Date("2026-03-10T08:00:00.250Z");

  // First import: order 2 arrives twice in one batch (the older copy second, so it changes nothing),
  // line 11 twice (its first cost stays), a code twice (the first stays).
  const first: Batch = {
    order: [
      orderRow(1, "2026-03-05T00:00:00Z", { total: BIG }),
      orderRow(2, "2026-03-06T00:00:00Z", { name: "#2 newer" }),
      orderRow(3, "2026-03-05T00:00:00Z", { test: 1 }),
      orderRow(2, "2026-03-05T00:00:00Z", { name: "#2 older" }),
      orderRow(4, "2026-03-05T00:00:00Z", { utm: null, cancelledAt: "2026-03-07T00:00:00Z", country: "JP" }),
    ],
    line: [lineRow(11, 1, 700n, 3), lineRow(12, 2, null), lineRow(13, 3, 700n), lineRow(11, 1, 999n, 3), lineRow(14, 4, 300n, 1)],
    code: [
      [SHOP, gid("Order", 1), "SPRING10", "spring10"],
      [SHOP, gid("Order", 1), "SPRING10", "ignored"],
    ],
    refund: [
      [SHOP, gid("Refund", 21), gid("Order", 2), sqlDate("2026-03-08T09:00:00Z"), 2_500n, 0],
      // Two more still without lines (of an order not imported here): they are read newest first.
      [SHOP, gid("Refund", 22), gid("Order", 9), sqlDate("2026-03-09T09:00:00Z"), 100n, 0],
      [SHOP, gid("Refund", 20), gid("Order", 9), sqlDate("2026-03-06T09:00:00Z"), 100n, 0],
    ],
    // Order 1 paid with a fee of BIG (2^53 + 1), refunded in part with a fee given back; order 2 by
    // PayPal (no fee listed); the test order 3's sale and a failed sale of order 4 don't count;
    // a transaction without processedAt counts on no day. Transaction 31 arrives twice, pending then paid.
    transaction: [
      transactionRow(31, 1, "SALE", "PENDING", "2026-03-01T12:30:45.123Z", 7_000n, BIG),
      transactionRow(31, 1, "SALE", "SUCCESS", "2026-03-01T12:30:45.123Z", 7_000n, BIG),
      transactionRow(32, 1, "REFUND", "SUCCESS", "2026-03-08T09:00:00Z", 2_500n, -70n),
      transactionRow(33, 2, "SALE", "SUCCESS", "2026-03-02T12:30:45.123Z", 9_500n, null),
      transactionRow(34, 3, "SALE", "SUCCESS", "2026-03-03T12:30:45.123Z", 9_500n, 300n),
      transactionRow(35, 4, "SALE", "FAILURE", "2026-03-04T12:30:45.123Z", 9_500n, null),
      transactionRow(36, 4, "SALE", "SUCCESS", null, 9_500n, null),
    ],
  };
  await bulk.write(first, { runId: 1, exportId: 1, bytes: 123_456, objects: 12, orders: 5, products: 0 }, now);

  // Second import: an older copy of order 1 changes nothing; a newer order 3 updates; line 12 keeps its first (unknown) cost.
  await bulk.write(
    {
      order: [orderRow(1, "2026-03-04T00:00:00Z", { name: "#1 stale", total: 1n }), orderRow(3, "2026-03-09T00:00:00Z", { name: "#3 newest", test: 1 })],
      line: [lineRow(12, 2, 800n, 4)],
    },
    { runId: 1, exportId: 1, bytes: 234_567, objects: 15, orders: 6, products: 0 },
    now,
  );

  const incompleteBefore = await bulk.incompleteRefunds(SHOP, 10);
  await bulk.completeRefunds(SHOP, [gid("Refund", 21)], [[SHOP, gid("Refund", 21), gid("Order", 2), 0, gid("LineItem", 12), 1, 2_500n]], {
    runId: 1,
    now: new Date("2026-03-10T09:00:00Z"),
  });
  // A later import of the same refund keeps it complete.
  await bulk.write(
    { refund: [[SHOP, gid("Refund", 21), gid("Order", 2), sqlDate("2026-03-08T09:00:00Z"), 2_500n, 0]] },
    { runId: 1, exportId: 1, bytes: 300_000, objects: 16, orders: 6, products: 0 },
    now,
  );
  const incompleteAfter = await bulk.incompleteRefunds(SHOP, 10);

  // A batch that fails halfway (a line without its order id) leaves neither its rows nor its checkpoint.
  const failing = bulk.write(
    { order: [orderRow(5, "2026-03-05T00:00:00Z")], line: [[SHOP, gid("LineItem", 15), null, null, null, "x", null, 1, 1n, 0n, null]] },
    { runId: 1, exportId: 1, bytes: 999_999, objects: 99, orders: 99, products: 0 },
    now,
  );
  await expect(failing).rejects.toThrow();

  // Rollups: days with bigint totals and customer keys, product days, new customers.
  const rollups = new RollupStore(db);
  const attribution = new AttributionStore(db);
  const day = (
    date: string,
    partial: Partial<Totals>,
    keys: number[],
    payments: PaymentTotals = emptyPaymentTotals(),
    shipping: ShippingTotals = emptyShippingTotals(),
  ): DayRollup => ({
    day: parseDay(date)!,
    totals: totals(partial),
    customerKeys: keys,
    products: new Map([[gid("Product", 1), totals(partial)]]),
    payments,
    shipping,
  });
  await rollups.replaceDays(
    SHOP,
    parseDay("2026-03-01")!,
    parseDay("2026-03-31")!,
    [
      day(
        "2026-03-01",
        { orders: 1, units: 3, grossSales: BIG, discounts: 500n, cogs: 2_100n },
        [0, 7, 2_147_483_647],
        {
          transactionFees: BIG,
          payments: -BIG,
          paymentsFeeKnown: 7_000n,
        },
        { shippingCosts: -BIG, shipments: 3, shipmentsCostKnown: 2 },
      ),
      day("2026-03-02", { orders: 1, units: 2, grossSales: 5_000n, newCustomers: 1 }, [-1]),
    ],
    [{ customerId: gid("Customer", 1), key: 0, firstOrderId: gid("Order", 1), firstOrderAt: new Date("2026-03-01T12:30:45.123Z") }],
  );
  // Replacing part of the range drops what it held.
  await rollups.replaceDays(SHOP, parseDay("2026-03-02")!, parseDay("2026-03-02")!, []);

  const range: [Date, Date] = [new Date("2026-03-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z")];
  // Imported shipping costs: order #1's (not yet taken into account by the costs job), and one of an order the copy doesn't hold.
  await db.run(`INSERT INTO "ShippingCost" ("shop", "orderName", "cost", "importedAt", "applied") VALUES (?, '#1', ?, ?, FALSE), (?, '#9', 100, ?, TRUE)`, [
    SHOP,
    BIG,
    now,
    SHOP,
    now,
  ]);
  // Promotions: one by codes over March, one by UTM campaign on 2 March only (windows in UTC).
  const created = new Date("2026-02-20T00:00:00Z");
  await db.run(
    `INSERT INTO "Promotion" ("id", "shop", "title", "type", "start", "end", "createdBy", "createdAt", "updatedAt", "startsAt", "endsBefore", "windowZone", "utmLower")
     VALUES (?, ?, 'Codes', 'discount', '2026-03-01', '2026-03-31', '1', ?, ?, ?, ?, 'UTC', NULL), (?, ?, 'Campaign', 'email', '2026-03-02', '2026-03-02', '1', ?, ?, ?, ?, 'UTC', 'spring')`,
    [1, SHOP, created, created, ...range, 2, SHOP, created, created, new Date("2026-03-02T00:00:00Z"), new Date("2026-03-03T00:00:00Z")],
  );
  await db.run(`INSERT INTO "PromotionCode" ("shop", "promotionId", "code", "codeLower") VALUES (?, 1, 'SPRING10', 'spring10'), (?, 1, 'NOPE', 'nope')`, [
    SHOP,
    SHOP,
  ]);
  // A transaction that throws leaves nothing behind.
  await expect(
    db.transaction(async (tx) => {
      await tx.run(`UPDATE "Order" SET "name" = ? WHERE "shop" = ?`, ["rolled back", SHOP]);
      expect(await tx.all(`SELECT COUNT(*) FROM "Order" WHERE "name" = ?`, ["rolled back"])).toEqual([[4n]]);
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");

  const outcome: Outcome = {
    orders: await select(
      db,
      `SELECT "id", "name", "createdAt", "updatedAt", "processedAt", "cancelledAt", "test", "customerId", "totalPrice", "utmCampaign" FROM "Order" ORDER BY "id"`,
    ),
    lines: await select(db, `SELECT "id", "orderId", "quantity", "originalUnitPrice", "unitCost" FROM "OrderLine" ORDER BY "id"`),
    codes: await select(db, `SELECT "orderId", "code", "codeLower" FROM "OrderDiscountCode" ORDER BY "code"`),
    refunds: await select(db, `SELECT "id", "createdAt", "totalRefunded", "linesComplete" FROM "Refund" ORDER BY "id"`),
    refundLines: await select(db, `SELECT "refundId", "position", "lineItemId", "quantity", "subtotal" FROM "RefundLine" ORDER BY "position"`),
    syncRun: await select(
      db,
      `SELECT e."checkpoint", r."objectsDone", r."ordersDone", r."heartbeatAt" FROM "SyncRun" r JOIN "SyncExport" e ON e."runId" = r."id"`,
    ),
    incompleteBefore,
    incompleteAfter,
    days: await rollups.days(SHOP, "2026-03-01", "2026-03-31"),
    ordersWithLines: plain(sorted(await rollups.ordersWithLines(SHOP, ...range, false))),
    keyedOrders: plain(sorted(await rollups.ordersWithLines(SHOP, ...range, true))),
    attributed: plain(
      [...(await attribution.attributedOrdersOf(SHOP, [1, 2], ...range))].sort((a, b) => a.promotionId - b.promotionId || a.id.localeCompare(b.id)),
    ),
    anyPromotion: plain([...(await attribution.ordersOfAnyPromotion(SHOP, ...range))].sort((a, b) => a.id.localeCompare(b.id))),
    refundReversals: plain(await rollups.refundReversals(SHOP, ...range)),
    cancellationReversals: plain(await rollups.cancellationReversals(SHOP, ...range)),
    transactions: await select(
      db,
      `SELECT "id", "orderId", "kind", "status", "gateway", "processedAt", "test", "amount", "fees", "feesListed" FROM "OrderTransaction" ORDER BY "id"`,
    ),
    payments: plain([...(await rollups.payments(SHOP, ...range))].sort((a, b) => a.at - b.at)),
    shipments: plain([...(await rollups.shipments(SHOP, ...range))].sort((a, b) => a.at - b.at)),
    shippedOrderInstants: {
      toJapanOrImported: plain((await rollups.shippedOrderInstants(SHOP, { countries: ["JP"], restOfWorldExcept: null, pendingImports: true })).sort(byTime)),
      restOfWorldButJapan: plain((await rollups.shippedOrderInstants(SHOP, { countries: [], restOfWorldExcept: ["JP"], pendingImports: false })).sort(byTime)),
      nothing: await rollups.shippedOrderInstants(SHOP, { countries: [], restOfWorldExcept: null, pendingImports: false }),
    },
    rolledBack: await select(db, `SELECT COUNT(*) FROM "Order" WHERE "name" = 'rolled back'`),
    failedBatch: await select(db, `SELECT COUNT(*) FROM "Order" WHERE "id" = '${gid("Order", 5)}'`),
  };
  return outcome;
}

/** What both databases must hold after the scenario. */
function expectTheScenario(outcome: Outcome): void {
  const iso = (text: string) => new Date(text).toISOString();
  expect(outcome.orders).toEqual([
    [
      gid("Order", 1),
      "#1",
      iso("2026-03-01T10:00:00Z"),
      iso("2026-03-05T00:00:00Z"),
      iso("2026-03-01T12:30:45.123Z"),
      null,
      0n,
      gid("Customer", 1),
      BIG,
      "Spring",
    ],
    [
      gid("Order", 2),
      "#2 newer",
      iso("2026-03-01T10:00:00Z"),
      iso("2026-03-06T00:00:00Z"),
      iso("2026-03-02T12:30:45.123Z"),
      null,
      0n,
      gid("Customer", 0),
      10_000n,
      "Spring",
    ],
    [
      gid("Order", 3),
      "#3 newest",
      iso("2026-03-01T10:00:00Z"),
      iso("2026-03-09T00:00:00Z"),
      iso("2026-03-03T12:30:45.123Z"),
      null,
      1n,
      gid("Customer", 1),
      10_000n,
      "Spring",
    ],
    [
      gid("Order", 4),
      "#4",
      iso("2026-03-01T10:00:00Z"),
      iso("2026-03-05T00:00:00Z"),
      iso("2026-03-04T12:30:45.123Z"),
      iso("2026-03-07T00:00:00Z"),
      0n,
      gid("Customer", 0),
      10_000n,
      null,
    ],
  ]);
  expect(outcome.lines).toEqual([
    [gid("LineItem", 11), gid("Order", 1), 3n, 2_500n, 700n],
    [gid("LineItem", 12), gid("Order", 2), 4n, 2_500n, null],
    [gid("LineItem", 13), gid("Order", 3), 2n, 2_500n, 700n],
    [gid("LineItem", 14), gid("Order", 4), 1n, 2_500n, 300n],
  ]);
  expect(outcome.codes).toEqual([[gid("Order", 1), "SPRING10", "spring10"]]);
  expect(outcome.refunds).toEqual([
    [gid("Refund", 20), iso("2026-03-06T09:00:00Z"), 100n, 0n],
    [gid("Refund", 21), iso("2026-03-08T09:00:00Z"), 2_500n, 1n],
    [gid("Refund", 22), iso("2026-03-09T09:00:00Z"), 100n, 0n],
  ]);
  expect(outcome.refundLines).toEqual([[gid("Refund", 21), 0n, gid("LineItem", 12), 1n, 2_500n]]);
  expect(outcome.syncRun).toEqual([[300_000n, 16n, 6n, iso("2026-03-10T08:00:00.250Z")]]);
  // With the number of lines of each one's order (a refund's query asks one more), and when it was made.
  expect(outcome.incompleteBefore).toEqual([
    { id: gid("Refund", 22), orderId: gid("Order", 9), orderLines: 0, createdAt: new Date("2026-03-09T09:00:00Z") },
    { id: gid("Refund", 21), orderId: gid("Order", 2), orderLines: 1, createdAt: new Date("2026-03-08T09:00:00Z") },
    { id: gid("Refund", 20), orderId: gid("Order", 9), orderLines: 0, createdAt: new Date("2026-03-06T09:00:00Z") },
  ]);
  expect(outcome.incompleteAfter).toEqual([
    { id: gid("Refund", 22), orderId: gid("Order", 9), orderLines: 0, createdAt: new Date("2026-03-09T09:00:00Z") },
    { id: gid("Refund", 20), orderId: gid("Order", 9), orderLines: 0, createdAt: new Date("2026-03-06T09:00:00Z") },
  ]);
  expect(outcome.failedBatch).toEqual([[0n]]);
  expect(outcome.rolledBack).toEqual([[0n]]);

  expect(outcome.days.map((day) => ({ ...day, customerKeys: [...day.customerKeys] }))).toEqual([
    {
      day: "2026-03-01",
      totals: totals({ orders: 1, units: 3, grossSales: BIG, discounts: 500n, cogs: 2_100n }),
      customerKeys: [0, 7, 2_147_483_647],
      payments: { transactionFees: BIG, payments: -BIG, paymentsFeeKnown: 7_000n },
      shipping: { shippingCosts: -BIG, shipments: 3, shipmentsCostKnown: 2 },
    },
  ]);
  // Counting orders with a shipping address, with their units and imported cost (#1's): order 4's
  // cost comes back when it was cancelled without a refund; order 2 had a refund, the test order 3 doesn't count.
  const at = (text: string) => BigInt(Date.parse(text));
  expect(outcome.shipments).toEqual([
    { at: at("2026-03-01T12:30:45.123Z"), givenBack: 0n, country: "DE", units: 3n, importedCost: BIG },
    { at: at("2026-03-02T12:30:45.123Z"), givenBack: 0n, country: "DE", units: 4n, importedCost: null },
    { at: at("2026-03-04T12:30:45.123Z"), givenBack: 0n, country: "JP", units: 1n, importedCost: null },
    { at: at("2026-03-07T00:00:00Z"), givenBack: 1n, country: "JP", units: 1n, importedCost: null },
  ]);
  // The orders a shipping change reaches (test orders' too: their days are recomputed, no harm).
  expect(outcome.shippedOrderInstants).toEqual({
    toJapanOrImported: [iso("2026-03-01T12:30:45.123Z"), iso("2026-03-04T12:30:45.123Z"), iso("2026-03-07T00:00:00Z")],
    restOfWorldButJapan: [iso("2026-03-01T12:30:45.123Z"), iso("2026-03-02T12:30:45.123Z"), iso("2026-03-03T12:30:45.123Z")],
    nothing: [],
  });
  // The later copy of a transaction wins (its status changed); booleans, money and instants come back alike.
  expect(outcome.transactions.map((row) => row.slice(0, 4))).toEqual([
    [gid("OrderTransaction", 31), gid("Order", 1), "SALE", "SUCCESS"],
    [gid("OrderTransaction", 32), gid("Order", 1), "REFUND", "SUCCESS"],
    [gid("OrderTransaction", 33), gid("Order", 2), "SALE", "SUCCESS"],
    [gid("OrderTransaction", 34), gid("Order", 3), "SALE", "SUCCESS"],
    [gid("OrderTransaction", 35), gid("Order", 4), "SALE", "FAILURE"],
    [gid("OrderTransaction", 36), gid("Order", 4), "SALE", "SUCCESS"],
  ]);
  expect(outcome.transactions[0]!.slice(4)).toEqual(["shopify_payments", iso("2026-03-01T12:30:45.123Z"), 0n, 7_000n, BIG, 1n]);
  expect(outcome.transactions[2]!.slice(4)).toEqual(["paypal", iso("2026-03-02T12:30:45.123Z"), 0n, 9_500n, 0n, 0n]);
  expect(outcome.transactions[5]![5]).toBeNull();
  // What the rollups count: successful sales, captures and refunds of counting orders, with processedAt.
  expect(outcome.payments).toEqual([
    { at: BigInt(Date.parse("2026-03-01T12:30:45.123Z")), refund: 0n, gateway: "shopify_payments", amount: 7_000n, fees: BIG, feesListed: 1n },
    { at: BigInt(Date.parse("2026-03-02T12:30:45.123Z")), refund: 0n, gateway: "paypal", amount: 9_500n, fees: 0n, feesListed: 0n },
    { at: BigInt(Date.parse("2026-03-08T09:00:00Z")), refund: 1n, gateway: "shopify_payments", amount: 2_500n, fees: -70n, feesListed: 1n },
  ]);
  expect(outcome.ordersWithLines).toMatchObject({
    orders: [{ id: gid("Order", 1), processedAt: iso("2026-03-01T12:30:45.123Z"), totalDiscounts: 500n, customer: null }, {}, {}],
  });
  expect(outcome.keyedOrders).toMatchObject({
    orders: [{ id: gid("Order", 1), customer: { key: 0n, firstOrderId: gid("Order", 1) } }, { customer: null }, {}],
  });
  const order1 = {
    id: gid("Order", 1),
    customerId: gid("Customer", 1),
    processedAt: iso("2026-03-01T12:30:45.123Z"),
    gross: 7_500n,
    discounts: 500n,
    firstOrder: 1n,
    // Its one line has a cost: 3 × (25.00 − 7.00) − the line's 1.00 discount.
    grossWithCost: 7_500n,
    grossProfit: 3n * (2_500n - 700n) - 100n,
  };
  const order2 = {
    id: gid("Order", 2),
    customerId: gid("Customer", 0),
    processedAt: iso("2026-03-02T12:30:45.123Z"),
    gross: 10_000n,
    discounts: 500n,
    firstOrder: 0n,
    // Its line has no cost, so none of its sales counts towards gross profit.
    grossWithCost: 0n,
    grossProfit: 0n,
  };
  // Order 1 by its code, order 2 by its campaign "Spring" on the campaign's one day; the test order 3 and order 4 (no campaign) by neither.
  expect(outcome.attributed).toEqual([
    { promotionId: 1n, ...order1 },
    { promotionId: 2n, ...order2 },
  ]);
  expect(outcome.anyPromotion).toEqual([order1, order2]);
  expect(outcome.refundReversals).toEqual([
    {
      at: BigInt(Date.parse("2026-03-08T09:00:00Z")),
      quantity: 1n,
      amount: 2_500n,
      line: { productId: gid("Product", 1), quantity: 4n, originalUnitPrice: 2_500n, totalDiscount: 100n, unitCost: null },
    },
  ]);
  expect(outcome.cancellationReversals).toHaveLength(1);
}

// ---------------------------------------------------------------------------------------------

describe("the SQL executor's placeholders", () => {
  it("GIVEN ? placeholders THEN PostgreSQL gets $1, $2… in order, none inside quotes", () => {
    expect(numberedPlaceholders(`SELECT "a?" FROM t WHERE x = ? AND y = '?' AND z IN (?, ?)`)).toBe(
      `SELECT "a?" FROM t WHERE x = $1 AND y = '?' AND z IN ($2, $3)`,
    );
  });
});

describe("hand-written SQL on SQLite", () => {
  const url = scratchSqlite("alone");
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await scenario(url);
  });

  it("GIVEN imports, upserts, refunds, rollups and a rollback THEN the values are the expected ones", () => {
    expectTheScenario(outcome);
  });
});

if (server) {
  describe("hand-written SQL on PostgreSQL, against SQLite", () => {
    let sqlite: Outcome;
    let postgres: Outcome;
    let url: string;
    beforeAll(async () => {
      url = await scratchPostgres(server, scratchName);
      [sqlite, postgres] = [await scenario(scratchSqlite("beside")), await scenario(url)];
    });
    afterAll(async () => {
      if (url) await closeSqlExecutor(url);
      await dropScratchPostgres(server, scratchName);
    });

    it("GIVEN the same calls THEN PostgreSQL holds the expected values", () => {
      expectTheScenario(postgres);
    });

    it("GIVEN the same calls THEN both databases give the same values, exactly", () => {
      expect(postgres).toEqual(sqlite);
    });

    it("GIVEN a process in another time zone THEN PostgreSQL's timestamps are still read and written as UTC", async () => {
      const zone = process.env.TZ;
      process.env.TZ = "America/Santiago";
      try {
        expect(new Date("2026-03-01T00:00:00Z").getTimezoneOffset()).not.toBe(0);
        const rows = await sqlExecutor(url).all(`SELECT CAST('2026-03-01 23:59:59.5' AS timestamp(3)), CAST(? AS timestamp(3))`, [
          new Date("2026-03-01T00:00:00Z"),
        ]);
        expect(rows).toEqual([["2026-03-01T23:59:59.500Z", "2026-03-01T00:00:00.000Z"]]);
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    });
  });
} else if (required) {
  describe("hand-written SQL on PostgreSQL", () => {
    it("GIVEN CI THEN a PostgreSQL server is there to test against", () => {
      throw new Error(NO_POSTGRES);
    });
  });
}
