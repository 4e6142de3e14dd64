import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, type DevstoreData, type FixtureRecord, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { indicatorsJson, productJson } from "~/indicators/json";
import { periodReport, productReport } from "~/indicators/report.server";
import { parseDay } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";

// A store made of the awkward cases, each order in a known place, with the expected figures worked
// out by hand from METRICS.md.
const SHOP = "edge-cases.myshopify.com";
const bag = (amount: string, presentment?: [string, string]) => ({
  shopMoney: { amount, currencyCode: "EUR" },
  presentmentMoney: presentment ? { amount: presentment[0], currencyCode: presentment[1] } : { amount, currencyCode: "EUR" },
});
let ids = 100;
function lineItem(variant: string | null, product: string | null, price: string, quantity: number, discount = "0.00") {
  return {
    id: `gid://shopify/LineItem/${++ids}`,
    quantity,
    sku: null,
    title: product ?? "Gift wrapping",
    originalUnitPriceSet: bag(price),
    totalDiscountSet: bag(discount),
    variant: variant ? { id: variant } : null,
    product: product ? { id: product } : null,
  };
}
function order(
  n: number,
  processedAt: string,
  lines: ReturnType<typeof lineItem>[],
  extra: { customer?: string; test?: boolean; cancelledAt?: string; discounts?: string; createdAt?: string; refunds?: unknown[]; presentment?: string } = {},
): FixtureRecord {
  const gross = lines.reduce((sum, line) => sum + Number(line.originalUnitPriceSet.shopMoney.amount) * line.quantity, 0).toFixed(2);
  return {
    __typename: "Order",
    id: `gid://shopify/Order/${n}`,
    name: `#${n}`,
    createdAt: extra.createdAt ?? processedAt,
    updatedAt: extra.cancelledAt ?? processedAt,
    processedAt,
    cancelledAt: extra.cancelledAt ?? null,
    test: extra.test ?? false,
    currencyCode: "EUR",
    presentmentCurrencyCode: extra.presentment ?? "EUR",
    sourceName: "web",
    customer: extra.customer ? { id: `gid://shopify/Customer/${extra.customer}` } : null,
    discountCodes: [],
    subtotalPriceSet: bag(gross),
    totalDiscountsSet: bag(extra.discounts ?? "0.00"),
    totalShippingPriceSet: bag("0.00"),
    totalTaxSet: bag("0.00"),
    totalPriceSet: bag(gross),
    totalRefundedSet: bag("0.00"),
    lineItems: extra.presentment
      ? lines.map((line) => ({ ...line, originalUnitPriceSet: bag(line.originalUnitPriceSet.shopMoney.amount, ["99.99", extra.presentment!]) }))
      : lines,
    refunds: extra.refunds ?? [],
    customerJourneySummary: null,
  };
}

