import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { rebuildRollups, rollupsReady } from "~/indicators/rollups.server";
import { SHOP_DETAILS } from "./sync-documents";
import { mapShopDetails } from "./map-admin";
import { pullOrders, pullProducts } from "./pull.server";
import { saveOrders, saveProducts, saveShopDetails } from "./store-records.server";

export interface SyncProgress {
  phase: "shop" | "products" | "orders" | "done";
  products: number;
  orders: number;
}

export interface SyncResult {
  products: number;
  orders: number;
  startedAt: Date;
  finishedAt: Date;
}

export interface SyncShopOptions {
  client: AdminClient;
  db: PrismaClient;
  now: () => Date;
  /** Only what changed since this instant (inclusive); everything when absent. */
  updatedSince?: Date | null;
  onProgress?: (progress: SyncProgress) => void;
}

/**
 * Copies the shop's details, products and orders into the database with paged Admin queries.
 * Products come first so new order lines find their variant's unit cost.
 */
export async function pagedSync({ client, db, now, updatedSince, onProgress }: SyncShopOptions): Promise<SyncResult> {
  const startedAt = now();
  const progress: SyncProgress = { phase: "shop", products: 0, orders: 0 };
  onProgress?.({ ...progress });

  const details = mapShopDetails(await client.request(SHOP_DETAILS, {}));
  await saveShopDetails(db, { ...details, shop: client.shop });

  const query = updatedSince ? `updated_at:>='${updatedSince.toISOString()}'` : undefined;
  progress.phase = "products";
  for await (const page of pullProducts(client, { query })) {
    await saveProducts(db, client.shop, page);
    progress.products += page.length;
    onProgress?.({ ...progress });
  }
  progress.phase = "orders";
  for await (const page of pullOrders(client, { query })) {
    await saveOrders(db, client.shop, page);
    progress.orders += page.length;
    onProgress?.({ ...progress });
  }
  // A changed time zone leaves the daily totals for the old one: they are rebuilt here, in the sync's job.
  if (!(await rollupsReady(db, client.shop))) await rebuildRollups(db, client.shop);
  // A full read (no updatedSince) copied every order's payments and destination.
  await db.shop.update({
    where: { shop: client.shop },
    data: { lastSyncAt: startedAt, lastSyncError: null, ...(updatedSince ? {} : { paymentsCopiedAt: now() }) },
  });
  progress.phase = "done";
  onProgress?.({ ...progress });
  return { products: progress.products, orders: progress.orders, startedAt, finishedAt: now() };
}
