import type { PrismaClient } from "@prisma/client";
import { expect } from "vitest";
import type { DevstoreData } from "@throughline/devstore";
import { parseMoney } from "@throughline/shopify-common/money";

type Bag = { shopMoney: { amount: string } };
/** Money exactly as the file has it (three decimals for KWD: no rounding to cents on either side). */
const exact = (bag: unknown) => parseMoney((bag as Bag).shopMoney.amount);

/**
 * Every stored row of a shop's copy, in a canonical order: two databases are equal when these are.
 * A variant's costUpdatedAt is left out: it says when the copy learned the cost (a read, a webhook),
 * not what the store holds.
 */
export async function storeSnapshot(db: PrismaClient, shop: string) {
  const byId = { orderBy: { id: "asc" as const } };
  const [orders, lines, codes, refunds, refundLines, transactions, products, variants] = await Promise.all([
    db.order.findMany({ where: { shop }, ...byId }),
    db.orderLine.findMany({ where: { shop }, ...byId }),
    db.orderDiscountCode.findMany({ where: { shop }, orderBy: [{ orderId: "asc" }, { code: "asc" }] }),
    db.refund.findMany({ where: { shop }, ...byId }),
    db.refundLine.findMany({ where: { shop }, orderBy: [{ refundId: "asc" }, { position: "asc" }] }),
    db.orderTransaction.findMany({ where: { shop }, ...byId }),
    db.product.findMany({ where: { shop }, ...byId }),
    db.variant.findMany({ where: { shop }, ...byId, omit: { costUpdatedAt: true } }),
  ]);
  return { orders, lines, codes, refunds, refundLines, transactions, products, variants };
}

interface FixtureTransaction {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  processedAt: string | null;
  test: boolean;
  amountSet: { shopMoney: { amount: string } };
  fees: { amount: { amount: string } }[];
}

/**
 * The stored payments and destination of an order hold the file's, exactly: every transaction with
 * its amount and its listed fees summed (their tax left out), whether any fee was listed, and the
 * shipping country (a store file without them: no address, no transactions).
 */
function expectPaymentsMatch(
  snapshot: Awaited<ReturnType<typeof storeSnapshot>>,
  order: { id: string; updatedAt: Date } & Record<string, unknown>,
  expected: Record<string, unknown>,
) {
  const address = expected.shippingAddress as { countryCodeV2: string | null } | null | undefined;
  expect({ id: expected.id, hasShippingAddress: order.hasShippingAddress, shippingCountry: order.shippingCountry }).toEqual({
    id: expected.id,
    hasShippingAddress: address != null,
    shippingCountry: address?.countryCodeV2 ?? null,
  });
  const transactions = (expected.transactions as FixtureTransaction[] | undefined) ?? [];
  const stored = snapshot.transactions.filter((transaction) => transaction.orderId === expected.id);
  expect(stored.map(({ shop: _shop, ...transaction }) => transaction).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    transactions
      .map((transaction) => ({
        id: transaction.id,
        orderId: expected.id,
        kind: transaction.kind,
        status: transaction.status,
        gateway: transaction.gateway,
        processedAt: transaction.processedAt === null ? null : new Date(transaction.processedAt),
        test: transaction.test,
        amount: parseMoney(transaction.amountSet.shopMoney.amount),
        fees: transaction.fees.reduce((sum, fee) => sum + parseMoney(fee.amount.amount), 0n),
        feesListed: transaction.fees.length > 0,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  );
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
    expect(order.subtotal).toBe(exact(expected.subtotalPriceSet));
    expect(order.totalDiscounts).toBe(exact(expected.totalDiscountsSet));
    expect(order.totalPrice).toBe(exact(expected.totalPriceSet));
    expect(order.totalRefunded).toBe(exact(expected.totalRefundedSet));
    const codes = snapshot.codes.filter((code) => code.orderId === expected.id).map((code) => code.code);
    expect(codes.sort()).toEqual([...new Set(expected.discountCodes as string[])].sort());
    expectPaymentsMatch(snapshot, order, expected);
    const journey = expected.customerJourneySummary as { lastVisit?: { utmParameters?: { campaign?: string } } | null } | null;
    expect(order.utmCampaign).toBe(journey?.lastVisit?.utmParameters?.campaign ?? null);
    const lines = expected.lineItems as { id: string; quantity: number; originalUnitPriceSet: Bag; totalDiscountSet: Bag; product: { id: string } | null }[];
    const storedLines = snapshot.lines.filter((line) => line.orderId === expected.id);
    expect(storedLines.map((line) => line.id).sort(), expected.id).toEqual(lines.map((line) => line.id).sort());
    for (const line of lines) {
      const stored = storedLines.find((candidate) => candidate.id === line.id)!;
      expect(stored.quantity).toBe(line.quantity);
      expect(stored.productId).toBe(line.product?.id ?? null);
      expect(stored.originalUnitPrice).toBe(exact(line.originalUnitPriceSet));
      expect(stored.totalDiscount).toBe(exact(line.totalDiscountSet));
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
      expect(stored.totalRefunded).toBe(exact(refund.totalRefundedSet));
      const storedLines = snapshot.refundLines.filter((line) => line.refundId === refund.id);
      expect(storedLines.map((line) => [line.lineItemId, line.quantity, line.subtotal])).toEqual(
        refund.refundLineItems.map((line) => [line.lineItem.id, line.quantity, exact(line.subtotalSet)]),
      );
    }
  }
  const variants = new Map(snapshot.variants.map((variant) => [variant.id, variant]));
  for (const product of data.products) {
    for (const variant of product.variants as { id: string; price: string; inventoryItem: { unitCost: { amount: string } | null } }[]) {
      const stored = variants.get(variant.id)!;
      expect(stored.productId).toBe(product.id);
      expect(stored.price).toBe(parseMoney(variant.price));
      expect(stored.unitCost).toBe(variant.inventoryItem.unitCost ? parseMoney(variant.inventoryItem.unitCost.amount) : null);
    }
  }
}
