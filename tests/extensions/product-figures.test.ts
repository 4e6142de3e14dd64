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
import { systemActor } from "~/staff/staff.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { figuresPath, readFigures } from "../../extensions/product-figures/src/figures";
import { db, resetDatabase } from "../helpers/database";
import { translatorFor } from "../helpers/extension-locales";
import { orderRecord, productRecord } from "../helpers/records";

// The product block in Shopify admin (extensions/product-figures) asks the app's backend for a
// product's last 30 days and its promotions, with the session token admin extensions send.

const SHOP = "block-shop.myshopify.com";

/** The block's period: the 30 days up to yesterday in the shop's time zone. */
function periodOfBlock() {
  const today = timeZone("Europe/Berlin").localDay(Date.now());
  return { from: today - 30, to: today - 1 };
}

/** Where admin UI extensions' fetches come from: their web worker's origin (Shopify's admin extension docs). */
const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";

async function ask(id: string, language = "en", { origin = EXTENSION_ORIGIN, method = "GET", token = "valid" as "valid" | "forged" | "none" } = {}) {
  const { apiKey, apiSecret, appUrl } = env();
  const headers: Record<string, string> = { Origin: origin };
  if (token !== "none")
    headers.Authorization = `Bearer ${await mintSessionToken({ shop: SHOP, userId: "1", apiKey, apiSecret: token === "valid" ? apiSecret : "not-the-secret" })}`;
  if (method === "OPTIONS") Object.assign(headers, { "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" });
  const request = new Request(
    new URL(figuresPath(`gid://shopify/Product/${id}`, language) ?? `/api/product-figures?id=${encodeURIComponent(id)}&locale=${language}`, appUrl),
    { method, headers },
  );
  // Shopify's library answers a preflight and refuses a request by throwing its response.
  return (figuresLoader({ request, params: {}, context: {} }) as Promise<Response>).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

const corsOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control-") || name === "vary"));

describe("the product block's figures", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Block Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await saveProducts(db, SHOP, [productRecord()]);
    const now = Date.now();
    await saveOrders(
      db,
      SHOP,
      Array.from({ length: 6 }, (_, n) => orderRecord({ processedAt: new Date(now - (n + 2) * 86_400_000), customerId: `gid://shopify/Customer/${n}` })),
    );
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN a product with orders and a linked promotion THEN the block gets the engine's figures for its last 30 days and the promotion, with CORS for admin extensions", async () => {
    const parsed = parsePromotion({ title: "Mug week", start: "2026-11-01", end: "2026-11-07", spend: "0", productIds: "gid://shopify/Product/1" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await createPromotions(db, systemActor(SHOP), [parsed.value], new Date());
    const response = await ask("1");
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(EXTENSION_ORIGIN);
    expect(response.headers.get("Vary")).toMatch(/\bOrigin\b/);
    const figures = readFigures(await response.json());
    if ("error" in figures) throw new Error(figures.error.key);
    const today = timeZone("Europe/Berlin").localDay(Date.now());
    const [product] = (await productReport(db, SHOP, { from: today - 30, to: today - 1 })).filter((row) => row.product_id === "gid://shopify/Product/1");
    expect(figures.rows.find((row) => row.label === "Units sold")!.value).toBe(formatValue("count", product!.units, "EUR"));
    expect(figures.rows.find((row) => row.label === "Net sales")!.value).toBe(formatValue("money", jsonValue(product!.net_sales), "EUR"));
    expect(figures.promotions.map((promotion) => promotion.title)).toEqual(["Mug week"]);
  });

  it("GIVEN the admin extension's origin WHEN its browser asks first (preflight) THEN the app lets it send the session token, naming that origin", async () => {
    const preflight = await ask("1", "en", { method: "OPTIONS", token: "none" });
    expect(preflight.status).toBe(204);
    expect(corsOf(preflight)).toMatchObject({ "access-control-allow-origin": EXTENSION_ORIGIN, vary: expect.stringMatching(/\bOrigin\b/) });
    expect(preflight.headers.get("Access-Control-Allow-Headers")?.split(/,\s*/)).toContain("Authorization");
  });

  it("GIVEN a page of any other origin (preflight, a request with a valid token, one with a forged token) THEN no answer carries a CORS header that lets it read", async () => {
    for (const origin of ["https://evil.example", "null", "https://admin.shopify.com.evil.example", `${EXTENSION_ORIGIN}.evil.example`]) {
      const answers = [
        await ask("1", "en", { origin, method: "OPTIONS", token: "none" }),
        await ask("1", "en", { origin }),
        await ask("1", "en", { origin, token: "forged" }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([204, 200, 401]);
      for (const answer of answers) expect(corsOf(answer), origin).toEqual({ vary: "Origin" });
    }
  });

  it("GIVEN a product id that isn't one, or a selection that isn't a product THEN nothing is asked or a 404 says why", async () => {
    expect(figuresPath("gid://shopify/Product/42", "zh-CN")).toBe("/api/product-figures?id=42&locale=zh-CN");
    expect(figuresPath("gid://shopify/Order/42", "en")).toBeNull();
    expect(figuresPath(undefined, "en")).toBeNull();
    const missing = await ask("abc", "zh-CN");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "店铺数据副本中没有这个商品。" });
    const unreadable = readFigures({ nonsense: true });
    expect("error" in unreadable && translatorFor("product-figures", "en")(unreadable.error.key)).toMatch(/couldn't read this product's figures/);
  });

  it("GIVEN a block showing Simplified Chinese THEN the app words and formats the figures in Chinese, the block's own words come from its zh-CN locale", async () => {
    const english = readFigures(await (await ask("1", "en")).json());
    const chinese = readFigures(await (await ask("1", "zh-CN")).json());
    if ("error" in english || "error" in chinese) throw new Error("the figures were not read");
    expect(chinese.rows.map((row) => row.label)).toEqual([
      "售出件数",
      "净销售额",
      "连带率（包含该商品的订单）",
      "引流率（新客户首单中包含该商品）",
      "毛利率",
      "全部商品成本",
    ]);
    expect(chinese.period).toMatch(/^最近 30 天（\d{4}年\d{1,2}月\d{1,2}日 – \d{4}年\d{1,2}月\d{1,2}日）$/);
    // The same figures: only their words and formats differ.
    expect(chinese.rows[0]!.value).toBe(english.rows[0]!.value);
    expect(chinese.rows[1]!.value).toBe(formatValue("money", jsonValue((await productReport(db, SHOP, periodOfBlock()))[0]!.net_sales), "EUR", "zh-CN"));
    const say = translatorFor("product-figures", "zh-CN");
    expect([say("heading"), say("open"), say("language")]).toEqual(["Throughline", "在 Throughline 中打开", "zh-CN"]);
  });
});
