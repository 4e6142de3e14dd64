import { beforeAll, describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { createCustomCost, setDefaultCostRate, setGatewayFee, setShippingRule } from "~/costs/costs.server";
import { COST_INDICATOR_KEYS, PROFIT_INDICATOR_KEYS, REPORTED_INDICATORS } from "~/indicators/definitions";
import { csvValue, indicatorsCsv, productsCsv } from "~/indicators/exports.server";
import { formatValue } from "~/indicators/format";
import { rebuildRollups } from "~/indicators/rollups.server";
import { localizer } from "~/i18n/localizer";
import { jobQueue } from "~/jobs/jobs.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { productFigures } from "~/products/product-figures.server";
import { loader as reviewCsvLoader } from "~/routes/app.review[.]csv";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { parse } from "csv-parse/sync";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";

const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: true });

// The CSV exports and the product block carry the whole cost of a sale where the report carries it:
// the indicators' series with every cost and net profit, the products with their cost of all goods,
// the weekly review with net profit; each figure the same as the command line's report of that period.

const SHOP = "cost-exports.myshopify.com";
const NOW = new Date("2026-11-20T09:30:00Z");
const DAY_MS = 86_400_000;
const BOWL = "gid://shopify/Product/2";

describe("the whole cost of a sale in the exports", () => {
  beforeAll(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Cost Exports", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: NOW } });
    const bowl = productRecord({
      id: BOWL,
      title: "Bowl",
      variants: [
        {
          id: "gid://shopify/ProductVariant/21",
          productId: BOWL,
          title: "Default",
          sku: "BOWL",
          price: 60_0000n,
          inventoryItemId: "gid://shopify/InventoryItem/221",
          unitCost: null,
        },
      ],
    });
    await saveProducts(db, SHOP, [productRecord(), bowl]);
    // 50 days of orders: 2 mugs (cost known) paid through Shopify Payments with its fee, shipped to Germany;
    // every other day a bowl (no cost) paid through PayPal (no fee listed), shipped to France.
    const orders = Array.from({ length: 50 }, (_, ago) => {
      const processedAt = new Date(NOW.getTime() - (50 - ago) * DAY_MS + 5.5 * 3_600_000);
      const payment = (id: number, gateway: string, amount: bigint, fees: bigint | null) => ({
        id: `gid://shopify/OrderTransaction/${id}`,
        kind: "SALE",
        status: "SUCCESS",
        gateway,
        processedAt,
        test: false,
        amount,
        fees: fees ?? 0n,
        feesListed: fees !== null,
      });
      const mug = orderRecord({ processedAt, hasShippingAddress: true, shippingCountry: "DE" });
      const day = [{ ...mug, transactions: [payment(1000 + ago, "shopify_payments", 100_0000n, 3_2900n)] }];
      if (ago % 2 === 0) {
        const order = orderRecord({ processedAt, hasShippingAddress: true, shippingCountry: "FR", subtotal: 60_0000n, totalPrice: 60_0000n });
        day.push({
          ...order,
          lines: [
            {
              ...order.lines[0]!,
              productId: BOWL,
              variantId: "gid://shopify/ProductVariant/21",
              title: "Bowl",
              sku: "BOWL",
              quantity: 1,
              originalUnitPrice: 60_0000n,
            },
          ],
          transactions: [payment(2000 + ago, "paypal", 60_0000n, null)],
        });
      }
      return day;
    }).flat();
    await saveOrders(db, SHOP, orders);
    const owner = systemActor(SHOP);
    await setShippingRule(db, jobQueue(db), owner, { destination: "DE", perOrder: parseMoney("4.5"), perUnit: parseMoney("0.5") }, NOW);
    await setGatewayFee(db, jobQueue(db), owner, { gateway: "paypal", rate: "0.0349", fixedFee: parseMoney("0.35") }, NOW);
    await setDefaultCostRate(db, jobQueue(db), owner, "0.35", NOW);
    await createCustomCost(db, jobQueue(db), owner, { name: "Rent", kind: "monthly", amount: parseMoney("310"), fromMonth: null, toMonth: null }, NOW);
    const promotion = parsePromotion({ title: "Autumn", type: "discount", start: "2026-10-10", end: "2026-11-30", spend: "520" });
    if (!promotion.ok) throw new Error(JSON.stringify(promotion.errors));
    await createPromotions(db, owner, [promotion.value], NOW);
    await rebuildRollups(db, SHOP);
  }, 60_000);

  it("GIVEN costs, fee rules, a default rate and a promotion WHEN the indicators are exported by week THEN every cost and net profit has its column, each week's figures those of `cli indicators --by week --json`", async () => {
    const csv = await indicatorsCsv(db, SHOP, new URLSearchParams("from=2026-10-05&to=2026-11-15&by=week"), NOW);
    if (!csv.ok) throw new Error(csv.message);
    const [headings, ...rows] = parseCsv(csv.body);
    const keys = [...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS];
    const t = localizer("en").t;
    const column = (key: (typeof keys)[number]) => headings!.indexOf(csvHeadingOf(key, t));
    for (const key of keys) expect({ key, column: column(key) }).not.toEqual({ key, column: -1 });

    const printed = await runCli(["indicators", "--shop", SHOP, "--from", "2026-10-05", "--to", "2026-11-15", "--by", "week", "--json"]);
    expect(printed.code).toBe(0);
    const { series } = JSON.parse(printed.stdout) as { series: { start: string; end: string; indicators: Record<string, number | null> }[] };
    expect(rows.map((row) => [row[0], row[1]])).toEqual(series.map((bucket) => [bucket.start, bucket.end]));
    series.forEach((bucket, index) => {
      for (const key of keys) {
        const expected = csvValue(REPORTED_INDICATORS[key].kind, bucket.indicators[key] ?? null);
        expect({ week: bucket.start, key, cell: rows[index]![column(key)] }).toEqual({
          week: bucket.start,
          key,
          cell: expected === null ? "" : String(expected),
        });
      }
    });
    // Not all nothing: the costs are there.
    expect(Number(rows[1]![column("net_profit")])).not.toBe(0);
    expect(Number(rows[1]![column("transaction_fees")])).toBeGreaterThan(0);
  });

  it("GIVEN a product without a cost and a default rate WHEN the products are exported THEN each carries its cost of all goods, as `cli products --json` does: its cost, plus the rate on its sales without one", async () => {
    const csv = await productsCsv(db, SHOP, new URLSearchParams("from=2026-10-05&to=2026-11-15"), NOW);
    if (!csv.ok) throw new Error(csv.message);
    const [headings, ...rows] = parseCsv(csv.body);
    const at = headings!.indexOf("Cost of all goods (EUR)");
    expect(at).toBeGreaterThan(-1);
    const printed = await runCli(["products", "--shop", SHOP, "--from", "2026-10-05", "--to", "2026-11-15", "--json"]);
    const { products } = JSON.parse(printed.stdout) as { products: Record<string, number | string | null>[] };
    expect(rows.map((row) => [row[0], Number(row[at])])).toEqual(products.map((product) => [product.product_id, product.cogs_all]));
    const bowl = products.find((product) => product.product_id === BOWL)!;
    const mug = products.find((product) => product.product_id !== BOWL)!;
    expect(bowl.cogs_all).toBeCloseTo((bowl.net_sales as number) * 0.35, 2);
    expect(mug.cogs_all).toBe(mug.cogs);
  });

  it("GIVEN a week of orders WHEN its review is exported THEN net profit is among its figures, the value `cli review --json` gives", async () => {
    const printed = await runCli(["review", "--shop", SHOP, "--week", "2026-W44", "--json"]);
    expect(printed.code).toBe(0);
    const review = JSON.parse(printed.stdout) as { indicators: Record<string, number | null>; compared_with: { indicators: Record<string, number | null> } };
    const response = await reviewCsvLoader({ request: await embeddedRequest("/app/review.csv?week=2026-10-26", SHOP), params: {}, context: {} });
    const rows = parseCsv(await response.text());
    const row = rows.find((candidate) => candidate[1] === "Net profit")!;
    expect(row).toBeDefined();
    const money = (value: number | null) => formatValue("money", value, "EUR", "en");
    expect(row[3]).toContain(money(review.indicators.net_profit!));
    expect(row[3]).toContain(money(review.compared_with.indicators.net_profit!));
  });

  it("GIVEN the product block of a product without a cost THEN it shows its cost of all goods and says the rest is at the default rate; of a product whose cost is known THEN just its cost", async () => {
    const english = localizer("en");
    const bowl = (await productFigures(db, SHOP, "2", NOW, english))!;
    const row = (figures: typeof bowl) => figures.rows.find((candidate) => candidate.label === "Cost of all goods")!;
    const printed = await runCli(["products", "--shop", SHOP, "--from", "2026-10-21", "--to", "2026-11-19", "--json"]);
    const { products } = JSON.parse(printed.stdout) as { products: Record<string, number | string | null>[] };
    const money = (value: unknown) => formatValue("money", value as number, "EUR", "en");
    const reported = (id: string) => products.find((product) => product.product_id === id)!;
    expect(row(bowl).value).toBe(`${money(reported(BOWL).cogs_all)} (cost known for 0.0% of sales, the rest at your default rate of 35.0%)`);
    const mug = (await productFigures(db, SHOP, "1", NOW, english))!;
    expect(row(mug).value).toBe(money(reported("gid://shopify/Product/1").cogs_all));
    // In Chinese too.
    const chinese = (await productFigures(db, SHOP, "2", NOW, localizer("zh-CN")))!;
    expect(chinese.rows.find((candidate) => candidate.label === "全部商品成本")!.value).toMatch(/其余按默认成本率 35(\.0)?% 计）$/);
  });
});

function csvHeadingOf(key: string, t: ReturnType<typeof localizer>["t"]): string {
  const definition = REPORTED_INDICATORS[key as keyof typeof REPORTED_INDICATORS];
  const label = t(`indicators.${key as "net_profit"}.label`);
  return definition.kind === "money" ? `${label} (EUR)` : definition.kind === "ratio" ? `${label} (%)` : label;
}
