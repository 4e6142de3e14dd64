/**
 * A promotion's dates are local days in the shop's time zone; attribution compares orders with the
 * instants kept on the promotion. They follow the shop's time zone when it changes, and promotions
 * stored before the instants existed get them from `npm run setup` and from each shop's upkeep.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { fillDerivedColumns } from "~/dev/database-setup";
import { rebuildRollups } from "~/indicators/rollups.server";
import { databaseUrl } from "~/lib/database-url";
import { parsePromotion } from "~/promotions/promotion-input";
import { attributedOrders, createPromotions, marketingTotals } from "~/promotions/promotions.server";
import { systemActor } from "~/staff/staff.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { parseDay } from "~/lib/calendar";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

const SHOP = "window-shop.myshopify.com";

async function promotion(title: string, utmCampaign: string) {
  const parsed = parsePromotion({ title, type: "email", start: "2026-03-10", end: "2026-03-10", utmCampaign, indicator: "aov" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { shop: SHOP, ...(await createPromotions(db, systemActor(SHOP), [parsed.value], new Date()))[0]! };
}

describe("promotion windows", () => {
  beforeEach(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: SHOP, email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    // 10 March 23:30 in Berlin is 22:30 UTC; in New York it is 18:30 the same day. 11 March 03:00 UTC
    // is 04:00 on the 11th in Berlin but 23:00 on the 10th in New York.
    await saveOrders(db, SHOP, [
      orderRecord({ id: "gid://shopify/Order/1", processedAt: new Date("2026-03-10T22:30:00Z"), utmCampaign: "Spring" }),
      orderRecord({ id: "gid://shopify/Order/2", processedAt: new Date("2026-03-11T03:00:00Z"), utmCampaign: "Spring" }),
    ]);
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN a one-day promotion in Berlin WHEN the shop moves to New York and its rollups are rebuilt THEN its orders are New York's 10 March", async () => {
    const logged = await promotion("One day", "spring");
    expect((await attributedOrders(db, logged)).map((order) => order.id)).toEqual(["gid://shopify/Order/1"]);
    await db.shop.update({ where: { shop: SHOP }, data: { ianaTimezone: "America/New_York" } });
    await rebuildRollups(db, SHOP);
    expect((await attributedOrders(db, logged)).map((order) => order.id).sort()).toEqual(["gid://shopify/Order/1", "gid://shopify/Order/2"]);
    const stored = await db.promotion.findUniqueOrThrow({ where: { id: logged.id } });
    expect([stored.startsAt?.toISOString(), stored.endsBefore?.toISOString(), stored.windowZone]).toEqual([
      "2026-03-10T04:00:00.000Z",
      "2026-03-11T04:00:00.000Z",
      "America/New_York",
    ]);
    const day = parseDay("2026-03-10")!;
    expect((await marketingTotals(db, SHOP, "America/New_York", { from: day, to: day })).attributedRevenue).toBe(200_0000n);
  });

  it("GIVEN promotions stored before their windows existed WHEN setup's data step runs THEN each gets its window, and attribution finds its orders", async () => {
    const logged = await promotion("Before the columns", "SPRING");
    await db.promotion.updateMany({ where: { shop: SHOP }, data: { startsAt: null, endsBefore: null, windowZone: null, utmLower: null } });
    expect(await attributedOrders(db, logged)).toEqual([]);
    await fillDerivedColumns(databaseUrl());
    expect((await attributedOrders(db, logged)).map((order) => order.id)).toEqual(["gid://shopify/Order/1"]);
    expect((await db.promotion.findUniqueOrThrow({ where: { id: logged.id } })).utmLower).toBe("spring");
  });
});
