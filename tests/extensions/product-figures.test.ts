import { beforeEach, describe, expect, it } from "vitest";
import { env } from "~/env.server";
import { formatValue } from "~/indicators/format";
import { jsonValue } from "~/indicators/json";
import { productReport } from "~/indicators/report.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { mintSessionToken } from "~/preview/session-token.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { loader as figuresLoader } from "~/routes/api.product-figures";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/strategy/staff.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { timeZone } from "~/lib/time-zone";
import { figuresPath, readFigures } from "../../extensions/product-figures/src/figures";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord, productRecord } from "../helpers/records";

// The product block in Shopify admin (extensions/product-figures) asks the app's backend for a
// product's last 30 days and its promotions, with the session token admin extensions send.

const SHOP = "block-shop.myshopify.com";

async function ask(id: string) {
  const { apiKey, apiSecret, appUrl } = env();
  const token = await mintSessionToken({ shop: SHOP, userId: "1", apiKey, apiSecret });
  const request = new Request(new URL(`/api/product-figures?id=${id}`, appUrl), { headers: { Authorization: `Bearer ${token}`, Origin: "https://admin.shopify.com" } });
  return figuresLoader({ request, params: {}, context: {} }) as Promise<Response>;
}

describe("the product block's figures", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, { shop: SHOP, adminOrigin: "http://127.0.0.1:4999", accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
    await saveShopDetails(db, { shop: SHOP, name: "Block Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await saveProducts(db, SHOP, [productRecord()]);
    const now = Date.now();
    await saveOrders(db, SHOP, Array.from({ length: 6 }, (_, n) => orderRecord({ processedAt: new Date(now - (n + 2) * 86_400_000), customerId: `gid://shopify/Customer/${n}` })));
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN a product with orders and a linked promotion THEN the block gets the engine's figures for its last 30 days and the promotion, with CORS for admin", async () => {
    const parsed = parsePromotion({ title: "Mug week", start: "2026-11-01", end: "2026-11-07", spend: "0", productIds: "gid://shopify/Product/1" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await createPromotions(db, systemActor(SHOP), [parsed.value], new Date());
    const response = await ask("1");
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const figures = readFigures(await response.json());
    if ("error" in figures) throw new Error(figures.error);
    const today = timeZone("Europe/Berlin").localDay(Date.now());
    const [product] = (await productReport(db, SHOP, { from: today - 30, to: today - 1 })).filter((row) => row.product_id === "gid://shopify/Product/1");
    expect(figures.rows.find((row) => row.label === "Units sold")!.value).toBe(formatValue("count", product!.units, "EUR"));
    expect(figures.rows.find((row) => row.label === "Net sales")!.value).toBe(formatValue("money", jsonValue(product!.net_sales), "EUR"));
    expect(figures.promotions.map((promotion) => promotion.title)).toEqual(["Mug week"]);
  });

  it("GIVEN a product id that isn't one, or a selection that isn't a product THEN nothing is asked or a 404 says why", async () => {
    expect(figuresPath("gid://shopify/Product/42")).toBe("/api/product-figures?id=42");
    expect(figuresPath("gid://shopify/Order/42")).toBeNull();
    expect(figuresPath(undefined)).toBeNull();
    expect((await ask("abc")).status).toBe(404);
    expect(readFigures({ nonsense: true })).toEqual({ error: expect.stringMatching(/couldn't read/) });
  });
});
