import { rebuildRollups } from "~/indicators/rollups.server";
import { loader as promotionsLoader } from "~/routes/app.promotions";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "./database";
import { callLoader, embeddedRequest } from "./embedded-request";

/**
 * A blank database holding one shop as the local devstore connects it (the preview's people, each
 * with a session: "1" the account owner, "2" Sam Rivera, "3" Casey Agency, a collaborator), its
 * details set and its indicators ready; those in `opened` have opened the app, so the team knows them.
 */
export async function teamShop(shop: string, { zone = "Europe/Berlin", currency = "EUR", opened = [] as string[] } = {}): Promise<void> {
  await resetDatabase();
  await connectDevstoreShop(db, sessionStorage, {
    shop,
    adminOrigin: "http://127.0.0.1:4999",
    accessToken: "devstore-token",
    ownerUserId: "1",
    now: new Date(),
  });
  await saveShopDetails(db, { shop, name: shop, email: null, currencyCode: currency, ianaTimezone: zone });
  await rebuildRollups(db, shop);
  for (const userId of opened) await callLoader(promotionsLoader, await embeddedRequest("/app/promotions", shop, { userId }));
}
