import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, type DevstoreData, loadFixture, type RunningDevstore, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { COST_INDICATOR_KEYS, INDICATORS, ORDER_INDICATOR_KEYS, PROFIT_INDICATOR_KEYS } from "~/indicators/definitions";
import { csvHeading, csvValue, indicatorsCsv, productCsvHeadings, productsCsv } from "~/indicators/exports.server";
import { localizer } from "~/i18n/localizer";
import { withLocalizer } from "~/i18n/scope.server";
import { indicatorsJson, productJson } from "~/indicators/json";
import { periodReport, productReport, seriesReport } from "~/indicators/report.server";
import { formatDay, parseDay, type Granularity, type Period } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { oracleCostIndicators, oracleIndicators, oracleProducts, oracleStore, type OracleStore } from "../helpers/metrics-oracle";

const FIXTURES = path.resolve("../shared/fixtures");
const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };
const MONEY = new Set(["gross_sales", "discounts", "returns", "net_sales", "cogs", "gross_profit"]);

/** Money to the cent, everything else to 1e-6, null only where null is expected. */
function expectClose(actual: Record<string, unknown>, expected: Record<string, number | null>, where: string): void {
  for (const [key, value] of Object.entries(expected)) {
    const got = actual[key];
    if (value === null) {
      expect(got, `${where} ${key}`).toBeNull();
      continue;
    }
    expect(typeof got, `${where} ${key}`).toBe("number");
    expect(Math.abs((got as number) - value), `${where} ${key}: ${String(got)} vs ${value}`).toBeLessThanOrEqual(MONEY.has(key) ? 0.005 + 1e-9 : 1e-6);
  }
}

async function backfilled(data: DevstoreData): Promise<RunningDevstore> {
  const devstore = await startDevstore({ store: new DevStore(data), throttle: FAST });
  const client = createAdminClient({ shop: data.shop.myshopifyDomain, accessToken: "devstore-token", adminOrigin: devstore.origin });
  await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  return devstore;
}

const cli = (...args: string[]) => runCli(args);

const period = (from: string, to: string): Period => ({ from: parseDay(from)!, to: parseDay(to)! });

