import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import {
  DevStore,
  type DevstoreData,
  type FixtureRecord,
  loadFixture,
  type RunningDevstore,
  startDevstore,
  type StoreEvent,
  subscriptionsFromAppToml,
  writeStoreFixture,
} from "@throughline/devstore";
import { COST_INDICATOR_KEYS, INDICATORS, ORDER_INDICATOR_KEYS, PROFIT_INDICATOR_KEYS } from "~/indicators/definitions";
import type { CostIndicators } from "~/indicators/engine";
import { moneyToNumber } from "@throughline/shopify-common/money";
import { periodReport, seriesReport } from "~/indicators/report.server";
import { runDueJobs } from "~/jobs/jobs.server";
import { formatDay, parseDay, type Period } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { oracleCostIndicators, oracleStore } from "../helpers/metrics-oracle";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

// transaction_fees and fee_coverage as the app reports them (daily rollups summed over a period)
// against the naive reading of METRICS.md (tests/helpers/metrics-oracle.ts) on generated stores in
// several time zones and currencies, zero and three decimals among them: fees on sales, on captures
// made days later and on refunds (some giving part of a fee back), gateways that list no fee,
// failed and pending payments, test orders. No owner rules yet: a fee not listed is unknown.

const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };
const STORES = [
  { timeZone: "Asia/Tokyo", currency: "JPY", returns: "typical" },
  { timeZone: "Asia/Kuwait", currency: "KWD", returns: "heavy" },
  { timeZone: "America/Los_Angeles", currency: "USD", returns: "typical" },
  { timeZone: "Australia/Lord_Howe", currency: "AUD", returns: "heavy" },
] as const;

const PERIODS: [string, string][] = [
  ["2026-04-01", "2026-04-30"],
  ["2026-07-01", "2026-09-30"],
  ["2026-10-31", "2026-10-31"],
  ["2025-12-01", "2026-11-30"],
];

const period = (from: string, to: string): Period => ({ from: parseDay(from)!, to: parseDay(to)! });
type Transaction = { kind: string; status: string; processedAt: string | null; fees: unknown[]; gateway: string };
const transactionsOf = (order: FixtureRecord) => (order.transactions as Transaction[] | undefined) ?? [];

/**
 * The figures as the rollups hold them (money exact, in fixed point: a fils of KWD or a yen off
 * shows) or as `--json` prints them (money to 2 decimals, its documented form), beside the oracle's
 * unrounded ones; ratios to 1e-9, null only where null is expected.
 */
function expectCostsClose(actual: Record<string, number | null>, expected: Record<string, number | null>, where: string, moneyTolerance = 1e-9): void {
  for (const key of COST_INDICATOR_KEYS) {
    const [got, want] = [actual[key], expected[key]];
    if (want === null || want === undefined) {
      expect(got, `${where} ${key}`).toBeNull();
      continue;
    }
    expect(typeof got, `${where} ${key}`).toBe("number");
    expect(Math.abs((got as number) - want), `${where} ${key}: ${String(got)} vs ${want}`).toBeLessThanOrEqual(
      INDICATORS[key].kind === "money" ? moneyTolerance : 1e-9,
    );
  }
}

/** A report's cost figures, money unrounded (the four decimals the app keeps). */
const exactCosts = (indicators: CostIndicators): Record<string, number | null> =>
  Object.fromEntries(COST_INDICATOR_KEYS.map((key) => [key, typeof indicators[key] === "bigint" ? moneyToNumber(indicators[key], 4) : indicators[key]]));

