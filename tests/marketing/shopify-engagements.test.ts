import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "~/admin-api/client.server";
import { DevStore, type FixtureMarketingActivity, type FixtureMarketingEngagement, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { parseMoney } from "@throughline/shopify-common/money";
import { formatDay, parseDay } from "~/lib/calendar";
import {
  ENGAGEMENT_PAGE_ROWS,
  EngagementsReportRefused,
  FIRST_READ_DAYS,
  RESTATED_DAYS,
  refreshShopifyEngagements,
} from "~/marketing/shopify-engagements.server";
import { syncStore } from "~/sync/sync-store.server";
import { databaseUrl } from "~/lib/database-url";
import { db, resetDatabase } from "../helpers/database";

// Shopify's marketing reports read from day one: what each sales channel reported per day, summed
// by channel and activity, the app's own reports left out, two years the first time, the last days
// read again later (channels restate them), more than a page of rows, and a report Shopify refuses
// stopping nothing else.

const SHOP = "engagements.myshopify.com";
// 20:00 UTC on 5 March 2026 is the 6th in Tokyo: yesterday is the 5th.
const NOW = new Date("2026-03-05T20:00:00Z");
const YESTERDAY = parseDay("2026-03-05")!;

const APPS = ["Facebook & Instagram", "Google & YouTube", "TikTok"];
const activities: FixtureMarketingActivity[] = APPS.map((app, i) => ({
  __typename: "MarketingActivity",
  id: `gid://shopify/MarketingActivity/${i + 1}`,
  title: `${app} prospecting`,
  createdAt: "2024-01-01T00:00:00Z",
  marketingChannelType: "SOCIAL",
  utmParameters: null,
  app: { title: app },
}));
/** An engagement a day per activity over 420 days up to the 6th (today, not yet read), some without spend. */
function engagements(): FixtureMarketingEngagement[] {
  const list: FixtureMarketingEngagement[] = [];
  for (let day = YESTERDAY - 419; day <= YESTERDAY + 1; day++) {
    activities.forEach((activity, i) => {
      const spend = (day * 7 + i * 13) % 5 === 0 ? null : `${(day % 97) * (i + 1)}.${String((day * (i + 3)) % 100).padStart(2, "0")}`;
      list.push({
        __typename: "MarketingEngagement",
        marketingActivity: { id: activity.id },
        occurredOn: formatDay(day),
        utcOffset: "+09:00",
        adSpend: spend === null ? null : { amount: spend, currencyCode: "USD" },
        sales: null,
        clicksCount: (day + i) % 50,
        impressionsCount: ((day + i) % 50) * 30,
        orders: null,
      });
    });
  }
  return list;
}

describe("Shopify's marketing reports", () => {
  let devstore: RunningDevstore;
  let store: DevStore;
  let client: AdminClient;

  beforeAll(async () => {
    store = new DevStore({
      shop: { __typename: "Shop", myshopifyDomain: SHOP, name: "E", currencyCode: "USD", ianaTimezone: "Asia/Tokyo", email: "owner@example.com" },
      products: [],
      customers: [],
      orders: [],
      marketingActivities: activities,
      marketingEngagements: engagements(),
    });
    devstore = await startDevstore({ store, appTitle: "Throughline", clock: () => NOW.getTime() });
    // The app's own report of a promotion's spend, which promotions count already.
    devstore.apps.marketingActivityUpsertExternal({
      remoteId: "promotion-1",
      title: "Welcome code",
      remoteUrl: "https://example.com/p/1",
      tactic: "DISCOUNT",
      marketingChannelType: "EMAIL",
      status: "ACTIVE",
      utm: { campaign: "welcome", source: "email", medium: "newsletter" },
    });
    devstore.apps.marketingEngagementCreate({
      remoteId: "promotion-1",
      marketingEngagement: { occurredOn: "2026-03-04", utcOffset: "+09:00", isCumulative: false, adSpend: { amount: "50.00", currencyCode: "USD" } },
    });
    client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
  });
  afterAll(() => devstore.close());
  beforeEach(async () => {
    await resetDatabase();
    await db.shop.create({ data: { shop: SHOP, name: "E", currencyCode: "USD", ianaTimezone: "Asia/Tokyo" } });
  });

  /** What the copy should hold for the days from `from` to yesterday: the fixture's engagements as they are now. */
  const expectedRows = (from: number) =>
    store.marketingEngagements
      .filter((e) => parseDay(e.occurredOn)! >= from && parseDay(e.occurredOn)! <= YESTERDAY)
      .map((e) => {
        const activity = activities.find((a) => a.id === e.marketingActivity.id)!;
        return {
          day: e.occurredOn,
          client: activity.app.title,
          activityTitle: activity.title,
          adSpend: e.adSpend ? parseMoney(e.adSpend.amount) : null,
          impressions: e.impressionsCount,
          clicks: e.clicksCount,
        };
      })
      .sort((a, b) => `${a.day}${a.client}`.localeCompare(`${b.day}${b.client}`));
  const stored = async () =>
    (
      await db.shopifyEngagementDay.findMany({
        where: { shop: SHOP },
        select: { day: true, client: true, activityTitle: true, adSpend: true, impressions: true, clicks: true },
      })
    ).sort((a, b) => `${a.day}${a.client}`.localeCompare(`${b.day}${b.client}`));

  it("GIVEN two years of reports by three channels and the app's own WHEN read the first time THEN every channel's day up to yesterday is kept, over more than a page, and the app's own is not", async () => {
    const read = await refreshShopifyEngagements(db, client, SHOP, NOW);
    expect(read).toEqual({ since: formatDay(YESTERDAY - FIRST_READ_DAYS + 1), until: "2026-03-05", rows: expectedRows(0).length });
    expect(read.rows).toBeGreaterThan(ENGAGEMENT_PAGE_ROWS);
    expect(await stored()).toEqual(expectedRows(0));
    expect(await db.shopifyEngagementDay.count({ where: { client: "Throughline" } })).toBe(0);
  });

  it("GIVEN a channel restating a recent day and an old one WHEN read again THEN the last days are read again and the old day keeps its first figure", async () => {
    await refreshShopifyEngagements(db, client, SHOP, NOW);
    const recent = store.marketingEngagements.find((e) => e.occurredOn === formatDay(YESTERDAY - 2))!;
    const old = store.marketingEngagements.find((e) => e.occurredOn === formatDay(YESTERDAY - RESTATED_DAYS - 3))!;
    const before = { recent: recent.adSpend, old: old.adSpend };
    try {
      recent.adSpend = { amount: "1234.56", currencyCode: "USD" };
      old.adSpend = { amount: "999.99", currencyCode: "USD" };
      const read = await refreshShopifyEngagements(db, client, SHOP, NOW);
      expect(read.since).toBe(formatDay(YESTERDAY - RESTATED_DAYS + 1));
      const day = (d: string, c: string) => db.shopifyEngagementDay.findFirstOrThrow({ where: { shop: SHOP, day: d, client: c } });
      const clientOf = (e: FixtureMarketingEngagement) => activities.find((a) => a.id === e.marketingActivity.id)!.app.title;
      expect((await day(recent.occurredOn, clientOf(recent))).adSpend).toBe(parseMoney("1234.56"));
      expect((await day(old.occurredOn, clientOf(old))).adSpend).toBe(before.old ? parseMoney(before.old.amount) : null);
    } finally {
      recent.adSpend = before.recent;
      old.adSpend = before.old;
    }
  });

  it("GIVEN Shopify refusing the report WHEN read THEN the refusal is Shopify's words, nothing kept changes, and a sync still completes", async () => {
    await refreshShopifyEngagements(db, client, SHOP, NOW);
    const kept = await stored();
    const refusing: AdminClient = {
      ...client,
      request: (async (document: string, variables: unknown) =>
        document.includes("shopifyqlQuery")
          ? { shopifyqlQuery: { parseErrors: ["Column Not Found: Column 'engagements_ad_spend' not found"], tableData: null } }
          : client.request(document as never, variables as never)) as unknown as AdminClient["request"],
    };
    await expect(refreshShopifyEngagements(db, refusing, SHOP, new Date(NOW.getTime() + 86_400_000))).rejects.toThrow(EngagementsReportRefused);
    await expect(refreshShopifyEngagements(db, refusing, SHOP, NOW)).rejects.toThrow(/Column Not Found/);
    expect(await stored()).toEqual(kept);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).engagementsReadThrough).toBe("2026-03-05");
    // The whole sync of an empty store goes on without the report.
    const run = await syncStore({ db, client: refusing, databaseUrl: databaseUrl(), now: () => NOW, maxPollMs: 20 });
    expect(run.status).toBe("succeeded");
  });
});