const costed = () => lineItem("gid://shopify/ProductVariant/11", "gid://shopify/Product/1", "20.00", 1);
const refundedLine = costed();
const DATA: DevstoreData = {
  shop: { __typename: "Shop", myshopifyDomain: SHOP, name: "Edge Cases", currencyCode: "EUR", ianaTimezone: "Europe/Berlin", email: "owner@example.com" },
  customers: [],
  products: [
    {
      __typename: "Product",
      id: "gid://shopify/Product/1",
      title: "Costed tee",
      handle: "tee",
      vendor: "Edge",
      productType: "Apparel",
      status: "ACTIVE",
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
      variants: [
        {
          id: "gid://shopify/ProductVariant/11",
          title: "Default",
          sku: "T",
          price: "20.00",
          inventoryItem: { id: "gid://shopify/InventoryItem/11", unitCost: { amount: "8.00", currencyCode: "EUR" } },
        },
      ],
    },
    {
      __typename: "Product",
      id: "gid://shopify/Product/2",
      title: "Uncosted mug",
      handle: "mug",
      vendor: "Edge",
      productType: "Kitchen",
      status: "ACTIVE",
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
      variants: [
        {
          id: "gid://shopify/ProductVariant/21",
          title: "Default",
          sku: "M",
          price: "30.00",
          inventoryItem: { id: "gid://shopify/InventoryItem/21", unitCost: null },
        },
      ],
    },
  ],
  orders: [
    // C1's first order: processed in February (local 23:30 on the 28th) though created in March.
    order(6, "2026-02-28T22:30:00Z", [costed()], { customer: "1", createdAt: "2026-03-02T09:00:00Z" }),
    order(1, "2026-03-05T10:00:00Z", [lineItem("gid://shopify/ProductVariant/11", "gid://shopify/Product/1", "20.00", 2)], { customer: "1" }),
    // A test order counts nowhere.
    order(2, "2026-03-05T11:00:00Z", [lineItem("gid://shopify/ProductVariant/11", "gid://shopify/Product/1", "20.00", 5)], {
      customer: "9",
      test: true,
      cancelledAt: "2026-03-06T00:00:00Z",
    }),
    // Paid in dollars: the shop's euros count.
    order(3, "2026-03-05T12:00:00Z", [costed()], { presentment: "USD" }),
    // Cancelled and refunded: only the refund counts.
    order(4, "2026-03-05T13:00:00Z", [refundedLine], {
      customer: "2",
      cancelledAt: "2026-03-06T10:00:00Z",
      refunds: [
        {
          id: "gid://shopify/Refund/1",
          createdAt: "2026-03-06T10:00:00Z",
          totalRefundedSet: bag("20.00"),
          refundLineItems: [{ lineItem: { id: refundedLine.id }, quantity: 1, subtotalSet: bag("20.00") }],
        },
      ],
    }),
    // Cancelled without a refund: reversed in full (less its discount) when cancelled, cost unknown.
    order(5, "2026-03-05T14:00:00Z", [lineItem("gid://shopify/ProductVariant/21", "gid://shopify/Product/2", "30.00", 1, "3.00")], {
      customer: "3",
      discounts: "3.00",
      cancelledAt: "2026-03-07T10:00:00Z",
    }),
    // A custom item (no variant, no product).
    order(7, "2026-03-20T10:00:00Z", [lineItem(null, null, "15.00", 1)], { customer: "1" }),
  ],
};

describe("indicators of a store made of edge cases", () => {
  let devstore: RunningDevstore;

  beforeAll(async () => {
    await resetDatabase();
    devstore = await startDevstore({ store: new DevStore(DATA), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
    const client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  });
  afterAll(() => devstore.close());

  it("GIVEN March THEN test orders, presentment money, cancellations with and without refund, unknown cost, guest orders and processedAt are all as defined", async () => {
    const report = await periodReport(db, SHOP, { from: parseDay("2026-03-01")!, to: parseDay("2026-03-31")! });
    expect(indicatorsJson(report.indicators)).toEqual({
      gross_sales: 125,
      discounts: 3,
      returns: 47,
      net_sales: 75,
      orders: 5,
      aov: 24.4,
      units: 6,
      units_per_order: 1.2,
      customers: 3,
      new_customers: 2,
      returning_customer_rate: 1 / 3,
      repurchase_rate: 1 / 3,
      cogs: 24,
      gross_profit: 36,
      gross_margin: 0.6,
      cost_coverage: 0.64,
      discount_rate: 0.024,
      return_rate: 0.376,
    });
  });

  it("GIVEN February THEN the order processed on its last evening (local time) is there, as C1's first order", async () => {
    const report = await periodReport(db, SHOP, { from: parseDay("2026-02-01")!, to: parseDay("2026-02-28")! });
    expect(indicatorsJson(report.indicators)).toMatchObject({ orders: 1, gross_sales: 20, customers: 1, new_customers: 1, cogs: 8 });
  });

  it("GIVEN March THEN products leave out the custom item and carry their own returns", async () => {
    const products = (await productReport(db, SHOP, { from: parseDay("2026-03-01")!, to: parseDay("2026-03-31")! })).map(productJson);
    expect(products.map((product) => product.product_id)).toEqual(["gid://shopify/Product/1", "gid://shopify/Product/2"]);
    expect(products[0]).toMatchObject({
      title: "Costed tee",
      units: 4,
      gross_sales: 80,
      returns: 20,
      net_sales: 60,
      orders: 3,
      attach_rate: 0.6,
      attraction_rate: 0.5,
      gross_margin: 0.6,
      cost_coverage: 1,
    });
    expect(products[1]).toMatchObject({
      title: "Uncosted mug",
      units: 1,
      gross_sales: 30,
      discounts: 3,
      returns: 27,
      net_sales: 0,
      orders: 1,
      attraction_rate: 0.5,
      gross_margin: null,
      cost_coverage: 0,
    });
  });
});
