import type { OrderRecord, ProductRecord } from "~/sync/records";

let sequence = 0;

/** An order record with sensible defaults; tests override what they are about. */
export function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  sequence += 1;
  const processedAt = overrides.processedAt ?? new Date("2026-03-10T12:00:00Z");
  return {
    id: `gid://shopify/Order/${9000 + sequence}`,
    name: `#${9000 + sequence}`,
    createdAt: processedAt,
    updatedAt: processedAt,
    processedAt,
    cancelledAt: null,
    test: false,
    customerId: null,
    sourceName: "web",
    currencyCode: "EUR",
    presentmentCurrencyCode: "EUR",
    subtotal: 100_0000n,
    totalDiscounts: 0n,
    totalShipping: 0n,
    totalTax: 0n,
    totalPrice: 100_0000n,
    totalRefunded: 0n,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    discountCodes: [],
    hasShippingAddress: false,
    shippingCountry: null,
    lines: [
      {
        id: `gid://shopify/LineItem/${70000 + sequence}`,
        productId: "gid://shopify/Product/1",
        variantId: "gid://shopify/ProductVariant/11",
        title: "Mug",
        sku: "MUG",
        quantity: 2,
        originalUnitPrice: 50_0000n,
        totalDiscount: 0n,
      },
    ],
    refunds: [],
    transactions: [],
    ...overrides,
  };
}

export function productRecord(overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    id: "gid://shopify/Product/1",
    title: "Mug",
    handle: "mug",
    vendor: "Throughline",
    productType: "Kitchen",
    status: "ACTIVE",
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-01T00:00:00Z"),
    variants: [
      {
        id: "gid://shopify/ProductVariant/11",
        productId: "gid://shopify/Product/1",
        title: "Default",
        sku: "MUG",
        price: 50_0000n,
        inventoryItemId: "gid://shopify/InventoryItem/111",
        unitCost: 20_0000n,
      },
    ],
    ...overrides,
  };
}
