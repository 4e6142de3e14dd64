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
import { runDueJobs } from "~/jobs/jobs.server";
import { databaseUrl } from "~/lib/database-url";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { pagedSync } from "~/sync/paged-sync.server";
import { syncStore } from "~/sync/sync-store.server";
import { serveAction } from "../helpers/action-server";
import { db, resetDatabase } from "../helpers/database";
import { expectStoreMatchesFixture, storeSnapshot } from "../helpers/store-snapshot";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

// Orders' payments (Order.transactions with their fees) and shipping country reach the copy on every
// path: the bulk export (inline in the order's line), the paged sync (with a second query for an
// order of more transactions than its first page holds) and webhooks (a task reads the order again:
// Shopify's order payload has no transactions, order_transactions/create announces them). A
// generated store in a three-decimal currency, with heavy returns (orders of up to five transactions),
// and an order returned a unit at a time (seven).

const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };
const SHOP = "kwd-payments.myshopify.com";

async function generatedStore(): Promise<DevstoreData> {
  const dir = path.resolve("tmp/test-stores");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `payments-copy-${process.env.VITEST_POOL_ID ?? 0}.jsonl`);
  await writeStoreFixture(file, {
    orders: 260,
    seed: 25,
    days: 200,
    ianaTimezone: "Asia/Kuwait",
    currencyCode: "KWD",
    shopDomain: SHOP,
    products: 10,
    returns: "heavy",
  });
  return loadFixture(file);
}

const transactionsOf = (order: FixtureRecord) => (order.transactions as { kind: string; fees: unknown[]; gateway: string }[] | undefined) ?? [];

