import { Prisma } from "@prisma/client";
import { beforeEach, describe, expect, it } from "vitest";
import { action as scopesUpdate, loader as scopesUpdateGet } from "~/routes/webhooks.app.scopes_update";
import { action as appUninstalled, loader as appUninstalledGet } from "~/routes/webhooks.app.uninstalled";
import { action as customersDataRequest, loader as customersDataRequestGet } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact, loader as customersRedactGet } from "~/routes/webhooks.customers.redact";
import { action as shopRedact, loader as shopRedactGet } from "~/routes/webhooks.shop.redact";
import { action as syncWebhook, loader as syncGet } from "~/routes/webhooks.sync";
import { db, resetDatabase } from "../helpers/database";
import { deliver, signedWebhookRequest, webhookHeaders } from "../helpers/webhook-request";
import { seededShopId, seedEveryTable } from "../webhooks/every-table";

// Hostile requests to every webhook route: each gets a 4xx that says why (compliance topics for a
// shop the app never knew are the exception: Shopify requires them acknowledged, so 200), and the
// database is exactly as it was, every row of every table.

const SAMPLE = "sample-store.myshopify.com";
const OTHER = "other-store.myshopify.com";
const NEVER = "never-installed.myshopify.com";
const MiB = 1024 * 1024;

type Action = Parameters<typeof deliver>[0];

interface Route {
  action: Action;
  /** What the route answers a GET with. */
  get: () => Response;
  path: string;
  topic: string;
  /** A topic Shopify sends elsewhere. */
  foreignTopic: string;
  payload: (shop: string) => unknown;
  /** Names its shop in the signed body (compliance topics and app/uninstalled by domain, app/scopes_update by id). */
  namesShop: boolean;
  /** The answer for a shop with no installation. */
  neverInstalled: 200 | 404;
}

const customer = { id: 4242, email: "buyer@example.com", phone: "+15550100" };
const ROUTES: Route[] = [
  {
    action: syncWebhook,
    get: syncGet,
    path: "/webhooks/sync",
    topic: "orders/updated",
    foreignTopic: "shop/redact",
    payload: () => ({ id: 1, admin_graphql_api_id: "gid://shopify/Order/1", updated_at: "2026-11-25T10:00:00Z" }),
    namesShop: false,
    neverInstalled: 404,
  },
  {
    action: scopesUpdate,
    get: scopesUpdateGet,
    path: "/webhooks/app/scopes_update",
    topic: "app/scopes_update",
    foreignTopic: "orders/create",
    payload: (shop) => ({ id: 1, shop_id: Number(seededShopId(shop)), previous: ["read_orders"], current: [], updated_at: "2026-11-25T10:00:00Z" }),
    namesShop: true,
    neverInstalled: 404,
  },
  {
    action: appUninstalled,
    get: appUninstalledGet,
    path: "/webhooks/app/uninstalled",
    topic: "app/uninstalled",
    foreignTopic: "app/scopes_update",
    payload: (shop) => ({ id: Number(seededShopId(shop)), name: "Sample store", myshopify_domain: shop }),
    namesShop: true,
    neverInstalled: 200,
  },
  {
    action: customersDataRequest,
    get: customersDataRequestGet,
    path: "/webhooks/customers/data_request",
    topic: "customers/data_request",
    foreignTopic: "customers/redact",
    payload: (shop) => ({ shop_id: Number(seededShopId(shop)), shop_domain: shop, customer, orders_requested: [1], data_request: { id: 9 } }),
    namesShop: true,
    neverInstalled: 200,
  },
  {
    action: customersRedact,
    get: customersRedactGet,
    path: "/webhooks/customers/redact",
    topic: "customers/redact",
    foreignTopic: "customers/data_request",
    payload: (shop) => ({ shop_id: Number(seededShopId(shop)), shop_domain: shop, customer, orders_to_redact: [1] }),
    namesShop: true,
    neverInstalled: 200,
  },
  {
    action: shopRedact,
    get: shopRedactGet,
    path: "/webhooks/shop/redact",
    topic: "shop/redact",
    foreignTopic: "customers/redact",
    payload: (shop) => ({ shop_id: Number(seededShopId(shop)), shop_domain: shop }),
    namesShop: true,
    neverInstalled: 200,
  },
];

