import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveShopDetails } from "~/sync/store-records.server";
import { db } from "./database";

/**
 * A shop as a page test starts from: connected the way installing connects it (its owner and the
 * devstore's other staff with online sessions, no devstore running), its details saved and its first
 * sync recorded as done.
 */
export async function syncedShop(
  shop: string,
  { currencyCode, ianaTimezone, ownerUserId = "1" }: { currencyCode: string; ianaTimezone: string; ownerUserId?: string },
) {
  await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: "http://127.0.0.1:4999", accessToken: "devstore-token", ownerUserId, now: new Date() });
  await saveShopDetails(db, { shop, name: shop, email: null, currencyCode, ianaTimezone });
  await db.shop.update({ where: { shop }, data: { lastSyncAt: new Date() } });
}