describe("indicators of the sample store", () => {
  let devstore: RunningDevstore;
  let shop: string;
  let sample: DevstoreData;

  beforeAll(async () => {
    await resetDatabase();
    const data = await loadFixture(path.join(FIXTURES, "sample-store.jsonl"));
    sample = data;
    shop = data.shop.myshopifyDomain;
    devstore = await backfilled(data);
  });
  afterAll(() => devstore.close());

  it("GIVEN the store synced through the devstore WHEN `cli indicators --json` asks for March 2026 THEN it prints the reference values, with exactly the keys of METRICS.md", async () => {
    const { code, stdout } = await cli("indicators", "--shop", shop, "--from", "2026-03-01", "--to", "2026-03-31", "--json");
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { indicators: Record<string, number | null> };
    const reference = JSON.parse(readFileSync(path.join(FIXTURES, "sample-store.2026-03.indicators.json"), "utf8")) as {
      indicators: Record<string, number | null>;
    };
    expect(Object.keys(printed)).toEqual(["indicators"]);
    expect(Object.keys(printed.indicators)).toEqual([...ORDER_INDICATOR_KEYS, ...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS]);
    expectClose(printed.indicators, reference.indicators, "March");
    // The sample store has no payments and no addresses, its owner no costs set: no fee, no shipping,
    // nothing for their coverage to speak for, and net profit is net sales less the cost of goods.
    const costs = oracleCostIndicators(oracleStore(sample), "2026-03-01", "2026-03-31");
    for (const key of [...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS]) {
      if (costs[key] === null) expect(printed.indicators[key], key).toBeNull();
      else expect(Math.abs((printed.indicators[key] as number) - (costs[key] as number)), key).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(printed.indicators.net_profit).toBeCloseTo((reference.indicators.net_sales as number) - (reference.indicators.cogs as number), 9);
  }, 60_000);

  it("GIVEN the same store WHEN `cli products --json` asks for March 2026 THEN every product of the reference has its values", async () => {
    const { code, stdout } = await cli("products", "--shop", shop, "--from", "2026-03-01", "--to", "2026-03-31", "--json");
    expect(code).toBe(0);
    const printed = (JSON.parse(stdout) as { products: Record<string, unknown>[] }).products;
    const reference = (
      JSON.parse(readFileSync(path.join(FIXTURES, "sample-store.2026-03.products.json"), "utf8")) as { products: Record<string, number | string>[] }
    ).products;
    expect(printed.map((product) => product.product_id).sort()).toEqual(reference.map((product) => product.product_id).sort());
    for (const expected of reference) {
      const { product_id: id, ...values } = expected;
      const actual = printed.find((product) => product.product_id === id)!;
      expect(typeof actual.title).toBe("string");
      expectClose(actual, values as Record<string, number>, String(id));
    }
  }, 60_000);

  it.each(["day", "week", "month", "quarter"] as Granularity[])(
    "GIVEN a period WHEN cut by %s THEN the buckets cover it without gaps, each equals the period report of its dates, and sums add up",
    async (by) => {
      const whole = period("2026-02-20", "2026-04-10");
      const series = await seriesReport(db, shop, whole, by);
      expect(series[0]!.period.from).toBe(whole.from);
      expect(series.at(-1)!.period.to).toBe(whole.to);
      for (let i = 1; i < series.length; i++) expect(series[i]!.period.from).toBe(series[i - 1]!.period.to + 1);
      for (const bucket of series.slice(0, 4)) {
        expect(indicatorsJson(bucket.indicators)).toEqual(indicatorsJson((await periodReport(db, shop, bucket.period)).indicators));
      }
      const total = await periodReport(db, shop, whole);
      for (const key of ["gross_sales", "discounts", "returns", "net_sales", "cogs", "gross_profit"] as const) {
        expect(series.reduce((sum, bucket) => sum + (bucket.indicators[key] as bigint), 0n)).toBe(total.indicators[key]);
      }
      for (const key of ["orders", "units", "new_customers"] as const) {
        expect(series.reduce((sum, bucket) => sum + (bucket.indicators[key] as number), 0)).toBe(total.indicators[key]);
      }
    },
  );

  it("GIVEN `cli indicators --by week --json` THEN it prints a series of start, end and indicators", async () => {
    const { code, stdout } = await cli("indicators", "--shop", shop, "--from", "2026-03-01", "--to", "2026-03-31", "--by", "week", "--json");
    expect(code).toBe(0);
    const { series } = JSON.parse(stdout) as { series: { start: string; end: string; indicators: Record<string, number | null> }[] };
    expect(series.map((bucket) => [bucket.start, bucket.end])).toEqual([
      ["2026-03-01", "2026-03-01"],
      ["2026-03-02", "2026-03-08"],
      ["2026-03-09", "2026-03-15"],
      ["2026-03-16", "2026-03-22"],
      ["2026-03-23", "2026-03-29"],
      ["2026-03-30", "2026-03-31"],
    ]);
    expect(series.reduce((sum, bucket) => sum + (bucket.indicators.orders as number), 0)).toBe(
      (await periodReport(db, shop, period("2026-03-01", "2026-03-31"))).indicators.orders,
    );
  }, 60_000);

  it("GIVEN the dashboard's export WHEN the weekly series of March is asked for THEN the CSV holds the same values as the report, and bad dates are refused", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const csv = await indicatorsCsv(db, shop, new URLSearchParams("from=2026-03-01&to=2026-03-31&by=week"), now);
    expect(csv.ok).toBe(true);
    const rows = (csv as { body: string }).body
      .trim()
      .split("\n")
      .map((line) => line.split(","));
    // Columns in words with their unit; money to the cent, rates in percent.
    // The store's indicators first (the whole cost of a sale's follow them: cost-exports.test.ts).
    expect(rows[0]!.slice(0, 2 + ORDER_INDICATOR_KEYS.length)).toEqual([
      "Start",
      "End",
      ...ORDER_INDICATOR_KEYS.map((key) => csvHeading(INDICATORS[key].label, INDICATORS[key].kind, "EUR")),
    ]);
    expect(rows[0]).toContain("Net sales (EUR)");
    expect(rows[0]).toContain("Gross margin (%)");
    expect(rows.slice(1).map((row) => [row[0], row[1]])).toHaveLength(6);
    const week = await periodReport(db, shop, period("2026-03-02", "2026-03-08"));
    const cell = (value: number | null) => (value === null ? "" : String(value));
    expect(rows[2]!.slice(2, 2 + ORDER_INDICATOR_KEYS.length)).toEqual(
      ORDER_INDICATOR_KEYS.map((key) => cell(csvValue(INDICATORS[key].kind, week.indicators[key]) as number | null)),
    );
    const margin = rows[2]![2 + ORDER_INDICATOR_KEYS.indexOf("gross_margin")]!;
    expect(Number(margin)).toBeCloseTo((week.indicators.gross_margin as number) * 100, 2);
    expect(margin).toMatch(/^\d+(\.\d{1,2})?$/);

    const products = await productsCsv(db, shop, new URLSearchParams("from=2026-03-01&to=2026-03-31"), now);
    const productRows = (products as { body: string }).body.trim().split("\n");
    expect(productRows).toHaveLength(13);
    expect(productRows[0]).toBe(productCsvHeadings("EUR").join(","));

    // A period reaching today stops yesterday (today's hours would read as a slump); one starting today has nothing to export yet.
    const sinceMarch = await indicatorsCsv(db, shop, new URLSearchParams("from=2026-03-25&to=2026-04-10&by=day"), new Date("2026-04-02T15:00:00Z"));
    expect(sinceMarch).toMatchObject({ ok: true, filename: "indicators-EUR-2026-03-25-2026-04-01-by-day.csv" });
    expect((sinceMarch as { body: string }).body.trim().split("\n").at(-1)!.startsWith("2026-04-01,2026-04-01,")).toBe(true);
    expect(await indicatorsCsv(db, shop, new URLSearchParams("from=2026-04-02&to=2026-04-10"), new Date("2026-04-02T15:00:00Z"))).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/No day of this period has ended yet/),
    });
    expect(await indicatorsCsv(db, shop, new URLSearchParams("from=2026-03-31&to=2026-03-01"), now)).toEqual({
      ok: false,
      status: 400,
      message: "The start date is after the end date.",
    });
    expect(await productsCsv(db, shop, new URLSearchParams("period=forever"), now)).toEqual({ ok: false, status: 400, message: 'Unknown period "forever".' });
    // Asked by a staff member whose admin is in Chinese: headings and refusals in Chinese, the same figures.
    const chinese = await withLocalizer(localizer("zh-CN"), () => indicatorsCsv(db, shop, new URLSearchParams("from=2026-03-01&to=2026-03-31&by=week"), now));
    const [chineseHeadings, ...chineseRows] = (chinese as { body: string }).body.trim().split("\n");
    expect(chineseHeadings!.split(",").slice(0, 4)).toEqual(["开始", "结束", "总销售额（EUR）", "折扣（EUR）"]);
    expect(chineseRows).toEqual(rows.slice(1).map((row) => row.join(",")));
    expect(await withLocalizer(localizer("zh-CN"), () => productsCsv(db, shop, new URLSearchParams("period=forever"), now))).toEqual({
      ok: false,
      status: 400,
      message: "未知的时间段“forever”。",
    });
  });

  it("GIVEN a terminal in Chinese (LANG=zh_CN.UTF-8) WHEN `cli indicators` prints its table THEN the indicators are named in Chinese, the figures the same as in English", async () => {
    const args = ["indicators", "--shop", shop, "--from", "2026-03-01", "--to", "2026-03-31"];
    const english = await runCli(args);
    const chinese = await runCli(args, { LANG: "zh_CN.UTF-8" });
    expect(english.stdout).toMatch(/^indicator\s/);
    expect(english.stdout).toMatch(/^Net sales \(EUR\)\s+[\d.]+$/m);
    expect(chinese.stdout).toMatch(/^指标\s/);
    const figures = (text: string) =>
      text
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.trim().split(/\s+/).at(-1));
    expect(chinese.stdout).toMatch(/^净销售额（EUR）\s+[\d.]+$/m);
    expect(figures(chinese.stdout)).toEqual(figures(english.stdout));
  }, 60_000);

  it.each([
    [["--shop", "unknown-store.myshopify.com", "--from", "2026-03-01", "--to", "2026-03-31"], /unknown shop/],
    [["--shop", "sample-store.myshopify.com", "--from", "2026-02-30", "--to", "2026-03-31"], /--from must be a calendar date/],
    [["--shop", "sample-store.myshopify.com", "--from", "2026-03-31", "--to", "2026-03-01"], /is after --to/],
    [["--shop", "sample-store.myshopify.com", "--from", "2026-03-01", "--to", "2026-03-31", "--by", "year"], /--by must be one of/],
    [["--shop", "sample-store.myshopify.com", "--from", "2026-03-01"], /--to is required/],
  ])(
    "GIVEN bad arguments %j WHEN `cli indicators` runs THEN it prints one line and exits with 2",
    async (args, message) => {
      const { code, stdout, stderr } = await cli("indicators", ...args, "--json");
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(message);
    },
    60_000,
  );
});

