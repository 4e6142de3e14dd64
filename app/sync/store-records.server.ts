import type { Prisma, PrismaClient } from "@prisma/client";
import { refreshRollups, type OrderChange } from "~/indicators/rollups.server";
import type { OrderRecord, ProductRecord, ShopDetails } from "./records";

type Db = PrismaClient | Prisma.TransactionClient;

export async function saveShopDetails(db: Db, details: ShopDetails, adminOrigin?: string | null): Promise<void> {
  const data = {
    ...(details.shopifyId !== undefined ? { shopifyId: details.shopifyId } : {}),
    name: details.name,
    email: details.email,
    currencyCode: details.currencyCode,
    ianaTimezone: details.ianaTimezone,
    ...(adminOrigin !== undefined ? { adminOrigin } : {}),
  };
  await db.shop.upsert({ where: { shop: details.shop }, create: { shop: details.shop, ...data }, update: data });
}

/** Ids whose stored copy is newer than the incoming one: a late delivery never overwrites newer data. */
async function newerStored(rows: { id: string; updatedAt: Date }[], incoming: Map<string, Date>): Promise<Set<string>> {
  return new Set(rows.filter((row) => row.updatedAt > (incoming.get(row.id) ?? row.updatedAt)).map((row) => row.id));
}

/**
 * Stores products read from Shopify unless the stored copy is newer. Their variants' costs are as
 * of `readAt` (the read): a cost change Shopify stamped before it, delivered late, is older than
 * what is stored and changes nothing.
 */
export async function saveProducts(db: PrismaClient, shop: string, products: ProductRecord[], readAt: Date = new Date()): Promise<number> {
  if (products.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const stored = await tx.product.findMany({
      where: { shop, id: { in: products.map((product) => product.id) } },
      select: { id: true, updatedAt: true },
    });
    const skip = await newerStored(stored, new Map(products.map((product) => [product.id, product.updatedAt])));
    const fresh = products.filter((product) => !skip.has(product.id));
    const ids = fresh.map((product) => product.id);
    await tx.variant.deleteMany({ where: { shop, productId: { in: ids } } });
    await tx.product.deleteMany({ where: { shop, id: { in: ids } } });
    await tx.product.createMany({
      data: fresh.map(({ variants: _variants, ...product }) => ({ shop, ...product })),
    });
    await tx.variant.createMany({ data: fresh.flatMap((product) => product.variants.map((variant) => ({ shop, ...variant, costUpdatedAt: readAt }))) });
    return fresh.length;
  });
}

/** What a replaced order touches in the indicators: its old and new dates (its own, its refunds' and its payments') and customers. */
function orderChange(
  before: { processedAt: Date; cancelledAt: Date | null; customerId: string | null }[],
  beforeRefunds: { createdAt: Date }[],
  beforeTransactions: { processedAt: Date | null }[],
  after: OrderRecord[],
): OrderChange {
  const processed = (transactions: { processedAt: Date | null }[]) =>
    transactions.flatMap((transaction) => (transaction.processedAt ? [transaction.processedAt] : []));
  const instants = [
    ...before.flatMap((order) => [order.processedAt, ...(order.cancelledAt ? [order.cancelledAt] : [])]),
    ...beforeRefunds.map((refund) => refund.createdAt),
    ...processed(beforeTransactions),
    ...after.flatMap((order) => [
      order.processedAt,
      ...(order.cancelledAt ? [order.cancelledAt] : []),
      ...order.refunds.map((refund) => refund.createdAt),
      ...processed(order.transactions),
    ]),
  ];
  const customerIds = [...before, ...after].flatMap((order) => (order.customerId ? [order.customerId] : []));
  return { instants, customerIds };
}

/**
 * Replaces each order with its incoming copy, unless the stored one is newer. A line keeps the
 * unit cost it was first stored with (METRICS.md); a new line takes its variant's current cost.
 * The indicator rollups of the days the orders touch are brought up to date afterwards.
 */
export async function saveOrders(db: PrismaClient, shop: string, orders: OrderRecord[]): Promise<number> {
  if (orders.length === 0) return 0;
  const { saved, change } = await db.$transaction(async (tx) => {
    const stored = await tx.order.findMany({
      where: { shop, id: { in: orders.map((order) => order.id) } },
      select: { id: true, updatedAt: true, processedAt: true, cancelledAt: true, customerId: true },
    });
    const skip = await newerStored(stored, new Map(orders.map((order) => [order.id, order.updatedAt])));
    const fresh = orders.filter((order) => !skip.has(order.id));
    const ids = fresh.map((order) => order.id);
    const freshIds = new Set(ids);
    const change = orderChange(
      stored.filter((order) => freshIds.has(order.id)),
      await tx.refund.findMany({ where: { shop, orderId: { in: ids } }, select: { createdAt: true } }),
      await tx.orderTransaction.findMany({ where: { shop, orderId: { in: ids } }, select: { processedAt: true } }),
      fresh,
    );

    const firstSeen = new Map(
      (await tx.orderLine.findMany({ where: { shop, orderId: { in: ids } }, select: { id: true, unitCost: true } })).map(
        (line) => [line.id, line.unitCost] as const,
      ),
    );
    const variantIds = [...new Set(fresh.flatMap((order) => order.lines.flatMap((line) => (line.variantId ? [line.variantId] : []))))];
    const currentCost = new Map(
      (await tx.variant.findMany({ where: { shop, id: { in: variantIds } }, select: { id: true, unitCost: true } })).map(
        (variant) => [variant.id, variant.unitCost] as const,
      ),
    );

    await tx.orderTransaction.deleteMany({ where: { shop, orderId: { in: ids } } });
    await tx.refundLine.deleteMany({ where: { shop, orderId: { in: ids } } });
    await tx.refund.deleteMany({ where: { shop, orderId: { in: ids } } });
    await tx.orderLine.deleteMany({ where: { shop, orderId: { in: ids } } });
    await tx.orderDiscountCode.deleteMany({ where: { shop, orderId: { in: ids } } });
    await tx.order.deleteMany({ where: { shop, id: { in: ids } } });

    await tx.order.createMany({
      data: fresh.map(({ lines: _lines, refunds: _refunds, discountCodes: _codes, transactions: _transactions, ...order }) => ({ shop, ...order })),
    });
    await tx.orderLine.createMany({
      data: fresh.flatMap((order) =>
        order.lines.map((line) => ({
          shop,
          orderId: order.id,
          ...line,
          unitCost: firstSeen.has(line.id) ? (firstSeen.get(line.id) ?? null) : line.variantId ? (currentCost.get(line.variantId) ?? null) : null,
        })),
      ),
    });
    await tx.orderDiscountCode.createMany({
      data: fresh.flatMap((order) => order.discountCodes.map((code) => ({ shop, orderId: order.id, code, codeLower: code.toLowerCase() }))),
    });
    await tx.refund.createMany({
      data: fresh.flatMap((order) =>
        order.refunds.map((refund) => ({
          shop,
          id: refund.id,
          orderId: order.id,
          createdAt: refund.createdAt,
          totalRefunded: refund.totalRefunded,
        })),
      ),
    });
    await tx.refundLine.createMany({
      data: fresh.flatMap((order) =>
        order.refunds.flatMap((refund) => refund.lines.map((line, position) => ({ shop, refundId: refund.id, orderId: order.id, position, ...line }))),
      ),
    });
    await tx.orderTransaction.createMany({
      data: fresh.flatMap((order) => order.transactions.map((transaction) => ({ shop, orderId: order.id, ...transaction }))),
    });
    return { saved: fresh.length, change };
  });
  await refreshRollups(db, shop, change);
  return saved;
}
