import { beforeAll, describe, expect, it } from "vitest";
import { dashboardView } from "~/home/dashboard.server";
import { localizer } from "~/i18n/localizer";
import { exactAmount, formatValue } from "~/indicators/format";
import { rebuildRollups } from "~/indicators/rollups.server";
import { action as promotionsAction, loader as promotionsLoader } from "~/routes/app.promotions";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import type { OrderRecord } from "~/sync/records";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";

// ROAS keeps its meaning (revenue ÷ spend); beside it a discount's whole cost counts what its orders
// were given off, and the gross profit they returned is set against that cost (docs/indicators.md).

const SHOP = "bfcm-shop.myshopify.com";
const ENGLISH = localizer("en-GB");
const SPEND = 10_0000n; // typed on the promotion: 10.00
const COST = 20_0000n; // unit cost of the mug
const UNCOSTED = "gid://shopify/ProductVariant/22"; // a teapot whose cost isn't recorded

/** An order of two at 50.00 with the weekend's 25% code: 25.00 off its one line. */
function weekendOrder(day: number, variantId = "gid://shopify/ProductVariant/11"): OrderRecord {
  const order = orderRecord({ processedAt: new Date(Date.UTC(2026, 10, day, 12)), discountCodes: ["BFCM25"], totalDiscounts: 25_0000n });
  return { ...order, lines: order.lines.map((line) => ({ ...line, variantId, totalDiscount: 25_0000n })) };
}

const ORDERS = [weekendOrder(27), weekendOrder(28), weekendOrder(29), weekendOrder(29, UNCOSTED)];

/** What the orders say, counted here from the records. */
function expected() {
  const lines = ORDERS.flatMap((order) => order.lines);
  const gross = lines.reduce((sum, line) => sum + BigInt(line.quantity) * line.originalUnitPrice, 0n);
  const discounts = ORDERS.reduce((sum, order) => sum + order.totalDiscounts, 0n);
  const costed = lines.filter((line) => line.variantId !== UNCOSTED);
  const grossWithCost = costed.reduce((sum, line) => sum + BigInt(line.quantity) * line.originalUnitPrice, 0n);
  const profit = costed.reduce((sum, line) => sum + BigInt(line.quantity) * (line.originalUnitPrice - COST) - line.totalDiscount, 0n);
  const cost = SPEND + discounts;
  return {
    revenue: gross - discounts,
    discounts,
    cost,
    profit,
    roas: Number(gross - discounts) / Number(SPEND),
    profitOnCost: Number(profit) / Number(cost),
    coverage: Number(grossWithCost) / Number(gross),
  };
}

describe("what a promotion cost and returned", () => {
  beforeAll(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "BFCM Shop", email: null, currencyCode: "USD", ianaTimezone: "UTC" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    const mug = productRecord();
    const teapot = productRecord({
      id: "gid://shopify/Product/2",
      title: "Teapot",
      variants: [
        { ...mug.variants[0]!, id: UNCOSTED, productId: "gid://shopify/Product/2", inventoryItemId: "gid://shopify/InventoryItem/222", unitCost: null },
      ],
    });
    await saveProducts(db, SHOP, [mug, teapot]);
    await saveOrders(db, SHOP, ORDERS);
    await rebuildRollups(db, SHOP);
    const promotion = {
      intent: "create_promotion",
      title: "BFCM 25% off",
      type: "discount",
      start: "2026-11-27",
      end: "2026-11-30",
      spend: "10",
      discountCodes: "BFCM25",
      indicator: "net_sales",
    };
    const request = await embeddedAction("/app/promotions", SHOP, promotion, { userId: "1" });
    expect(await callAction(promotionsAction, request)).toMatchObject({ status: 200 });
  });

  it("GIVEN a discount with a small typed spend WHEN its card is shown THEN ROAS is revenue ÷ spend, and beside it the whole cost (spend + discounts given) and the gross profit per unit of it, with how much of its sales had a known cost", async () => {
    const page = await callLoader(promotionsLoader, await embeddedRequest("/app/promotions", SHOP, { userId: "1" }));
    const { revenue, cost, roas, profitOnCost, coverage } = expected();
    expect(page.promotions[0]!.results).toMatchObject({
      revenue: formatValue("money", exactAmount(revenue), "USD", "en"),
      roas: formatValue("multiple", roas, "USD", "en"),
      wholeCost: formatValue("money", exactAmount(cost), "USD", "en"),
      profitOnCost: formatValue("multiple", profitOnCost, "USD", "en"),
      costCoverage: `cost known for ${formatValue("ratio", coverage, "USD", "en")} of its sales`,
    });
    // The discounts are most of the cost: ROAS reads many times what the whole cost returns.
    expect(roas).toBeGreaterThan(10 * profitOnCost);
    expect(page.definitions.map((definition) => definition.label)).toEqual(["ROAS", "Whole cost", "Gross profit on cost"]);
  });

  it("GIVEN the same promotion WHEN `promotions list --json` runs THEN it gives the whole cost and gross profit on cost beside ROAS", async () => {
    const run = await runCli(["promotions", "list", "--shop", SHOP, "--json"]);
    expect(run.code).toBe(0);
    const [listed] = (JSON.parse(run.stdout) as { promotions: Record<string, unknown>[] }).promotions;
    const { cost, roas, profitOnCost } = expected();
    expect(listed).toMatchObject({ roas: expect.closeTo(roas, 9), promotion_cost: Number(cost) / 10_000, profit_on_cost: expect.closeTo(profitOnCost, 9) });
  }, 60_000);

  it("GIVEN the weekend on the dashboard THEN the marketing card shows ROAS as a multiple, then the promotions' whole cost and gross profit on cost, each with what it means", async () => {
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "custom", from: "2026-11-27", to: "2026-11-30" }), new Date(), undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const { cost, roas, profitOnCost } = expected();
    const figures = new Map(view.marketing!.map((figure) => [figure.key, figure]));
    expect([...figures.keys()]).toEqual(["ad_spend", "marketing_spend", "marketing_cost_ratio", "roas", "promotion_cost", "profit_on_cost"]);
    expect(figures.get("roas")!.display).toBe(formatValue("multiple", roas, "USD", "en-GB"));
    expect(figures.get("roas")!.display).toMatch(/×$/);
    expect(figures.get("promotion_cost")!.display).toBe(formatValue("money", exactAmount(cost), "USD", "en-GB"));
    expect(figures.get("profit_on_cost")!.display).toBe(formatValue("multiple", profitOnCost, "USD", "en-GB"));
    expect(figures.get("promotion_cost")!.description).toMatch(/^Spend \+ the discounts/);
  });
});
