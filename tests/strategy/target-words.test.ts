/**
 * A target card speaks its reader's language through and through: a Chinese reader meets Chinese
 * words and units, the shop's currency in Chinese formats, and no English ("pts", "out of range").
 */
import { beforeEach, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { loader as targetsLoader } from "~/routes/app.targets";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callLoader, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

const SHOP = "words-shop.myshopify.com";
const DAY_MS = 86_400_000;

describe("a target card's words", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Words Shop", email: null, currencyCode: "USD", ianaTimezone: "UTC" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    // Four months of orders up to yesterday, three a day, from forty customers.
    const today = Math.floor(Date.now() / DAY_MS);
    await saveOrders(
      db,
      SHOP,
      Array.from({ length: 360 }, (_, n) =>
        orderRecord({ processedAt: new Date((today - 1 - Math.floor(n / 3)) * DAY_MS + 36_000_000), customerId: `gid://shopify/Customer/${(n * 7) % 40}` }),
      ),
    );
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN targets of every kind (an amount, a count, a ratio at most, a rate paced on past months, a value out of range) WHEN a Chinese reader opens Targets THEN no card has an English word or a bare $", async () => {
    const owner = systemActor(SHOP);
    const month = new Date().toISOString().slice(0, 10);
    for (const [indicator, value, direction] of [
      ["net_sales", "5000", "at_least"],
      ["orders", "120", "at_least"],
      ["discount_rate", "0.05", "at_most"],
      ["repurchase_rate", "0.3", "at_least"],
      ["gross_sales", "5000", "at_most"],
    ] as const) {
      const made = await createTarget(db, owner, { indicator, periodKind: "month", from: month, value, direction }, new Date());
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
    }
    // A value stored before values were bounded.
    await db.target.updateMany({ where: { indicator: "gross_sales" }, data: { value: `1${"0".repeat(400)}` } });
    const page = await callLoader(targetsLoader, await embeddedRequest("/app/targets?locale=zh-CN", SHOP, { userId: "1" }));
    expect(page.targets).toHaveLength(5);
    for (const card of page.targets) {
      const words = [card.title, card.period, card.statusLabel, card.progressLabel ?? "", card.figures, card.pattern].join(" ");
      // The shop's currency as Chinese formats write it ("US$"), nothing else in Latin letters.
      expect(words.replace(/US\$/g, ""), words).not.toMatch(/[A-Za-z$]/);
    }
  });
});
