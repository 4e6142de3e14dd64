import { describe, expect, it } from "vitest";
import { consent, control, DEVSTORE_APP, platformsDevstore, START } from "./ad-platforms-store";

// TikTok's API for Business under /ads/tiktok: the advertiser authorization, the token exchange,
// advertisers, the daily campaign report and ads, every answer HTTP 200 with TikTok's envelope.

const APP = DEVSTORE_APP;
const REDIRECT = "https://app.example/ads/tiktok/callback";
const ADVERTISER = "7000000000001";

describe("the devstore's TikTok", () => {
  const fake = platformsDevstore();
  const start = fake.start;
  const authorize = (params: Record<string, string> = {}) =>
    consent(`${fake.devstore.origin}/ads/tiktok/portal/auth?${new URLSearchParams({ app_id: APP.clientId, state: "t&1", redirect_uri: REDIRECT, ...params })}`);
  const exchange = async (body: Record<string, unknown>) => {
    const response = await fetch(`${fake.devstore.origin}/ads/tiktok/open_api/v1.3/oauth2/access_token/`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ app_id: APP.clientId, secret: APP.clientSecret, ...body }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as any;
  };
  const connect = async () => (await exchange({ auth_code: (await authorize()).location!.searchParams.get("auth_code") })).data.access_token as string;
  const get = async (path: string, params: Record<string, unknown>, token: string | null) => {
    const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
    const response = await fetch(`${fake.devstore.origin}/ads/tiktok/open_api/v1.3${path}?${query}`, token ? { headers: { "Access-Token": token } } : {});
    expect(response.status).toBe(200);
    return (await response.json()) as any;
  };
  const report = (token: string, params: Record<string, unknown> = {}) =>
    get(
      "/report/integrated/get/",
      {
        advertiser_id: ADVERTISER,
        report_type: "BASIC",
        data_level: "AUCTION_CAMPAIGN",
        dimensions: ["campaign_id", "stat_time_day"],
        metrics: ["spend", "impressions", "clicks", "campaign_name"],
        start_date: "2026-02-20",
        end_date: "2026-02-22",
        page_size: "1000",
        ...params,
      },
      token,
    );

  it("GIVEN the registered app WHEN the advertiser authorizes it THEN it redirects with auth_code and the state unchanged; the code gives a token once, with the advertisers; a wrong app or secret is refused", async () => {
    await start();
    const allowed = await authorize();
    expect(allowed.status).toBe(302);
    expect(allowed.location!.searchParams.get("state")).toBe("t&1");
    const code = allowed.location!.searchParams.get("auth_code")!;
    expect((await exchange({ auth_code: code, secret: "guess" })).code).toBe(40101);
    const first = await exchange({ auth_code: code });
    expect(first).toMatchObject({ code: 0, message: "OK", request_id: expect.any(String), data: { advertiser_ids: [ADVERTISER], scope: [4] } });
    expect(first.data.access_token).toMatch(/^[\w-]{30,}$/);
    expect((await exchange({ auth_code: code })).code).toBe(40110);
    const wrongApp = await authorize({ app_id: "someone" });
    expect([wrongApp.status, wrongApp.location]).toEqual([400, null]);
  });

  it("GIVEN a token WHEN it is missing, sent as Bearer, or revoked THEN TikTok's codes 40104 and 40105 come back inside HTTP 200", async () => {
    await start();
    const token = await connect();
    const advertisers = { app_id: APP.clientId, secret: APP.clientSecret };
    expect((await get("/oauth2/advertiser/get/", advertisers, token)).data.list).toEqual([{ advertiser_id: ADVERTISER, advertiser_name: "TikTok EU" }]);
    expect((await get("/oauth2/advertiser/get/", advertisers, null)).code).toBe(40104);
    expect((await get("/oauth2/advertiser/get/", advertisers, `Bearer ${token}`)).code).toBe(40105);
    await control(fake.devstore, "ads/revoke-tokens", { platform: "tiktok" });
    expect((await get("/oauth2/advertiser/get/", advertisers, token)).code).toBe(40105);
  });

  it("GIVEN advertisers WHEN their details are asked with JSON-array parameters THEN each comes with its currency and time zone; a list that isn't JSON is refused", async () => {
    await start();
    const token = await connect();
    const info = await get("/advertiser/info/", { advertiser_ids: [ADVERTISER], fields: ["name", "currency", "timezone"] }, token);
    expect(info.data.list).toEqual([{ advertiser_id: ADVERTISER, name: "TikTok EU", currency: "EUR", timezone: "Europe/Paris" }]);
    expect((await get("/advertiser/info/", { advertiser_ids: ADVERTISER }, token)).code).toBe(40002);
  });

  it("GIVEN an advertiser's days WHEN the report is read by campaign and day in pages THEN rows carry strings and stat_time_day, page_info counts the pages, and a range of more than 30 days is refused", async () => {
    await start();
    const token = await connect();
    const pages = [await report(token, { page_size: "2", page: "1" }), await report(token, { page_size: "2", page: "2" })];
    expect(pages.map((page) => page.data.page_info)).toEqual([
      { page: 1, page_size: 2, total_number: 3, total_page: 2 },
      { page: 2, page_size: 2, total_number: 3, total_page: 2 },
    ]);
    expect(pages.flatMap((page) => page.data.list)).toEqual([
      {
        dimensions: { campaign_id: "4001", stat_time_day: "2026-02-20 00:00:00" },
        metrics: { spend: "11.50", impressions: "1200", clicks: "25", campaign_name: "Launch" },
      },
      {
        dimensions: { campaign_id: "4002", stat_time_day: "2026-02-21 00:00:00" },
        metrics: { spend: "2.25", impressions: "150", clicks: "1", campaign_name: "Always on" },
      },
      {
        dimensions: { campaign_id: "4001", stat_time_day: "2026-02-22 00:00:00" },
        metrics: { spend: "8", impressions: "700", clicks: "9", campaign_name: "Launch" },
      },
    ]);
    expect((await report(token, { start_date: "2026-01-05", end_date: "2026-02-03" })).code).toBe(0);
    const tooLong = await report(token, { start_date: "2026-01-05", end_date: "2026-02-04" });
    expect(tooLong.code).toBe(40002);
    expect(tooLong.message).toContain("at most 30 days");
    expect((await report(token, { page_size: "1001" })).code).toBe(40002);
    expect((await report(token, { advertiser_id: "1" })).code).toBe(40001);
  });

  it("GIVEN campaigns with and without a utm_campaign WHEN their ads are read THEN utm_params and the landing page URL carry it, or not", async () => {
    await start();
    const token = await connect();
    const ads = await get("/ad/get/", { advertiser_id: ADVERTISER, fields: ["campaign_id", "landing_page_url", "utm_params"], page_size: "1000" }, token);
    const utm = (ad: any) => [
      ad.utm_params.find((param: any) => param.key === "utm_campaign")?.value ?? null,
      new URL(ad.landing_page_url).searchParams.get("utm_campaign"),
    ];
    expect(Object.fromEntries(ads.data.list.map((ad: any) => [ad.campaign_id, utm(ad)]))).toEqual({ "4001": ["tt-launch", "tt-launch"], "4002": [null, null] });
  });

  it("GIVEN an app allowed 2 requests a second WHEN a third comes in the same second THEN 40100, and the next second it passes; planned failures answer 40100 and 50000 and restated days are read back", async () => {
    await start({ adRateLimits: { tiktok: { qps: 2 } } });
    const token = await connect();
    expect((await report(token)).code).toBe(0);
    expect((await report(token)).code).toBe(0);
    expect((await report(token)).code).toBe(40100);
    fake.now += 1000;
    expect((await report(token)).code).toBe(0);
    fake.now += 1000;
    await control(fake.devstore, "ads/fail-next", { platform: "tiktok", failure: "rate_limited", calls: 1 });
    await control(fake.devstore, "ads/fail-next", { platform: "tiktok", failure: "down", calls: 1 });
    await control(fake.devstore, "ads/restate", { platform: "tiktok", accountId: ADVERTISER, campaignId: "4002", date: "2026-02-21", spend: "2.50" });
    expect((await report(token)).code).toBe(40100);
    expect((await report(token)).code).toBe(50000);
    fake.now += 1000;
    expect((await report(token)).data.list[1].metrics.spend).toBe("2.50");
  });
});
