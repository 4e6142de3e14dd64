import type { PrismaClient } from "@prisma/client";
import { expect } from "vitest";
import type { DevstoreData } from "@throughline/devstore";
import { formatMoney } from "@throughline/shopify-common/money";

type Bag = { shopMoney: { amount: string } };
const cents = (bag: unknown) => Number((bag as Bag).shopMoney.amount).toFixed(2);

/**
 * Every stored row of a shop's copy, in a canonical order: two databases are equal when these are.
 * A variant's costUpdatedAt is left out: it says when the copy learned the cost (a read, a webhook),
 * not what the store holds.
 */
export async function storeSnapshot(db: PrismaClient, shop: string) {
  const byId = { orderBy: { id: "asc" as const } };
  const [orders, lines, codes, refunds, refundLines, products, variants] = await Promise.all([
    db.order.findMany({ where: { shop }, ...byId }),
    db.orderLine.findMany({ where: { shop }, ...byId }),
    db.orderDiscountCode.findMany({ where: { shop }, orderBy: [{ orderId: "asc" }, { code: "asc" }] }),
    db.refund.findMany({ where: { shop }, ...byId }),
    db.refundLine.findMany({ where: { shop }, orderBy: [{ refundId: "asc" }, { position: "asc" }] }),
    db.product.findMany({ where: { shop }, ...byId }),
    db.variant.findMany({ where: { shop }, ...byId, omit: { costUpdatedAt: true } }),
  ]);
  return { orders, lines, codes, refunds, refundLines, products, variants };
}

/** The stored copy holds exactly the fixture's orders, lines, refunds and products, value by value. */
export async function expectStoreMatchesFixture(db: PrismaClient, data: DevstoreData) {
  const shop = data.shop.myshopifyDomain;
  const snapshot = await storeSnapshot(db, shop);
  expect(snapshot.orders.map((o) => o.id).sort()).toEqual(data.orders.map((o) => o.id).sort());
  expect(snapshot.products.map((p) => p.id).sort()).toEqual(data.products.map((p) => p.id).sort());
  const orders = new Map(snapshot.orders.map((order) => [order.id, order]));
  for (const expected of data.orders) {
    const order = orders.get(expected.id)!;
    expect(order.processedAt.toISOString().replace(".000", "")).toBe(expected.processedAt);
    expect(order.updatedAt.toISOString().replace(".000", "")).toBe(expected.updatedAt);
    expect(order.cancelledAt?.toISOString().replace(".000", "") ?? null).toBe(expected.cancelledAt ?? null);
    expect(order.test).toBe(expected.test);
    expect(order.customerId).toBe((expected.customer as { id: string } | null)?.id ?? null);
    expect(formatMoney(order.subtotal)).toBe(cents(expected.subtotalPriceSet));
    expect(formatMoney(order.totalDiscounts)).toBe(cents(expected.totalDiscountsSet));
    expect(formatMoney(order.totalPrice)).toBe(cents(expected.totalPriceSet));
    expect(formatMoney(order.totalRefunded)).toBe(cents(expected.totalRefundedSet));
    const codes = snapshot.codes.filter((code) => code.orderId === expected.id).map((code) => code.code);
    expect(codes.sort()).toEqual([...new Set(expected.discountCodes as string[])].sort());
    const journey = expected.customerJourneySummary as { lastVisit?: { utmParameters?: { campaign?: string } } | null } | null;
    expect(order.utmCampaign).toBe(journey?.lastVisit?.utmParameters?.campaign ?? null);
    const lines = expected.lineItems as { id: string; quantity: number; originalUnitPriceSet: Bag; totalDiscountSet: Bag; product: { id: string } | null }[];
    const storedLines = snapshot.lines.filter((line) => line.orderId === expected.id);
    expect(storedLines.map((line) => line.id).sort(), expected.id).toEqual(lines.map((line) => line.id).sort());
    for (const line of lines) {
      const stored = storedLines.find((candidate) => candidate.id === line.id)!;
      expect(stored.quantity).toBe(line.quantity);
      expect(stored.productId).toBe(line.product?.id ?? null);
      expect(formatMoney(stored.originalUnitPrice)).toBe(cents(line.originalUnitPriceSet));
      expect(formatMoney(stored.totalDiscount)).toBe(cents(line.totalDiscountSet));
    }
    const refunds = expected.refunds as {
      id: string;
      createdAt: string;
      totalRefundedSet: Bag;
      refundLineItems: { quantity: number; lineItem: { id: string }; subtotalSet: Bag }[];
    }[];
    const storedRefunds = snapshot.refunds.filter((refund) => refund.orderId === expected.id);
    expect(storedRefunds.map((refund) => refund.id).sort()).toEqual(refunds.map((refund) => refund.id).sort());
    for (const refund of refunds) {
      const stored = storedRefunds.find((candidate) => candidate.id === refund.id)!;
      expect(stored.linesComplete).toBe(true);
      expect(stored.createdAt.toISOString().replace(".000", "")).toBe(refund.createdAt);
      expect(formatMoney(stored.totalRefunded)).toBe(cents(refund.totalRefundedSet));
      const storedLines = snapshot.refundLines.filter((line) => line.refundId === refund.id);
      expect(storedLines.map((line) => [line.lineItemId, line.quantity, formatMoney(line.subtotal)])).toEqual(
        refund.refundLineItems.map((line) => [line.lineItem.id, line.quantity, cents(line.subtotalSet)]),
      );
    }
  }
  const variants = new Map(snapshot.variants.map((variant) => [variant.id, variant]));
  for (const product of data.products) {
    for (const variant of product.variants as { id: string; price: string; inventoryItem: { unitCost: { amount: string } | null } }[]) {
      const stored = variants.get(variant.id)!;
      expect(stored.productId).toBe(product.id);
      expect(stored.price === null ? null : formatMoney(stored.price)).toBe(Number(variant.price).toFixed(2));
      expect(stored.unitCost === null ? null : formatMoney(stored.unitCost)).toBe(
        variant.inventoryItem.unitCost ? Number(variant.inventoryItem.unitCost.amount).toFixed(2) : null,
      );
    }
  }
}
