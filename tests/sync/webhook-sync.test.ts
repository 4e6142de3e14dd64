import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, loadFixture, type RunningDevstore, startDevstore, type StoreEvent, subscriptionsFromAppToml } from "@throughline/devstore";
import { databaseUrl } from "~/lib/database-url";
import { formatMoney } from "@throughline/shopify-common/money";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { jobQueue, runDueJobs } from "~/jobs/jobs.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { serveAction } from "../helpers/action-server";
import { db, resetDatabase } from "../helpers/database";
import { storeSnapshot } from "../helpers/store-snapshot";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };

/**
 * The same changes a merchant and buyers make, on any devstore serving the sample store; `between`
 * runs after each (the clean run waits there for its webhooks to be answered).
 */
async function makeChanges(store: DevStore, clock: { now: number }, between: () => Promise<void> = async () => undefined) {
  // Each change a second after the one before, as Shopify stamps them (two cost changes stamped the
  // same second can't be told apart by any delivery order).
  const next = between;
  between = async () => {
    await next();
    clock.now += 1000;
  };
  const product = store.products[0]!;
  const variant = (product.variants as { id: string; inventoryItem: { id: string } }[])[0]!;
  const order = store.orders.find((o) => !o.cancelledAt && (o.refunds as unknown[]).length === 0 && !o.test)!;
  const line = (order.lineItems as { id: string; quantity: number }[])[0]!;
  const other = store.orders.find((o) => !o.cancelledAt && o.id !== order.id && !o.test)!;
  store.setUnitCost(variant.inventoryItem.id, "3.10");
  await between();
  store.setUnitCost(variant.inventoryItem.id, "3.25");
  await between();
  const created = store.createOrder({ lines: [{ variantId: variant.id, quantity: 2 }], discountCodes: ["WELCOME"], utmCampaign: "spring" });
  await between();
  store.refundOrder(order.id, [{ lineItemId: line.id, quantity: 1 }]);
  await between();
  store.cancelOrder(other.id);
  await between();
  store.touchOrder(created.id);
  await between();
  store.updateProduct(product.id, { title: "Renamed product" });
  await between();
  return { created, refunded: order, cancelled: other, product, variant };
}

/**
 * Runs the queued tasks as the app does: several at once, in no particular order. A cost change is
 * applied when its delivery is answered, so a new order sent after it finds it whichever task runs first.
 */
const runTasks = (client: ReturnType<typeof createAdminClient>) => runDueJobs(db, { clientFor: async () => client });

/** Jobs waiting, through the queue (pg-boss's tables on PostgreSQL, the Job table on SQLite). */
const queued = async (shop?: string) => (await jobQueue(db).list({ states: ["queued"], ...(shop ? { shop } : {}) })).length;

const withoutShop = <T extends Record<string, unknown[]>>(snapshot: T) =>
  Object.fromEntries(
    Object.entries(snapshot).map(([table, rows]) => [table, rows.map((row) => ({ ...(row as object), shop: undefined, costUpdatedAt: undefined }))]),
  );

