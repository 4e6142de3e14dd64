import { beforeAll, describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { createCustomCost, setShippingRule } from "~/costs/costs.server";
import { dashboardView } from "~/home/dashboard.server";
import { localizer } from "~/i18n/localizer";
import { formatValue } from "~/indicators/format";
import { rebuildRollups } from "~/indicators/rollups.server";
import { jobQueue } from "~/jobs/jobs.server";
import { formatDay, nextBucketStart, monthStart, presetPeriod } from "~/lib/calendar";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord, productRecord } from "../helpers/records";

// The dashboard shows net profit, net margin, MER and CAC beside gross profit, each with its
// comparison and trend, and says how much of the costs net profit subtracts is known.

const ENGLISH = localizer("en-GB");
const SHOP = "net-profit-dashboard.myshopify.com";
const ZONE = "Europe/Berlin";
const NOW = new Date("2026-11-20T09:30:00Z");
const DAY_MS = 86_400_000;

describe("net profit on the dashboard", () => {
  beforeAll(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: NOW,
    });
    await saveShopDetails(db, { shop: SHOP, name: "Net Profit", email: null, currencyCode: "EUR", ianaTimezone: ZONE });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: NOW } });
    await saveProducts(db, SHOP, [productRecord()]);
    // Two orders a day at 15:00 UTC for 70 days, each 2 mugs of 50.00 (cost 20.00 each), shipped to
    // Germany or, one a day, to nowhere; none today yet.
    const orders = Array.from({ length: 70 }, (_, ago) => [
      orderRecord({ processedAt: new Date(NOW.getTime() - (70 - ago) * DAY_MS + 5.5 * 3_600_000), hasShippingAddress: true, shippingCountry: "DE" }),
      orderRecord({ processedAt: new Date(NOW.getTime() - (70 - ago) * DAY_MS + 5.5 * 3_600_000) }),
    ]).flat();
    await saveOrders(db, SHOP, orders);
    const owner = systemActor(SHOP);
    await setShippingRule(db, jobQueue(db), owner, { destination: "DE", perOrder: parseMoney("4.5"), perUnit: parseMoney("0.5") }, NOW);
    await createCustomCost(db, jobQueue(db), owner, { name: "Rent", kind: "monthly", amount: parseMoney("310"), fromMonth: null, toMonth: null }, NOW);
    const promotion = parsePromotion({ title: "Autumn", type: "discount", start: "2026-10-01", end: "2026-11-30", spend: "610" });
    if (!promotion.ok) throw new Error(JSON.stringify(promotion.errors));
    await createPromotions(db, owner, [promotion.value], NOW);
    // Built after the settings: the build reads the shipping rule.
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN costs, shipping and a promotion WHEN the last 30 days are shown THEN net profit, net margin, MER and CAC stand beside gross profit with the definition's values", async () => {
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "last_30_days" }), NOW, undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const keys = view.headline.map((indicator) => indicator.key);
    expect(keys.slice(keys.indexOf("gross_profit"), keys.indexOf("gross_profit") + 6)).toEqual([
      "gross_profit",
      "gross_margin",
      "net_profit",
      "net_margin",
      "mer",
      "cac",
    ]);
    const card = (key: string) => view.headline.find((indicator) => indicator.key === key)!;

    // The last 30 days through today: 29 days of two orders, and today none yet.
    const today = timeZone(ZONE).localDay(NOW.getTime());
    const period = presetPeriod("last_30_days", today);
    const orders = 2 * (period.to - period.from);
    let rent = 0;
    for (let day = period.from; day <= period.to; day++) rent += 310 / (nextBucketStart(monthStart(day), "month") - monthStart(day));
    const netSales = orders * 100;
    // Goods 40.00 an order; shipping 4.50 + 2 × 0.50 for half of them; the promotion's 10.00 a day over the 30 days.
    const netProfit = netSales - orders * 40 - (orders / 2) * 5.5 - 300 - rent;
    const money = (value: number) => formatValue("money", value, "EUR", "en-GB");
    expect(card("orders").display).toBe(String(orders));
    expect(card("net_profit").display).toBe(money(netProfit));
    expect(card("net_margin").display).toBe(formatValue("ratio", netProfit / netSales, "EUR", "en-GB"));
    expect(card("mer").display).toBe(formatValue("multiple", netSales / 300, "EUR", "en-GB"));
    // Guest orders only: no new customer to divide by.
    expect(card("cac").display).toBe("—");
    // Compared with the 30 days before, and its trend ends yesterday.
    expect(card("net_profit").previous?.display).toMatch(/^€/);
    expect(card("net_profit").trend.at(-1)!.key).toBe(formatDay(today - 1));
    expect(card("net_profit").note).toBe("Fees known on — of payments, shipping on 100.0% of shipped orders, product cost on 100.0% of gross sales.");
    // Every figure is in the table, the costs' too.
    expect(view.all.map((indicator) => indicator.key)).toEqual(expect.arrayContaining(["shipping_costs", "shipping_coverage", "custom_costs", "cogs_all"]));
    expect(view.all.find((indicator) => indicator.key === "shipping_costs")!.display).toBe(money((orders / 2) * 5.5));
  });

  it("GIVEN a reader in Chinese THEN net profit's card and note are in Chinese", async () => {
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "last_30_days" }), NOW, undefined, localizer("zh-CN"));
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const card = view.headline.find((indicator) => indicator.key === "net_profit")!;
    expect(card.label).toBe("净利润");
    expect(card.note).toMatch(/^手续费已知的付款占 —，运费已知的发货订单占 100(\.0)?%/);
  });
});
