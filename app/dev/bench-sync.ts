// npm run bench:sync -- [--orders N] [--seed S] [--database sqlite|postgresql|both] [--plan standard|advanced|plus | --unthrottled]
//
// Generates a store of N orders (default 100,000), serves it from the devstore in its own process,
// times a full bulk backfill into a fresh database (SQLite, or PostgreSQL on the private server of
// `npm run postgres`), and compares the import with merely parsing the same JSONL in Node (the
// floor no ingester can beat). The devstore charges Shopify's query costs from the bucket of the
// plan's store (Standard unless told: 2,000 points, 100 a second), as a new install meets them;
// `--unthrottled` lifts the limit to time the app's own work alone. Reports the points the queries
// spent, per refund, and the floor they set (points ÷ restore rate). `--database both` runs the same store into each, one after the other,
// and compares them.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAdminClient } from "~/admin-api/client.server";
import { GENERATOR_VERSION, type PlanName, PLANS, writeStoreFixture } from "@throughline/devstore";
import { downloadJsonl } from "~/sync/bulk/jsonl";
import { BULK_STATUS } from "~/sync/bulk/bulk-documents";
import { BENCH_DIR, benchStoreFile, freshBenchDatabase } from "./bench-database";
import { freePort, startUntil } from "./processes";

const { values } = parseArgs({
  options: { orders: { type: "string" }, seed: { type: "string" }, database: { type: "string" }, plan: { type: "string" }, unthrottled: { type: "boolean" } },
});
const planName = values.plan ?? "standard";
if (!Object.hasOwn(PLANS, planName)) {
  console.error(`bench:sync: --plan must be one of ${Object.keys(PLANS).join(", ")}, not "${planName}"`);
  process.exit(2);
}
if (values.unthrottled && values.plan) {
  console.error("bench:sync: --unthrottled and --plan are exclusive (unthrottled lifts the plan's limit)");
  process.exit(2);
}
const limits = values.unthrottled ? { maximumAvailable: 100_000, restoreRate: 100_000 } : PLANS[planName as PlanName];
const limitsLabel = values.unthrottled
  ? "unthrottled"
  : `${planName} plan (${limits.maximumAvailable.toLocaleString("en")} points, ${limits.restoreRate.toLocaleString("en")}/s)`;