describe("webhooks keep the copy of the store current", () => {
  let app: Awaited<ReturnType<typeof serveAction>>;
  let changes: Awaited<ReturnType<typeof makeChanges>>;
  const devstores: RunningDevstore[] = [];

  async function connected(domain: string, deliverWebhooks: boolean) {
    // The same clock for both stores, from the same start: the same changes get the same timestamps.
    const clock = { now: Date.parse("2026-11-20T10:00:00Z") };
    const data = await loadFixture(FIXTURE);
    data.shop.myshopifyDomain = domain;
    const devstore = await startDevstore({
      store: new DevStore(data, () => clock.now),
      throttle: FAST,
      ...(deliverWebhooks
        ? { webhooks: { appUrl: app.url, secret: process.env.SHOPIFY_API_SECRET!, subscriptions: subscriptionsFromAppToml("shopify.app.toml") } }
        : {}),
    });
    devstores.push(devstore);
    // Installed: the shop's tasks run only while the app is (app/jobs/registry.server.ts).
    await connectDevstoreShop(db, sessionStorage, {
      shop: domain,
      adminOrigin: devstore.origin,
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    const client = createAdminClient({ shop: domain, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    return { devstore, client, clock };
  }

  beforeAll(async () => {
    await resetDatabase();
    app = await serveAction(syncWebhook);
  });
  afterAll(async () => {
    for (const devstore of devstores) await devstore.close();
    await app.close();
  });

  it("GIVEN clean and messy deliveries of the same changes THEN both copies end the same, and hold the changes", async () => {
    // Clean: the devstore sends each webhook once, in order (each change's answered before the
    // next is made: the devstore, like Shopify, sends in the background), to the app's route over HTTP.
    const clean = await connected("clean-store.myshopify.com", true);
    changes = await makeChanges(clean.devstore.store, clean.clock, () => clean.devstore.webhooks.settled());
    expect(clean.devstore.webhooks.sent.map((sent) => sent.status)).toEqual(clean.devstore.webhooks.sent.map(() => 200));
    expect(await queued("clean-store.myshopify.com")).toBeGreaterThan(0);
    await runTasks(clean.client);
    expect(await queued()).toBe(0);

    // Messy: the same changes, delivered twice each, newest first, with stale copies in between.
    const messy = await connected("messy-store.myshopify.com", false);
    const events: StoreEvent[] = [];
    // Only the topics the app subscribes to, as Shopify sends them (the store also announces others, e.g. order_transactions/create).
    const subscribed = subscriptionsFromAppToml("shopify.app.toml");
    messy.devstore.store.onChange((event) => {
      if (event.topic in subscribed) events.push(event);
    });
    await makeChanges(messy.devstore.store, messy.clock);
    const shop = "messy-store.myshopify.com";
    const send = async (event: StoreEvent, webhookId: string) => {
      const response = await deliver(
        syncWebhook,
        signedWebhookRequest({ path: "/webhooks/sync", topic: event.topic, shop, payload: event.payload, webhookId }),
      );
      expect(response.status).toBe(200);
    };
    const reversed = events.map((event, index) => ({ event, id: `messy-${index}` })).reverse();
    let ranMidway = false;
    for (const [index, { event, id }] of reversed.entries()) {
      await send(event, id);
      await send(event, id); // the same delivery again
      if (event.topic === "orders/updated") {
        const stale = { ...(event.payload as Record<string, unknown>), updated_at: "2020-01-01T00:00:00Z" };
        await send({ topic: event.topic, payload: stale }, `stale-${index}`);
      }
      // Midway, once the newest cost change is in (an order's lines keep the cost known when first
      // stored, so the order must not be stored before it): the tasks run while older deliveries
      // keep arriving.
      if (event.topic === "inventory_items/update" && !ranMidway) {
        ranMidway = true;
        await runTasks(messy.client);
      }
    }
    expect(ranMidway).toBe(true);
    await runTasks(messy.client);

    const cleanCopy = await storeSnapshot(db, "clean-store.myshopify.com");
    const messyCopy = await storeSnapshot(db, shop);
    expect(withoutShop(messyCopy)).toEqual(withoutShop(cleanCopy));

    // And the copy holds the changes.
    const created = cleanCopy.orders.find((order) => order.id === changes.created.id)!;
    expect(created.utmCampaign).toBe("spring");
    const createdLines = cleanCopy.lines.filter((line) => line.orderId === changes.created.id);
    expect(createdLines.map((line) => [line.quantity, line.unitCost === null ? null : formatMoney(line.unitCost)])).toEqual([[2, "3.25"]]);
    expect(cleanCopy.refunds.filter((refund) => refund.orderId === changes.refunded.id)).toHaveLength(1);
    expect(cleanCopy.refundLines.filter((line) => line.orderId === changes.refunded.id)).toHaveLength(1);
    expect(cleanCopy.orders.find((order) => order.id === changes.cancelled.id)!.cancelledAt).not.toBeNull();
    expect(cleanCopy.products.find((product) => product.id === changes.product.id)!.title).toBe("Renamed product");
    expect(formatMoney(cleanCopy.variants.find((variant) => variant.id === changes.variant.id)!.unitCost!)).toBe("3.25");
  }, 60_000);

  it("GIVEN order lines stored before a cost change THEN they keep the cost they were first stored with", async () => {
    const fixture = await loadFixture(FIXTURE);
    const firstCost =
      fixture.products
        .flatMap((product) => product.variants as { id: string; inventoryItem: { unitCost: { amount: string } | null } }[])
        .find((variant) => variant.id === changes.variant.id)!.inventoryItem.unitCost?.amount ?? null;
    const fixtureOrders = new Set(fixture.orders.map((order) => order.id));
    const lines = await db.orderLine.findMany({ where: { shop: "clean-store.myshopify.com", variantId: changes.variant.id } });
    const old = lines.filter((line) => fixtureOrders.has(line.orderId));
    expect(old.length).toBeGreaterThan(0);
    for (const line of old) expect(line.unitCost === null ? null : formatMoney(line.unitCost)).toBe(firstCost === null ? null : Number(firstCost).toFixed(2));
    expect(lines.filter((line) => !fixtureOrders.has(line.orderId)).map((line) => formatMoney(line.unitCost!))).toEqual(["3.25"]);
  });

  it("GIVEN a products/delete THEN the product is marked deleted and a late products/update does not bring it back", async () => {
    const shop = "clean-store.myshopify.com";
    const devstore = devstores[0]!;
    const product = devstore.store.products[1]!;
    devstore.store.updateProduct(product.id, { title: "Last title" });
    const update = devstore.webhooks.sent.at(-1)!;
    devstore.store.deleteProduct(product.id);
    await devstore.webhooks.settled();
    // The update arrives again after the deletion (Shopify doesn't promise order).
    await deliver(
      syncWebhook,
      signedWebhookRequest({ path: "/webhooks/sync", topic: "products/update", shop, payload: JSON.parse(update.body), webhookId: "late-update" }),
    );
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runTasks(client);
    const stored = await db.product.findUniqueOrThrow({ where: { shop_id: { shop, id: product.id } } });
    expect(stored.deletedAt).not.toBeNull();
  });

  it("GIVEN a sync webhook with a bad HMAC THEN it gets 401 and nothing is queued", async () => {
    const before = await queued();
    const response = await deliver(
      syncWebhook,
      signedWebhookRequest({
        path: "/webhooks/sync",
        topic: "orders/updated",
        shop: "clean-store.myshopify.com",
        payload: { admin_graphql_api_id: "gid://shopify/Order/1", updated_at: "2026-01-01T00:00:00Z" },
        secret: "wrong",
      }),
    );
    expect(response.status).toBe(401);
    expect(await queued()).toBe(before);
  });

  it("GIVEN a payload without the fields the app needs THEN it gets 400 and nothing is queued", async () => {
    const response = await deliver(
      syncWebhook,
      signedWebhookRequest({ path: "/webhooks/sync", topic: "orders/updated", shop: "clean-store.myshopify.com", payload: { id: 1 } }),
    );
    expect(response.status).toBe(400);
    expect(await queued()).toBe(0);
  });
});
