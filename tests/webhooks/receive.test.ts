import { Session } from "@shopify/shopify-api";
import { beforeEach, describe, expect, it } from "vitest";
import { jobQueue } from "~/jobs/jobs.server";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { sessionStorage } from "~/shopify.server";
import { DELIVERY_RETENTION_MS, pruneWebhookDeliveries } from "~/webhooks/deliveries.server";
import { WEBHOOK_BODY_LIMIT_BYTES } from "~/webhooks/receive.server";
import { db, resetDatabase } from "../helpers/database";
import { deliver, signedWebhookRequest, webhookHeaders } from "../helpers/webhook-request";

const SHOP = "installed-shop.myshopify.com";
const NEVER = "never-installed.myshopify.com";
const MiB = 1024 * 1024;

const orderPayload = (extra: Record<string, unknown> = {}) => ({
  id: 1,
  admin_graphql_api_id: "gid://shopify/Order/1",
  updated_at: "2026-11-25T10:00:00Z",
  ...extra,
});

/** A body that counts what is read of it; `chunks` of `size` bytes (Infinity: never ends). */
function countingBody(size: number, chunks: number) {
  const read = { chunks: 0, bytes: 0 };
  const chunk = new Uint8Array(size).fill(0x20);
  // highWaterMark 0: nothing is pulled until someone reads.
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.chunks >= chunks) return controller.close();
        read.chunks += 1;
        read.bytes += size;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

