import { beforeEach, describe, expect, it } from "vitest";
import { localizer } from "~/i18n/localizer";
import { dashboardView } from "~/home/dashboard.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { formatDay } from "~/lib/calendar";
import { formatDate } from "~/lib/dates";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

const ENGLISH = localizer("en-GB");

// The dashboard compares a period only with days the store traded on, and its trend lines end
// with the last day that is over.

const SHOP = "young-shop.myshopify.com";
const ZONE = "Europe/Berlin";
const NOW = new Date("2026-11-20T09:30:00Z"); // 10:30 in Berlin: today has barely started
const DAY_MS = 86_400_000;

describe("the dashboard of a young store", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: NOW,
    });
    await saveShopDetails(db, { shop: SHOP, name: "Young Shop", email: null, currencyCode: "EUR", ianaTimezone: ZONE });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: NOW } });
  });

  async function tradedFor(days: number) {
    // Four orders a day at noon UTC, from `days` days ago, and one this morning.
    const orders = Array.from({ length: days }, (_, ago) =>
      Array.from({ length: 4 }, () => orderRecord({ processedAt: new Date(NOW.getTime() - (days - ago) * DAY_MS + 3 * 3_600_000) })),
    ).flat();
    await saveOrders(db, SHOP, [...orders, orderRecord({ processedAt: new Date(NOW.getTime() - 3_600_000) })]);
    await rebuildRollups(db, SHOP);
  }

  it("GIVEN 70 days of orders WHEN the last 30 days are shown THEN they compare with the 30 before, and a year earlier the store didn't trade in isn't offered at all: the page says why once", async () => {
    await tradedFor(70);
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "last_30_days" }), NOW, undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    for (const indicator of view.all) expect(indicator.yearEarlier, indicator.key).toBeNull();
    expect(view.compared).toEqual({ previous: true, yearEarlier: false });
    const firstDay = timeZone(ZONE).localDay(NOW.getTime()) - 70;
    expect(view.historyNote).toBe(
      `Compared with the previous period only: the store's history starts on ${formatDate(firstDay, "en-GB")}, less than a year before this period.`,
    );
    const orders = view.all.find((indicator) => indicator.key === "orders")!;
    expect(orders.previous?.text).toBe("−2.5%"); // 117 orders (29 days and this morning) against 120
  });

  it("GIVEN 40 days of orders WHEN the last 30 days are shown THEN the previous period, reaching before the first order, isn't compared either", async () => {
    await tradedFor(40);
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "last_30_days" }), NOW, undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const orders = view.all.find((indicator) => indicator.key === "orders")!;
    expect(orders.previous).toBeNull();
    expect(orders.yearEarlier).toBeNull();
    expect(view.compared).toEqual({ previous: false, yearEarlier: false });
    expect(view.historyNote).toMatch(/^No comparisons: the store's history starts on /);
  });

  it("GIVEN today under way WHEN the last 30 days are shown THEN the trend ends yesterday, at the level of the days before", async () => {
    await tradedFor(70);
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "last_30_days" }), NOW, undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const today = timeZone(ZONE).localDay(NOW.getTime());
    const orders = view.headline.find((indicator) => indicator.key === "orders")!;
    expect(orders.trend).toHaveLength(29);
    expect(orders.trend.at(-1)).toEqual({ key: formatDay(today - 1), value: 4 });
    // The period's own figure still counts this morning's order.
    expect(orders.display).toBe("117");
  });
});
