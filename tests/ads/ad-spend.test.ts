import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DevStore, loadFixture, startDevstore, writeStoreFixture, type DevstoreData, type RunningDevstore } from "@throughline/devstore";
import { adsView } from "~/ads/ads-view.server";
import { connectUrl, handleCallback } from "~/ads/connect-flow.server";
import { DEVSTORE_AD_APP, refreshAdSpend, type AdClientFactory } from "~/ads/connections.server";
import { campaignsOver } from "~/ads/campaigns.server";
import { promotionSpends } from "~/ads/linked-spend.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions, referenceErrors } from "~/promotions/promotions.server";
import { systemActor } from "~/staff/staff.server";
import { dashboardView } from "~/home/dashboard.server";
import { exactAmount, formatValue } from "~/indicators/format";
import { localizer } from "~/i18n/localizer";
import { prefilledValues } from "~/promotions/promotions-page.server";
import { weekFacts } from "~/review/week-facts.server";
import { weekView } from "~/review/week-view";
import { marketingSpendByPeriod } from "~/ads/marketing-spend.server";
import { adPlatformClient, devstoreEndpoints } from "~/ads/platforms/index.server";
import { AD_PLATFORMS, type AdPlatform } from "~/ads/platforms/types";
import { createAdminClient } from "~/admin-api/client.server";
import { profitFiguresOf } from "~/indicators/profit-report.server";
import { periodReport } from "~/indicators/report.server";
import { JOB } from "~/jobs/names";
import { parseDay, type Period } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { refreshShopifyEngagements } from "~/marketing/shopify-engagements.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { parseMoney } from "@throughline/shopify-common/money";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { oracleCostIndicators, oracleStore, type OracleCostSettings } from "../helpers/metrics-oracle";

// Ad spend end to end: a generated store whose Meta, Google Ads (in another currency, in Los
// Angeles) and TikTok accounts are served by the devstore, and whose sales channels report to
// Shopify. Day one reads only Shopify's reports; then the owner connects each platform through its
// OAuth round trip, the refresh copies two years of campaign days, and ad_spend, marketing_spend,
// MER, CAC and net profit equal METRICS.md's reading (tests/helpers/metrics-oracle.ts) with the
// connected platforms' channels no longer counted twice. Then the faults a connection meets.

const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };
const NOW = Date.parse("2026-11-05T09:00:00Z");
const PERIODS: [string, string][] = [
  ["2026-07-01", "2026-07-31"],
  ["2026-06-15", "2026-09-14"],
  ["2026-10-26", "2026-11-01"],
  ["2025-11-01", "2026-11-01"],
];
const KEYS = ["ad_spend", "marketing_spend", "mer", "cac", "net_profit"] as const;

const period = (from: string, to: string): Period => ({ from: parseDay(from)!, to: parseDay(to)! });

interface Shop {
  domain: string;
  devstore: RunningDevstore;
  data: DevstoreData;
  clock: { now: number };
  slept: number[];
  clients: AdClientFactory;
  queued: { name: string; data: unknown }[];
}

