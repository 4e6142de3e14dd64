import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DevStore, loadFixture, type RunningDevstore, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { parseMoney } from "@throughline/shopify-common/money";
import { createAdminClient } from "~/admin-api/client.server";
import { createCustomCost, setDefaultCostRate, setGatewayFee, setShippingRule } from "~/costs/costs.server";
import { dashboardView } from "~/home/dashboard.server";
import { localizer } from "~/i18n/localizer";
import { withLocalizer } from "~/i18n/scope.server";
import { REPORTED_INDICATOR_KEYS, isMarketingIndicatorKey, type ReportedIndicatorKey } from "~/indicators/definitions";
import { computeIndicators, computeCostIndicators, emptyPaymentTotals, emptyShippingTotals, emptyTotals } from "~/indicators/engine";
import { NO_PROFIT_SETTINGS, profitIndicatorsFrom, profitParts } from "~/indicators/profit";
import { rebuildRollups } from "~/indicators/rollups.server";
import { jobQueue } from "~/jobs/jobs.server";
import { lastFullMonth, monthFigures } from "~/lessons/month-figures.server";
import { workedExample, type MonthFigures } from "~/lessons/worked-example";
import { databaseUrl } from "~/lib/database-url";
import { parseDay } from "~/lib/calendar";
import { refreshShopifyEngagements } from "~/marketing/shopify-engagements.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";

// A lesson's worked example is the dashboard's figure for last month, worked out on the same inputs:
// for every indicator, on generated stores, in both languages, the result the lesson shows is the one
// the dashboard shows for that month. A month without orders says so instead of dividing.

const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };
const LANGUAGES = [localizer("en-GB"), localizer("zh-CN")];

/** What the dashboard shows for each indicator of the month (the store's and costs' table, and the marketing card). */
async function dashboardFigures(shop: string, now: Date, l10n: ReturnType<typeof localizer>): Promise<Map<string, string>> {
  const view = await withLocalizer(l10n, () => dashboardView(db, shop, new URLSearchParams({ period: "last_month" }), now, undefined, l10n));
  if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
  return new Map([...view.all, ...(view.marketing ?? [])].map((figure) => [figure.key, figure.display]));
}

const STORES = [
  { timeZone: "Europe/Berlin", currency: "EUR", home: "DE" },
  { timeZone: "Asia/Tokyo", currency: "JPY", home: "JP" },
];

