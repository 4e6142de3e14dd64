import { afterEach, describe, expect, it } from "vitest";
import { DevStore, startDevstore, type DevstoreOptions, type FixtureAdCampaignDay, type RunningDevstore } from "@throughline/devstore";
import { adPlatformClient, devstoreEndpoints, type AdClientOptions } from "~/ads/platforms/index.server";
import {
  AdAccessTokenExpired,
  AdPlatformUnavailable,
  AdReconnectNeeded,
  AdRequestRefused,
  type AdAccountInfo,
  type AdPlatform,
  type AdPlatformClient,
  type AdTokens,
} from "~/ads/platforms/types";

// Each platform's client against a real devstore serving that platform: the OAuth round trip as the
// owner's browser makes it, accounts, campaign days across pages, rate limits waited out (the
// injected sleep moves the devstore's clock, so a wait too short would fail), expired and revoked
// tokens, a platform down, and a restated day read again.

type Account = Pick<FixtureAdCampaignDay, "platform" | "accountId" | "accountName" | "accountCurrency" | "accountTimezone">;
const META_EU: Account = { platform: "meta", accountId: "act_1001", accountName: "Meta EU", accountCurrency: "EUR", accountTimezone: "Europe/Berlin" };
const META_US: Account = { platform: "meta", accountId: "act_1002", accountName: "Meta US", accountCurrency: "USD", accountTimezone: "America/Los_Angeles" };
const GOOGLE_JP: Account = { platform: "google", accountId: "1234567890", accountName: "Google JP", accountCurrency: "JPY", accountTimezone: "Asia/Tokyo" };
const GOOGLE_US: Account = {
  platform: "google",
  accountId: "2223334444",
  accountName: "Google US",
  accountCurrency: "USD",
  accountTimezone: "America/Los_Angeles",
};
const TIKTOK_EU: Account = {
  platform: "tiktok",
  accountId: "7000000000001",
  accountName: "TikTok EU",
  accountCurrency: "EUR",
  accountTimezone: "Europe/Paris",
};
const TIKTOK_US: Account = {
  platform: "tiktok",
  accountId: "7000000000002",
  accountName: "TikTok US",
  accountCurrency: "USD",
  accountTimezone: "America/Los_Angeles",
};

const day = (
  account: Account,
  campaignId: string,
  campaignName: string,
  utmCampaign: string | null,
  date: string,
  spend: string,
  impressions: number,
  clicks: number,
) => ({ __typename: "AdCampaignDay", ...account, campaignId, campaignName, utmCampaign, date, spend, impressions, clicks }) satisfies FixtureAdCampaignDay;

const DAYS: FixtureAdCampaignDay[] = [
  day(META_EU, "2001", "Spring", "spring-sale", "2026-03-01", "12.34", 1000, 30),
  day(META_EU, "2002", "Retarget", null, "2026-03-01", "5", 200, 4),
  day(META_EU, "2001", "Spring", "spring-sale", "2026-03-02", "7.10", 800, 21),
  day(META_EU, "2002", "Retarget", null, "2026-03-02", "0.99", 90, 1),
  day(META_EU, "2001", "Spring", "spring-sale", "2026-03-03", "20.00", 1500, 40),
  day(META_US, "2003", "West coast", "west", "2026-03-02", "99.95", 5000, 120),
  day(GOOGLE_JP, "3001", "Search", "search jp", "2026-03-01", "1234", 400, 12),
  day(GOOGLE_JP, "3002", "PMax", null, "2026-03-01", "0", 0, 0),
  day(GOOGLE_JP, "3001", "Search", "search jp", "2026-03-02", "987.654321", 350, 9),
  day(GOOGLE_JP, "3001", "Search", "search jp", "2026-03-03", "15", 20, 1),
  day(GOOGLE_US, "3003", "US search", "us", "2026-03-02", "44.10", 900, 33),
  day(TIKTOK_EU, "4001", "Launch", "tt-launch", "2026-01-05", "9.37", 1000, 20),
  day(TIKTOK_EU, "4002", "Always on", null, "2026-01-05", "3.00", 300, 2),
  day(TIKTOK_EU, "4001", "Launch", "tt-launch", "2026-02-20", "11.50", 1200, 25),
  day(TIKTOK_EU, "4002", "Always on", null, "2026-02-21", "2.25", 150, 1),
  day(TIKTOK_EU, "4001", "Launch", "tt-launch", "2026-02-22", "8", 700, 9),
  day(TIKTOK_US, "4003", "Night owls", "owls", "2026-02-22", "1.05", 80, 2),
];

