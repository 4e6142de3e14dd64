import { Session } from "@shopify/shopify-api";
import { beforeEach, describe, expect, it } from "vitest";
import { customerDataReports } from "~/privacy/compliance.server";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveProducts } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord, productRecord } from "../helpers/records";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

const SHOP = "compliance-shop.myshopify.com";
const OTHER_SHOP = "other-shop.myshopify.com";
const CUSTOMER = "gid://shopify/Customer/4242";

/** Shopify's id of each shop, as the sync stores it. */
const SHOP_IDS: Record<string, string> = { [SHOP]: "1001", [OTHER_SHOP]: "1002" };

async function seedShop(shop: string) {
  await db.shop.create({ data: { shop, shopifyId: SHOP_IDS[shop]!, name: shop, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" } });
  await sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: "s", isOnline: false, scope: "read_orders", accessToken: "shpat_secret" }),
  );
  await saveProducts(db, shop, [productRecord()]);
  await saveOrders(db, shop, [
    orderRecord({ id: `gid://shopify/Order/1-${shop}`, customerId: CUSTOMER }),
    orderRecord({ id: `gid://shopify/Order/2-${shop}`, customerId: CUSTOMER }),
    orderRecord({ id: `gid://shopify/Order/3-${shop}`, customerId: "gid://shopify/Customer/7" }),
  ]);
}

async function countRows(shop: string) {
  const where = { shop };
  return {
    shops: await db.shop.count({ where }),
    sessions: await db.session.count({ where }),
    orders: await db.order.count({ where }),
    lines: await db.orderLine.count({ where }),
    products: await db.product.count({ where }),
    variants: await db.variant.count({ where }),
    dataRequests: await db.customerDataRequest.count({ where }),
    deliveries: await db.webhookDelivery.count({ where }),
  };
}

const dataRequestPayload = {
  shop_id: 1001,
  shop_domain: SHOP,
  orders_requested: [1, 2],
  customer: { id: 4242, email: "buyer@example.com", phone: null },
  data_request: { id: 99 },
};