function streamedRequest(headers: Headers, body: ReadableStream<Uint8Array>): Request {
  return new Request(`${process.env.SHOPIFY_APP_URL}/webhooks/sync`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

const tables = async () => ({
  deliveries: await db.webhookDelivery.count(),
  tasks: (await jobQueue(db).list()).length,
  dataRequests: await db.customerDataRequest.count(),
  sessions: await db.session.count(),
});

describe("receiving a webhook", () => {
  beforeEach(async () => {
    await resetDatabase();
    await db.shop.create({ data: { shop: SHOP, name: SHOP, currencyCode: "EUR", ianaTimezone: "UTC" } });
    await sessionStorage.storeSession(
      new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "s", isOnline: false, scope: "read_orders", accessToken: "shpat_secret" }),
    );
  });

  it("GIVEN a body declared over the limit WHEN it arrives THEN 413 and not a byte of it is read", async () => {
    const { stream, read } = countingBody(MiB, Infinity);
    const headers = webhookHeaders({ topic: "orders/updated", shop: SHOP }, "{}");
    headers.set("Content-Length", String(100 * MiB));
    const response = await deliver(syncWebhook, streamedRequest(headers, stream));
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/over 16 MiB/);
    expect(read.chunks).toBe(0);
    expect(await tables()).toMatchObject({ deliveries: 0, tasks: 0 });
  });

  it("GIVEN a chunked body with no length WHEN it passes the limit THEN 413 and reading stops there", async () => {
    const { stream, read } = countingBody(MiB, Infinity);
    const headers = webhookHeaders({ topic: "orders/updated", shop: SHOP }, "{}");
    const response = await deliver(syncWebhook, streamedRequest(headers, stream));
    expect(response.status).toBe(413);
    expect(read.bytes).toBeLessThanOrEqual(WEBHOOK_BODY_LIMIT_BYTES + MiB);
    expect(await tables()).toMatchObject({ deliveries: 0, tasks: 0 });
  });

  it("GIVEN an unsigned 100 MB body WHEN it arrives THEN 401 before any of it is read", async () => {
    const { stream, read } = countingBody(MiB, 100);
    const headers = webhookHeaders({ topic: "orders/updated", shop: SHOP }, "{}");
    headers.delete("X-Shopify-Hmac-Sha256");
    const response = await deliver(syncWebhook, streamedRequest(headers, stream));
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/X-Shopify-Hmac-Sha256 header is missing/);
    expect(read.chunks).toBe(0);
  });

  it("GIVEN an order of 1,500 lines (a few MB, signed) WHEN it arrives THEN it is under the limit and queued", async () => {
    const lineItems = Array.from({ length: 1500 }, (_, i) => ({ id: i, title: `Line ${i}`, properties: [{ name: "note", value: "x".repeat(2500) }] }));
    const request = signedWebhookRequest({ path: "/webhooks/sync", topic: "orders/updated", shop: SHOP, payload: orderPayload({ line_items: lineItems }) });
    const size = (await request.clone().arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(3 * MiB);
    const response = await deliver(syncWebhook, request);
    expect(response.status).toBe(200);
    expect(await tables()).toMatchObject({ deliveries: 1, tasks: 1 });
  });

  it("GIVEN a signed body that is not JSON WHEN it arrives THEN 400 says so and nothing is stored", async () => {
    for (const [action, path, topic] of [
      [syncWebhook, "/webhooks/sync", "orders/updated"],
      [customersRedact, "/webhooks/customers/redact", "customers/redact"],
    ] as const) {
      const response = await deliver(action, signedWebhookRequest({ path, topic, shop: SHOP, payload: null, rawBody: '{"shop_domain": "' }));
      expect(response.status, topic).toBe(400);
      expect(await response.text()).toMatch(/not valid JSON/);
    }
    expect(await tables()).toMatchObject({ deliveries: 0, tasks: 0, dataRequests: 0 });
  });

  it("GIVEN a topic the route doesn't handle WHEN it arrives THEN 400 names it and nothing is stored", async () => {
    const response = await deliver(
      scopesUpdate,
      signedWebhookRequest({ path: "/webhooks/app/scopes_update", topic: "app/uninstalled", shop: SHOP, payload: { id: 1 } }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/does not handle the APP_UNINSTALLED webhook at \/webhooks\/app\/scopes_update/);
    expect(await tables()).toMatchObject({ deliveries: 0, sessions: 1 });
  });

  it("GIVEN a shop that never installed WHEN sync or scope webhooks arrive THEN 404 and nothing is stored", async () => {
    const before = await tables();
    const sync = await deliver(syncWebhook, signedWebhookRequest({ path: "/webhooks/sync", topic: "orders/create", shop: NEVER, payload: orderPayload() }));
    expect(sync.status).toBe(404);
    expect(await sync.text()).toMatch(/not installed on never-installed\.myshopify\.com/);
    const scopes = await deliver(
      scopesUpdate,
      signedWebhookRequest({
        path: "/webhooks/app/scopes_update",
        topic: "app/scopes_update",
        shop: NEVER,
        payload: { id: 3, shop_id: 9, previous: [], current: ["read_orders"], updated_at: "2026-11-25T10:00:00Z" },
      }),
    );
    expect(scopes.status).toBe(404);
    expect(await tables()).toEqual(before);
  });

  it("GIVEN a shop that never installed WHEN compliance or uninstall webhooks arrive THEN they are acknowledged and nothing is stored", async () => {
    const before = await tables();
    const customer = { id: 4242, email: "buyer@example.com", phone: null };
    for (const [action, path, topic, payload] of [
      [
        customersDataRequest,
        "/webhooks/customers/data_request",
        "customers/data_request",
        { shop_id: 9, shop_domain: NEVER, customer, orders_requested: [1], data_request: { id: 7 } },
      ],
      [customersRedact, "/webhooks/customers/redact", "customers/redact", { shop_id: 9, shop_domain: NEVER, customer, orders_to_redact: [1] }],
      [appUninstalled, "/webhooks/app/uninstalled", "app/uninstalled", { id: 9, myshopify_domain: NEVER }],
    ] as const) {
      const response = await deliver(action, signedWebhookRequest({ path, topic, shop: NEVER, payload }));
      expect(response.status, topic).toBe(200);
    }
    expect(await tables()).toEqual(before);
  });

  it("GIVEN a shop uninstalled (its data kept until shop/redact) WHEN a customer data request arrives THEN it is recorded", async () => {
    await db.session.deleteMany({ where: { shop: SHOP } });
    const response = await deliver(
      customersDataRequest,
      signedWebhookRequest({
        path: "/webhooks/customers/data_request",
        topic: "customers/data_request",
        shop: SHOP,
        payload: { shop_id: 1, shop_domain: SHOP, customer: { id: 4242 }, orders_requested: [] },
      }),
    );
    expect(response.status).toBe(200);
    expect(await db.customerDataRequest.count({ where: { shop: SHOP } })).toBe(1);
  });
});

describe("pruning delivery ids", () => {
  beforeEach(resetDatabase);

  it("GIVEN deliveries older and newer than 72 hours WHEN pruned THEN only those past Shopify's retry window (with margin) go", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const ago = (hours: number) => new Date(now.getTime() - hours * 3600_000);
    expect(DELIVERY_RETENTION_MS).toBe(72 * 3600_000);
    await db.webhookDelivery.createMany({
      data: [
        { webhookId: "old", shop: SHOP, topic: "ORDERS_CREATE", receivedAt: ago(73) },
        { webhookId: "in-margin", shop: SHOP, topic: "ORDERS_CREATE", receivedAt: ago(71) },
        { webhookId: "retry-window", shop: SHOP, topic: "ORDERS_CREATE", receivedAt: ago(47) },
        { webhookId: "new", shop: SHOP, topic: "ORDERS_CREATE", receivedAt: now },
      ],
    });
    expect(await pruneWebhookDeliveries(db, now)).toBe(1);
    expect((await db.webhookDelivery.findMany({ orderBy: { webhookId: "asc" } })).map((row) => row.webhookId)).toEqual(["in-margin", "new", "retry-window"]);
  });
});
