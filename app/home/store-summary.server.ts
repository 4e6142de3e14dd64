import type { PrismaClient, Shop } from "@prisma/client";
import { rollupsReadyFor } from "~/indicators/rollups.server";

export interface StoreSummary {
  shop: string;
  name: string | null;
  currencyCode: string | null;
  ianaTimezone: string | null;
  orders: number;
  products: number;
  lastSyncAt: string | null;
  lastSyncError: string | null;
}

/**
 * Orders that count (not test orders). Counting rows reads every order (a second on a million-order
 * store); the daily rollups already hold the count per day, so their sum answers when they are built.
 */
async function countedOrders(db: PrismaClient, shop: string, record: Shop | null): Promise<number> {
  if (rollupsReadyFor(record)) return (await db.dailyRollup.aggregate({ where: { shop }, _sum: { orders: true } }))._sum.orders ?? 0;
  return db.order.count({ where: { shop, test: false } });
}

/**
 * What the home page shows about the store's copy: whether it is synced, and how much it holds.
 * `record` is the shop's row when the caller has read it already (the home page reads it once).
 */
export async function storeSummary(db: PrismaClient, shop: string, known?: Shop | null): Promise<StoreSummary> {
  const record = known === undefined ? await db.shop.findUnique({ where: { shop } }) : known;
  const [orders, products] = await Promise.all([countedOrders(db, shop, record), db.product.count({ where: { shop, deletedAt: null } })]);
  return {
    shop,
    name: record?.name ?? null,
    currencyCode: record?.currencyCode ?? null,
    ianaTimezone: record?.ianaTimezone ?? null,
    orders,
    products,
    lastSyncAt: record?.lastSyncAt?.toISOString() ?? null,
    lastSyncError: record?.lastSyncError ?? null,
  };
}
