import { beforeAll, describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { createCustomCost, setDefaultCostRate, setShippingRule } from "~/costs/costs.server";
import { dashboardView } from "~/home/dashboard.server";
import { localizer } from "~/i18n/localizer";
import { formatValue } from "~/indicators/format";
import { rebuildRollups } from "~/indicators/rollups.server";
import { jobQueue } from "~/jobs/jobs.server";
import { formatDay, nextBucketStart, monthStart, parseDay, presetPeriod, previousPeriod, type Period } from "~/lib/calendar";
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
    expect(card("net_profit").note).toBe(
      "No payments in this period; shipping costs known for 100.0% of shipped orders; product cost known for 100.0% of gross sales.",
    );
    // Every cost it subtracts is known where the period has it: no flag.
    expect(card("net_profit").warning).toBeNull();
    // Every figure is in the table, the costs' too.
    expect(view.all.map((indicator) => indicator.key)).toEqual(expect.arrayContaining(["shipping_costs", "shipping_coverage", "custom_costs", "cogs_all"]));
    expect(view.all.find((indicator) => indicator.key === "shipping_costs")!.display).toBe(money((orders / 2) * 5.5));
  });

  it("GIVEN a reader in Chinese THEN net profit's card and note are in Chinese", async () => {
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "last_30_days" }), NOW, undefined, localizer("zh-CN"));
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const card = view.headline.find((indicator) => indicator.key === "net_profit")!;
    expect(card.label).toBe("净利润");
    expect(card.note).toMatch(/^本期没有付款；运费已知的发货订单占 100(\.0)?%；商品成本已知的总销售额占 100(\.0)?%。$/);
    expect(view.profitBridge!.title).toBe("净利润变化的原因");
    expect(view.profitBridge!.rows.map((row) => row.label)).toEqual([
      "毛利润",
      "没有商品成本的销售额",
      "其成本（未设置默认成本率：按零计）",
      "支付手续费",
      "运费",
      "营销支出",
      "其他成本",
      "净利润",
    ]);
  });

  it("GIVEN the last 30 days against the 30 before WHEN the dashboard is shown THEN what moved net profit goes from gross profit through each cost family to net profit in both periods, the effects adding up to the change", async () => {
    const view = await dashboardView(db, SHOP, new URLSearchParams({ period: "last_30_days" }), NOW, undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const today = timeZone(ZONE).localDay(NOW.getTime());
    const firstOrderDay = today - 70;
    const autumn = { from: parseDay("2026-10-01")!, to: parseDay("2026-11-30")! };
    // Each family by hand over a period's days: two orders a day (one shipped), the promotion's 10.00 a day, the rent by its month's days.
    const families = (period: Period) => {
      let orders = 0;
      let marketing = 0;
      let rent = 0;
      for (let day = period.from; day <= period.to; day++) {
        if (day >= firstOrderDay && day < today) orders += 2;
        if (day >= autumn.from && day <= autumn.to) marketing += 10;
        rent += 310 / (nextBucketStart(monthStart(day), "month") - monthStart(day));
      }
      const steps = {
        uncosted_sales: 0,
        default_cost: 0,
        transaction_fees: 0,
        shipping_costs: -(orders / 2) * 5.5,
        marketing_spend: -marketing,
        custom_costs: -rent,
      };
      const grossProfit = orders * 60;
      return { grossProfit, steps, netProfit: Object.values(steps).reduce((sum, step) => sum + step, grossProfit) };
    };
    const current = families(presetPeriod("last_30_days", today));
    const previous = families(previousPeriod(presetPeriod("last_30_days", today)));
    const money = (value: number) => formatValue("money", Math.round(value * 100) / 100, "EUR", "en-GB");
    const signed = (value: number) => `${value >= 0 ? "+" : "−"}${money(Math.abs(value))}`;

    const bridge = view.profitBridge!;
    expect(bridge.title).toBe("What moved net profit");
    const steps = ["uncosted_sales", "default_cost", "transaction_fees", "shipping_costs", "marketing_spend", "custom_costs"] as const;
    expect(bridge.rows.map((row) => row.key)).toEqual(["gross_profit", ...steps, "net_profit"]);
    const row = (key: string) => bridge.rows.find((candidate) => candidate.key === key)!;
    expect([row("gross_profit").previous, row("gross_profit").current, row("gross_profit").effect]).toEqual([
      money(previous.grossProfit),
      money(current.grossProfit),
      signed(current.grossProfit - previous.grossProfit),
    ]);
    for (const step of steps) {
      expect([step, row(step).previous, row(step).current, row(step).effect]).toEqual([
        step,
        money(previous.steps[step]),
        money(current.steps[step]),
        signed(current.steps[step] - previous.steps[step]),
      ]);
    }
    expect([row("net_profit").previous, row("net_profit").current, row("net_profit").effect]).toEqual([
      money(previous.netProfit),
      money(current.netProfit),
      signed(current.netProfit - previous.netProfit),
    ]);
    // The net profit row is the card's figure, and the summary says the change.
    expect(row("net_profit").current).toBe(view.headline.find((indicator) => indicator.key === "net_profit")!.display);
    expect(bridge.summary).toContain(`${money(previous.netProfit)} → ${money(current.netProfit)}`);
    // Each family says how much of it is known.
    expect(row("transaction_fees").coverage).toBe("No payments in this period");
    expect(row("shipping_costs").coverage).toBe("Shipping costs known for 100.0% of shipped orders");
    expect(row("uncosted_sales").coverage).toBe("Product cost known for 100.0% of gross sales");
    expect(row("default_cost").label).toBe("Their cost (no default cost rate set: none)");
  });
});