describe("compliance and app webhooks", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seedShop(SHOP);
    await seedShop(OTHER_SHOP);
  });

  it("GIVEN a request signed with the wrong secret WHEN any webhook arrives THEN it gets 401 and nothing changes", async () => {
    const before = await countRows(SHOP);
    for (const [action, path, topic, payload] of [
      [shopRedact, "/webhooks/shop/redact", "shop/redact", { shop_id: 1001, shop_domain: SHOP }],
      [appUninstalled, "/webhooks/app/uninstalled", "app/uninstalled", { id: 1001, myshopify_domain: SHOP }],
      [customersRedact, "/webhooks/customers/redact", "customers/redact", { shop_domain: SHOP, customer: { id: 4242 } }],
      [customersDataRequest, "/webhooks/customers/data_request", "customers/data_request", dataRequestPayload],
    ] as const) {
      const response = await deliver(action, signedWebhookRequest({ path, topic, shop: SHOP, payload, secret: "not-the-app-secret" }));
      expect(response.status, topic).toBe(401);
    }
    expect(await countRows(SHOP)).toEqual(before);
  });

  it("GIVEN a customer's data request WHEN it is delivered twice THEN it is recorded once and the owner sees the order ids held", async () => {
    const request = () =>
      signedWebhookRequest({
        path: "/webhooks/customers/data_request",
        topic: "customers/data_request",
        shop: SHOP,
        payload: dataRequestPayload,
        webhookId: "delivery-data-request-1",
      });
    expect((await deliver(customersDataRequest, request())).status).toBe(200);
    expect((await deliver(customersDataRequest, request())).status).toBe(200);

    const reports = await customerDataReports(db, SHOP);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.customerId).toBe(CUSTOMER);
    expect(reports[0]?.ordersHeld.sort()).toEqual([`gid://shopify/Order/1-${SHOP}`, `gid://shopify/Order/2-${SHOP}`]);
    expect(reports[0]?.ordersRequested).toEqual(["gid://shopify/Order/1", "gid://shopify/Order/2"]);
  });

  it("GIVEN a customer redaction WHEN delivered THEN that customer's id is gone from every row of the shop and only there", async () => {
    await deliver(
      customersDataRequest,
      signedWebhookRequest({
        path: "/webhooks/customers/data_request",
        topic: "customers/data_request",
        shop: SHOP,
        payload: dataRequestPayload,
      }),
    );
    const response = await deliver(
      customersRedact,
      signedWebhookRequest({
        path: "/webhooks/customers/redact",
        topic: "customers/redact",
        shop: SHOP,
        payload: { shop_id: 1001, shop_domain: SHOP, customer: { id: 4242 }, orders_to_redact: [1, 2] },
      }),
    );
    expect(response.status).toBe(200);
    expect(await db.order.count({ where: { shop: SHOP, customerId: CUSTOMER } })).toBe(0);
    expect(await db.customerDataRequest.count({ where: { customerId: CUSTOMER, shop: SHOP } })).toBe(0);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(3);
    expect(await db.order.count({ where: { shop: SHOP, customerId: "gid://shopify/Customer/7" } })).toBe(1);
    expect(await db.order.count({ where: { shop: OTHER_SHOP, customerId: CUSTOMER } })).toBe(2);
  });

  it("GIVEN a shop redaction WHEN delivered twice, even with no session left THEN every row of that shop is erased and other shops keep theirs", async () => {
    const otherBefore = await countRows(OTHER_SHOP);
    await db.session.deleteMany({ where: { shop: SHOP } });
    for (let i = 0; i < 2; i++) {
      const response = await deliver(
        shopRedact,
        signedWebhookRequest({
          path: "/webhooks/shop/redact",
          topic: "shop/redact",
          shop: SHOP,
          payload: { shop_id: 1001, shop_domain: SHOP },
          webhookId: "delivery-shop-redact",
        }),
      );
      expect(response.status).toBe(200);
      expect(Object.values(await countRows(SHOP)).every((count) => count === 0)).toBe(true);
    }
    expect(await countRows(OTHER_SHOP)).toEqual(otherBefore);
  });

  const uninstallRequest = (shop: string, payload: unknown, webhookId?: string) =>
    signedWebhookRequest({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", shop, payload, ...(webhookId ? { webhookId } : {}) });
  const shopPayload = (shop: string) => ({ id: Number(SHOP_IDS[shop]), name: "A shop", myshopify_domain: shop, domain: "shop.example.com" });

  it("GIVEN an uninstall WHEN delivered twice THEN the shop's sessions are deleted, its data stays until shop/redact", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await deliver(appUninstalled, uninstallRequest(SHOP, shopPayload(SHOP), "u-1"));
      expect(response.status).toBe(200);
    }
    expect(await db.session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(3);
    expect(await db.webhookDelivery.count({ where: { webhookId: "u-1" } })).toBe(1);
    expect(await db.session.count({ where: { shop: OTHER_SHOP } })).toBe(1);
  });

  it("GIVEN a captured signed body of one shop WHEN re-aimed at /webhooks/app/uninstalled with the other shop in the header THEN 400 and no session goes", async () => {
    const orderBody = { id: 1, admin_graphql_api_id: "gid://shopify/Order/1", updated_at: "2026-11-25T10:00:00Z" };
    for (const [payload, words] of [
      [orderBody, /Unexpected webhook payload/],
      [shopPayload(SHOP), /signed payload is for compliance-shop\.myshopify\.com but the X-Shopify-Shop-Domain header says other-shop/],
      [
        { ...shopPayload(OTHER_SHOP), id: Number(SHOP_IDS[SHOP]) },
        /signed payload is for shop id 1001 but the X-Shopify-Shop-Domain header says other-shop\.myshopify\.com \(shop id 1002\)/,
      ],
    ] as const) {
      const response = await deliver(appUninstalled, uninstallRequest(OTHER_SHOP, payload));
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(words);
    }
    expect(await db.session.count({ where: { shop: OTHER_SHOP } })).toBe(1);
    expect(await db.session.count({ where: { shop: SHOP } })).toBe(1);
    expect(await db.webhookDelivery.count()).toBe(0);
  });

  const scopesRequest = (shop: string, payload: unknown, webhookId?: string) =>
    signedWebhookRequest({ path: "/webhooks/app/scopes_update", topic: "app/scopes_update", shop, payload, ...(webhookId ? { webhookId } : {}) });
  const scopesPayload = (shop: string, current: string[], updatedAt: string) => ({
    id: 77,
    shop_id: Number(SHOP_IDS[shop]),
    previous: ["read_orders"],
    current,
    updated_at: updatedAt,
  });

  it("GIVEN scopes updates WHEN delivered THEN the sessions carry the newest; an older one, replayed under any delivery id, changes nothing", async () => {
    const older = scopesPayload(SHOP, ["read_orders", "read_products"], "2026-11-25T00:00:00Z");
    const newer = scopesPayload(SHOP, ["read_orders", "read_products", "read_reports"], "2026-11-26T00:00:00Z");
    expect((await deliver(scopesUpdate, scopesRequest(SHOP, older, "scopes-1"))).status).toBe(200);
    expect((await deliver(scopesUpdate, scopesRequest(SHOP, newer, "scopes-2"))).status).toBe(200);
    expect((await deliver(scopesUpdate, scopesRequest(SHOP, older, "scopes-1"))).status).toBe(200);
    expect((await deliver(scopesUpdate, scopesRequest(SHOP, older, "scopes-1-replayed"))).status).toBe(200);
    const session = await db.session.findFirstOrThrow({ where: { shop: SHOP } });
    expect(session.scope).toBe("read_orders,read_products,read_reports");
  });

  it("GIVEN one shop's signed scopes update WHEN re-aimed at the other shop by its header THEN 400 and the other's scopes stay", async () => {
    const response = await deliver(scopesUpdate, scopesRequest(OTHER_SHOP, scopesPayload(SHOP, ["write_everything"], "2026-11-26T00:00:00Z")));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/signed payload is for shop id 1001 but the X-Shopify-Shop-Domain header says other-shop/);
    expect((await db.session.findFirstOrThrow({ where: { shop: OTHER_SHOP } })).scope).toBe("read_orders");
  });

  it("GIVEN a shop whose id the app has not read from Shopify yet WHEN a scopes update names it by id only THEN it is acknowledged and changes nothing", async () => {
    await db.shop.update({ where: { shop: SHOP }, data: { shopifyId: null } });
    const response = await deliver(scopesUpdate, scopesRequest(SHOP, scopesPayload(SHOP, ["write_everything"], "2026-11-26T00:00:00Z")));
    expect(response.status).toBe(200);
    expect((await db.session.findFirstOrThrow({ where: { shop: SHOP } })).scope).toBe("read_orders");
    expect(await db.webhookDelivery.count()).toBe(0);
  });

  it("GIVEN a payload without the fields the topic needs WHEN delivered THEN 400 and nothing is recorded", async () => {
    const response = await deliver(
      customersDataRequest,
      signedWebhookRequest({ path: "/webhooks/customers/data_request", topic: "customers/data_request", shop: SHOP, payload: { shop_domain: SHOP } }),
    );
    expect(response.status).toBe(400);
    expect(await db.customerDataRequest.count()).toBe(0);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP } })).toBe(0);
  });
});