// Generated stores: other time zones (half-hour offsets, DST on other dates, southern hemisphere)
// and currencies (zero decimals), checked against the naive reading of METRICS.md.
const STORES = [
  { timeZone: "America/Santiago", currency: "CLP" },
  { timeZone: "Australia/Lord_Howe", currency: "AUD" },
  { timeZone: "Asia/Kolkata", currency: "INR" },
  { timeZone: "Asia/Tokyo", currency: "JPY" },
  { timeZone: "America/New_York", currency: "USD" },
];

describe.each(STORES)("indicators of a generated store in $timeZone, $currency", ({ timeZone, currency }) => {
  let devstore: RunningDevstore;
  let shop: string;
  let oracle: OracleStore;

  beforeAll(async () => {
    await resetDatabase();
    const dir = path.resolve("tmp/test-stores");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${timeZone.replace("/", "-")}-${currency}-${process.env.VITEST_POOL_ID ?? 0}.jsonl`);
    shop = `${currency.toLowerCase()}-store.myshopify.com`;
    await writeStoreFixture(file, { orders: 700, seed: 11, days: 500, ianaTimezone: timeZone, currencyCode: currency, shopDomain: shop, products: 12 });
    const data = await loadFixture(file);
    oracle = oracleStore(data);
    devstore = await backfilled(data);
  }, 120_000);
  afterAll(() => devstore.close());

  const PERIODS: [string, string][] = [
    ["2026-04-01", "2026-04-30"],
    ["2026-09-01", "2026-10-31"],
    ["2026-07-01", "2026-09-30"],
    ["2026-04-05", "2026-04-05"],
    ["2025-06-01", "2026-11-30"],
  ];

  it.each(PERIODS)("GIVEN the period %s..%s THEN every indicator equals the definition's", async (from, to) => {
    const report = await periodReport(db, shop, period(from, to));
    expectClose(indicatorsJson(report.indicators), oracleIndicators(oracle, from, to), `${from}..${to}`);
  });

  it("GIVEN weekly buckets over a DST change THEN each week equals the definition's", async () => {
    const series = await seriesReport(db, shop, period("2026-03-20", "2026-04-20"), "week");
    for (const bucket of series) {
      const [from, to] = [formatDay(bucket.period.from), formatDay(bucket.period.to)];
      expectClose(indicatorsJson(bucket.indicators), oracleIndicators(oracle, from, to), `${from}..${to}`);
    }
  });

  it("GIVEN a quarter THEN every product's figures equal the definition's", async () => {
    const [from, to] = ["2026-07-01", "2026-09-30"];
    const products = (await productReport(db, shop, period(from, to))).map(productJson);
    const expected = oracleProducts(oracle, from, to);
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    for (const [id, values] of Object.entries(expected)) {
      const actual = products.find((product) => product.product_id === id);
      expect(actual, id).toBeDefined();
      expectClose(actual!, values, id);
    }
    for (const extra of products.filter((product) => !(String(product.product_id) in expected))) {
      expect([extra.orders, extra.returns]).toEqual([0, 0]);
    }
  });
});
