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
import { COST_INDICATOR_KEYS } from "~/indicators/definitions";
import type { CostIndicators } from "~/indicators/engine";
import { moneyToNumber } from "@throughline/shopify-common/money";
import { periodReport, seriesReport } from "~/indicators/report.server";
import { refreshFeeDays, type RebuildProgress } from "~/indicators/rollups.server";
import { runDueJobs } from "~/jobs/jobs.server";
import { formatDay, parseDay, type Period } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { oracleCostIndicators, oracleStore, type OracleCostSettings } from "../helpers/metrics-oracle";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

// The owner's fee rules for gateways that list no fees, in the figures: transaction_fees and
// fee_coverage as the rollups hold them against the naive reading of METRICS.md
// (tests/helpers/metrics-oracle.ts) with the same rules, in a currency without decimals and one with
// three, after the costs job ran, after a rule changed and was removed, and for payments webhooks
// bring later. A rule for Shopify Payments, which lists its fees, must leave those fees alone.

const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };
const STORES = [
  { timeZone: "Asia/Tokyo", currency: "JPY", paypalFee: "40", changedFee: "35" },
  { timeZone: "Asia/Kuwait", currency: "KWD", paypalFee: "0.125", changedFee: "0.1" },
] as const;

const PERIODS: [string, string][] = [
  ["2026-04-01", "2026-04-30"],
  ["2026-07-01", "2026-09-30"],
  ["2025-12-01", "2026-11-30"],
];

const period = (from: string, to: string): Period => ({ from: parseDay(from)!, to: parseDay(to)! });
type Transaction = { kind: string; status: string; fees: unknown[]; gateway: string; processedAt: string | null };
const transactionsOf = (order: FixtureRecord) => (order.transactions as Transaction[] | undefined) ?? [];

/** The rollups' money exact (a yen or a fils off shows), ratios to 1e-9. */
function expectCostsEqual(actual: CostIndicators, expected: Record<string, number | null>, where: string): void {
  const got: Record<string, number | null> = Object.fromEntries(
    COST_INDICATOR_KEYS.map((key) => [key, typeof actual[key] === "bigint" ? moneyToNumber(actual[key], 4) : actual[key]]),
  );
  for (const key of COST_INDICATOR_KEYS) {
    const want = expected[key];
    if (want === null || want === undefined) {
      expect(got[key], `${where} ${key}`).toBeNull();
      continue;
    }
    expect(Math.abs((got[key] as number) - want), `${where} ${key}: ${String(got[key])} vs ${want}`).toBeLessThanOrEqual(1e-9);
  }
}