/** Every row of every table, in a canonical text form. */
async function databaseSnapshot(): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const model of Prisma.dmmf.datamodel.models) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<object[]> }>)[model.name.charAt(0).toLowerCase() + model.name.slice(1)]!;
    const rows = await delegate.findMany();
    snapshot[model.name] = rows
      .map((row) =>
        JSON.stringify(row, (_key, value: unknown) =>
          typeof value === "bigint" ? `${value}n` : value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value,
        ),
      )
      .sort();
  }
  return snapshot;
}

/** A body that counts what is read of it (highWaterMark 0: nothing is pulled until someone reads). */
function endlessBody() {
  const read = { bytes: 0 };
  const chunk = new Uint8Array(MiB).fill(0x20);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        read.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

const streamed = (route: Route, headers: Headers, body: ReadableStream<Uint8Array>) =>
  new Request(`${process.env.SHOPIFY_APP_URL}${route.path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);

const signed = (route: Route, overrides: Partial<Parameters<typeof signedWebhookRequest>[0]> = {}) =>
  signedWebhookRequest({ path: route.path, topic: route.topic, shop: SAMPLE, payload: route.payload(SAMPLE), ...overrides });

describe.each(ROUTES)("bad input to $path", (route) => {
  let before: Record<string, string[]>;
  beforeEach(async () => {
    await resetDatabase();
    await seedEveryTable(db, SAMPLE);
    await seedEveryTable(db, OTHER);
    before = await databaseSnapshot();
  });

  async function expectDatabaseUnchangedBy<T>(work: () => Promise<T>): Promise<T> {
    const result = await work();
    expect(await databaseSnapshot()).toEqual(before);
    return result;
  }

  /** Sends, checks the status and the words of the answer, and that the database didn't change. */
  async function expectRefused(request: Request, status: number, words: RegExp) {
    const response = await deliver(route.action, request);
    expect(response.status).toBe(status);
    expect(await response.text()).toMatch(words);
    expect(await databaseSnapshot()).toEqual(before);
  }

  it("a GET (a browser, a misdirected health check) → 405 naming POST, nothing stored", async () => {
    const response = await expectDatabaseUnchangedBy(async () => route.get());
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
    expect(await response.text()).toMatch(/delivered with POST/);
  });

  it("unsigned → 401", async () => {
    await expectRefused(signed(route, { headers: { "X-Shopify-Hmac-Sha256": "" } }), 401, /X-Shopify-Hmac-Sha256 header is missing/);
  });

  it("signed with another secret → 401", async () => {
    await expectRefused(signed(route, { secret: "not-the-app-secret" }), 401, /signature does not match/);
  });

  it("signature of another body → 401", async () => {
    const request = signed(route);
    const body = JSON.stringify({ ...(route.payload(SAMPLE) as object), tampered: true });
    const tampered = new Request(request.url, { method: "POST", headers: request.headers, body });
    await expectRefused(tampered, 401, /signature does not match/);
  });

  it("declared Content-Length of 100 MB → 413, nothing read", async () => {
    const { stream, read } = endlessBody();
    const headers = webhookHeaders({ topic: route.topic, shop: SAMPLE }, "{}");
    headers.set("Content-Length", String(100 * MiB));
    await expectRefused(streamed(route, headers, stream), 413, /over 16 MiB/);
    expect(read.bytes).toBe(0);
  });

  it("chunked body without length, past the limit → 413, reading stops", async () => {
    const { stream, read } = endlessBody();
    await expectRefused(streamed(route, webhookHeaders({ topic: route.topic, shop: SAMPLE }, "{}"), stream), 413, /over 16 MiB/);
    expect(read.bytes).toBeLessThanOrEqual(17 * MiB);
  });

  it("malformed JSON, validly signed → 400", async () => {
    await expectRefused(signed(route, { rawBody: '{"shop_domain": "sample-store.myshopify.com", ' }), 400, /signed but is not valid JSON/);
  });

  it("empty body, validly signed → 400", async () => {
    await expectRefused(signed(route, { rawBody: "" }), 400, /lacks a body or one of Shopify's headers/);
  });

  it("Shopify's headers missing (no topic) → 400", async () => {
    await expectRefused(signed(route, { headers: { "X-Shopify-Topic": "" } }), 400, /lacks a body or one of Shopify's headers/);
  });

  it("a topic this route doesn't handle → 400", async () => {
    await expectRefused(signed(route, { topic: route.foreignTopic }), 400, /does not handle the [A-Z_]+ webhook at/);
  });

  it("a topic Shopify doesn't have → 400", async () => {
    await expectRefused(signed(route, { topic: "shop/explode" }), 400, /does not handle the SHOP_EXPLODE webhook/);
  });

  it("a signed payload of the wrong shape → 400", async () => {
    await expectRefused(signed(route, { payload: ["not", "an", "object"] }), 400, /Unexpected webhook payload/);
  });

  it("a signed body of another topic (an order's), re-aimed here by its headers → 400", async () => {
    const orderBody = { id: 1, admin_graphql_api_id: "gid://shopify/Order/1", updated_at: "2026-11-25T10:00:00Z", total_price: "10.00" };
    if (route.path === "/webhooks/sync")
      await expectRefused(signed(route, { topic: "products/update", payload: orderBody }), 400, /Unexpected webhook payload/);
    else await expectRefused(signed(route, { payload: orderBody }), 400, /Unexpected webhook payload/);
  });

  // Sync payloads don't name their shop: their tasks read the resource again from the header shop's Admin API.
  if (route.namesShop) {
    it("signed for other-store, header sample-store → 400", async () => {
      await expectRefused(
        signed(route, { payload: route.payload(OTHER) }),
        400,
        /signed payload is for (other-store\.myshopify\.com|shop id \d+) but the X-Shopify-Shop-Domain header says sample-store/,
      );
    });
  }

  it(`a shop that never installed → ${route.neverInstalled}, nothing stored`, async () => {
    const request = signed(route, { shop: NEVER, payload: route.payload(NEVER) });
    if (route.neverInstalled === 404) await expectRefused(request, 404, /not installed on never-installed\.myshopify\.com/);
    else {
      // Compliance topics (and an uninstall, with nothing to undo) are acknowledged, and change nothing.
      expect((await deliver(route.action, request)).status).toBe(200);
      expect(await databaseSnapshot()).toEqual(before);
    }
  });
});

// A cost change is applied when its delivery is answered: a cost that can't be stored exactly is
// refused then (Shopify's retries would fail the same way), and nothing changes.
describe("a cost change that can't be stored, to /webhooks/sync", () => {
  const route = ROUTES[0]!;
  let before: Record<string, string[]>;
  beforeEach(async () => {
    await resetDatabase();
    await seedEveryTable(db, SAMPLE);
    before = await databaseSnapshot();
  });

  it.each([
    ["more decimals than money keeps", "3.123456", /at most 4 decimals/],
    ["past what a column holds", "99999999999999999999999", /too large/],
    ["a number in exponent form", 1e21, /must be an amount/],
    ["negative", "-4.00", /can't be negative/],
    ["not a number", "cheap", /must be an amount/],
  ])("%s → 400", async (_case, cost, words) => {
    const payload = { id: 7, admin_graphql_api_id: "gid://shopify/InventoryItem/7", updated_at: "2026-11-25T10:00:00Z", cost };
    const response = await deliver(route.action, signedWebhookRequest({ path: route.path, topic: "inventory_items/update", shop: SAMPLE, payload }));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(words);
    expect(await databaseSnapshot()).toEqual(before);
  });
});