describe.each(STORES)("payment fees of a generated store in $timeZone, $currency", ({ timeZone, currency, returns }) => {
  let devstore: RunningDevstore;
  let data: DevstoreData;
  let shop: string;
  let client: ReturnType<typeof createAdminClient>;
  /** The store's clock: the changes below happen late on the store's last day (another local day east of UTC). */
  const clock = { now: Date.parse("2026-10-31T22:40:00Z") };
  const events: StoreEvent[] = [];

  beforeAll(async () => {
    await resetDatabase();
    const dir = path.resolve("tmp/test-stores");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `fees-${timeZone.replace("/", "-")}-${currency}-${process.env.VITEST_POOL_ID ?? 0}.jsonl`);
    shop = `fees-${currency.toLowerCase()}.myshopify.com`;
    await writeStoreFixture(file, {
      orders: 600,
      seed: 19,
      days: 400,
      ianaTimezone: timeZone,
      currencyCode: currency,
      shopDomain: shop,
      products: 10,
      returns,
    });
    data = await loadFixture(file);
    const store = new DevStore(data, () => clock.now);
    store.onChange((event) => events.push(event));
    devstore = await startDevstore({ store, throttle: FAST });
    // Installed: webhook tasks run only for an installed shop.
    await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: devstore.origin, accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
    client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  }, 120_000);
  afterAll(() => devstore.close());

  /** The report of a period, its cost keys as `indicators --json` prints them, beside the oracle's reading of the store as it is now. */
  async function compare(from: string, to: string) {
    const report = await periodReport(db, shop, period(from, to));
    expectCostsClose(exactCosts(report.indicators), oracleCostIndicators(oracleStore(data), from, to), `${from}..${to}`);
  }

  it("GIVEN the generated store THEN it holds what the figures must handle: listed and unlisted fees, refunds with a fee, captures, failed, pending and test payments", () => {
    const all = data.orders.flatMap(transactionsOf);
    expect(all.some((transaction) => transaction.kind === "SALE" && transaction.status === "SUCCESS" && transaction.fees.length > 0)).toBe(true);
    expect(all.some((transaction) => transaction.kind === "SALE" && transaction.status === "SUCCESS" && transaction.fees.length === 0)).toBe(true);
    expect(all.some((transaction) => transaction.kind === "CAPTURE" && transaction.status === "SUCCESS" && transaction.fees.length > 0)).toBe(true);
    expect(all.some((transaction) => transaction.kind === "REFUND" && transaction.fees.length > 0)).toBe(true);
    expect(all.some((transaction) => transaction.status === "FAILURE")).toBe(true);
    expect(all.some((transaction) => transaction.status === "PENDING")).toBe(true);
    expect(data.orders.some((order) => order.test && transactionsOf(order).length > 0)).toBe(true);
  });

  it.each(PERIODS)("GIVEN the period %s..%s THEN transaction_fees and fee_coverage equal the definition's", async (from, to) => {
    await compare(from, to);
  });

  it("GIVEN daily buckets of a month THEN each day equals the definition's: a transaction counts on its own local day", async () => {
    const series = await seriesReport(db, shop, period("2026-06-01", "2026-06-30"), "day");
    expect(series).toHaveLength(30);
    const oracle = oracleStore(data);
    for (const bucket of series) {
      const day = formatDay(bucket.period.from);
      expectCostsClose(exactCosts(bucket.indicators), oracleCostIndicators(oracle, day, day), day);
    }
  });

  it("GIVEN orders paid, refunded and cancelled, announced by webhooks THEN the figures of the days they touch equal the definition's again", async () => {
    const variant = (data.products[0]!.variants as { id: string }[])[0]!.id;
    // An older order paid through Shopify Payments, refunded today: its refund counts today, its sale on its own day.
    const refundable = data.orders.find(
      (order) =>
        !order.test &&
        !order.cancelledAt &&
        (order.refunds as unknown[]).length === 0 &&
        transactionsOf(order).some((transaction) => transaction.status === "SUCCESS" && transaction.fees.length > 0),
    )!;
    const cancellable = data.orders.find((order) => !order.test && !order.cancelledAt && order.id !== refundable.id)!;
    const before = await periodReport(db, shop, period("2026-10-01", "2026-11-30"));
    events.splice(0);
    const store = devstore.store;
    store.createOrder({ lines: [{ variantId: variant, quantity: 2 }], shippingCountry: "US" });
    clock.now += 60_000;
    store.createOrder({ lines: [{ variantId: variant, quantity: 1 }], gateway: "paypal" });
    clock.now += 60_000;
    store.refundOrder(refundable.id, [{ lineItemId: (refundable.lineItems as { id: string }[])[0]!.id, quantity: 1 }]);
    clock.now += 60_000;
    store.cancelOrder(cancellable.id);
    const subscribed = subscriptionsFromAppToml("shopify.app.toml");
    for (const [index, event] of events.splice(0).entries()) {
      if (!(event.topic in subscribed)) continue;
      const request = signedWebhookRequest({
        path: "/webhooks/sync",
        topic: event.topic,
        shop,
        payload: event.payload,
        webhookId: `fees-${currency}-${index}`,
      });
      expect((await deliver(syncWebhook, request)).status).toBe(200);
    }
    await runDueJobs(db, { clientFor: async () => client });

    // The new payments moved the figures (else the comparison below would prove nothing new).
    const after = await periodReport(db, shop, period("2026-10-01", "2026-11-30"));
    expect(after.payments.payments).toBeGreaterThan(before.payments.payments);
    const unknown = (report: typeof before) => report.payments.payments - report.payments.paymentsFeeKnown;
    expect(unknown(after)).toBeGreaterThan(unknown(before));
    const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(clock.now));
    await compare(today, today);
    await compare("2026-10-01", "2026-11-30");
    await compare("2025-12-01", "2026-11-30");
  }, 120_000);

  it("GIVEN `cli indicators --json` THEN it prints transaction_fees and fee_coverage after the store's indicators, with the definition's values", async () => {
    const { code, stdout } = await runCli(["indicators", "--shop", shop, "--from", "2026-07-01", "--to", "2026-09-30", "--json"]);
    expect(code).toBe(0);
    const printed = (JSON.parse(stdout) as { indicators: Record<string, number | null> }).indicators;
    expect(Object.keys(printed)).toEqual([...ORDER_INDICATOR_KEYS, ...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS]);
    expectCostsClose(printed, oracleCostIndicators(oracleStore(data), "2026-07-01", "2026-09-30"), "cli", 0.005 + 1e-9);
  }, 60_000);
});
