import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { parsePromotionsCsv } from "~/promotions/promotions-csv";
import { DevStore, type DevstoreData, loadFixture, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { parseDay } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { moneyToNumber, parseMoney } from "@throughline/shopify-common/money";
import { COST_INDICATOR_KEYS, MARKETING_INDICATOR_KEYS, ORDER_INDICATOR_KEYS, PROFIT_INDICATOR_KEYS } from "~/indicators/definitions";
import { parsePromotion } from "~/promotions/promotion-input";
import { attributedOrders, createPromotions, livePromotions, marketingTotals, resultsOf } from "~/promotions/promotions.server";
import { spreadSpend } from "~/promotions/promotion-cost";
import type { Actor } from "~/staff/staff.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { oracleStore, type OracleStore } from "../helpers/metrics-oracle";
import { runCli } from "../helpers/cli";

type FixtureOrder = {
  id: string;
  processedAt: string;
  customer: { id: string } | null;
  discountCodes: string[];
  totalDiscountsSet: { shopMoney: { amount: string } };
  lineItems: { quantity: number; originalUnitPriceSet: { shopMoney: { amount: string } } }[];
  customerJourneySummary: { lastVisit: { utmParameters: { campaign: string | null } | null } | null } | null;
};

/** METRICS.md attribution, counted straight from the store file. */
function countFromFixture(store: OracleStore, promotion: { start: string; end: string; codes: string[]; utm: string | null }) {
  const codes = new Set(promotion.codes.map((code) => code.toLowerCase()));
  const orders = (store.orders as unknown as FixtureOrder[]).filter((order) => {
    const day = store.localDate(order.processedAt);
    if (day < promotion.start || day > promotion.end) return false;
    const byCode = order.discountCodes.some((code) => codes.has(code.toLowerCase()));
    const campaign = order.customerJourneySummary?.lastVisit?.utmParameters?.campaign ?? null;
    return byCode || (promotion.utm !== null && campaign !== null && campaign.toLowerCase() === promotion.utm.toLowerCase());
  });
  const revenue = orders.reduce(
    (sum, order) =>
      sum +
      order.lineItems.reduce((lines, line) => lines + BigInt(line.quantity) * parseMoney(line.originalUnitPriceSet.shopMoney.amount), 0n) -
      parseMoney(order.totalDiscountsSet.shopMoney.amount),
    0n,
  );
  const newCustomers = orders.filter((order) => order.customer && store.firstOrderOf.get(order.customer.id) === order.id).length;
  return { orders, revenue, newCustomers };
}

const PROMOTIONS = [
  { title: "VIP code, any case", start: "2026-03-01", end: "2026-03-31", codes: ["VIP10"], utm: null },
  { title: "Spring sale campaign", start: "2026-02-15", end: "2026-04-15", codes: [], utm: "Spring-Sale" },
  { title: "Spring code and campaign (each order once)", start: "2026-03-10", end: "2026-04-30", codes: ["spring20"], utm: "SPRING-SALE" },
  { title: "Newsletter, one day", start: "2026-03-19", end: "2026-03-19", codes: [], utm: "newsletter" },
];

describe("promotion results on the sample store", () => {
  let devstore: RunningDevstore;
  let data: DevstoreData;
  let store: OracleStore;
  let shop: string;
  const staff: Actor = { shop: "", userId: "2", name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" };

  beforeAll(async () => {
    await resetDatabase();
    data = await loadFixture(path.resolve("../shared/fixtures/sample-store.jsonl"));
    shop = data.shop.myshopifyDomain;
    staff.shop = shop;
    store = oracleStore(data);
    // Sam logs promotions of his own: the Create stage (tests/team/stages.test.ts holds the others to theirs).
    await memberAtStage(db, shop, staff.userId, "create", staff.name);
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
    await runBackfill({
      db,
      client: createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin }),
      databaseUrl: databaseUrl(),
      maxPollMs: 20,
    });
    const parsed = PROMOTIONS.map((promotion, i) => {
      const result = parsePromotion({
        title: promotion.title,
        type: "discount",
        start: promotion.start,
        end: promotion.end,
        spend: String(100 * (i + 1)),
        discountCodes: promotion.codes.join(";"),
        utmCampaign: promotion.utm,
        indicator: "net_sales",
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.value;
    });
    await createPromotions(db, staff, parsed, new Date());
  });
  afterAll(() => devstore.close());

  it.each(PROMOTIONS)("GIVEN “$title” THEN its attributed orders, revenue and new customers equal a count made from the file", async (promotion) => {
    const stored = (await livePromotions(db, shop)).find((candidate) => candidate.title === promotion.title)!;
    const results = resultsOf(await attributedOrders(db, stored), stored.spend);
    const expected = countFromFixture(store, promotion);
    expect(expected.orders.length).toBeGreaterThan(0);
    expect(results.attributedOrders).toBe(expected.orders.length);
    expect(results.attributedRevenue).toBe(expected.revenue);
    expect(results.newCustomers).toBe(expected.newCustomers);
    expect(results.roas).toBeCloseTo(Number(expected.revenue) / Number(stored.spend), 12);
  });

  it("GIVEN March THEN marketing spend is spread over each promotion's days, and attributed revenue counts each order once", async () => {
    const march = { from: parseDay("2026-03-01")!, to: parseDay("2026-03-31")! };
    const totals = await marketingTotals(db, shop, data.shop.ianaTimezone, march);
    // 100 (all in March) + 200 × 31/60 + 300 × 22/52 + 400 (its one day is in March), in 1/10,000.
    const expectedSpend = 1_000_000n + (2_000_000n * 31n * 2n + 60n) / 120n + (3_000_000n * 22n * 2n + 52n) / 104n + 4_000_000n;
    expect(totals.marketingSpend).toBe(expectedSpend);
    expect(spreadSpend([{ start: "2026-03-01", end: "2026-03-03", spend: 1_000_000n }], { from: parseDay("2026-03-02")!, to: parseDay("2026-03-02")! })).toBe(
      333_333n,
    );
    const union = new Map<string, bigint>();
    for (const promotion of PROMOTIONS) {
      const clipped = {
        ...promotion,
        start: promotion.start < "2026-03-01" ? "2026-03-01" : promotion.start,
        end: promotion.end > "2026-03-31" ? "2026-03-31" : promotion.end,
      };
      for (const order of countFromFixture(store, clipped).orders) {
        union.set(
          order.id,
          order.lineItems.reduce((sum, line) => sum + BigInt(line.quantity) * parseMoney(line.originalUnitPriceSet.shopMoney.amount), 0n) -
            parseMoney(order.totalDiscountsSet.shopMoney.amount),
        );
      }
    }
    expect(totals.attributedRevenue).toBe([...union.values()].reduce((a, b) => a + b, 0n));
  });

  it("GIVEN promotions WHEN `cli indicators --json` runs THEN it adds ad_spend, marketing_spend, marketing_cost_ratio and roas; a bad spreadsheet imports nothing", async () => {
    const { stdout } = await runCli(["indicators", "--shop", shop, "--from", "2026-03-01", "--to", "2026-03-31", "--json"]);
    const { indicators } = JSON.parse(stdout) as { indicators: Record<string, number> };
    expect(Object.keys(indicators)).toEqual([...ORDER_INDICATOR_KEYS, ...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS, ...MARKETING_INDICATOR_KEYS]);
    // The sample store advertises nowhere: no ad spend, and marketing spend is the promotions'.
    expect(indicators.ad_spend).toBe(0);
    const totals = await marketingTotals(db, shop, data.shop.ianaTimezone, { from: parseDay("2026-03-01")!, to: parseDay("2026-03-31")! });
    expect(indicators.marketing_spend).toBe(moneyToNumber(totals.marketingSpend));
    expect(indicators.roas).toBeCloseTo(Number(totals.attributedRevenue) / Number(totals.marketingSpend), 12);
    expect(indicators.marketing_cost_ratio).toBeCloseTo(Number(totals.marketingSpend) / 10_000 / indicators.net_sales!, 6);

    const file = path.resolve("tmp", `bad-promotions-${process.env.VITEST_POOL_ID ?? 0}.csv`);
    writeFileSync(
      file,
      "title,type,channel,start,end,spend,discount_codes,utm_campaign,indicator,hypothesis,expected_change\nOK,email,,2026-06-01,2026-06-02,1,,,,,\nBad,email,,2026-06-02,2026-06-01,1,,,,,\n",
    );
    const before = await db.promotion.count();
    const failed = await runCli(["promotions", "import", "--shop", shop, file]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe("error: line 3: end: The end is before the start.\nnothing imported\n");
    expect(await db.promotion.count()).toBe(before);
  }, 60_000);

  it("GIVEN a staff member THEN they may log promotions, all of a batch or none", async () => {
    const good = parsePromotion({ title: "Staff test", start: "2026-05-01", end: "2026-05-02" });
    if (!good.ok) throw new Error("valid promotion refused");
    const before = await db.promotion.count();
    await expect(createPromotions(db, staff, [good.value], new Date())).resolves.toHaveLength(1);
    // A batch that fails midway (a code twice in one promotion breaks its key) stores nothing.
    await expect(createPromotions(db, staff, [good.value, { ...good.value, codes: ["X", "X"] }], new Date())).rejects.toThrow();
    expect(await db.promotion.count()).toBe(before + 1);
  });
});

describe("promotion input and spreadsheet import", () => {
  it.each([
    ["end before start", { start: "2026-03-10", end: "2026-03-01" }, "end", /before the start/],
    ["negative spend", { spend: "-5" }, "spend", /can't be negative/],
    ["an unknown indicator", { indicator: "vibes" }, "indicator", /not an indicator/],
    ["a code list with empty entries", { discountCodes: "A;;B" }, "discountCodes", /empty entry/],
    ["a title of 10,000 characters", { title: "x".repeat(10_000) }, "title", /too long \(10,000 characters/],
    ["an unknown type", { type: "billboard" }, "type", /Choose a type/],
  ])("GIVEN %s THEN the %s field says so", (_, change, field, message) => {
    const parsed = parsePromotion({ title: "Promo", start: "2026-03-01", end: "2026-03-31", ...change });
    expect(parsed.ok).toBe(false);
    expect((parsed as { errors: Record<string, string> }).errors[field]).toMatch(message);
  });

  it("GIVEN no indicator THEN the promotion is accepted (it is flagged, not forbidden)", () => {
    expect(parsePromotion({ title: "Promo", start: "2026-03-01", end: "2026-03-31" })).toMatchObject({ ok: true, value: { indicator: null } });
  });

  it("GIVEN a spreadsheet with bad rows THEN every bad row is reported with its line number and nothing is taken", () => {
    const csv = [
      "title,type,channel,start,end,spend,discount_codes,utm_campaign,indicator,hypothesis,expected_change",
      "Good one,discount,email,2026-03-01,2026-03-31,100,SPRING20,,aov,,",
      ",discount,email,2026-03-01,2026-03-31,100,,,aov,,",
      "Backwards,ad,meta,2026-03-31,2026-03-01,-4,A;;B,,happiness,,",
      '"Quoted, with comma",email,email,2026-04-01,2026-04-30,50.5,"X;Y",news,orders,,',
    ].join("\n");
    const parsed = parsePromotionsCsv(csv);
    expect(parsed.ok).toBe(false);
    const errors = (parsed as { errors: string[] }).errors;
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 3: title: Give the promotion a title\.$/);
    expect(errors[1]).toMatch(/^line 4: end: .*\. spend: .*\. discount_codes: .*\. indicator: "happiness"/);
    expect(parsePromotionsCsv("title,start\nX,2026-01-01")).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^line 1: the header lacks type, channel, end/)],
    });
    const good = parsePromotionsCsv([csv.split("\n")[0], csv.split("\n")[1], csv.split("\n")[4]].join("\n"));
    expect(good).toMatchObject({
      ok: true,
      promotions: [
        { title: "Good one", codes: ["SPRING20"] },
        { title: "Quoted, with comma", spend: 505_000n, codes: ["X", "Y"], utmCampaign: "news" },
      ],
    });
  });
});
