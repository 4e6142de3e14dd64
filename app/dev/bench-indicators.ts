// npm run bench:indicators -- [--orders 10000,100000,1000000] [--runs 30]
//
// For stores of each size (built by bench:sync into tmp/bench/ when missing: generated, served by
// the devstore, bulk-backfilled), times:
// - building the indicator rollups from the whole store (what a backfill's last phase does);
// - the dashboard's query set for the last full quarter: the quarter, the previous one, the same
//   quarter a year earlier, the trend series, the driver breakdowns and the product table (p50/p95);
// - applying one changed order: storing it again with a later updatedAt, which recomputes the
//   days it touches (p50/p95 over different orders).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { createPrismaClient } from "~/db.server";
import { dashboardReport } from "~/indicators/dashboard-report.server";
import { periodReport } from "~/indicators/report.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { formatDay, quarterStart } from "~/lib/calendar";
import { timeZone } from "@throughline/shopify-common/time-zone";
import type { OrderRecord } from "~/sync/records";
import { saveOrders } from "~/sync/store-records.server";
import { benchStoreFile } from "./bench-database";

const { values } = parseArgs({ options: { orders: { type: "string" }, runs: { type: "string" } } });
const sizes = (values.orders ?? "10000,100000,1000000").split(",").map(Number);
const runs = Number(values.runs ?? 30);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(runs) || runs < 1) {
  console.error("bench:indicators: --orders takes whole numbers separated by commas, --runs a whole number");
  process.exit(2);
}
const shop = "bench-store.myshopify.com";
const fmt = new Intl.NumberFormat("en");

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed<T>(job: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await job();
  return [result, performance.now() - started];
}

/** An order as the sync would receive it again, from its stored copy. */
async function storedOrder(db: ReturnType<typeof createPrismaClient>, id: string): Promise<OrderRecord> {
  const order = await db.order.findUniqueOrThrow({ where: { shop_id: { shop, id } } });
  const [lines, refunds, refundLines, codes, transactions] = await Promise.all([
    db.orderLine.findMany({ where: { shop, orderId: id }, orderBy: { id: "asc" } }),
    db.refund.findMany({ where: { shop, orderId: id } }),
    db.refundLine.findMany({ where: { shop, orderId: id }, orderBy: { position: "asc" } }),
    db.orderDiscountCode.findMany({ where: { shop, orderId: id } }),
    db.orderTransaction.findMany({ where: { shop, orderId: id }, orderBy: { id: "asc" } }),
  ]);
  const { shop: _shop, ...fields } = order;
  return {
    ...fields,
    discountCodes: codes.map((code) => code.code),
    lines: lines.map(({ shop: _s, orderId: _o, unitCost: _c, ...line }) => line),
    refunds: refunds.map((refund) => ({
      id: refund.id,
      createdAt: refund.createdAt,
      totalRefunded: refund.totalRefunded,
      lines: refundLines.filter((line) => line.refundId === refund.id).map(({ lineItemId, quantity, subtotal }) => ({ lineItemId, quantity, subtotal })),
    })),
    transactions: transactions.map(({ shop: _s, orderId: _o, ...transaction }) => transaction),
  };
}

for (const orders of sizes) {
  // Any copy bench:sync made of this store will do (the limits change only how long it took).
  let file = ["standard", "advanced", "plus", "unthrottled"].map((limits) => benchStoreFile(orders, limits)).find((candidate) => existsSync(candidate));
  if (!file) {
    console.log(`\nno store of ${fmt.format(orders)} orders yet: building it with bench:sync --unthrottled`);
    execFileSync("tsx", ["app/dev/bench-sync.ts", "--orders", String(orders), "--unthrottled"], { stdio: "inherit" });
    file = benchStoreFile(orders, "unthrottled");
  }
  const url = `file:${file}`;
  execFileSync("prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = createPrismaClient(url);
  try {
    const record = await db.shop.findUniqueOrThrow({ where: { shop } });
    const stored = await db.order.count({ where: { shop } });

    const [built, rebuildMs] = await timed(() => rebuildRollups(db, shop));

    // The last full quarter of the store's orders, in its time zone.
    const zone = timeZone(record.ianaTimezone);
    const last = await db.order.aggregate({ where: { shop }, _max: { processedAt: true } });
    const lastDay = zone.localDay(last._max.processedAt!.getTime());
    const to = quarterStart(lastDay + 1) - 1 === lastDay ? lastDay : quarterStart(lastDay) - 1;
    const quarter = { from: quarterStart(to), to };
    const inQuarter = (await periodReport(db, shop, quarter)).indicators.orders as number;

    for (let i = 0; i < 3; i++) await dashboardReport(db, shop, quarter);
    const dashboard: number[] = [];
    for (let i = 0; i < runs; i++) dashboard.push((await timed(() => dashboardReport(db, shop, quarter)))[1]);

    // One changed order at a time, spread over the quarter.
    const candidates = await db.order.findMany({
      where: { shop, test: false, processedAt: { gte: new Date(zone.startOfDay(quarter.from)), lt: new Date(zone.startOfDay(quarter.to + 1)) } },
      select: { id: true },
      orderBy: { processedAt: "asc" },
    });
    const changed: number[] = [];
    const changes = Math.min(runs, candidates.length);
    for (let i = 0; i < changes; i++) {
      const order = await storedOrder(db, candidates[Math.floor((i * candidates.length) / changes)]!.id);
      order.updatedAt = new Date(order.updatedAt.getTime() + 1000);
      changed.push((await timed(() => saveOrders(db, shop, [order])))[1]);
    }

    console.log(`\nbench:indicators — ${fmt.format(stored)} orders (${record.ianaTimezone}, ${record.currencyCode})`);
    console.log(`  rollups built        ${(rebuildMs / 1000).toFixed(1)} s for ${fmt.format(built.daysTotal)} days`);
    console.log(
      `  dashboard, quarter   p50 ${ms(percentile(dashboard, 50))}, p95 ${ms(percentile(dashboard, 95))} over ${runs} runs (${formatDay(quarter.from)}..${formatDay(quarter.to)}, ${fmt.format(inQuarter)} orders)`,
    );
    if (changes > 0)
      console.log(
        `  one changed order    p50 ${ms(percentile(changed, 50))}, p95 ${ms(percentile(changed, 95))} over ${changes} orders (stored again, its days recomputed)`,
      );
  } finally {
    await db.$disconnect();
  }
}
