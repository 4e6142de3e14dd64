import { beforeEach, describe, expect, it } from "vitest";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { db, resetDatabase } from "../helpers/database";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";
import { rowsOfShop, SEEDED_CUSTOMER, seededShopId, seedEveryTable } from "./every-table";

const SAMPLE = "sample-store.myshopify.com";
const OTHER = "other-store.myshopify.com";
const CUSTOMER_ID = SEEDED_CUSTOMER.split("/").pop()!;

const orderRow = (shop: string, id: number, customerId: string | null) => {
  const at = new Date("2026-03-11T12:00:00Z");
  return {
    shop,
    id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    createdAt: at,
    updatedAt: at,
    processedAt: at,
    test: false,
    customerId,
    currencyCode: "EUR",
    subtotal: 1n,
    totalDiscounts: 0n,
    totalShipping: 0n,
    totalTax: 0n,
    totalPrice: 1n,
    totalRefunded: 0n,
  };
};

const redact = (payloadShop: string, headerShop: string, ordersToRedact: number[] = []) =>
  deliver(
    customersRedact,
    signedWebhookRequest({
      path: "/webhooks/customers/redact",
      topic: "customers/redact",
      shop: headerShop,
      payload: {
        shop_id: Number(seededShopId(payloadShop)),
        shop_domain: payloadShop,
        customer: { id: Number(CUSTOMER_ID), email: "buyer@example.com", phone: "+15550100" },
        orders_to_redact: ordersToRedact,
      },
    }),
  );

/** Every row (of every shop) that still names the customer. */
const rowsNamingCustomer = async () => ({
  orders: await db.order.findMany({ where: { customerId: SEEDED_CUSTOMER }, select: { shop: true, id: true } }),
  rollupCustomers: await db.rollupCustomer.findMany({ where: { customerId: SEEDED_CUSTOMER }, select: { shop: true } }),
  dataRequests: await db.customerDataRequest.findMany({ where: { customerId: SEEDED_CUSTOMER }, select: { shop: true } }),
});

describe("customers/redact", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seedEveryTable(db, SAMPLE);
    await seedEveryTable(db, OTHER);
  });

  it("GIVEN a body signed for other-store WHEN the header says sample-store THEN 400 and no shop's rows change", async () => {
    const before = { sample: await rowsOfShop(db, SAMPLE), other: await rowsOfShop(db, OTHER), naming: await rowsNamingCustomer() };
    const response = await redact(OTHER, SAMPLE);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/header says sample-store\.myshopify\.com/);
    expect({ sample: await rowsOfShop(db, SAMPLE), other: await rowsOfShop(db, OTHER), naming: await rowsNamingCustomer() }).toEqual(before);
  });

  it("GIVEN the customer in two shops WHEN one shop redacts them THEN no row of that shop names them, and the other shop keeps its own", async () => {
    const response = await redact(SAMPLE, SAMPLE);
    expect(response.status).toBe(200);
    const naming = await rowsNamingCustomer();
    expect(naming.orders).toEqual([{ shop: OTHER, id: "gid://shopify/Order/1" }]);
    expect(naming.rollupCustomers).toEqual([{ shop: OTHER }]);
    expect(naming.dataRequests).toEqual([{ shop: OTHER }]);
    expect(await db.order.count({ where: { shop: SAMPLE } })).toBe(1);
    expect((await db.customerDataRequest.findFirstOrThrow({ where: { shop: SAMPLE } })).redactedAt).not.toBeNull();
  });

  it("GIVEN orders Shopify lists as the customer's that the copy links to no one or to a stale customer WHEN redacted THEN those links go too", async () => {
    await db.order.createMany({
      data: [orderRow(SAMPLE, 2, "gid://shopify/Customer/999"), orderRow(SAMPLE, 3, null), orderRow(SAMPLE, 4, "gid://shopify/Customer/7")],
    });
    const response = await redact(SAMPLE, SAMPLE, [2, 3]);
    expect(response.status).toBe(200);
    const orders = await db.order.findMany({ where: { shop: SAMPLE }, select: { id: true, customerId: true }, orderBy: { id: "asc" } });
    expect(orders).toEqual([
      { id: "gid://shopify/Order/1", customerId: null },
      { id: "gid://shopify/Order/2", customerId: null },
      { id: "gid://shopify/Order/3", customerId: null },
      { id: "gid://shopify/Order/4", customerId: "gid://shopify/Customer/7" },
    ]);
  });

  it("GIVEN a data request signed for other-store WHEN the header says sample-store THEN 400 and nothing is recorded", async () => {
    const before = await db.customerDataRequest.count();
    const response = await deliver(
      customersDataRequest,
      signedWebhookRequest({
        path: "/webhooks/customers/data_request",
        topic: "customers/data_request",
        shop: SAMPLE,
        payload: { shop_id: Number(seededShopId(OTHER)), shop_domain: OTHER, customer: { id: 4242 }, orders_requested: [1], data_request: { id: 5 } },
      }),
    );
    expect(response.status).toBe(400);
    expect(await db.customerDataRequest.count()).toBe(before);
    expect(await db.webhookDelivery.count({ where: { topic: "CUSTOMERS_DATA_REQUEST" } })).toBe(0);
  });
});