describe("payments and shipping country, copied by bulk, by paged queries and by webhooks", () => {
  let app: Awaited<ReturnType<typeof serveAction>>;
  let data: DevstoreData;
  let devstore: RunningDevstore;
  let client: ReturnType<typeof createAdminClient>;
  const clock = { now: Date.parse("2026-11-20T10:00:00Z") };
  /** What the devstore announced, whatever the app subscribes to (a test picks what it delivers). */
  const events: StoreEvent[] = [];

  beforeAll(async () => {
    await resetDatabase();
    app = await serveAction(syncWebhook);
    data = await generatedStore();
    const store = new DevStore(data, () => clock.now);
    store.onChange((event) => events.push(event));
    devstore = await startDevstore({ store, throttle: FAST });
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: devstore.origin,
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
  }, 120_000);
  afterAll(async () => {
    await devstore.close();
    await app.close();
  });

  const backfill = () => runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  const runTasks = () => runDueJobs(db, { clientFor: async () => client });
  /** Delivers the announced events of these topics to the app's webhook route, signed, then runs the tasks they queued. */
  async function deliverEvents(topics: string[]) {
    const subscribed = subscriptionsFromAppToml("shopify.app.toml");
    for (const [index, event] of events.splice(0).entries()) {
      if (!topics.includes(event.topic)) continue;
      expect(event.topic in subscribed, `${event.topic} is subscribed in shopify.app.toml`).toBe(true);
      const response = await deliver(
        syncWebhook,
        signedWebhookRequest({ path: "/webhooks/sync", topic: event.topic, shop: SHOP, payload: event.payload, webhookId: `w-${clock.now}-${index}` }),
      );
      expect(response.status).toBe(200);
    }
    await runTasks();
  }

  it("GIVEN the generated store THEN it holds the cases the copy must keep: fees listed and not, refunds with a fee given back, captures, orders shipped nowhere", () => {
    const all = data.orders.flatMap(transactionsOf);
    expect(all.some((transaction) => transaction.fees.length > 0)).toBe(true);
    expect(all.some((transaction) => transaction.kind === "SALE" && transaction.fees.length === 0 && transaction.gateway !== "bogus")).toBe(true);
    expect(all.some((transaction) => transaction.kind === "REFUND" && transaction.fees.length > 0)).toBe(true);
    expect(all.some((transaction) => transaction.kind === "CAPTURE")).toBe(true);
    expect(data.orders.some((order) => order.shippingAddress === null)).toBe(true);
  });

  it("GIVEN a blank database WHEN the store is backfilled THEN every order's transactions, their fees and its shipping country hold the file's values", async () => {
    const run = await backfill();
    expect(run.status).toBe("succeeded");
    await expectStoreMatchesFixture(db, data);
    expect(await db.orderTransaction.count({ where: { shop: SHOP } })).toBe(data.orders.flatMap(transactionsOf).length);
  }, 120_000);

  it("GIVEN a backfilled copy WHEN orders are paid, refunded and cancelled, announced by webhooks THEN the copy kept by webhooks equals a new bulk copy and a new paged copy of the store", async () => {
    const variant = (data.products[0]!.variants as { id: string }[])[0]!.id;
    const refundable = data.orders.find(
      (order) => !order.test && !order.cancelledAt && (order.refunds as unknown[]).length === 0 && transactionsOf(order).length === 1,
    )!;
    const line = (refundable.lineItems as { id: string }[])[0]!;
    const cancellable = data.orders.find((order) => !order.test && !order.cancelledAt && order.id !== refundable.id)!;
    const store = devstore.store;
    const step = () => (clock.now += 1000);
    events.splice(0);

    const returned = store.createOrder({ lines: [{ variantId: variant, quantity: 6 }], shippingCountry: "KW" });
    step();
    // Returned a unit at a time: a sale and six refunds, more than the paged query's first page of transactions (and of refunds).
    for (let unit = 0; unit < 6; unit++) {
      store.refundOrder(returned.id, [{ lineItemId: (returned.lineItems as { id: string }[])[0]!.id, quantity: 1 }]);
      step();
    }
    expect(transactionsOf(returned)).toHaveLength(7);
    store.createOrder({ lines: [{ variantId: variant, quantity: 1 }], gateway: "paypal", shippingCountry: "SA" });
    step();
    store.createOrder({ lines: [{ variantId: variant, quantity: 1 }], gateway: "cash" });
    step();
    store.refundOrder(refundable.id, [{ lineItemId: line.id, quantity: 1 }]);
    step();
    store.cancelOrder(cancellable.id);
    await deliverEvents(Object.keys(subscriptionsFromAppToml("shopify.app.toml")));
    await expectStoreMatchesFixture(db, data);
    const byWebhooks = await storeSnapshot(db, SHOP);

    await resetDatabase();
    await backfill();
    const byBulk = await storeSnapshot(db, SHOP);
    await resetDatabase();
    await pagedSync({ client, db, now: () => new Date() });
    const byPages = await storeSnapshot(db, SHOP);

    expect(byBulk.transactions.length).toBe(data.orders.flatMap(transactionsOf).length);
    expect(byPages).toEqual(byBulk);
    expect(byWebhooks).toEqual(byBulk);
  }, 180_000);

  it("GIVEN a refund announced only by order_transactions/create (its other webhooks lost) THEN the order is read again and the refund's transaction stored", async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: devstore.origin,
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await backfill();
    const order = data.orders.find(
      (candidate) =>
        !candidate.test &&
        !candidate.cancelledAt &&
        transactionsOf(candidate).some((transaction) => transaction.kind === "SALE") &&
        transactionsOf(candidate).length < 4,
    )!;
    const left = (order.lineItems as { id: string; quantity: number }[])[0]!;
    events.splice(0);
    clock.now += 60_000;
    devstore.store.refundOrder(order.id, [{ lineItemId: left.id, quantity: 1 }]);
    const refund = transactionsOf(order).at(-1) as unknown as { id: string; kind: string };
    expect(refund.kind).toBe("REFUND");
    expect(await db.orderTransaction.findFirst({ where: { shop: SHOP, id: refund.id } })).toBeNull();

    await deliverEvents(["order_transactions/create"]);
    expect(await db.orderTransaction.findFirst({ where: { shop: SHOP, id: refund.id }, select: { kind: true, orderId: true } })).toEqual({
      kind: "REFUND",
      orderId: order.id,
    });
  }, 120_000);

  it("GIVEN a copy made before the app read payments (none stored, the shop not marked) WHEN the shop is synced THEN the sync reads every order again and the payments are there", async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: devstore.origin,
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await backfill();
    // What a database migrated from the version before holds: the orders, no payments, no destination.
    await db.orderTransaction.deleteMany({ where: { shop: SHOP } });
    await db.order.updateMany({ where: { shop: SHOP }, data: { hasShippingAddress: false, shippingCountry: null } });
    await db.shop.update({ where: { shop: SHOP }, data: { paymentsCopiedAt: null } });

    const run = await syncStore({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    expect(run.kind).toBe("backfill");
    await expectStoreMatchesFixture(db, data);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).paymentsCopiedAt).not.toBeNull();
    // And the sync after that is a reconciliation again.
    expect((await syncStore({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 })).kind).toBe("reconcile");
  }, 120_000);
});