/** A generated store served by its own devstore, copied and with Shopify's reports read. */
async function openShop(domain: string, seed: number): Promise<Shop> {
  const dir = path.resolve("tmp/test-stores");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ads-${seed}-${process.env.VITEST_POOL_ID ?? 0}.jsonl`);
  await writeStoreFixture(file, { orders: 500, seed, days: 400, ianaTimezone: "Europe/Berlin", currencyCode: "EUR", shopDomain: domain, products: 8 });
  const data = await loadFixture(file);
  const clock = { now: NOW };
  const slept: number[] = [];
  const devstore = await startDevstore({ store: new DevStore(data, () => clock.now), throttle: FAST, clock: () => clock.now });
  await connectDevstoreShop(db, sessionStorage, {
    shop: domain,
    adminOrigin: devstore.origin,
    accessToken: "devstore-token",
    ownerUserId: "1",
    now: new Date(NOW),
  });
  const client = createAdminClient({ shop: domain, accessToken: "devstore-token", adminOrigin: devstore.origin });
  await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  await refreshShopifyEngagements(db, client, domain, new Date(NOW));
  // The platforms' waits move the devstore's clock (a wait too short would be throttled again).
  const clients: AdClientFactory = (platform, origin) =>
    adPlatformClient(platform, devstoreEndpoints(origin!, platform), DEVSTORE_AD_APP, {
      now: () => clock.now,
      sleep: async (ms) => {
        slept.push(ms);
        clock.now += ms;
      },
      random: () => 0,
    });
  return { domain, devstore, data, clock, slept, clients, queued: [] };
}

/** The owner's browser: the Costs page's consent URL, the platform's redirect back, the callback. */
async function connect(shop: Shop, platform: AdPlatform) {
  const url = await connectUrl(db, shop.domain, platform, new Date(shop.clock.now), shop.clients);
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location")!);
  const queue = { enqueue: async (job: { name: string; data: unknown }) => (shop.queued.push(job), "job") };
  return { back, outcome: await handleCallback(db, queue, platform, back.searchParams, new Date(shop.clock.now), shop.clients) };
}

async function control(shop: Shop, action: string, body: unknown) {
  const response = await fetch(`${shop.devstore.origin}/devstore/control/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The app's figures of a period: money in currency units, unrounded. */
async function figures(shop: string, from: string, to: string): Promise<Record<string, number | null>> {
  const report = await periodReport(db, shop, period(from, to));
  const [[profit], [spend]] = await Promise.all([profitFiguresOf(db, shop, [report]), marketingSpendByPeriod(db, shop, [period(from, to)])]);
  const money = (value: unknown) => (typeof value === "bigint" ? Number(value) / 10_000 : (value as number | null));
  return {
    ad_spend: money(spend!.adSpend),
    marketing_spend: money(spend!.marketingSpend),
    mer: money(profit!.indicators.mer),
    cac: money(profit!.indicators.cac),
    net_profit: money(profit!.indicators.net_profit),
  };
}

function expectClose(actual: Record<string, number | null>, expected: Record<string, number | null>, where: string) {
  for (const key of KEYS) {
    const [got, want] = [actual[key], expected[key]];
    if (want === null || want === undefined) {
      expect(got, `${where} ${key}`).toBeNull();
      continue;
    }
    // Money within half of the app's unit (1/10,000) for each promotion's spread share, rounded to it;
    // MER is net sales over that spend, so within the same share of itself.
    expect(Math.abs((got as number) - want), `${where} ${key}: ${String(got)} vs ${want}`).toBeLessThanOrEqual(
      key === "mer" ? Math.abs(want) * 1e-7 : 3 * 0.00005 + 1e-9,
    );
  }
}

describe("ad spend from Shopify's reports and three connected platforms", () => {
  let shop: Shop;
  const promotionsLogged: NonNullable<OracleCostSettings["promotions"]>[number][] = [];
  const settings: OracleCostSettings = { promotions: promotionsLogged };

  beforeAll(async () => {
    await resetDatabase();
    shop = await openShop("ads-main.myshopify.com", 41);
    // Promotions: one whose UTM campaign a Meta and a TikTok campaign carry (linked once connected),
    // one no campaign has, one linked to a campaign by hand.
    const at = new Date(NOW);
    const promotions = [
      { title: "Black Friday", start: "2026-10-20", end: "2026-11-01", spend: 5_000_000n, utmCampaign: "BFCM" },
      { title: "Autumn mailing", start: "2026-09-01", end: "2026-10-15", spend: 1_200_000n, utmCampaign: "autumn-mail" },
      {
        title: "Creators",
        start: "2026-06-01",
        end: "2026-07-31",
        spend: 3_000_000n,
        utmCampaign: null,
        adPlatform: "tiktok",
        adCampaignId: "1790000000000001",
      },
    ];
    for (const promotion of promotions) {
      await db.promotion.create({
        data: {
          shop: shop.domain,
          type: "ad",
          createdBy: "1",
          createdAt: at,
          updatedAt: at,
          ...promotion,
          utmLower: promotion.utmCampaign?.toLowerCase() ?? null,
        },
      });
      promotionsLogged.push({
        start: promotion.start,
        end: promotion.end,
        spend: (Number(promotion.spend) / 10_000).toFixed(2),
        ...(promotion.utmCampaign ? { utmCampaign: promotion.utmCampaign } : {}),
        ...(promotion.adCampaignId ? { linked: "tiktok" as const } : {}),
      });
    }
  }, 180_000);
  afterAll(() => shop.devstore.close());

  const compareAll = async (label: string) => {
    for (const [from, to] of PERIODS) {
      expectClose(await figures(shop.domain, from, to), oracleCostIndicators(oracleStore(shop.data), from, to, settings), `${label} ${from}..${to}`);
    }
  };

  it("GIVEN nothing connected THEN ad spend is what the channels reported to Shopify (the app's own reports left out) and counts in marketing spend and net profit", async () => {
    const [spend] = await marketingSpendByPeriod(db, shop.domain, [period("2025-11-01", "2026-11-01")]);
    expect(spend!.adsCounted).toBe(true);
    expect(Object.keys(spend!.adSpendBySource)).toEqual(["shopify"]);
    expect(spend!.adSpend).toBeGreaterThan(0n);
    await compareAll("day one");
  });

  it("GIVEN a forged or replayed answer at the callback THEN nothing is connected and the owner is told; a real consent connects every account the platform serves", async () => {
    const forged = await handleCallback(
      db,
      { enqueue: async () => "job" },
      "meta",
      new URLSearchParams({ code: "x", state: "forged" }),
      new Date(NOW),
      shop.clients,
    );
    expect(forged).toMatchObject({ ok: false, shop: null });
    expect(await db.adConnection.count()).toBe(0);

    const { back, outcome } = await connect(shop, "meta");
    expect(outcome).toEqual({ ok: true, shop: shop.domain, accounts: 1, locale: null });
    expect(shop.queued).toEqual([{ name: JOB.adsRefresh, data: { shop: shop.domain } }]);
    const replayed = await handleCallback(db, { enqueue: async () => "job" }, "meta", back.searchParams, new Date(NOW), shop.clients);
    expect(replayed).toMatchObject({ ok: false });
    // The tokens are sealed at rest.
    const stored = await db.adConnection.findUniqueOrThrow({ where: { shop_platform: { shop: shop.domain, platform: "meta" } } });
    expect(stored.accessToken).toMatch(/^v2:/);
    for (const platform of ["google", "tiktok"] as const) expect((await connect(shop, platform)).outcome).toMatchObject({ ok: true });
    expect(
      (await db.adAccount.findMany({ where: { shop: shop.domain }, orderBy: { platform: "asc" } })).map((account) => [account.platform, account.currency]),
    ).toEqual([
      ["google", "USD"],
      ["meta", "EUR"],
      ["tiktok", "EUR"],
    ]);
  });

  it("GIVEN three platforms connected and backfilled, rates set for all but one month of USD THEN ad spend, marketing spend, MER, CAC and net profit equal the definition's, each channel counted once", async () => {
    const results = await refreshAdSpend(db, shop.domain, new Date(shop.clock.now), { clients: shop.clients });
    expect(results.map((result) => [result.platform, result.outcome])).toEqual(AD_PLATFORMS.map((platform) => [platform, "ok"]).sort());
    // Every campaign day of the store file is in the copy.
    expect(await db.adCampaignDay.count({ where: { shop: shop.domain } })).toBe(shop.data.adCampaignDays!.length);

    const months = [...new Set(shop.data.adCampaignDays!.filter((day) => day.accountCurrency === "USD").map((day) => day.date.slice(0, 7)))].sort();
    const rates = months.slice(1).map((month, index) => ({ currency: "USD", month, rate: `0.9${index % 10}12` }));
    for (const rate of rates) {
      const saved = await runCli(["ads", "rate", "--shop", shop.domain, "--currency", rate.currency, "--month", rate.month, "--rate", rate.rate]);
      expect(saved.code, saved.stderr).toBe(0);
    }
    settings.connectedPlatforms = [...AD_PLATFORMS];
    settings.currencyRates = rates;
    await compareAll("connected");
    const view = await adsView(db, shop.domain);
    expect(view.missingRates).toEqual([{ currency: "USD", month: months[0] }]);
    expect(view.shopifyReports.channels.filter((channel) => !channel.counted).map((channel) => channel.client)).toEqual([
      "Facebook & Instagram",
      "Google & YouTube",
    ]);
  });

  it("GIVEN a week's connected campaigns THEN their spend adds up to the platforms' ad spend, each brings the orders of its UTM campaign, the one linked by hand names its promotion, and the rest is spend no one logged", async () => {
    const week = period("2026-07-06", "2026-07-12");
    const [{ campaigns, unexplained }, [spend]] = await Promise.all([campaignsOver(db, shop.domain, week), marketingSpendByPeriod(db, shop.domain, [week])]);
    const platforms = (["meta", "google", "tiktok"] as const).reduce((sum, platform) => sum + (spend!.adSpendBySource[platform] ?? 0n), 0n);
    expect(campaigns.every((campaign) => campaign.spend !== null)).toBe(true);
    expect(campaigns.reduce((sum, campaign) => sum + campaign.spend!, 0n)).toBe(platforms);
    // The orders of the week whose last visit carried each campaign's utm_campaign, in any case, as the store file has them.
    type Visit = { customerJourneySummary?: { lastVisit?: { utmParameters?: { campaign?: string | null } | null } | null } | null };
    const inWeek = (shop.data.orders as unknown as (Visit & { processedAt: string; test: boolean })[]).filter((order) => {
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(order.processedAt));
      return !order.test && day >= "2026-07-06" && day <= "2026-07-12";
    });
    for (const campaign of campaigns) {
      const utm = campaign.utmCampaign?.toLowerCase();
      const expected = utm ? inWeek.filter((order) => order.customerJourneySummary?.lastVisit?.utmParameters?.campaign?.toLowerCase() === utm).length : 0;
      expect(campaign.attributedOrders, campaign.name).toBe(expected);
    }
    expect(campaigns.some((campaign) => campaign.attributedOrders > 0)).toBe(true);
    expect(campaigns.find((campaign) => campaign.campaignId === "1790000000000001")?.promotion?.title).toBe("Creators");
    const unlogged = campaigns.filter((campaign) => campaign.promotion === null);
    expect(unexplained.reduce((sum, row) => sum + row.spend, 0n)).toBe(unlogged.reduce((sum, campaign) => sum + campaign.spend!, 0n));
    expect(new Set(unexplained.map((row) => row.platform))).toEqual(
      new Set(unlogged.filter((campaign) => campaign.spend! > 0n).map((campaign) => campaign.platform)),
    );

    // The week's review offers to track a campaign no one logged: the promotion form opens with its name, dates and UTM campaign.
    const view = weekView(await weekFacts(db, shop.domain, week.from, week.to + 1), localizer("en"));
    const retargeting = view.campaigns.find((campaign) => campaign.name === "Retargeting – always on")!;
    expect(retargeting.promotion).toBeNull();
    const days = shop.data.adCampaignDays!.filter((day) => day.campaignName === "Retargeting – always on").map((day) => day.date);
    expect(prefilledValues(new URL(retargeting.trackHref!, "https://app.test").searchParams)).toEqual({
      title: "Retargeting – always on",
      type: "ad",
      start: days.reduce((min, day) => (day < min ? day : min)),
      end: days.reduce((max, day) => (day > max ? day : max)),
      utmCampaign: "retargeting",
    });
    expect(view.campaigns.find((campaign) => campaign.name === "Spark ads – creators")).toMatchObject({ promotion: "Creators", trackHref: null });

    // A campaign without a UTM campaign is tracked by linking it by hand: the form carries the campaign,
    // the promotion logged from it spends the campaign's days, and a campaign no platform reports is refused.
    const brand = view.campaigns.find((campaign) => campaign.name === "Brand video – awareness")!;
    const values = prefilledValues(new URL(brand.trackHref!, "https://app.test").searchParams)!;
    expect(values.adCampaign).toBe("meta|act_1029384756|120210000000000006");
    const actor = systemActor(shop.domain);
    const forged = parsePromotion({ ...values, adCampaign: "meta|act_1029384756|999" });
    expect(forged.ok && (await referenceErrors(db, actor, forged.value))).toEqual({ adCampaign: expect.any(String) });
    const parsed = parsePromotion({ ...values, spend: "999" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(await referenceErrors(db, actor, parsed.value)).toEqual({});
    const { id } = (await createPromotions(db, actor, [parsed.value], new Date(NOW)))[0]!;
    const stored = await db.promotion.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ adPlatform: "meta", adAccountId: "act_1029384756", adCampaignId: "120210000000000006" });
    const brandDays = shop.data.adCampaignDays!.filter((day) => day.campaignId === "120210000000000006" && day.date >= stored.start && day.date <= stored.end);
    expect((await promotionSpends(db, shop.domain, [stored])).get(id)).toBe(brandDays.reduce((sum, day) => sum + parseMoney(day.spend), 0n));
    promotionsLogged.push({ start: stored.start, end: stored.end, spend: "999", linked: "meta" });

    // The dashboard of the same days: ad spend by source as the definition's parts, and the campaigns with the most spend first.
    const dashboard = await dashboardView(
      db,
      shop.domain,
      new URLSearchParams({ period: "custom", from: "2026-07-06", to: "2026-07-12" }),
      new Date(NOW),
      undefined,
      localizer("en"),
    );
    if (dashboard.state !== "ready") throw new Error(`dashboard ${dashboard.state}`);
    const money = (value: bigint) => formatValue("money", exactAmount(value), "EUR", "en");
    expect(dashboard.adSpend!.bySource).toEqual(
      Object.entries(spend!.adSpendBySource).map(([source, amount]) => ({ source, label: expect.any(String), display: money(amount) })),
    );
    expect(dashboard.adSpend!.campaigns.map((campaign) => campaign.name)).toEqual(campaigns.slice(0, 8).map((campaign) => campaign.name));
    expect(dashboard.adSpend!.campaigns[0]!.spend).toBe(money(campaigns[0]!.spend!));
  });

  it("GIVEN a day the platform restated WHEN the hourly refresh runs THEN it reads the last 7 days again and the figures follow", async () => {
    const last = shop.data.adCampaignDays!.filter((day) => day.platform === "meta").at(-1)!;
    await control(shop, "ads/restate", { platform: "meta", accountId: last.accountId, campaignId: last.campaignId, date: last.date, spend: "123.45" });
    last.spend = "123.45";
    shop.clock.now += 3600_000;
    await refreshAdSpend(db, shop.domain, new Date(shop.clock.now), { clients: shop.clients });
    const stored = await db.adCampaignDay.findUniqueOrThrow({
      where: {
        shop_platform_accountId_campaignId_date: {
          shop: shop.domain,
          platform: "meta",
          accountId: last.accountId,
          campaignId: last.campaignId,
          date: last.date,
        },
      },
    });
    expect(stored.spend).toBe(1_234_500n);
    await compareAll("restated");
  });

  it("GIVEN Google throttling and its hour-long token expired WHEN the refresh runs THEN it waits the retryDelay, renews the token and reads on", async () => {
    shop.clock.now += 2 * 3600_000;
    const before = await db.adConnection.findUniqueOrThrow({ where: { shop_platform: { shop: shop.domain, platform: "google" } } });
    await control(shop, "ads/fail-next", { platform: "google", failure: "rate_limited", calls: 1 });
    shop.slept.length = 0;
    const results = await refreshAdSpend(db, shop.domain, new Date(shop.clock.now), { clients: shop.clients, platforms: ["google"] });
    expect(results).toMatchObject([{ platform: "google", outcome: "ok" }]);
    expect(shop.slept.length).toBeGreaterThan(0);
    const after = await db.adConnection.findUniqueOrThrow({ where: { shop_platform: { shop: shop.domain, platform: "google" } } });
    expect(after.expiresAt!.getTime()).toBeGreaterThan(before.expiresAt!.getTime());
    expect(after.accessToken).not.toBe(before.accessToken);
  });

  it("GIVEN TikTok down and Meta's access revoked WHEN the refresh runs THEN Meta asks to reconnect, TikTok says since when it is missing, Google goes on, and the figures keep what was read", async () => {
    await control(shop, "ads/revoke-tokens", { platform: "meta" });
    // Down for as many calls as the client tries (5) before giving up until the next refresh.
    await control(shop, "ads/fail-next", { platform: "tiktok", failure: "down", calls: 5 });
    shop.clock.now += 3600_000;
    const at = new Date(shop.clock.now);
    const results = await refreshAdSpend(db, shop.domain, at, { clients: shop.clients });
    expect(results.map((result) => [result.platform, result.outcome])).toEqual([
      ["google", "ok"],
      ["meta", "reconnect"],
      ["tiktok", "unavailable"],
    ]);
    const view = await adsView(db, shop.domain);
    const state = (platform: AdPlatform) => view.platforms.find((candidate) => candidate.platform === platform)!.connection!;
    expect(state("meta")).toMatchObject({ state: "reconnect", lastError: expect.any(String) });
    expect(state("tiktok")).toMatchObject({ state: "active", failingSince: at.toISOString(), lastError: expect.any(String) });
    expect(state("google")).toMatchObject({ state: "active", failingSince: null });
    // What was read still counts: the figures are the definition's over the same days.
    await compareAll("after faults");
    // The platform back: the next refresh clears "since when".
    shop.clock.now += 3600_000;
    await refreshAdSpend(db, shop.domain, new Date(shop.clock.now), { clients: shop.clients, platforms: ["tiktok"] });
    expect((await adsView(db, shop.domain)).platforms.find((candidate) => candidate.platform === "tiktok")!.connection!.failingSince).toBeNull();
  });

  it("GIVEN a spreadsheet of daily spend for a channel nothing connects WHEN it has a wrong currency, a day out of range or a campaign no promotion has THEN nothing is stored and each line says why; a good one counts in ad spend and is its promotion's spend", async () => {
    const dir = path.resolve("tmp/test-stores");
    const bad = path.join(dir, `spend-bad-${process.env.VITEST_POOL_ID ?? 0}.csv`);
    writeFileSync(
      bad,
      [
        "date,channel,campaign,spend,currency",
        "2026-09-05,Print,autumn-mail,120.00,USD",
        "2019-01-01,Print,autumn-mail,10,EUR",
        "2026-09-06,Podcast,no-such-campaign,5,EUR",
        "2026-09-07,Print,Autumn mailing,30,EUR",
      ].join("\n"),
    );
    const refused = await runCli(["ads", "import", "--shop", shop.domain, bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2: .*USD/);
    expect(refused.stderr).toMatch(/line 3: .*2019-01-01/);
    expect(refused.stderr).toMatch(/line 4: .*no-such-campaign/);
    expect(refused.stderr).not.toMatch(/line 5/);
    expect(await db.importedAdSpend.count()).toBe(0);

    const good = path.join(dir, `spend-good-${process.env.VITEST_POOL_ID ?? 0}.csv`);
    const days = [
      { date: "2026-09-05", channel: "Print", campaign: "AUTUMN-MAIL", spend: "120.00" },
      { date: "2026-09-06", channel: "Print", campaign: "Autumn mailing", spend: "80.5" },
      { date: "2026-09-06", channel: "Influencers", campaign: "autumn-mail", spend: "300" },
    ];
    writeFileSync(
      good,
      ["campaign,date,spend,currency,channel", ...days.map((day) => `${day.campaign},${day.date},${day.spend},eur,${day.channel}`)].join("\n"),
    );
    const imported = await runCli(["ads", "import", "--shop", shop.domain, good]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(await db.importedAdSpend.count({ where: { shop: shop.domain } })).toBe(3);
    settings.importedSpend = days.map((day) => ({ date: day.date, spend: day.spend, promotion: 1 }));
    await compareAll("imported");
    // Imported again, a day is replaced, not added.
    const again = await runCli(["ads", "import", "--shop", shop.domain, good]);
    expect(again.code, again.stderr).toBe(0);
    await compareAll("imported twice");

    // Each linked promotion's spend is its campaign's (or its imported days), never what was typed on it.
    const listed = await runCli(["promotions", "list", "--shop", shop.domain, "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const spendOf = (title: string) =>
      (JSON.parse(listed.stdout) as { promotions: { title: string; spend: number }[] }).promotions.find((row) => row.title === title)!.spend;
    const campaignDays = (keep: (day: NonNullable<DevstoreData["adCampaignDays"]>[number]) => boolean, from: string, to: string) =>
      Number(shop.data.adCampaignDays!.filter((day) => keep(day) && day.date >= from && day.date <= to).reduce((sum, day) => sum + parseMoney(day.spend), 0n)) /
      10_000;
    expect(spendOf("Creators")).toBeCloseTo(
      campaignDays((day) => day.platform === "tiktok" && day.campaignId === "1790000000000001", "2026-06-01", "2026-07-31"),
      2,
    );
    expect(spendOf("Autumn mailing")).toBe(500.5);
    expect(spendOf("Black Friday")).toBeCloseTo(
      campaignDays((day) => day.utmCampaign === "bfcm", "2026-10-20", "2026-11-01"),
      2,
    );
  });

  it("GIVEN a second shop with its own devstore and the same platforms THEN each shop's accounts and days are its own", async () => {
    const other = await openShop("ads-other.myshopify.com", 42);
    try {
      expect((await connect(other, "meta")).outcome).toMatchObject({ ok: true, shop: other.domain });
      await refreshAdSpend(db, other.domain, new Date(other.clock.now), { clients: other.clients });
      const sum = async (domain: string) =>
        (await db.adCampaignDay.aggregate({ where: { shop: domain, platform: "meta" }, _sum: { spend: true } }))._sum.spend ?? 0n;
      const expected = (data: DevstoreData) =>
        data.adCampaignDays!.filter((day) => day.platform === "meta").reduce((total, day) => total + parseMoney(day.spend), 0n);
      expect(await sum(other.domain)).toBe(expected(other.data));
      expect(await sum(shop.domain)).toBe(expected(shop.data));
      expect(await db.adConnection.count({ where: { shop: other.domain } })).toBe(1);
    } finally {
      await other.devstore.close();
    }
  });
});
