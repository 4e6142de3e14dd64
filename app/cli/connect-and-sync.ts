import type { PrismaClient } from "@prisma/client";
import { createAdminClient } from "~/admin-api/client.server";
import { adminClientForShop } from "~/admin-api/shop-client.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { syncShop, type SyncResult } from "~/sync/sync-shop.server";
import { PREVIEW_USER_ID } from "~/preview/preview-access.server";
import { terminalProgress } from "./progress";

export interface ConnectAndSyncOptions {
  db: PrismaClient;
  shop: string;
  adminOrigin?: string;
  token: string;
  full: boolean;
}

/** `sync`: connects a devstore shop when asked to and not yet connected, then copies the shop. */
export async function connectAndSync({ db, shop, adminOrigin, token, full }: ConnectAndSyncOptions): Promise<SyncResult> {
  if (adminOrigin) {
    const existing = await sessionStorage.loadSession(`offline_${shop}`);
    if (!existing) {
      // Checks the devstore answers for this shop with this token before storing anything.
      await createAdminClient({ shop, accessToken: token, adminOrigin }).request(
        `#graphql
  query DevstoreProbe {
    shop {
      myshopifyDomain
    }
  }
` as const,
        {},
      );
      await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin, accessToken: token, ownerUserId: PREVIEW_USER_ID, now: new Date() });
    } else {
      await db.shop.update({ where: { shop }, data: { adminOrigin } });
    }
  } else if (!(await db.shop.findUnique({ where: { shop } }))) {
    throw new Error(`${shop} is not connected: install the app on it, or pass --admin-origin for a local devstore`);
  }
  const client = await adminClientForShop(db, shop);
  const record = await db.shop.findUnique({ where: { shop }, select: { lastSyncAt: true } });
  const progress = terminalProgress();
  const started = Date.now();
  const result = await syncShop({
    client,
    db,
    now: () => new Date(),
    updatedSince: full ? null : (record?.lastSyncAt ?? null),
    onProgress: (p) => progress.update(`sync ${shop}: ${p.phase} · ${p.products} products · ${p.orders} orders`),
  });
  const seconds = (Date.now() - started) / 1000;
  progress.done(
    `synced ${shop}: ${result.products} products, ${result.orders} orders in ${seconds.toFixed(1)} s` +
      ` (${Math.round(result.orders / Math.max(seconds, 0.001))} orders/s)`,
  );
  return result;
}
