import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, loadFixture, type RunningDevstore, startDevstore, subscriptionsFromAppToml } from "@throughline/devstore";
import { periodReport } from "~/indicators/report.server";
import { decodeKeys } from "~/indicators/rollup-store.server";
import { rebuildRollups, refreshRollups } from "~/indicators/rollups.server";
import { formatDay, parseDay } from "~/lib/calendar";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { databaseUrl } from "~/lib/database-url";
import { redactCustomer } from "~/privacy/compliance.server";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { runDueJobs } from "~/jobs/jobs.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { serveAction } from "../helpers/action-server";
import { db, resetDatabase } from "../helpers/database";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
const MARCH = { from: parseDay("2026-03-01")!, to: parseDay("2026-03-31")! };
const JANUARY = { from: parseDay("2026-01-01")!, to: parseDay("2026-01-31")! };

/** The shop's rollups with customer keys replaced by customer ids (keys are arbitrary small integers). */
async function rollupSnapshot(shop: string) {
  const customers = await db.rollupCustomer.findMany({ where: { shop }, orderBy: { customerId: "asc" } });
  const idOf = new Map(customers.map((customer) => [customer.key, customer.customerId]));
  const days = await db.dailyRollup.findMany({ where: { shop }, orderBy: { day: "asc" } });
  return {
    days: days.map(({ customerKeys, ...day }) => ({
      ...day,
      customers: [...decodeKeys(customerKeys)].map((key) => idOf.get(key) ?? `missing key ${key}`).sort(),
    })),
    products: await db.dailyProductRollup.findMany({ where: { shop }, orderBy: [{ day: "asc" }, { productId: "asc" }] }),
    customers: customers.map(({ key: _key, ...customer }) => customer),
  };
}

describe("indicators kept current as orders change", () => {
  let app: Awaited<ReturnType<typeof serveAction>>;
  let devstore: RunningDevstore;
  let shop: string;
  let client: ReturnType<typeof createAdminClient>;

  beforeAll(async () => {
    await resetDatabase();
    app = await serveAction(syncWebhook);
    const data = await loadFixture(FIXTURE);
    shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({
      store: new DevStore(data, () => Date.parse("2026-11-20T10:00:00Z")),
      throttle: { maximumAvailable: 100_000, restoreRate: 100_000 },
      webhooks: { appUrl: app.url, secret: process.env.SHOPIFY_API_SECRET!, subscriptions: subscriptionsFromAppToml("shopify.app.toml") },
    });
    // Installed: the shop's webhook tasks run only while the app is (app/jobs/registry.server.ts).
    await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: devstore.origin, accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
    client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  });
  afterAll(async () => {
    await devstore.close();
    await app.close();
  });

  it("GIVEN webhooks for a backdated first order, a refund, a cancellation and a test order WHEN applied THEN only their days change and the rollups equal a rebuild", async () => {
    const before = await rollupSnapshot(shop);
    const marchBefore = await periodReport(db, shop, MARCH);
    const januaryBefore = await periodReport(db, shop, JANUARY);
    const store = devstore.store;

    // A customer new in March turns out to have ordered in January (an order imported late, backdated).
    const firstInMarch = await db.rollupCustomer.findFirstOrThrow({
      where: { shop, firstOrderAt: { gte: new Date("2026-03-05T00:00:00Z"), lt: new Date("2026-03-25T00:00:00Z") } },
    });
    const variant = (store.products[0]!.variants as { id: string }[])[0]!;
    store.createOrder({ lines: [{ variantId: variant.id, quantity: 1 }], customerId: firstInMarch.customerId, processedAt: "2026-01-15T12:00:00Z" });
    const open = store.orders.filter((order) => !order.cancelledAt && !order.test && (order.refunds as unknown[]).length === 0);
    const refunded = open[10]!;
    store.refundOrder(refunded.id, [{ lineItemId: (refunded.lineItems as { id: string }[])[0]!.id, quantity: 1 }]);
    store.cancelOrder(open[20]!.id);
    store.createOrder({ lines: [{ variantId: variant.id, quantity: 3 }], test: true });
    await devstore.webhooks.settled();
    await runDueJobs(db, { clientFor: async () => client });

    const after = await rollupSnapshot(shop);
    const changedDays = after.days.filter(
      (day) =>
        JSON.stringify(day, (_, v) => (typeof v === "bigint" ? String(v) : v)) !==
        JSON.stringify(before.days.find((old) => old.day === day.day) ?? null, (_, v) => (typeof v === "bigint" ? String(v) : v)),
    );
    // Only the new order's day, its customer's old first-order day, and today (the refund and the cancellation).
    const oldFirstDay = formatDay(timeZone("Europe/Berlin").localDay(firstInMarch.firstOrderAt!.getTime()));
    const changed = changedDays.map((day) => day.day).sort();
    expect(changed).toEqual(["2026-01-15", oldFirstDay, "2026-11-20"].sort());

    const marchAfter = await periodReport(db, shop, MARCH);
    expect(marchAfter.indicators.new_customers).toBe((marchBefore.indicators.new_customers as number) - 1);
    expect(marchAfter.indicators.orders).toBe(marchBefore.indicators.orders);
    expect((await periodReport(db, shop, JANUARY)).indicators.orders).toBe((januaryBefore.indicators.orders as number) + 1);

    await rebuildRollups(db, shop);
    expect(await rollupSnapshot(shop)).toEqual(after);
  });

  it("GIVEN a customer redacted WHEN the days are recounted THEN nothing keeps their id and the rollups equal a rebuild", async () => {
    const customer = await db.rollupCustomer.findFirstOrThrow({ where: { shop }, orderBy: { customerId: "asc" } });
    const numericId = customer.customerId.split("/").pop()!;
    const change = await db.$transaction((tx) => redactCustomer(tx, shop, numericId, new Date()));
    await refreshRollups(db, shop, change);
    const after = await rollupSnapshot(shop);
    expect(after.customers.some((row) => row.customerId === customer.customerId)).toBe(false);
    expect(after.days.some((day) => day.customers.some((id) => id === customer.customerId || id.startsWith("missing")))).toBe(false);
    await rebuildRollups(db, shop);
    expect(await rollupSnapshot(shop)).toEqual(after);
  });
});