const APP = { clientId: "throughline-devstore", clientSecret: "devstore-ad-secret" };
const REDIRECT = "https://throughline.test/ads/callback";
const START = Date.parse("2026-03-10T12:00:00Z");

describe("the ad platforms' clients against the devstore", () => {
  let devstore: RunningDevstore | undefined;
  let now = START;
  let slept: number[] = [];
  afterEach(async () => {
    await devstore?.close();
    devstore = undefined;
  });

  /** A devstore on the test's clock, and a client whose sleep moves that clock. */
  const setUp = async (platform: AdPlatform, devstoreOptions: Partial<DevstoreOptions> = {}, clientOptions: AdClientOptions = {}) => {
    now = START;
    slept = [];
    const store = new DevStore({
      shop: { __typename: "Shop", myshopifyDomain: "ads.myshopify.com", name: "Ads", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" },
      products: [],
      customers: [],
      orders: [],
      adCampaignDays: DAYS.map((line) => ({ ...line })),
    });
    devstore = await startDevstore({ store, clock: () => now, ...devstoreOptions });
    const client = adPlatformClient(platform, devstoreEndpoints(devstore.origin, platform), APP, {
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
      random: () => 0,
      ...clientOptions,
    });
    return client;
  };

  /** The owner's browser: opens the consent URL, is redirected back with the code and the state. */
  const consent = async (client: AdPlatformClient, state = "state-ü 1") => {
    const response = await fetch(client.authorizeUrl({ redirectUri: REDIRECT, state }), { redirect: "manual" });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get("state")).toBe(state);
    return back.searchParams.get(client.platform === "tiktok" ? "auth_code" : "code")!;
  };
  const connect = async (client: AdPlatformClient) => client.exchangeCode({ code: await consent(client), redirectUri: REDIRECT });
  const control = async (action: string, body: unknown) => {
    const response = await fetch(`${devstore!.origin}/devstore/control/${action}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  };
  const account = (accounts: AdAccountInfo[], currency: string) => accounts.find((candidate) => candidate.currency === currency)!;

  describe("Meta", () => {
    it("GIVEN the owner's consent WHEN the code is exchanged THEN the client holds a 60-day token and lists the ad accounts with their currencies and time zones; the same code again is refused", async () => {
      const client = await setUp("meta");
      const code = await consent(client);
      const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT });
      expect(tokens).toEqual({ accessToken: expect.any(String), refreshToken: null, expiresAt: new Date(START + 5_183_944_000) });
      await expect(client.exchangeCode({ code, redirectUri: REDIRECT })).rejects.toThrow(AdRequestRefused);
      expect(await client.listAccounts(tokens)).toEqual([
        { id: "act_1001", name: "Meta EU", currency: "EUR", timeZone: "Europe/Berlin" },
        { id: "act_1002", name: "Meta US", currency: "USD", timeZone: "America/Los_Angeles" },
      ]);
    });

    it("GIVEN an account's days over more pages than one WHEN read THEN every delivered day comes once with its spend as text and the utm_campaign of its ads' URL tags", async () => {
      const client = await setUp("meta", {}, { pageSize: 2 });
      const tokens = await connect(client);
      const accounts = await client.listAccounts(tokens);
      expect(await client.campaignDays(tokens, account(accounts, "EUR"), "2026-03-01", "2026-03-03")).toEqual([
        { campaignId: "2001", campaignName: "Spring", utmCampaign: "spring-sale", date: "2026-03-01", spend: "12.34", impressions: 1000, clicks: 30 },
        { campaignId: "2002", campaignName: "Retarget", utmCampaign: null, date: "2026-03-01", spend: "5", impressions: 200, clicks: 4 },
        { campaignId: "2001", campaignName: "Spring", utmCampaign: "spring-sale", date: "2026-03-02", spend: "7.10", impressions: 800, clicks: 21 },
        { campaignId: "2002", campaignName: "Retarget", utmCampaign: null, date: "2026-03-02", spend: "0.99", impressions: 90, clicks: 1 },
        { campaignId: "2001", campaignName: "Spring", utmCampaign: "spring-sale", date: "2026-03-03", spend: "20.00", impressions: 1500, clicks: 40 },
      ]);
      expect(await client.campaignDays(tokens, account(accounts, "USD"), "2026-03-01", "2026-03-01")).toEqual([]);
    });

    it("GIVEN an ad account near its rate limit WHEN the pages go on THEN the client pauses as long as the usage headers say it takes to reset, and is never throttled", async () => {
      const client = await setUp("meta", { adRateLimits: { meta: { maxScore: 3, decaySeconds: 60, blockSeconds: 300 } } }, { pageSize: 1 });
      const tokens = await connect(client);
      const days = await client.campaignDays(
        tokens,
        { id: "act_1001", name: "Meta EU", currency: "EUR", timeZone: "Europe/Berlin" },
        "2026-03-01",
        "2026-03-03",
      );
      expect(days).toHaveLength(5);
      // Seven calls (five pages of insights, two of ads): every third fills the score (100%), whose
      // usage resets in 60 s, waited before the fourth and the seventh.
      expect(slept).toEqual([60_000, 60_000]);
    });

    it("GIVEN Meta throttling the account (80000) WHEN campaign days are read THEN the client waits estimated_time_to_regain_access and gets them", async () => {
      const client = await setUp("meta", { adRateLimits: { meta: { maxScore: 9000, decaySeconds: 300, blockSeconds: 120 } } });
      const tokens = await connect(client);
      await control("ads/fail-next", { platform: "meta", failure: "rate_limited", calls: 1 });
      const days = await client.campaignDays(
        tokens,
        { id: "act_1002", name: "Meta US", currency: "USD", timeZone: "America/Los_Angeles" },
        "2026-03-01",
        "2026-03-03",
      );
      expect(days.map((row) => [row.date, row.spend, row.utmCampaign])).toEqual([["2026-03-02", "99.95", "west"]]);
      expect(slept).toEqual([120_000]);
    });

    it("GIVEN a token WHEN renewed before it expires THEN it lives 60 more days; once expired, or after the owner removes the app, the client says the owner must reconnect", async () => {
      const client = await setUp("meta");
      const tokens = await connect(client);
      now += 30 * 86_400_000;
      const renewed = await client.renew(tokens);
      expect(renewed.expiresAt).toEqual(new Date(now + 5_183_944_000));
      now += 31 * 86_400_000;
      await expect(client.listAccounts(tokens)).rejects.toThrow(AdReconnectNeeded);
      await expect(client.renew(tokens)).rejects.toThrow(AdReconnectNeeded);
      expect(await client.listAccounts(renewed)).toHaveLength(2);
      await control("ads/revoke-tokens", { platform: "meta" });
      await expect(client.listAccounts(renewed)).rejects.toThrow(AdReconnectNeeded);
    });

    it("GIVEN Meta down for longer than the attempts WHEN accounts are listed THEN the client backs off exponentially and says Meta is unavailable; a restated day is read with its new spend", async () => {
      const client = await setUp("meta", {}, { maxAttempts: 3 });
      const tokens = await connect(client);
      await control("ads/fail-next", { platform: "meta", failure: "down", calls: 3 });
      await expect(client.listAccounts(tokens)).rejects.toThrow(AdPlatformUnavailable);
      expect(slept).toEqual([1000, 2000]);
      await control("ads/restate", { platform: "meta", accountId: "act_1001", campaignId: "2002", date: "2026-03-02", spend: "1.49" });
      const days = await client.campaignDays(
        tokens,
        { id: "act_1001", name: "Meta EU", currency: "EUR", timeZone: "Europe/Berlin" },
        "2026-03-02",
        "2026-03-02",
      );
      expect(days.map((row) => [row.campaignId, row.spend])).toEqual([
        ["2001", "7.10"],
        ["2002", "1.49"],
      ]);
    });
  });

  describe("Google Ads", () => {
    it("GIVEN the owner's consent WHEN the code is exchanged THEN the client holds an hour's access token and a refresh token and lists the accounts; the same code again is refused", async () => {
      const client = await setUp("google");
      const code = await consent(client);
      const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT });
      expect(tokens).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresAt: new Date(START + 3_599_000) });
      await expect(client.exchangeCode({ code, redirectUri: REDIRECT })).rejects.toThrow(AdRequestRefused);
      expect(await client.listAccounts(tokens)).toEqual([
        { id: "1234567890", name: "Google JP", currency: "JPY", timeZone: "Asia/Tokyo" },
        { id: "2223334444", name: "Google US", currency: "USD", timeZone: "America/Los_Angeles" },
      ]);
    });

    it("GIVEN days streamed in several batches WHEN read THEN each day's cost is its micros as exact decimal text, the utm_campaign comes from the final URL suffix and a day without any spend is left out", async () => {
      const client = await setUp("google", { googleAdsRowsPerPage: 1 });
      const tokens = await connect(client);
      const jp = account(await client.listAccounts(tokens), "JPY");
      expect(await client.campaignDays(tokens, jp, "2026-03-01", "2026-03-03")).toEqual([
        { campaignId: "3001", campaignName: "Search", utmCampaign: "search jp", date: "2026-03-01", spend: "1234", impressions: 400, clicks: 12 },
        { campaignId: "3001", campaignName: "Search", utmCampaign: "search jp", date: "2026-03-02", spend: "987.654321", impressions: 350, clicks: 9 },
        { campaignId: "3001", campaignName: "Search", utmCampaign: "search jp", date: "2026-03-03", spend: "15", impressions: 20, clicks: 1 },
      ]);
    });

    it("GIVEN an access token an hour old WHEN days are read THEN the client says to renew; renewed with the refresh token, the same call works; once revoked, renewal says to reconnect", async () => {
      const client = await setUp("google");
      const tokens = await connect(client);
      const us: AdAccountInfo = { id: "2223334444", name: "Google US", currency: "USD", timeZone: "America/Los_Angeles" };
      now += 3_600_000;
      await expect(client.campaignDays(tokens, us, "2026-03-02", "2026-03-02")).rejects.toThrow(AdAccessTokenExpired);
      const renewed = await client.renew(tokens);
      expect(renewed).toEqual({ accessToken: expect.any(String), refreshToken: tokens.refreshToken, expiresAt: new Date(now + 3_599_000) });
      expect((await client.campaignDays(renewed, us, "2026-03-02", "2026-03-02")).map((row) => row.spend)).toEqual(["44.1"]);
      await control("ads/revoke-tokens", { platform: "google" });
      await expect(client.campaignDays(renewed, us, "2026-03-02", "2026-03-02")).rejects.toThrow(AdAccessTokenExpired);
      await expect(client.renew(renewed)).rejects.toThrow(AdReconnectNeeded);
      await expect(client.renew({ ...renewed, refreshToken: null } satisfies AdTokens)).rejects.toThrow(AdReconnectNeeded);
    });

    it("GIVEN a customer's bucket drained WHEN days are read THEN the client waits the retryDelay Google gives and gets them; Google down through every attempt is unavailable", async () => {
      const client = await setUp("google", { adRateLimits: { google: { burst: 1, perSecond: 0.25 } } }, { maxAttempts: 2 });
      const tokens = await connect(client);
      const jp = account(await client.listAccounts(tokens), "JPY");
      expect(slept).toEqual([]);
      expect(await client.campaignDays(tokens, jp, "2026-03-03", "2026-03-03")).toHaveLength(1);
      expect(slept).toEqual([4000]);
      await control("ads/fail-next", { platform: "google", failure: "down", calls: 2 });
      now += 10_000;
      await expect(client.campaignDays(tokens, jp, "2026-03-03", "2026-03-03")).rejects.toThrow(AdPlatformUnavailable);
    });

    it("GIVEN a restated day WHEN read again THEN its new cost comes back", async () => {
      const client = await setUp("google");
      const tokens = await connect(client);
      const jp: AdAccountInfo = { id: "1234567890", name: "Google JP", currency: "JPY", timeZone: "Asia/Tokyo" };
      await control("ads/restate", { platform: "google", accountId: "1234567890", campaignId: "3001", date: "2026-03-03", spend: "16.000001" });
      expect((await client.campaignDays(tokens, jp, "2026-03-03", "2026-03-03")).map((row) => row.spend)).toEqual(["16.000001"]);
    });
  });

  describe("TikTok", () => {
    it("GIVEN the advertiser's authorization WHEN the auth_code is exchanged THEN the token never expires, renewal keeps it, and the advertisers come with their currencies and time zones; the same code again is refused", async () => {
      const client = await setUp("tiktok");
      const code = await consent(client);
      const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT });
      expect(tokens).toEqual({ accessToken: expect.any(String), refreshToken: null, expiresAt: null });
      expect(await client.renew(tokens)).toEqual(tokens);
      await expect(client.exchangeCode({ code, redirectUri: REDIRECT })).rejects.toThrow(AdRequestRefused);
      expect(await client.listAccounts(tokens)).toEqual([
        { id: "7000000000001", name: "TikTok EU", currency: "EUR", timeZone: "Europe/Paris" },
        { id: "7000000000002", name: "TikTok US", currency: "USD", timeZone: "America/Los_Angeles" },
      ]);
    });

    it("GIVEN two months of days WHEN read one row a page THEN the client asks 30 days at a time and every day comes once with its ads' utm_campaign", async () => {
      const client = await setUp("tiktok", {}, { pageSize: 1 });
      const tokens = await connect(client);
      const eu = account(await client.listAccounts(tokens), "EUR");
      expect(await client.campaignDays(tokens, eu, "2026-01-01", "2026-02-28")).toEqual([
        { campaignId: "4001", campaignName: "Launch", utmCampaign: "tt-launch", date: "2026-01-05", spend: "9.37", impressions: 1000, clicks: 20 },
        { campaignId: "4002", campaignName: "Always on", utmCampaign: null, date: "2026-01-05", spend: "3.00", impressions: 300, clicks: 2 },
        { campaignId: "4001", campaignName: "Launch", utmCampaign: "tt-launch", date: "2026-02-20", spend: "11.50", impressions: 1200, clicks: 25 },
        { campaignId: "4002", campaignName: "Always on", utmCampaign: null, date: "2026-02-21", spend: "2.25", impressions: 150, clicks: 1 },
        { campaignId: "4001", campaignName: "Launch", utmCampaign: "tt-launch", date: "2026-02-22", spend: "8", impressions: 700, clicks: 9 },
      ]);
    });

    it("GIVEN an app allowed one request a second WHEN calls follow each other THEN the client backs off on 40100 and goes on; a revoked token says to reconnect and TikTok down is unavailable", async () => {
      const client = await setUp("tiktok", { adRateLimits: { tiktok: { qps: 1 } } }, { maxAttempts: 3 });
      const tokens = await connect(client);
      expect(await client.listAccounts(tokens)).toHaveLength(2);
      expect(slept).toEqual([1000]);
      await control("ads/restate", { platform: "tiktok", accountId: "7000000000002", campaignId: "4003", date: "2026-02-22", spend: "1.10" });
      now += 1000;
      const us: AdAccountInfo = { id: "7000000000002", name: "TikTok US", currency: "USD", timeZone: "America/Los_Angeles" };
      expect((await client.campaignDays(tokens, us, "2026-02-22", "2026-02-22")).map((row) => [row.spend, row.utmCampaign])).toEqual([["1.10", "owls"]]);
      now += 1000;
      await control("ads/fail-next", { platform: "tiktok", failure: "down", calls: 3 });
      await expect(client.listAccounts(tokens)).rejects.toThrow(AdPlatformUnavailable);
      now += 1000;
      await control("ads/revoke-tokens", { platform: "tiktok" });
      await expect(client.listAccounts(tokens)).rejects.toThrow(AdReconnectNeeded);
    });
  });

  it("GIVEN a report range that isn't two ordered calendar dates WHEN asked THEN every client refuses it before calling the platform", async () => {
    for (const platform of ["meta", "google", "tiktok"] as const) {
      const client = await setUp(platform);
      const tokens: AdTokens = { accessToken: "unused", refreshToken: null, expiresAt: null };
      const someAccount: AdAccountInfo = { id: "1", name: "x", currency: "EUR", timeZone: "UTC" };
      await expect(client.campaignDays(tokens, someAccount, "2026-03-02", "2026-03-01")).rejects.toThrow(RangeError);
      await expect(client.campaignDays(tokens, someAccount, "2026-02-30", "2026-03-01")).rejects.toThrow(RangeError);
      await devstore!.close();
      devstore = undefined;
    }
  });
});
