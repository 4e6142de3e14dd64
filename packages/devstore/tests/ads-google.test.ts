import { describe, expect, it } from "vitest";
import { consent, control, DEVSTORE_APP, platformsDevstore, START } from "./ad-platforms-store";

// Google Ads under /ads/google: the consent screen, the token endpoint, listAccessibleCustomers and
// GAQL through searchStream and search, with Google's errors and its per-customer throttle.

const V = "v26";
const APP = DEVSTORE_APP;
const REDIRECT = "https://app.example/ads/google/callback";
const ADWORDS = "https://www.googleapis.com/auth/adwords";
const DAILY =
  "SELECT campaign.id, campaign.name, campaign.final_url_suffix, segments.date, metrics.cost_micros, metrics.impressions, metrics.clicks FROM campaign";

describe("the devstore's Google Ads", () => {
  const fake = platformsDevstore();
  const start = fake.start;
  const authorize = (params: Record<string, string> = {}) =>
    consent(
      `${fake.devstore.origin}/ads/google/o/oauth2/v2/auth?${new URLSearchParams({
        client_id: APP.clientId,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: ADWORDS,
        access_type: "offline",
        prompt: "consent",
        state: "g state",
        ...params,
      })}`,
    );
  const token = async (form: Record<string, string>) => {
    const response = await fetch(`${fake.devstore.origin}/ads/google/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: APP.clientId, client_secret: APP.clientSecret, ...form }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const connect = async (params: Record<string, string> = {}) => {
    const code = (await authorize(params)).location!.searchParams.get("code")!;
    return (await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT })).body as { access_token: string; refresh_token?: string };
  };
  const ads = async (method: string, path: string, accessToken: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${fake.devstore.origin}/ads/google/${V}${path}`, {
      method,
      headers: { ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}), "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const stream = (accessToken: string, query: string, customer = "1234567890") =>
    ads("POST", `/customers/${customer}/googleAds:searchStream`, accessToken, { query });
  const failure = (body: any) => (Array.isArray(body) ? body[0] : body).error.details[0].errors[0];

  it("GIVEN the registered app WHEN the owner consents THEN it redirects with a code and the state unchanged; a wrong client, an unregistered redirect, no scope or an unknown one get Google's error page", async () => {
    await start({ adApps: { google: { ...APP, redirectUris: [REDIRECT] } } });
    const allowed = await authorize();
    expect(allowed.status).toBe(302);
    expect(allowed.location!.origin + allowed.location!.pathname).toBe(REDIRECT);
    expect(allowed.location!.searchParams.get("state")).toBe("g state");
    expect(allowed.location!.searchParams.get("code")).toBeTruthy();
    for (const [params, error] of [
      [{ client_id: "x" }, "Error 401: invalid_client"],
      [{ redirect_uri: "https://evil.example/" }, "Error 400: redirect_uri_mismatch"],
      [{ scope: "" }, "Error 400: invalid_request"],
      [{ scope: `${ADWORDS} https://www.googleapis.com/auth/drive` }, "Error 400: invalid_scope"],
    ] as const) {
      const refused = await authorize(params);
      expect(refused.location).toBeNull();
      expect(refused.text).toContain(error);
    }
  });

  it("GIVEN a code WHEN exchanged THEN an hour's access token and, for offline access, a refresh token come back once; the refresh grant renews until the tokens are revoked, then invalid_grant", async () => {
    await start();
    const code = (await authorize()).location!.searchParams.get("code")!;
    expect((await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_secret: "guess" })).body.error).toBe("invalid_client");
    const first = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    expect(first.body).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      refresh_token: expect.stringMatching(/^1\/\//),
      scope: ADWORDS,
      token_type: "Bearer",
    });
    expect(await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT })).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Bad Request" },
    });
    const online = await connect({ access_type: "online" });
    expect(online.refresh_token).toBeUndefined();

    const refreshed = await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(refreshed.body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, scope: ADWORDS, token_type: "Bearer" });
    await control(fake.devstore, "ads/revoke-tokens", { platform: "google" });
    expect(await token({ grant_type: "refresh_token", refresh_token: first.body.refresh_token })).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Token has been expired or revoked." },
    });
    const revoked = await ads("GET", "/customers:listAccessibleCustomers", refreshed.body.access_token);
    expect([revoked.status, failure(revoked.body).errorCode]).toEqual([401, { authenticationError: "OAUTH_TOKEN_REVOKED" }]);
  });

  it("GIVEN an access token WHEN an hour has passed THEN the API answers 401 UNAUTHENTICATED with OAUTH_TOKEN_EXPIRED, and no token at all is UNAUTHENTICATED too", async () => {
    await start();
    const { access_token } = await connect();
    expect((await ads("GET", "/customers:listAccessibleCustomers", access_token)).body).toEqual({
      resourceNames: ["customers/1234567890", "customers/2223334444"],
    });
    fake.now += 3599_000;
    const expired = await ads("GET", "/customers:listAccessibleCustomers", access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.error.status).toBe("UNAUTHENTICATED");
    expect(failure(expired.body).errorCode).toEqual({ authenticationError: "OAUTH_TOKEN_EXPIRED" });
    expect((await ads("GET", "/customers:listAccessibleCustomers", null)).body.error.status).toBe("UNAUTHENTICATED");
  });

  it("GIVEN an account's days WHEN searchStream reads campaigns by day THEN rows are camelCase with int64 strings, cost in exact micros, the utm in final_url_suffix, zero metrics left out, in batches of the rows per page", async () => {
    await start({ googleAdsRowsPerPage: 2 });
    const { access_token } = await connect();
    const answer = await stream(access_token, `${DAILY} WHERE segments.date BETWEEN '2026-03-01' AND '2026-03-02'`);
    expect(answer.status).toBe(200);
    expect(answer.body.map((batch: any) => batch.results.length)).toEqual([2, 1]);
    expect(answer.body[0].fieldMask).toBe(
      "campaign.id,campaign.name,campaign.finalUrlSuffix,segments.date,metrics.costMicros,metrics.impressions,metrics.clicks",
    );
    expect(answer.body[1].queryResourceConsumption).toEqual(expect.any(String));
    expect(answer.body.flatMap((batch: any) => batch.results)).toEqual([
      {
        campaign: {
          resourceName: "customers/1234567890/campaigns/3001",
          id: "3001",
          name: "Search",
          finalUrlSuffix: "utm_source=google&utm_medium=cpc&utm_campaign=search+jp",
        },
        segments: { date: "2026-03-01" },
        metrics: { costMicros: "1234000000", impressions: "400", clicks: "12" },
      },
      { campaign: { resourceName: "customers/1234567890/campaigns/3002", id: "3002", name: "PMax" }, segments: { date: "2026-03-01" }, metrics: {} },
      {
        campaign: {
          resourceName: "customers/1234567890/campaigns/3001",
          id: "3001",
          name: "Search",
          finalUrlSuffix: "utm_source=google&utm_medium=cpc&utm_campaign=search+jp",
        },
        segments: { date: "2026-03-02" },
        metrics: { costMicros: "987654321", impressions: "350", clicks: "9" },
      },
    ]);
    const customer = await stream(
      access_token,
      "SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone, customer.manager FROM customer",
    );
    expect(customer.body[0].results).toEqual([
      { customer: { resourceName: "customers/1234567890", id: "1234567890", descriptiveName: "Google JP", currencyCode: "JPY", timeZone: "Asia/Tokyo" } },
    ]);
  });

  it("GIVEN more rows than a page WHEN search is paged with nextPageToken THEN the pages hold every row once; pageSize and a token of another query are refused", async () => {
    await start({ googleAdsRowsPerPage: 2 });
    const { access_token } = await connect();
    const query = `${DAILY} WHERE segments.date >= '2026-03-01' AND segments.date <= '2026-03-03' ORDER BY segments.date DESC`;
    const search = (body: object) => ads("POST", "/customers/1234567890/googleAds:search", access_token, { query, ...body });
    const first = await search({});
    const second = await search({ pageToken: first.body.nextPageToken });
    expect(second.body.nextPageToken).toBeUndefined();
    expect([...first.body.results, ...second.body.results].map((row: any) => `${row.segments.date} ${row.campaign.id}`)).toEqual([
      "2026-03-03 3001",
      "2026-03-02 3001",
      "2026-03-01 3001",
      "2026-03-01 3002",
    ]);
    expect(failure((await search({ pageSize: 1 })).body).errorCode).toEqual({ requestError: "PAGE_SIZE_NOT_SUPPORTED" });
    const other = await ads("POST", "/customers/1234567890/googleAds:search", access_token, {
      query: DAILY + " WHERE segments.date = '2026-03-01'",
      pageToken: first.body.nextPageToken,
    });
    expect(failure(other.body).errorCode).toEqual({ requestError: "INVALID_PAGE_TOKEN" });
  });

  it("GIVEN queries Google would refuse WHEN streamed THEN each is a 400 in an array with its QueryError or DateRangeError, and another customer is PERMISSION_DENIED", async () => {
    await start();
    const { access_token } = await connect();
    const refused = async (query: string, customer?: string) => {
      const answer = await stream(access_token, query, customer);
      expect(Array.isArray(answer.body)).toBe(true);
      return [answer.status, failure(answer.body).errorCode];
    };
    expect(await refused(DAILY)).toEqual([400, { queryError: "EXPECTED_FILTERS_ON_DATE_RANGE" }]);
    expect(await refused("SELECT campaign.id, metrics.conversions FROM campaign")).toEqual([400, { queryError: "UNRECOGNIZED_FIELD" }]);
    expect(await refused("SELECT ad_group.id FROM ad_group")).toEqual([400, { queryError: "BAD_RESOURCE_TYPE_IN_FROM_CLAUSE" }]);
    expect(await refused("campaign.id FROM campaign")).toEqual([400, { queryError: "EXPECTED_SELECT" }]);
    // Today is 2026-03-10 in Tokyo: by day, 37 months back is 2023-02-10.
    expect((await stream(access_token, `${DAILY} WHERE segments.date BETWEEN '2023-02-10' AND '2023-02-11'`)).status).toBe(200);
    expect(await refused(`${DAILY} WHERE segments.date BETWEEN '2023-02-09' AND '2026-03-01'`)).toEqual([
      400,
      { dateRangeError: "REQUESTED_DATE_GRANULARITY_NOT_SUPPORTED" },
    ]);
    expect(await refused(`${DAILY} WHERE segments.date = '2026-03-01'`, "9999999999")).toEqual([403, { authorizationError: "USER_PERMISSION_DENIED" }]);
  });

  it("GIVEN a bucket of 2 requests restored at one every 2 s WHEN a third comes at once THEN 429 RESOURCE_TEMPORARILY_EXHAUSTED with retryDelay 2s, and after 2 s it passes", async () => {
    await start({ adRateLimits: { google: { burst: 2, perSecond: 0.5 } } });
    const { access_token } = await connect();
    const query = `${DAILY} WHERE segments.date = '2026-03-01'`;
    expect((await stream(access_token, query)).status).toBe(200);
    expect((await stream(access_token, query)).status).toBe(200);
    const throttled = await stream(access_token, query);
    expect([throttled.status, throttled.body[0].error.status]).toEqual([429, "RESOURCE_EXHAUSTED"]);
    expect(failure(throttled.body)).toMatchObject({
      errorCode: { quotaError: "RESOURCE_TEMPORARILY_EXHAUSTED" },
      details: { quotaErrorDetails: { rateScope: "ACCOUNT", retryDelay: "2s" } },
    });
    // Another customer has its own bucket.
    expect((await stream(access_token, query, "2223334444")).status).toBe(200);
    fake.now += 2000;
    expect((await stream(access_token, query)).status).toBe(200);
  });

  it("GIVEN the control API WHEN Google is told to throttle, to go down and to restate a day THEN the next calls answer 429, then 503 UNAVAILABLE, then the restated micros", async () => {
    await start();
    const { access_token } = await connect();
    const query = `SELECT campaign.id, segments.date, metrics.cost_micros FROM campaign WHERE segments.date = '2026-03-03'`;
    await control(fake.devstore, "ads/fail-next", { platform: "google", failure: "rate_limited", calls: 1 });
    await control(fake.devstore, "ads/fail-next", { platform: "google", failure: "down", calls: 1 });
    expect((await stream(access_token, query)).status).toBe(429);
    const down = await stream(access_token, query);
    expect([down.status, down.body[0].error.status]).toEqual([503, "UNAVAILABLE"]);
    await control(fake.devstore, "ads/restate", { platform: "google", accountId: "123-456-7890", campaignId: "3001", date: "2026-03-03", spend: "14.5" });
    expect((await stream(access_token, query)).body[0].results[0].metrics).toEqual({ costMicros: "14500000" });
  });
});
