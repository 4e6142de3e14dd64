/**
 * The largest shipping-costs file the import takes (100,000 orders) is stored whole, in one
 * transaction with its history and the costs job, on either database, and a second import of the
 * same orders replaces their costs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { importShippingCosts } from "~/costs/costs.server";
import { MAX_SHIPPING_ROWS, parseShippingCostsCsv } from "~/costs/shipping-costs-csv";
import { jobQueue } from "~/jobs/jobs.server";
import { systemActor } from "~/staff/staff.server";
import { saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";

const SHOP = "big-import.myshopify.com";

describe("the largest shipping-costs import", () => {
  beforeAll(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: "Big Import", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
  });

  it("GIVEN a file of 100,000 orders WHEN imported twice THEN every cost is stored, the second replacing the first, each import one entry of the history", async () => {
    const file = (cents: number) =>
      ["order name,cost", ...Array.from({ length: MAX_SHIPPING_ROWS }, (_, i) => `#${100_000 + i},${(cents + i) / 100}`)].join("\n");
    for (const [cents, replaced] of [
      [500, 0],
      [700, MAX_SHIPPING_ROWS],
    ] as const) {
      const parsed = parseShippingCostsCsv(file(cents));
      if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
      expect(await importShippingCosts(db, jobQueue(db), systemActor(SHOP), parsed.costs, new Date())).toEqual({ imported: MAX_SHIPPING_ROWS, replaced });
    }
    expect(await db.shippingCost.count({ where: { shop: SHOP } })).toBe(MAX_SHIPPING_ROWS);
    const last = await db.shippingCost.findUniqueOrThrow({ where: { shop_orderName: { shop: SHOP, orderName: `#${100_000 + MAX_SHIPPING_ROWS - 1}` } } });
    expect(last.cost).toBe(parseMoney(String((700 + MAX_SHIPPING_ROWS - 1) / 100)));
    expect(await db.strategyChange.count({ where: { shop: SHOP, entity: "shipping_costs" } })).toBe(2);
  }, 180_000);
});