describe.each(STORES)("the owner's fee rules on a generated store in $timeZone, $currency", ({ timeZone, currency, paypalFee, changedFee }) => {
  let devstore: RunningDevstore;
  let data: DevstoreData;
  let shop: string;
  let client: ReturnType<typeof createAdminClient>;
  const clock = { now: Date.parse("2026-10-31T22:40:00Z") };
  const events: StoreEvent[] = [];
  /** The rules as the oracle reads them; kept in step with what the command line sets. */
  let rules: OracleCostSettings["gatewayFees"] = [];

  const costs = async (...args: string[]) => {
    const result = await runCli(["costs", ...args, "--shop", shop]);
    expect(result.code, result.stderr).toBe(0);
  };
  const runJobs = () => runDueJobs(db, { clientFor: async () => client });
  const oracle = (from: string, to: string) => oracleCostIndicators(oracleStore(data), from, to, { gatewayFees: rules });
  async function compare(from: string, to: string) {
    expectCostsEqual((await periodReport(db, shop, period(from, to))).indicators, oracle(from, to), `${from}..${to}`);
  }

  beforeAll(async () => {
    await resetDatabase();
    const dir = path.resolve("tmp/test-stores");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `fee-rules-${timeZone.replace("/", "-")}-${currency}-${process.env.VITEST_POOL_ID ?? 0}.jsonl`);
    shop = `fee-rules-${currency.toLowerCase()}.myshopify.com`;
    await writeStoreFixture(file, { orders: 600, seed: 23, days: 400, ianaTimezone: timeZone, currencyCode: currency, shopDomain: shop, products: 10 });
    data = await loadFixture(file);
    const store = new DevStore(data, () => clock.now);
    store.onChange((event) => events.push(event));
    devstore = await startDevstore({ store, throttle: FAST });
    await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: devstore.origin, accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
    client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  }, 120_000);
  afterAll(() => devstore.close());

  it("GIVEN the generated store THEN it has successful payments without fees through paypal and manual, and Shopify Payments ones with listed fees", () => {
    const paid = data.orders.filter((order) => !order.test).flatMap(transactionsOf);
    const unlisted = (gateway: string) => paid.some((t) => t.gateway === gateway && t.status === "SUCCESS" && t.kind === "SALE" && t.fees.length === 0);
    expect(unlisted("paypal")).toBe(true);
    expect(unlisted("manual")).toBe(true);
    expect(paid.some((t) => t.gateway === "shopify_payments" && t.status === "SUCCESS" && t.fees.length > 0)).toBe(true);
  });

  it("GIVEN fee rules for paypal, manual and Shopify Payments WHEN the costs job has run THEN every period and day equals the definition with those rules, and the version is applied", async () => {
    const before = await periodReport(db, shop, period("2025-12-01", "2026-11-30"));
    await costs("set", "fee", "--gateway", "paypal", "--rate", "0.0349", "--fixed-fee", paypalFee);
    await costs("set", "fee", "--gateway", "manual", "--rate", "0.0125");
    // Shopify Payments lists its fees: a rule (half of every payment) must not replace them.
    await costs("set", "fee", "--gateway", "shopify_payments", "--rate", "0.5");
    rules = [
      { gateway: "paypal", rate: "0.0349", flatFee: paypalFee },
      { gateway: "manual", rate: "0.0125", flatFee: "0" },
      { gateway: "shopify_payments", rate: "0.5", flatFee: "0" },
    ];
    await runJobs();

    const after = await periodReport(db, shop, period("2025-12-01", "2026-11-30"));
    // The rules priced payments whose fee was unknown (else the comparisons below would prove nothing new).
    expect(after.indicators.fee_coverage as number).toBeGreaterThan(before.indicators.fee_coverage as number);
    expect(after.indicators.transaction_fees as bigint).toBeGreaterThan(before.indicators.transaction_fees as bigint);
    for (const [from, to] of PERIODS) await compare(from, to);
    const series = await seriesReport(db, shop, period("2026-06-01", "2026-06-30"), "day");
    for (const bucket of series) {
      const day = formatDay(bucket.period.from);
      expectCostsEqual(bucket.indicators, oracle(day, day), day);
    }
    const settings = await db.costSettings.findUniqueOrThrow({ where: { shop } });
    expect(settings).toMatchObject({ version: 3, appliedVersion: 3, recomputeDaysDone: null, recomputeDaysTotal: null });
  }, 120_000);

  it("GIVEN a rule changed and another removed from the command line THEN the figures equal the definition with the rules left at once, before any job runs (the command applies them)", async () => {
    await costs("set", "fee", "--gateway", "paypal", "--rate", "0.029", "--fixed-fee", changedFee);
    await costs("remove", "fee", "--gateway", "manual");
    rules = [
      { gateway: "paypal", rate: "0.029", flatFee: changedFee },
      { gateway: "shopify_payments", rate: "0.5", flatFee: "0" },
    ];
    for (const [from, to] of PERIODS) await compare(from, to);
    await runJobs();
    expect(await db.costSettings.findUniqueOrThrow({ where: { shop } })).toMatchObject({ version: 5, appliedVersion: 5 });
  }, 120_000);

  it("GIVEN a gateway's rule changed THEN the days recomputed are those of its sales and captures without fees, with progress to the last of them", async () => {
    const local = new Intl.DateTimeFormat("en-CA", { timeZone });
    const expected = new Set(
      data.orders
        .flatMap(transactionsOf)
        .filter((t) => t.gateway === "manual" && t.status === "SUCCESS" && ["SALE", "CAPTURE"].includes(t.kind) && t.fees.length === 0 && t.processedAt)
        .map((t) => local.format(new Date(t.processedAt!))),
    );
    const seen: RebuildProgress[] = [];
    const days = await refreshFeeDays(db, shop, ["manual"], (progress) => seen.push({ ...progress }));
    expect(new Set(days)).toEqual(expected);
    expect(seen[0]).toEqual({ daysDone: 0, daysTotal: expected.size });
    expect(seen.at(-1)).toEqual({ daysDone: expected.size, daysTotal: expected.size });
    expect(seen.map((progress) => progress.daysDone)).toEqual([...seen.map((progress) => progress.daysDone)].sort((a, b) => a - b));
    // Recomputing changes nothing the rules don't say.
    for (const [from, to] of PERIODS) await compare(from, to);
  });

  it("GIVEN rules set WHEN orders paid through paypal and manual payments arrive by webhook THEN the days they touch use the rules", async () => {
    const variant = (data.products[0]!.variants as { id: string }[])[0]!.id;
    const before = await periodReport(db, shop, period("2026-10-01", "2026-11-30"));
    events.splice(0);
    devstore.store.createOrder({ lines: [{ variantId: variant, quantity: 3 }], gateway: "paypal" });
    clock.now += 60_000;
    devstore.store.createOrder({ lines: [{ variantId: variant, quantity: 1 }], gateway: "paypal" });
    const subscribed = subscriptionsFromAppToml("shopify.app.toml");
    for (const [index, event] of events.splice(0).entries()) {
      if (!(event.topic in subscribed)) continue;
      const request = signedWebhookRequest({
        path: "/webhooks/sync",
        topic: event.topic,
        shop,
        payload: event.payload,
        webhookId: `fee-rules-${currency}-${index}`,
      });
      expect((await deliver(syncWebhook, request)).status).toBe(200);
    }
    await runJobs();
    const after = await periodReport(db, shop, period("2026-10-01", "2026-11-30"));
    // The new payments' fees are known through the rule.
    expect(after.payments.paymentsFeeKnown - before.payments.paymentsFeeKnown).toBeGreaterThan(0n);
    expect(after.payments.payments - after.payments.paymentsFeeKnown).toBe(before.payments.payments - before.payments.paymentsFeeKnown);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(clock.now));
    await compare(today, today);
    await compare("2026-10-01", "2026-11-30");
  }, 120_000);
});
