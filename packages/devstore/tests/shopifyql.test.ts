import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture, type FixtureMarketingActivity, type FixtureMarketingEngagement } from "../src/fixture";
import { startDevstore, type RunningDevstore } from "../src/server";
import { DevStore } from "../src/store";

// Shopify's marketing_engagements through shopifyqlQuery: each channel's or app's own daily report,
// summed by the columns grouped, bounded by SINCE/UNTIL in the shop's dates, paged, and parse errors
// in Shopify's words for what doesn't parse.

const activity = (n: number, app: string, title: string): FixtureMarketingActivity => ({
  __typename: "MarketingActivity",
  id: `gid://shopify/MarketingActivity/${n}`,
  title,
  createdAt: "2026-02-01T00:00:00Z",
  marketingChannelType: "SOCIAL",
  utmParameters: { campaign: `c${n}`, source: "s", medium: "m" },
  app: { title: app },
});
const engagement = (n: number, occurredOn: string, spend: string | null, clicks: number): FixtureMarketingEngagement => ({
  __typename: "MarketingEngagement",
  marketingActivity: { id: `gid://shopify/MarketingActivity/${n}` },
  occurredOn,
  utcOffset: "+09:00",
  adSpend: spend === null ? null : { amount: spend, currencyCode: "JPY" },
  sales: null,
  clicksCount: clicks,
  impressionsCount: clicks * 40,
  orders: null,
});

const ACTIVITIES = [
  activity(1, "Facebook & Instagram", "Spring prospecting"),
  activity(2, "Facebook & Instagram", "Retargeting"),
  activity(3, "Google & YouTube", "Search"),
];
const ENGAGEMENTS = [
  engagement(1, "2026-03-01", "1200", 10),
  engagement(2, "2026-03-01", "800", 4),
  engagement(3, "2026-03-01", "450", 7),
  engagement(1, "2026-03-02", "1300", 12),
  engagement(3, "2026-03-02", null, 3),
  engagement(1, "2026-03-05", "999", 1),
];

