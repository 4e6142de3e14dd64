import { beforeEach, describe, expect, it } from "vitest";
import { dashboardView } from "~/home/dashboard.server";
import { localizer } from "~/i18n/localizer";
import { rebuildRollups } from "~/indicators/rollups.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import type { OrderRecord } from "~/sync/records";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

// Amounts as Shopify shows them: in the currency's own decimals (JPY none, KWD three), rounded from
// the exact stored amount, with the staff member's locale's separators and words.

const SHOP = "currency-shop.myshopify.com";
const NOW = new Date("2026-03-20T03:00:00Z");
const PERIOD = new URLSearchParams({ from: "2026-03-01", to: "2026-03-15" });
const MINOR = 10_000n; // stored amounts have four decimals

/** An order of one line at `price` (in stored units), in `currency`, on 10 March. */
const order = (price: bigint, currency: string): OrderRecord => {
  const base = orderRecord({
    processedAt: new Date("2026-03-10T03:00:00Z"),
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    subtotal: price,
    totalPrice: price,
  });
  return { ...base, lines: [{ ...base.lines[0]!, quantity: 1, originalUnitPrice: price }] };
};

async function shopWith(currency: string, zone: string, prices: bigint[]) {
  await saveShopDetails(db, { shop: SHOP, name: "Currency Shop", email: null, currencyCode: currency, ianaTimezone: zone });
  await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: NOW } });
  await saveOrders(
    db,
    SHOP,
    prices.map((price) => order(price, currency)),
  );
  await rebuildRollups(db, SHOP);
}

async function headline(locale: string) {
  const view = await dashboardView(db, SHOP, PERIOD, NOW, undefined, localizer(locale));
  if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
  return Object.fromEntries(view.all.map((indicator) => [indicator.key, { label: indicator.label, display: indicator.display }]));
}

describe("amounts in the shop's currency, for the staff member's locale", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: NOW,
    });
  });

  it("GIVEN a yen store THEN amounts have no decimals: ¥3,457 of sales, an average order of ¥1,152 (3,457 / 3), in English and in Chinese", async () => {
    await shopWith("JPY", "Asia/Tokyo", [1000n * MINOR, 1000n * MINOR, 1457n * MINOR]);
    const english = await headline("en");
    expect(english.net_sales).toEqual({ label: "Net sales", display: "¥3,457" });
    expect(english.aov!.display).toBe("¥1,152");
    const chinese = await headline("zh-CN");
    expect(chinese.net_sales).toEqual({ label: "净销售额", display: "JP¥3,457" });
    expect(chinese.aov).toEqual({ label: "平均订单价值", display: "JP¥1,152" });
  });

  it("GIVEN a Kuwaiti dinar store THEN amounts have three decimals, rounded from the exact amount: KWD 22.345 of sales, KWD 11.173 an order (11.1725)", async () => {
    await shopWith("KWD", "Asia/Kuwait", [12_3450n, 10_0000n]);
    const english = await headline("en");
    expect(english.net_sales!.display).toBe("KWD\u00a022.345");
    expect(english.aov!.display).toBe("KWD\u00a011.173");
    expect((await headline("zh-CN")).net_sales!.display).toBe("KWD\u00a022.345");
  });

  it("GIVEN a euro store THEN €1,234.50 in English; a German admin (a language we don't speak yet) gets English words in English formats, not German numbers among English words", async () => {
    await shopWith("EUR", "Europe/Berlin", [1234_5000n]);
    expect((await headline("en-GB")).net_sales!.display).toBe("€1,234.50");
    expect((await headline("de-DE")).net_sales).toEqual({ label: "Net sales", display: "€1,234.50" });
  });
});