// A store whose costs are partly unknown: a gateway without fees, orders shipped where no rule reaches,
// a product without a cost filled at the default rate. Net profit's card says so and is flagged.
const PARTLY = "net-profit-partly-known.myshopify.com";

describe("net profit whose costs are partly known", () => {
  beforeAll(async () => {
    await connectDevstoreShop(db, sessionStorage, {
      shop: PARTLY,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: NOW,
    });
    await saveShopDetails(db, { shop: PARTLY, name: "Partly", email: null, currencyCode: "EUR", ianaTimezone: ZONE });
    await db.shop.update({ where: { shop: PARTLY }, data: { lastSyncAt: NOW } });
    const bowl = productRecord({
      id: "gid://shopify/Product/2",
      title: "Bowl",
      variants: [
        {
          id: "gid://shopify/ProductVariant/21",
          productId: "gid://shopify/Product/2",
          title: "Default",
          sku: "BOWL",
          price: 60_0000n,
          inventoryItemId: "gid://shopify/InventoryItem/221",
          unitCost: null,
        },
      ],
    });
    await saveProducts(db, PARTLY, [productRecord(), bowl]);
    // Each day for 40 days: 2 mugs (100.00, cost known) paid through Shopify Payments with its fee listed,
    // shipped to Germany (a rule); a bowl (60.00, no cost) paid through PayPal (no fee listed), shipped to France (no rule).
    const orders = Array.from({ length: 40 }, (_, ago) => {
      const processedAt = new Date(NOW.getTime() - (40 - ago) * DAY_MS + 5.5 * 3_600_000);
      const payment = (id: string, gateway: string, amount: bigint, fees: bigint | null) => ({
        id,
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
      const bowlOrder = orderRecord({ processedAt, hasShippingAddress: true, shippingCountry: "FR", subtotal: 60_0000n, totalPrice: 60_0000n });
      return [
        { ...mug, transactions: [payment(`gid://shopify/OrderTransaction/${500 + ago}`, "shopify_payments", 100_0000n, 3_2000n)] },
        {
          ...bowlOrder,
          lines: [
            {
              ...bowlOrder.lines[0]!,
              productId: "gid://shopify/Product/2",
              variantId: "gid://shopify/ProductVariant/21",
              title: "Bowl",
              sku: "BOWL",
              quantity: 1,
              originalUnitPrice: 60_0000n,
            },
          ],
          transactions: [payment(`gid://shopify/OrderTransaction/${700 + ago}`, "paypal", 60_0000n, null)],
        },
      ];
    }).flat();
    await saveOrders(db, PARTLY, orders);
    const owner = systemActor(PARTLY);
    await setShippingRule(db, jobQueue(db), owner, { destination: "DE", perOrder: parseMoney("4.5"), perUnit: parseMoney("0.5") }, NOW);
    await setDefaultCostRate(db, jobQueue(db), owner, "0.35", NOW);
    await rebuildRollups(db, PARTLY);
  });

  it("GIVEN fees, shipping and product cost each known for under 95% WHEN the dashboard is shown THEN net profit's card says how much of each is known, the rest at the default rate, and is flagged with the reason", async () => {
    const view = await dashboardView(db, PARTLY, new URLSearchParams({ period: "last_7_days" }), NOW, undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const card = view.headline.find((indicator) => indicator.key === "net_profit")!;
    const share = (value: number) => formatValue("ratio", value, "EUR", "en-GB");
    const [fees, shipping, cost] = [share(100 / 160), share(1 / 2), share(100 / 160)];
    expect(card.note).toBe(
      `Fees known for ${fees} of payments; shipping costs known for ${shipping} of shipped orders; product cost known for ${cost} of gross sales, the rest at your default rate of ${share(0.35)}.`,
    );
    // The note says each share; the warning names the families under 95%: fees and shipping not known count
    // as no cost, product cost not known is estimated at the default rate (never "no cost" once a rate is set).
    expect(card.warning).toBe(
      `Less than ${share(0.95)} known for payment fees and shipping costs: net profit counts what isn't known as no cost. ` +
        `Less than ${share(0.95)} known for product cost: net profit estimates the rest at your default rate of ${share(0.35)}. ` +
        `Set the missing costs on the Costs page.`,
    );
    // Net margin's card says the same; gross profit's is not flagged.
    expect(view.headline.find((indicator) => indicator.key === "net_margin")!.warning).toBe(card.warning);
    expect(view.headline.find((indicator) => indicator.key === "gross_profit")!.warning).toBeNull();
    // The bridge's default-rate step names the rate and takes 35% of the bowls' sales.
    const bridge = view.profitBridge!;
    const row = bridge.rows.find((candidate) => candidate.key === "default_cost")!;
    expect(row.label).toBe(`Their cost at your default rate of ${share(0.35)}`);
    const days = 6; // the last 7 days through today: 6 days of orders, none yet today
    expect(row.current).toBe(formatValue("money", -days * 60 * 0.35, "EUR", "en-GB"));
    expect(bridge.rows.find((candidate) => candidate.key === "uncosted_sales")!.current).toBe(formatValue("money", days * 60, "EUR", "en-GB"));
  });

  it("GIVEN a reader in Chinese THEN the flag and the coverage are in Chinese", async () => {
    const view = await dashboardView(db, PARTLY, new URLSearchParams({ period: "last_7_days" }), NOW, undefined, localizer("zh-CN"));
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    const card = view.headline.find((indicator) => indicator.key === "net_profit")!;
    expect(card.note).toMatch(/^手续费已知的付款占 62\.5%；运费已知的发货订单占 50(\.0)?%；商品成本已知的总销售额占 62\.5%，其余按默认成本率 35(\.0)?% 计。$/);
    expect(card.warning).toMatch(
      /^支付手续费和运费的已知部分不足 95(\.0)?%：净利润把未知的部分按零成本计算。商品成本的已知部分不足 95(\.0)?%：净利润把其余部分按默认成本率 35(\.0)?% 估算。请在/,
    );
  });
});
