/**
 * The marketing figures of a period are computed again only when something they depend on changed:
 * the shop's promotions or the orders of the period. A shop with thousands of promotions then costs a
 * dashboard view no more than any other, and every change is seen at the next view.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parseDay } from "~/lib/calendar";
import { AttributionStore } from "~/promotions/attribution-store.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions, marketingTotals } from "~/promotions/promotions.server";
import { refreshPromotionWindows } from "~/promotions/promotion-windows.server";
import { systemActor } from "~/staff/staff.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

const SHOP = "memo-shop.myshopify.com";
const OTHER = "memo-neighbour.myshopify.com";
const march = { from: parseDay("2026-03-01")!, to: parseDay("2026-03-31")! };
const order = (id: number, updatedAt: string, code: string) =>
  orderRecord({ id: `gid://shopify/Order/${id}`, processedAt: new Date("2026-03-10T12:00:00Z"), updatedAt: new Date(updatedAt), discountCodes: [code] });

describe("marketing figures read again", () => {
  let computed: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    await resetDatabase();
    for (const shop of [SHOP, OTHER]) {
      await saveShopDetails(db, { shop, name: shop, email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
      await saveOrders(db, shop, [order(1, "2026-03-10T12:00:00Z", "SPRING")]);
      await rebuildRollups(db, shop);
      const parsed = parsePromotion({
        title: "Spring",
        type: "discount",
        start: "2026-03-01",
        end: "2026-03-31",
        spend: "100",
        discountCodes: "SPRING",
        indicator: "aov",
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      await createPromotions(db, systemActor(shop), [parsed.value, { ...parsed.value, title: "Spring again" }], new Date("2026-02-20T00:00:00Z"));
    }
    computed = vi.spyOn(AttributionStore.prototype, "ordersOfAnyPromotion");
  });
  afterEach(() => computed.mockRestore());

  it("GIVEN nothing changed THEN the second read computes nothing and gives the same figures; another shop's are its own", async () => {
    const first = await marketingTotals(db, SHOP, "Europe/Berlin", march);
    expect(first.attributedRevenue).toBe(100_0000n);
    expect(await marketingTotals(db, SHOP, "Europe/Berlin", march)).toEqual(first);
    expect(computed).toHaveBeenCalledTimes(1);
    await marketingTotals(db, OTHER, "Europe/Berlin", march);
    expect(computed).toHaveBeenCalledTimes(2);
  });

  it("GIVEN an order of the period stored anew (a newer copy, a new order) THEN the next read counts it", async () => {
    await marketingTotals(db, SHOP, "Europe/Berlin", march);
    await saveOrders(db, SHOP, [order(1, "2026-03-11T08:00:00Z", "NONE")]);
    expect((await marketingTotals(db, SHOP, "Europe/Berlin", march)).attributedRevenue).toBe(0n);
    await saveOrders(db, SHOP, [order(2, "2026-03-10T12:00:00Z", "spring")]);
    expect((await marketingTotals(db, SHOP, "Europe/Berlin", march)).attributedRevenue).toBe(100_0000n);
    expect(computed).toHaveBeenCalledTimes(3);
  });

  it("GIVEN a promotion archived, or the windows moved to another time zone THEN the next read follows", async () => {
    const before = await marketingTotals(db, SHOP, "Europe/Berlin", march);
    expect(before.marketingSpend).toBe(200_0000n);
    const [promotion] = await db.promotion.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
    await db.promotion.update({ where: { id: promotion!.id }, data: { archivedAt: new Date(), updatedAt: new Date() } });
    expect((await marketingTotals(db, SHOP, "Europe/Berlin", march)).marketingSpend).toBe(100_0000n);
    await db.shop.update({ where: { shop: SHOP }, data: { ianaTimezone: "Pacific/Auckland" } });
    await refreshPromotionWindows(db, SHOP);
    await marketingTotals(db, SHOP, "Europe/Berlin", march);
    expect(computed).toHaveBeenCalledTimes(3);
  });
});