describe("ShopifyQL's marketing_engagements", () => {
  let devstore: RunningDevstore;
  const run = async (query: string) => {
    const response = await fetch(`${devstore.origin}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
      body: JSON.stringify({
        query: `query($q: String!) { shopifyqlQuery(query: $q) { parseErrors tableData { columns { name dataType displayName } rows } } }`,
        variables: { q: query },
      }),
    });
    return (
      (await response.json()) as {
        data: { shopifyqlQuery: { parseErrors: string[]; tableData: { columns: { name: string }[]; rows: Record<string, string | null>[] } | null } };
      }
    ).data.shopifyqlQuery;
  };

  beforeAll(async () => {
    const store = new DevStore({
      shop: { __typename: "Shop", myshopifyDomain: "q.myshopify.com", name: "Q", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" },
      products: [],
      customers: [],
      orders: [],
      marketingActivities: ACTIVITIES,
      marketingEngagements: ENGAGEMENTS,
    });
    devstore = await startDevstore({ store, appTitle: "Throughline", clock: () => Date.parse("2026-03-05T20:00:00Z") });
    // The app's own report comes back under its title.
    devstore.apps.marketingActivityUpsertExternal({
      remoteId: "promo-1",
      title: "Newsletter",
      remoteUrl: "https://example.com/p/1",
      tactic: "NEWSLETTER",
      marketingChannelType: "EMAIL",
      status: "ACTIVE",
      utm: { campaign: "news", source: "email", medium: "newsletter" },
    });
    devstore.apps.marketingEngagementCreate({
      remoteId: "promo-1",
      marketingEngagement: { occurredOn: "2026-03-02", utcOffset: "+09:00", isCumulative: false, adSpend: { amount: "300", currencyCode: "JPY" } },
    });
  });
  afterAll(() => devstore.close());

  it("GIVEN engagements of two apps' activities and the app's own WHEN grouped by day and API client THEN each row sums its engagements, days without any have no row, and the values are strings", async () => {
    const answer = await run(
      "FROM marketing_engagements SHOW day, marketing_api_client, engagements_ad_spend, engagements_clicks GROUP BY day, marketing_api_client SINCE 2026-03-01 UNTIL 2026-03-31 ORDER BY day ASC",
    );
    expect(answer.parseErrors).toEqual([]);
    expect(answer.tableData!.columns.map((c) => c.name)).toEqual(["day", "marketing_api_client", "engagements_ad_spend", "engagements_clicks"]);
    // The expected rows, summed here from the same engagements.
    const clientOf = (n: string) => ACTIVITIES.find((a) => a.id === n)!.app.title;
    const expected = new Map<string, { spend: number | null; clicks: number }>();
    for (const e of ENGAGEMENTS) {
      const key = `${e.occurredOn}|${clientOf(e.marketingActivity.id)}`;
      const row = expected.get(key) ?? { spend: null, clicks: 0 };
      if (e.adSpend) row.spend = (row.spend ?? 0) + Number(e.adSpend.amount);
      row.clicks += e.clicksCount;
      expected.set(key, row);
    }
    expected.set("2026-03-02|Throughline", { spend: 300, clicks: 0 });
    const rows = answer.tableData!.rows.map((row) => `${row.day}|${row.marketing_api_client}|${row.engagements_ad_spend}|${row.engagements_clicks}`);
    const wanted = [...expected]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, row]) => `${key}|${row.spend === null ? null : String(row.spend)}|${key.endsWith("Throughline") ? null : String(row.clicks)}`);
    expect(rows).toEqual(wanted);
  });

  it("GIVEN a period, a filter and pages WHEN queried THEN only its days count, relative dates are the shop's, and the pages hold every row once", async () => {
    const march = await run(
      "FROM marketing_engagements SHOW day, marketing_activity_title, engagements_ad_spend WHERE marketing_api_client = 'Facebook & Instagram' GROUP BY day, marketing_activity_title SINCE 2026-03-02 UNTIL 2026-03-05 ORDER BY engagements_ad_spend DESC",
    );
    expect(march.tableData!.rows).toEqual([
      { day: "2026-03-02", marketing_activity_title: "Spring prospecting", engagements_ad_spend: "1300" },
      { day: "2026-03-05", marketing_activity_title: "Spring prospecting", engagements_ad_spend: "999" },
    ]);
    // 20:00 UTC on 5 March is 6 March in Tokyo: -1d is the 5th.
    const yesterday = await run("FROM marketing_engagements SHOW engagements_ad_spend SINCE -1d UNTIL -1d");
    expect(yesterday.tableData!.rows).toEqual([{ engagements_ad_spend: "999" }]);
    const query = (offset: number) =>
      `FROM marketing_engagements SHOW day, marketing_activity_title, engagements_clicks GROUP BY day, marketing_activity_title SINCE 2026-03-01 UNTIL 2026-03-31 ORDER BY day LIMIT 2 OFFSET ${offset}`;
    const all = (await run(query(0).replace(" LIMIT 2 OFFSET 0", ""))).tableData!.rows;
    // A row for each day and activity with an engagement, the app's own newsletter among them.
    expect(all).toHaveLength(new Set(ENGAGEMENTS.map((e) => `${e.occurredOn} ${e.marketingActivity.id}`)).size + 1);
    const pages = [];
    for (let offset = 0; offset <= all.length; offset += 2) pages.push((await run(query(offset))).tableData!.rows);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual(all);
  });

  it("GIVEN queries Shopify would refuse WHEN sent THEN parseErrors say why in Shopify's words and there is no table", async () => {
    const refused = [
      ["FROM marketing SHOW engagements_ad_spend", "Invalid dataset in FROM clause"],
      ["FROM marketing_engagements SHOW ad_spend", "Column Not Found: Column 'ad_spend' not found"],
      ["FROM marketing_engagements SHOW day, engagements_ad_spend", "Dimension 'day' in SHOW must be in GROUP BY"],
      ["FROM marketing_engagements SHOW engagements_ad_spend TIMESERIES day", "The devstore does not answer TIMESERIES"],
      ["FROM marketing_engagements SHOW engagements_ad_spend SINCE 2026-03-05 UNTIL 2026-03-01", "SINCE must be before UNTIL"],
      ["SHOW engagements_ad_spend", "Syntax error"],
    ];
    for (const [query, message] of refused) {
      const answer = await run(query!);
      expect(answer.tableData, query).toBeNull();
      expect(answer.parseErrors[0], query).toContain(message);
    }
  });

  it("GIVEN a store file with marketing lines WHEN loaded THEN they load, and an engagement of no activity is refused naming its line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "shopifyql-"));
    try {
      const shop = { __typename: "Shop", myshopifyDomain: "f.myshopify.com", name: "F", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" };
      const file = path.join(dir, "store.jsonl");
      writeFileSync(file, [shop, ...ACTIVITIES, ...ENGAGEMENTS].map((line) => JSON.stringify(line)).join("\n"));
      const data = await loadFixture(file);
      expect(data.marketingActivities).toHaveLength(ACTIVITIES.length);
      expect(data.marketingEngagements).toEqual(ENGAGEMENTS);
      writeFileSync(file, [shop, ...ACTIVITIES, engagement(9, "2026-03-01", "1", 1)].map((line) => JSON.stringify(line)).join("\n"));
      await expect(loadFixture(file)).rejects.toThrow(/fixture line 5: marketingActivity\.id names no MarketingActivity/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
