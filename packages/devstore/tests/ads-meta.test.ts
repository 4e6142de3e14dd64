import { describe, expect, it } from "vitest";
import { consent, control, DEVSTORE_APP, platformsDevstore, START } from "./ad-platforms-store";

// Meta's Marketing API under /ads/meta: Facebook Login's dialog and token endpoint, ad accounts,
// insights by campaign and day, ads' URL tags, Graph errors, and the ad account's rate limit.

const V = "v26.0";
const APP = DEVSTORE_APP;
const REDIRECT = "https://app.example/ads/meta/callback";

describe("the devstore's Meta", () => {
  const fake = platformsDevstore();
  const start = fake.start;
  const meta = (path: string, params: Record<string, string> = {}) => `${fake.devstore.origin}/ads/meta/${V}${path}?${new URLSearchParams(params)}`;
  const graph = async (path: string, params: Record<string, string> = {}, token?: string) => {
    const response = await fetch(meta(path, params), token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const dialog = (params: Record<string, string> = {}) =>
    consent(meta("/dialog/oauth", { client_id: APP.clientId, redirect_uri: REDIRECT, state: "s-1/é", response_type: "code", scope: "ads_read", ...params }));
  const exchange = (code: string, params: Record<string, string> = {}) =>
    graph("/oauth/access_token", { client_id: APP.clientId, client_secret: APP.clientSecret, redirect_uri: REDIRECT, code, ...params });
  const longLived = async () => {
    const code = (await dialog()).location!.searchParams.get("code")!;
    const short = await exchange(code);
    const long = await graph("/oauth/access_token", {
      grant_type: "fb_exchange_token",
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      fb_exchange_token: short.body.access_token,
    });
    return long.body.access_token as string;
  };

  it("GIVEN the registered app WHEN the owner opens the dialog THEN it redirects to redirect_uri with a code and the state unchanged; a wrong app, an unregistered redirect or an unknown permission get Meta's error page and no redirect", async () => {
    await start({ adApps: { meta: { ...APP, redirectUris: [REDIRECT] } } });
    const allowed = await dialog();
    expect(allowed.status).toBe(302);
    expect(allowed.location!.origin + allowed.location!.pathname).toBe(REDIRECT);
    expect(allowed.location!.searchParams.get("state")).toBe("s-1/é");
    expect(allowed.location!.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);

    const wrongApp = await dialog({ client_id: "someone-else" });
    expect([wrongApp.status, wrongApp.location]).toEqual([400, null]);
    expect(wrongApp.text).toContain("Invalid App ID");
    const elsewhere = await dialog({ redirect_uri: "https://evil.example/cb" });
    expect([elsewhere.status, elsewhere.location]).toEqual([400, null]);
    expect(elsewhere.text).toContain("URL Blocked");
    const scope = await dialog({ scope: "ads_read,read_minds" });
    expect([scope.status, scope.location]).toEqual([400, null]);
    expect(scope.text).toContain("Invalid Scopes: read_minds");
  });

  it("GIVEN a code WHEN exchanged THEN a short-lived bearer token comes back once; reused, expired, for another redirect_uri or with a wrong secret it is refused with Meta's codes", async () => {
    await start();
    const code = (await dialog()).location!.searchParams.get("code")!;
    const wrongSecret = await exchange(code, { client_secret: "guess" });
    expect(wrongSecret.body.error).toMatchObject({ code: 1, message: "Error validating client secret.", type: "OAuthException" });
    const otherRedirect = await exchange(code, { redirect_uri: "https://app.example/other" });
    expect(otherRedirect.body.error).toMatchObject({ code: 100, error_subcode: 36008 });

    const fresh = (await dialog()).location!.searchParams.get("code")!;
    const first = await exchange(fresh);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ access_token: expect.stringMatching(/^EAA/), token_type: "bearer", expires_in: 7200 });
    const again = await exchange(fresh);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 100, error_subcode: 36009, message: "This authorization code has been used." });

    const late = (await dialog()).location!.searchParams.get("code")!;
    fake.now += 11 * 60_000;
    expect((await exchange(late)).body.error).toMatchObject({ code: 100, error_subcode: 36007 });
    expect((await exchange("forged")).body.error).toMatchObject({ code: 100 });
  });

  it("GIVEN a short-lived token WHEN exchanged with fb_exchange_token THEN a 60-day token comes back, renewable while it lives; once expired it answers 190/463 and can't be exchanged", async () => {
    await start();
    const token = await longLived();
    fake.now += 30 * 86_400_000;
    const renewed = await graph("/oauth/access_token", {
      grant_type: "fb_exchange_token",
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      fb_exchange_token: token,
    });
    expect(renewed.body).toEqual({ access_token: expect.stringMatching(/^EAA/), token_type: "bearer", expires_in: 5183944 });

    fake.now += 31 * 86_400_000;
    const expired = await graph("/me/adaccounts", {}, token);
    expect(expired.body.error).toMatchObject({ code: 190, error_subcode: 463, type: "OAuthException" });
    expect(expired.body.error.message).toMatch(/^Error validating access token: Session has expired on /);
    const exchanged = await graph("/oauth/access_token", {
      grant_type: "fb_exchange_token",
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      fb_exchange_token: token,
    });
    expect(exchanged.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    // The one renewed before expiry still works.
    expect((await graph("/me/adaccounts", {}, renewed.body.access_token)).status).toBe(200);
  });

  it("GIVEN a token WHEN the ad accounts are listed THEN each comes with its act_ id, currency and time zone, in pages whose next URL is on the devstore's origin; no token or a forged one is refused", async () => {
    await start();
    const token = await longLived();
    const first = await graph("/me/adaccounts", { fields: "id,account_id,name,currency,timezone_name,account_status", limit: "1" }, token);
    expect(first.body.data).toEqual([
      { id: "act_1001", account_id: "1001", name: "Meta EU", currency: "EUR", timezone_name: "Europe/Berlin", account_status: 1 },
    ]);
    expect(first.body.paging.next.startsWith(`${fake.devstore.origin}/ads/meta/${V}/me/adaccounts?`)).toBe(true);
    const second = await fetch(first.body.paging.next, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json() as any);
    expect(second.data.map((account: any) => [account.id, account.timezone_name])).toEqual([["act_1002", "America/Los_Angeles"]]);
    expect(second.paging.next).toBeUndefined();

    expect((await graph("/me/adaccounts")).body.error.code).toBe(2500);
    expect((await graph("/me/adaccounts", {}, "EAAforged")).body.error).toMatchObject({ code: 190 });
    expect((await graph("/me/adaccounts", { access_token: token })).status).toBe(200);
  });

  it("GIVEN an ad account's days WHEN insights are asked by campaign and day for a range THEN each delivered day is a row of strings within the range, paged by limit with paging.next followed verbatim", async () => {
    await start();
    const token = await longLived();
    const params = {
      level: "campaign",
      time_increment: "1",
      fields: "campaign_id,campaign_name,spend,impressions,clicks",
      time_range: JSON.stringify({ since: "2026-03-02", until: "2026-03-03" }),
      limit: "2",
    };
    const rows: any[] = [];
    let page = await graph("/act_1001/insights", params, token);
    rows.push(...page.body.data);
    while (page.body.paging.next) {
      const response = await fetch(page.body.paging.next, { headers: { Authorization: `Bearer ${token}` } });
      page = { status: response.status, headers: response.headers, body: await response.json() };
      rows.push(...page.body.data);
    }
    expect(rows).toEqual([
      { campaign_id: "2001", campaign_name: "Spring", spend: "7.10", impressions: "800", clicks: "21", date_start: "2026-03-02", date_stop: "2026-03-02" },
      { campaign_id: "2002", campaign_name: "Retarget", spend: "0.99", impressions: "90", clicks: "1", date_start: "2026-03-02", date_stop: "2026-03-02" },
      { campaign_id: "2001", campaign_name: "Spring", spend: "20.00", impressions: "1500", clicks: "40", date_start: "2026-03-03", date_stop: "2026-03-03" },
    ]);
    expect(page.body.paging.cursors.after).toEqual(expect.any(String));
  });

  it("GIVEN insights requests Meta would refuse WHEN sent THEN each gets its Graph error: a start beyond 37 months (3018), since after until, an unknown field, an account the token can't see", async () => {
    await start();
    const token = await longLived();
    const ask = (range: object, fields = "spend", account = "1001") =>
      graph(`/act_${account}/insights`, { level: "campaign", time_increment: "1", fields, time_range: JSON.stringify(range) }, token);
    // Today is 2026-03-10 in Berlin: 37 months back is 2023-02-10.
    expect((await ask({ since: "2023-02-10", until: "2023-02-11" })).status).toBe(200);
    const old = await ask({ since: "2023-02-09", until: "2026-03-01" });
    expect(old.body.error).toMatchObject({ code: 3018, message: "(#3018) The start date of the time range cannot be beyond 37 months from the current date" });
    expect((await ask({ since: "2026-03-03", until: "2026-03-01" })).body.error.code).toBe(100);
    expect((await ask({ since: "2026-03-01", until: "2026-03-03" }, "spend,roas")).body.error.message).toContain("roas is not valid for fields param");
    expect((await ask({ since: "2026-03-01", until: "2026-03-03" }, "spend", "999")).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it("GIVEN campaigns with and without a utm_campaign WHEN the account's ads are read with their creatives' url_tags THEN the tags carry each campaign's utm_campaign, or none", async () => {
    await start();
    const token = await longLived();
    const ads = await graph("/act_1001/ads", { fields: "campaign_id,creative{url_tags}", limit: "50" }, token);
    const tags = Object.fromEntries(ads.body.data.map((ad: any) => [ad.campaign_id, new URLSearchParams(ad.creative.url_tags).get("utm_campaign")]));
    expect(tags).toEqual({ "2001": "spring-sale", "2002": null });
  });

  it("GIVEN an ad account's score of 3 points WHEN a fourth call comes within the window THEN it is refused with 80000 and the usage headers say when access returns; the calls before carry their usage, and after the block calls pass again", async () => {
    await start({ adRateLimits: { meta: { maxScore: 3, decaySeconds: 60, blockSeconds: 120 } } });
    const token = await longLived();
    const ask = () =>
      graph(
        "/act_1001/insights",
        { level: "campaign", time_increment: "1", fields: "spend", time_range: '{"since":"2026-03-01","until":"2026-03-01"}' },
        token,
      );
    const usage = [];
    for (let call = 0; call < 3; call++) {
      const answer = await ask();
      expect(answer.status).toBe(200);
      usage.push(JSON.parse(answer.headers.get("x-ad-account-usage")!).acc_id_util_pct);
    }
    expect(usage).toEqual([33.33, 66.67, 100]);
    const refused = await ask();
    expect(refused.body.error).toMatchObject({ code: 80000, error_subcode: 2446079, is_transient: true });
    const buc = JSON.parse(refused.headers.get("x-business-use-case-usage")!);
    expect(buc["1001"][0]).toMatchObject({ type: "ads_insights", call_count: 100, estimated_time_to_regain_access: 2 });
    fake.now += 60_000;
    expect((await ask()).body.error.code).toBe(80000);
    fake.now += 60_000;
    expect((await ask()).status).toBe(200);
  });

  it("GIVEN the control API WHEN Meta is told to throttle, go down, lose its tokens and restate a day THEN the next calls answer 80000, then code 2 with 500, then 190/458, and insights show the restated spend", async () => {
    await start();
    const token = await longLived();
    const ask = () =>
      graph(
        "/act_1001/insights",
        { level: "campaign", time_increment: "1", fields: "campaign_id,spend", time_range: '{"since":"2026-03-01","until":"2026-03-01"}' },
        token,
      );
    expect((await control(fake.devstore, "ads/fail-next", { platform: "meta", failure: "rate_limited", calls: 1 })).status).toBe(200);
    const throttled = await ask();
    expect(throttled.body.error.code).toBe(80000);
    expect(JSON.parse(throttled.headers.get("x-business-use-case-usage")!)["1001"][0].estimated_time_to_regain_access).toBe(1);
    await control(fake.devstore, "ads/fail-next", { platform: "meta", failure: "down", calls: 1 });
    const down = await ask();
    expect([down.status, down.body.error.code, down.body.error.is_transient]).toEqual([500, 2, true]);

    const restated = await control(fake.devstore, "ads/restate", {
      platform: "meta",
      accountId: "act_1001",
      campaignId: "2001",
      date: "2026-03-01",
      spend: "11.00",
    });
    expect(restated.status).toBe(200);
    expect((await ask()).body.data).toEqual([
      { campaign_id: "2001", spend: "11.00", date_start: "2026-03-01", date_stop: "2026-03-01" },
      { campaign_id: "2002", spend: "5", date_start: "2026-03-01", date_stop: "2026-03-01" },
    ]);
    expect((await control(fake.devstore, "ads/revoke-tokens", { platform: "meta" })).body.revoked).toBeGreaterThan(0);
    expect((await ask()).body.error).toMatchObject({ code: 190, error_subcode: 458 });
  });

  it("GIVEN the control API WHEN asked to fail an unknown platform, to fail no calls or to restate a day no platform reported THEN it refuses with 400 or 422 and changes nothing", async () => {
    await start();
    expect((await control(fake.devstore, "ads/fail-next", { platform: "bing", failure: "down", calls: 1 })).status).toBe(400);
    expect((await control(fake.devstore, "ads/fail-next", { platform: "meta", failure: "down", calls: 0 })).status).toBe(400);
    expect(
      (await control(fake.devstore, "ads/restate", { platform: "meta", accountId: "act_1001", campaignId: "2001", date: "2026-03-01", spend: "-1" })).status,
    ).toBe(400);
    const missing = await control(fake.devstore, "ads/restate", {
      platform: "meta",
      accountId: "act_1001",
      campaignId: "2001",
      date: "2026-02-01",
      spend: "1",
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toContain("No meta report for campaign 2001");
    expect(fake.devstore.store.adCampaignDays.find((line) => line.campaignId === "2001" && line.date === "2026-03-01")?.spend).toBe("12.34");
  });
});