describe.each(STORES)("worked examples on a generated store in $timeZone, $currency", ({ timeZone, currency, home }) => {
  let devstore: RunningDevstore;
  const shop = `lessons-${currency.toLowerCase()}.myshopify.com`;
  // The store's orders end on 1 November 2026: last month is October, whose figures are all there.
  const NOW = new Date("2026-11-05T10:00:00Z");

  beforeAll(async () => {
    await resetDatabase();
    const dir = path.resolve("tmp/test-stores");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `lessons-${currency}-${process.env.VITEST_POOL_ID ?? 0}.jsonl`);
    await writeStoreFixture(file, { orders: 600, seed: 27, days: 400, ianaTimezone: timeZone, currencyCode: currency, shopDomain: shop, products: 10 });
    devstore = await startDevstore({ store: new DevStore(await loadFixture(file)), throttle: FAST });
    await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: devstore.origin, accessToken: "devstore-token", ownerUserId: "1", now: NOW });
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    await refreshShopifyEngagements(db, client, shop, NOW);
    const owner = systemActor(shop);
    const queue = jobQueue(db);
    const amount = (value: string) => parseMoney(currency === "JPY" ? String(Number(value) * 100) : value);
    await setGatewayFee(db, queue, owner, { gateway: "paypal", rate: "0.0349", fixedFee: amount("0.35") }, NOW);
    await setShippingRule(db, queue, owner, { destination: home, perOrder: amount("4.5"), perUnit: amount("0.5") }, NOW);
    await createCustomCost(db, queue, owner, { name: "Rent", kind: "monthly", amount: amount("310"), fromMonth: null, toMonth: null }, NOW);
    await createCustomCost(db, queue, owner, { name: "Packaging", kind: "percent_of_net_sales", rate: "0.015" }, NOW);
    await setDefaultCostRate(db, queue, owner, "0.35", NOW);
    const promotion = (fields: Record<string, string>) => {
      const parsed = parsePromotion({ type: "discount", start: "2026-10-01", end: "2026-10-31", spend: "150", ...fields });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.value;
    };
    await createPromotions(
      db,
      owner,
      [
        promotion({ title: "VIP month", discountCodes: "VIP15", utmCampaign: "vip", indicator: "repurchase_rate", tactic: "repurchase_rate.loyalty" }),
        promotion({ title: "Welcome", discountCodes: "WELCOME10", indicator: "new_customers", start: "2026-10-10" }),
      ],
      NOW,
    );
    // Built after the settings: the rollups hold fees and shipping.
    await rebuildRollups(db, shop);
  }, 180_000);
  afterAll(() => devstore.close());

  it.each(LANGUAGES.map((l10n) => [l10n.language, l10n] as const))(
    "GIVEN last month's figures WHEN every lesson works its example in %s THEN its result is the dashboard's figure for that month, written into the formula",
    async (_, l10n) => {
      const record = await db.shop.findUniqueOrThrow({ where: { shop } });
      const period = lastFullMonth(record, NOW);
      expect(period).toEqual({ from: parseDay("2026-10-01"), to: parseDay("2026-10-31") });
      const figures = await monthFigures(db, record, period);
      expect(figures!.report.totals.orders).toBeGreaterThan(20);
      expect(figures!.marketing!.attributedRevenue).toBeGreaterThan(0n);
      expect(figures!.marketing!.adSpend).toBeGreaterThan(0n);
      const dashboard = await dashboardFigures(shop, NOW, l10n);
      for (const key of REPORTED_INDICATOR_KEYS) {
        const worked = workedExample(key, figures!, l10n);
        expect(worked.result, key).toBe(dashboard.get(key));
        expect(worked.text, key).toContain(`= ${worked.result}`);
        expect(worked.text, key).not.toMatch(/\{\{|undefined|NaN|Infinity/);
        expect(worked.month).toBe(l10n.language === "en" ? "October 2026" : "2026年10月");
      }
    },
    60_000,
  );

  it("GIVEN last month WHEN average order value, net sales and net profit are worked out THEN their inputs are the dashboard's own figures for the month", async () => {
    const [l10n] = LANGUAGES;
    const record = await db.shop.findUniqueOrThrow({ where: { shop } });
    const figures = (await monthFigures(db, record, lastFullMonth(record, NOW)))!;
    const dashboard = await dashboardFigures(shop, NOW, l10n!);
    const inputs: [ReportedIndicatorKey, ReportedIndicatorKey[]][] = [
      ["aov", ["gross_sales", "discounts", "orders"]],
      ["net_sales", ["gross_sales", "discounts", "returns"]],
      ["net_profit", ["net_sales", "cogs_all", "transaction_fees", "shipping_costs", "marketing_spend", "custom_costs"]],
      ["net_margin", ["net_profit", "net_sales"]],
      ["discount_rate", ["discounts", "gross_sales"]],
      ["cac", ["marketing_spend", "new_customers"]],
    ];
    for (const [key, used] of inputs) {
      const text = workedExample(key, figures, l10n!).text;
      for (const input of used) expect(text, `${key}: ${input}`).toContain(dashboard.get(input)!);
    }
  });

  it("GIVEN a month without any order WHEN the lessons work their examples THEN those that need orders say there were none, and the costs still add up to the dashboard's figures", async () => {
    // December 2026: the store's orders ended a month earlier; rent is still due.
    const later = new Date("2027-01-06T10:00:00Z");
    const record = await db.shop.findUniqueOrThrow({ where: { shop } });
    const figures = (await monthFigures(db, record, lastFullMonth(record, later)))!;
    expect(figures.report.totals.orders).toBe(0);
    for (const l10n of LANGUAGES) {
      const dashboard = await dashboardFigures(shop, later, l10n);
      for (const key of REPORTED_INDICATOR_KEYS) {
        const worked = workedExample(key, figures, l10n);
        expect(worked.result, key).toBe(isMarketingIndicatorKey(key) && !dashboard.has(key) ? null : dashboard.get(key));
        expect(worked.text, key).not.toMatch(/\{\{|undefined|NaN|Infinity/);
        if (["aov", "units_per_order", "gross_margin", "repurchase_rate", "net_margin", "mer"].includes(key)) {
          expect(worked.text, key).toContain(l10n.language === "en" ? "There were no orders in December 2026" : "2026年12月没有订单");
          expect(worked.result, key).toBe("—");
        }
      }
      const rent = workedExample("custom_costs", figures, l10n);
      expect(rent.text).toContain(`= ${dashboard.get("custom_costs")}`);
      expect(workedExample("net_profit", figures, l10n).text).toContain(`= ${dashboard.get("net_profit")}`);
    }
  });
});

describe("a quotient with nothing to divide by", () => {
  it("GIVEN a month with orders but no marketing spend and no new customers WHEN MER and CAC are worked out THEN each says what was zero, and shows “—” like the dashboard", () => {
    const totals = {
      ...emptyTotals(),
      orders: 3,
      units: 4,
      grossSales: parseMoney("120"),
      knownCostGross: parseMoney("120"),
      knownCostNet: parseMoney("120"),
      cogs: parseMoney("40"),
    };
    const customers = { customers: 2, repeatCustomers: 1 };
    const period = { from: parseDay("2026-10-01")!, to: parseDay("2026-10-31")! };
    const payments = emptyPaymentTotals();
    const shipping = emptyShippingTotals();
    const parts = profitParts({ period, totals, payments, shipping, marketingSpend: 0n }, NO_PROFIT_SETTINGS);
    const figures: MonthFigures = {
      period,
      currency: "EUR",
      report: { totals, payments, shipping, customers, indicators: { ...computeIndicators(totals, customers), ...computeCostIndicators(payments, shipping) } },
      profit: { indicators: profitIndicatorsFrom(parts, totals.newCustomers), parts },
      marketing: { adSpend: 0n, adSpendBySource: {}, marketingSpend: 0n, promotionSpend: 0n, adsCounted: false, attributedRevenue: 0n },
    };
    const [english, chinese] = LANGUAGES;
    const mer = workedExample("mer", figures, english!);
    expect(mer).toMatchObject({
      result: "—",
      note: "Marketing spend came to zero in October 2026, so there is nothing to divide by: the figure is “—”, never a made-up 0.",
    });
    expect(mer.text).toBe("Marketing efficiency = net sales €120.00 ÷ marketing spend €0.00 = —");
    expect(workedExample("cac", figures, chinese!).note).toBe("2026年10月的新客户为零，没有可除的数：所以显示“—”，而不是凭空写一个 0。");
    expect(workedExample("shipping_coverage", figures, english!).note).toMatch(/^Orders shipped came to zero/);
    expect(workedExample("aov", figures, english!)).toMatchObject({
      text: "Average order value = (gross sales €120.00 − discounts €0.00) ÷ orders 3 = €40.00",
      note: null,
    });
    expect(workedExample("ad_spend", figures, english!).text).toBe(
      "Ad spend = nothing: no connected ad account spent and no sales channel reported ad spend = €0.00",
    );
  });

  it("GIVEN a shop without promotions or ad spend WHEN a marketing lesson is opened THEN it says there is nothing to work on yet", () => {
    const totals = { ...emptyTotals(), orders: 1, units: 1, grossSales: parseMoney("10") };
    const customers = { customers: 1, repeatCustomers: 0 };
    const period = { from: parseDay("2026-10-01")!, to: parseDay("2026-10-31")! };
    const parts = profitParts({ period, totals, payments: emptyPaymentTotals(), shipping: emptyShippingTotals(), marketingSpend: 0n }, NO_PROFIT_SETTINGS);
    const figures: MonthFigures = {
      period,
      currency: "USD",
      report: {
        totals,
        payments: emptyPaymentTotals(),
        shipping: emptyShippingTotals(),
        customers,
        indicators: { ...computeIndicators(totals, customers), ...computeCostIndicators(emptyPaymentTotals(), emptyShippingTotals()) },
      },
      profit: { indicators: profitIndicatorsFrom(parts, 0), parts },
      marketing: null,
    };
    expect(workedExample("roas", figures, LANGUAGES[0]!)).toMatchObject({
      result: null,
      text: expect.stringMatching(/^No promotion was logged and no ad spend was recorded for October 2026/),
    });
  });
});