const kind = values.database ?? "sqlite";
if (kind !== "sqlite" && kind !== "postgresql" && kind !== "both") {
  console.error(`bench:sync: --database must be sqlite, postgresql or both, not "${kind}"`);
  process.exit(2);
}
if (kind === "both") {
  // Each database in its own process (the app's client is chosen once per process), same store.
  const figures = new Map<string, { importS: number; totalS: number }>();
  for (const database of ["sqlite", "postgresql"]) {
    const args = [...process.argv.slice(1).filter((_, i, all) => all[i] !== "--database" && all[i - 1] !== "--database"), "--database", database];
    const run = spawnSync(process.execPath, [...process.execArgv, ...args], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
    process.stdout.write(run.stdout);
    if (run.status !== 0) process.exit(run.status ?? 1);
    const seconds = (label: string) => Number(new RegExp(`${label}\\s+([\\d.]+) s`).exec(run.stdout)?.[1]);
    figures.set(database, { importS: seconds("JSONL import"), totalS: seconds("full backfill") });
  }
  const sqlite = figures.get("sqlite")!;
  const postgres = figures.get("postgresql")!;
  console.log(`\nbench:sync — both databases`);
  console.log(
    `  JSONL import       SQLite ${sqlite.importS.toFixed(1)} s, PostgreSQL ${postgres.importS.toFixed(1)} s: ${(postgres.importS / sqlite.importS).toFixed(2)}×`,
  );
  console.log(
    `  full backfill      SQLite ${sqlite.totalS.toFixed(1)} s, PostgreSQL ${postgres.totalS.toFixed(1)} s: ${(postgres.totalS / sqlite.totalS).toFixed(2)}×`,
  );
  process.exit(0);
}
const orders = Number(values.orders ?? 100_000);
const seed = Number(values.seed ?? 7);
if (!Number.isInteger(orders) || orders <= 0) {
  console.error(`bench:sync: --orders must be a positive integer, not "${values.orders}"`);
  process.exit(2);
}

const dir = BENCH_DIR;
mkdirSync(dir, { recursive: true });
const fixture = path.join(dir, `store-v${GENERATOR_VERSION}-${orders}-${seed}.jsonl`);
const shop = "bench-store.myshopify.com";
const fmt = new Intl.NumberFormat("en");
/** Orders read with the paged query after the backfill, to price a later read of an order. */
const PAGED_SAMPLE = 150;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

if (!existsSync(fixture)) {
  const started = performance.now();
  const written = await writeStoreFixture(fixture, { orders, seed, shopDomain: shop, shopName: "Bench Store" });
  console.log(`generated ${fmt.format(written.orders)} orders (${mb(written.bytes)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// A fresh database for the import, one per size and limits (runs under two plans can overlap).
const limitsName = values.unthrottled ? "unthrottled" : planName;
const databaseUrl = await freshBenchDatabase(kind, `throughline_bench_${orders}_${limitsName}`, benchStoreFile(orders, limitsName));
process.env.DATABASE_URL = databaseUrl;
execFileSync("prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "ignore" });

// The devstore runs in its own process (Shopify's side), with a heap for the whole store, as
// production: graphql-js's development checks (a realm check on every type test) would add a
// quarter to its exports, time no real store spends.
const port = await freePort();
const loadStarted = performance.now();
const devstore = await startUntil(
  "tsx",
  [
    "app/cli/main.ts",
    "devstore",
    "--fixture",
    fixture,
    "--port",
    String(port),
    "--bucket-size",
    String(limits.maximumAvailable),
    "--restore-rate",
    String(limits.restoreRate),
  ],
  { env: { ...process.env, NODE_ENV: "production", NODE_OPTIONS: "--max-old-space-size=20000" }, ready: /devstore: serving/, timeoutMs: 30 * 60_000 },
);
console.log(`devstore loaded the store in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

try {
  const { default: db } = await import("~/db.server");
  const { connectDevstoreShop } = await import("~/shops/connect-devstore.server");
  const { sessionStorage } = await import("~/shopify.server");
  const { runBackfill } = await import("~/sync/bulk/backfill.server");
  const adminOrigin = `http://127.0.0.1:${port}`;
  await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin, accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
  // Points the queries spent (actual cost), by the phase the backfill was in.
  let phase = "products";
  const points = new Map<string, number>();
  const client = createAdminClient({
    shop,
    accessToken: "devstore-token",
    adminOrigin,
    onCost: ({ actual }) => points.set(phase, (points.get(phase) ?? 0) + actual),
  });
  const phaseStarted = new Map<string, number>();

  let peakRss = 0;
  let peakHeap = 0;
  let peakBuffers = 0;
  const sampler = setInterval(() => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    peakBuffers = Math.max(peakBuffers, memory.arrayBuffers);
  }, 100);
  const timings = { waitMs: 0, ingestMs: 0, refundsMs: 0, indicatorsMs: 0, bytes: 0 };
  const started = performance.now();
  // When the dashboard's default period (the last 30 days) became exact: its indicators built and
  // none of its refunds still without details. The store ends on a fixed date, not today: its last
  // 30 days are counted back from its last order's day, as the dashboard would show them that day.
  const { refundsWithoutDetails } = await import("~/indicators/pending-refunds.server");
  const { presetPeriod } = await import("~/lib/calendar");
  const { timeZone } = await import("@throughline/shopify-common/time-zone");
  let last30ExactMs: number | null = null;
  let checking = false;
  const last30Watch = setInterval(() => {
    if (last30ExactMs !== null || checking || (phase !== "refunds" && phase !== "done")) return;
    checking = true;
    void (async () => {
      const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true } });
      const newest = await db.order.findFirstOrThrow({ where: { shop }, orderBy: { processedAt: "desc" }, select: { processedAt: true } });
      const last30 = presetPeriod("last_30_days", timeZone(record.ianaTimezone).localDay(newest.processedAt.getTime()));
      if ((await refundsWithoutDetails(db, shop, record.ianaTimezone, last30)) === 0) last30ExactMs ??= performance.now() - started;
    })().finally(() => (checking = false));
  }, 250);
  let lastPrint = 0;
  const run = await runBackfill({
    db,
    client,
    databaseUrl,
    maxPollMs: 200,
    batchLines: Number(process.env.THROUGHLINE_BULK_BATCH_LINES) || undefined,
    timings,
    onProgress: (current) => {
      if (current.phase !== phase || !phaseStarted.has(current.phase)) {
        phase = current.phase;
        if (!phaseStarted.has(phase)) phaseStarted.set(phase, performance.now() - started);
      }
      if (performance.now() - lastPrint > 5000) {
        lastPrint = performance.now();
        console.log(
          `  ${current.phase}: ${fmt.format(current.ordersDone)} orders, ${fmt.format(current.objectsDone)} objects, rss ${mb(process.memoryUsage().rss)}`,
        );
      }
    },
  });
  const totalMs = performance.now() - started;
  clearInterval(sampler);
  clearInterval(last30Watch);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const rows = {
    orders: await db.order.count({ where: { shop } }),
    lines: await db.orderLine.count({ where: { shop } }),
    refunds: await db.refund.count({ where: { shop } }),
    refundLines: await db.refundLine.count({ where: { shop } }),
    codes: await db.orderDiscountCode.count({ where: { shop } }),
    products: await db.product.count({ where: { shop } }),
    variants: await db.variant.count({ where: { shop } }),
    transactions: await db.orderTransaction.count({ where: { shop } }),
  };
  const totalRows = Object.values(rows).reduce((sum, n) => sum + n, 0);

  // The floor: download and JSON.parse the same orders exports again, storing nothing.
  const orderExports = await db.syncExport.findMany({ where: { runId: run.id, kind: "orders" }, orderBy: { position: "asc" } });
  const parseStarted = performance.now();
  let parsed = 0;
  let ordersFileBytes = 0;
  for (const entry of orderExports) {
    const status = (await client.request(BULK_STATUS, { id: entry.operationId! })).bulkOperation;
    ordersFileBytes += Number(status!.fileSize ?? 0);
    for await (const line of downloadJsonl(status!.url!, 0)) if (line) parsed++;
  }
  const parseMs = performance.now() - parseStarted;

  // What reading an order costs after the first copy (reconciliation, webhook tasks: the paged
  // query), in points Shopify charges, on a sample of the store's orders.
  phase = "paged";
  const { pullOrders } = await import("~/sync/pull.server");
  let pagedOrders = 0;
  for await (const page of pullOrders(client)) {
    pagedOrders += page.length;
    if (pagedOrders >= PAGED_SAMPLE) break;
  }

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  // The backfill's points; the paged sample after it is priced on its own (per order, below).
  const spent = [...points].reduce((sum, [name, n]) => (name === "paged" ? sum : sum + n), 0);
  const refundPoints = points.get("refunds") ?? 0;
  // A new install starts with a full bucket: only what it spends past that waits for the restore rate.
  const floorMs = (spentPoints: number) => (Math.max(0, spentPoints - limits.maximumAvailable) / limits.restoreRate) * 1000;
  const at = (name: string) => (phaseStarted.has(name) ? seconds(phaseStarted.get(name)!) : "—");
  console.log(`\nbench:sync — ${fmt.format(orders)} orders into ${kind === "postgresql" ? "PostgreSQL" : "SQLite"}, the devstore at the ${limitsLabel}`);
  console.log(
    `  phases began at    orders ${at("orders")}, indicators ${at("indicators")} (every order stored), refund details ${at("refunds")} (the dashboard shows); done ${seconds(totalMs)}`,
  );
  console.log(
    `  exact              the last 30 days (the dashboard's default) at ${last30ExactMs === null ? "the end" : seconds(last30ExactMs)}; everything at ${seconds(totalMs)}`,
  );
  console.log(
    `  query cost         ${fmt.format(spent)} points spent by the backfill, ${fmt.format(refundPoints)} of them on refund details: ${rows.refunds ? (refundPoints / rows.refunds).toFixed(1) : "—"} points a refund` +
      (values.unthrottled
        ? ""
        : `; the floor they set (points past the full bucket ÷ ${fmt.format(limits.restoreRate)}/s): refund details ${seconds(floorMs(refundPoints))}, taken ${seconds(timings.refundsMs)} (${(timings.refundsMs / Math.max(1, floorMs(refundPoints))).toFixed(2)}×)`),
  );
  const exportPoints = (points.get("products") ?? 0) + (points.get("orders") ?? 0);
  console.log(
    `  per order          the export ${(exportPoints / rows.orders).toFixed(4)} points and ${fmt.format(Math.round(ordersFileBytes / rows.orders))} bytes (the orders ${orderExports.length === 1 ? "file" : `files, ${orderExports.length} spans`}), ` +
      `${(rows.transactions / rows.orders).toFixed(2)} transactions; a paged read ${((points.get("paged") ?? 0) / pagedOrders).toFixed(1)} points (actual, over ${fmt.format(pagedOrders)} orders)`,
  );
  console.log(
    `  rows stored        ${fmt.format(totalRows)} (${Object.entries(rows)
      .map(([k, v]) => `${k} ${fmt.format(v)}`)
      .join(", ")})`,
  );
  console.log(
    `  full backfill      ${seconds(totalMs)} (waiting for the devstore's exports ${seconds(timings.waitMs)}, refund details ${seconds(timings.refundsMs)}, indicators ${seconds(timings.indicatorsMs)})`,
  );
  console.log(
    `  JSONL import       ${seconds(timings.ingestMs)} for ${mb(timings.bytes)}: ${fmt.format(Math.round(rows.orders / (timings.ingestMs / 1000)))} orders/s, ${fmt.format(Math.round((totalRows - rows.refundLines) / (timings.ingestMs / 1000)))} rows/s`,
  );
  console.log(
    `  parse-only floor   ${seconds(parseMs)} for ${fmt.format(parsed)} lines (${mb(ordersFileBytes)}, ${(ordersFileBytes / 1e6 / (parseMs / 1000)).toFixed(0)} MB/s)`,
  );
  console.log(`  import / floor     ${(timings.ingestMs / parseMs).toFixed(2)}× (orders file only in the floor; the import also reads products)`);
  console.log(`  peak memory (RSS)  ${mb(peakRss)} in the importing process (JS heap ${mb(peakHeap)}, buffers ${mb(peakBuffers)})`);
  console.log(`  run                ${run.status}, ${fmt.format(run.ordersDone)} orders, ${fmt.format(run.productsDone)} products`);
  await db.$disconnect();
} finally {
  await devstore.stop();
}
