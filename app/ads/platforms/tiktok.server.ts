import { clientContext, exchange, withRetries, type AdClientOptions } from "./platform-http.server";
import { checkReportRange, decimalText, isZero, spansOf, utmCampaignIn, wholeCount } from "./report-values";
import {
  AdReconnectNeeded,
  AdRequestRefused,
  type AdAccountInfo,
  type AdAppCredentials,
  type AdCampaignDayReport,
  type AdPlatformClient,
  type AdPlatformEndpoints,
} from "./types";

/**
 * TikTok's API for Business (decision 029). The advertiser authorizes the app (its permissions are
 * chosen when the app is created: no scope parameter); the auth_code gives a long-term token with no
 * expiry and no refresh, so `renew` returns the tokens as they are. Every answer is HTTP 200 with a
 * `code`, 0 only for success. Daily spend is the BASIC report by campaign and day, at most 30 days a
 * call (longer ranges are read 30 days at a time), paged by page number; utm_campaign lives on ads
 * (utm_params, else the landing page URL), one more call per advertiser, made only when the range
 * had spend. TikTok sends no rate-limit headers: 40100 (too many requests) and 40133 (the
 * advertiser's QPS) are retried a second later, then longer; 50000/50002 and 60001 (maintenance)
 * are retried too. 40104/40105/40102/40106 are a token that no longer works.
 */

export const TIKTOK_API_VERSION = "v1.3";

const MAX_REPORT_DAYS = 30;
const RETRY_CODES = new Set([40100, 40133, 40016, 50000, 50002, 60001]);
const DEAD_TOKEN_CODES = new Set([40102, 40104, 40105, 40106]);

interface Envelope<T> {
  code?: number;
  message?: string;
  data?: T;
}

interface PageInfo {
  page?: number;
  total_page?: number;
}

export function createTiktokClient(endpoints: AdPlatformEndpoints, credentials: AdAppCredentials, options: AdClientOptions = {}): AdPlatformClient {
  const context = clientContext("tiktok", options);
  const pageSize = context.pageSize ?? 1000;
  const path = (origin: string, route: string) => `${origin}/open_api/${TIKTOK_API_VERSION}${route}`;
  /** TikTok takes lists in the query string as JSON. */
  const query = (params: Record<string, string | number | string[]>) =>
    new URLSearchParams(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? JSON.stringify(value) : String(value)]));

  async function call<T>(target: string, init: RequestInit, what: string): Promise<T> {
    return withRetries<T>(context, what, async () => {
      const answer = await exchange(context, target, init);
      if ("failed" in answer) return { retry: answer.failed };
      const body = answer.body as Envelope<T> | null;
      if (answer.status >= 500 || (answer.status === 200 && body === null)) return { retry: `HTTP ${answer.status}` };
      const code = body?.code;
      if (answer.status === 200 && code === 0) return { value: (body?.data ?? {}) as T };
      const label = `${code ?? `HTTP ${answer.status}`} ${body?.message ?? ""}`.trim();
      if (code !== undefined && RETRY_CODES.has(code)) return { retry: label };
      if (code !== undefined && DEAD_TOKEN_CODES.has(code)) throw new AdReconnectNeeded("tiktok", `TikTok no longer accepts the connection's token: ${label}`);
      throw new AdRequestRefused("tiktok", `TikTok refused ${what}: ${label}`);
    });
  }

  const read = <T>(route: string, params: Record<string, string | number | string[]>, accessToken: string, what: string) =>
    call<T>(`${path(endpoints.apiOrigin, route)}?${query(params)}`, { headers: { "Access-Token": accessToken } }, what);

  /** Every item of a paged list, page after page until page_info says it was the last. */
  async function allPages<T>(route: string, params: Record<string, string | number | string[]>, accessToken: string, what: string): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const data = await read<{ list?: T[]; page_info?: PageInfo }>(route, { ...params, page, page_size: pageSize }, accessToken, what);
      items.push(...(data.list ?? []));
      if (!data.list?.length || page >= (data.page_info?.total_page ?? page)) return items;
    }
  }

  /** Campaign id → utm_campaign, from the advertiser's ads (the first ad of a campaign that has one). */
  async function utmCampaigns(accessToken: string, advertiserId: string): Promise<Map<string, string>> {
    const ads = await allPages<{ campaign_id?: string; landing_page_url?: string; utm_params?: { key?: string; value?: string }[] }>(
      "/ad/get/",
      { advertiser_id: advertiserId, fields: ["campaign_id", "landing_page_url", "utm_params"] },
      accessToken,
      "reading the ads' URL parameters",
    );
    const utm = new Map<string, string>();
    for (const ad of ads) {
      if (!ad.campaign_id || utm.has(ad.campaign_id)) continue;
      const param = ad.utm_params?.find((candidate) => candidate.key === "utm_campaign")?.value?.trim();
      const value = param || utmCampaignIn(ad.landing_page_url);
      if (value) utm.set(ad.campaign_id, value);
    }
    return utm;
  }

  return {
    platform: "tiktok",

    authorizeUrl({ redirectUri, state }) {
      return `${endpoints.authorizeOrigin}/portal/auth?${new URLSearchParams({ app_id: credentials.clientId, state, redirect_uri: redirectUri })}`;
    },

    /** TikTok's exchange takes no redirect_uri: the auth_code alone. */
    async exchangeCode({ code }) {
      const data = await call<{ access_token?: string }>(
        path(endpoints.tokenOrigin, "/oauth2/access_token/"),
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ app_id: credentials.clientId, secret: credentials.clientSecret, auth_code: code }),
        },
        "exchanging the auth_code",
      );
      if (!data.access_token) throw new AdRequestRefused("tiktok", "TikTok's token exchange answered no access_token");
      return { accessToken: data.access_token, refreshToken: null, expiresAt: null };
    },

    async renew(tokens) {
      return tokens;
    },

    async listAccounts(tokens) {
      const authorized = await read<{ list?: { advertiser_id?: string }[] }>(
        "/oauth2/advertiser/get/",
        { app_id: credentials.clientId, secret: credentials.clientSecret },
        tokens.accessToken,
        "listing the advertisers",
      );
      const ids = (authorized.list ?? []).map((advertiser) => String(advertiser.advertiser_id ?? "")).filter(Boolean);
      const accounts: AdAccountInfo[] = [];
      // advertiser/info takes up to 100 ids a call.
      for (let start = 0; start < ids.length; start += 100) {
        const info = await read<{ list?: { advertiser_id?: string; name?: string; currency?: string; timezone?: string; display_timezone?: string }[] }>(
          "/advertiser/info/",
          { advertiser_ids: ids.slice(start, start + 100), fields: ["advertiser_id", "name", "currency", "timezone", "display_timezone"] },
          tokens.accessToken,
          "reading the advertisers",
        );
        for (const advertiser of info.list ?? []) {
          const timeZone = advertiser.display_timezone || advertiser.timezone;
          if (!advertiser.advertiser_id || !advertiser.currency || !timeZone)
            throw new AdRequestRefused("tiktok", "TikTok gave an advertiser without its id, currency or time zone");
          accounts.push({ id: advertiser.advertiser_id, name: advertiser.name ?? advertiser.advertiser_id, currency: advertiser.currency, timeZone });
        }
      }
      return accounts;
    },

    async campaignDays(tokens, account, since, until) {
      checkReportRange(since, until);
      const days: Omit<AdCampaignDayReport, "utmCampaign">[] = [];
      for (const span of spansOf(since, until, MAX_REPORT_DAYS)) {
        const rows = await allPages<{ dimensions?: Record<string, string>; metrics?: Record<string, string> }>(
          "/report/integrated/get/",
          {
            advertiser_id: account.id,
            report_type: "BASIC",
            data_level: "AUCTION_CAMPAIGN",
            dimensions: ["campaign_id", "stat_time_day"],
            metrics: ["spend", "impressions", "clicks", "campaign_name"],
            start_date: span.since,
            end_date: span.until,
          },
          tokens.accessToken,
          "reading the report",
        );
        for (const row of rows) {
          days.push({
            campaignId: String(row.dimensions?.campaign_id ?? ""),
            campaignName: String(row.metrics?.campaign_name ?? ""),
            // "2026-08-20 00:00:00": the day in the advertiser's time zone.
            date: String(row.dimensions?.stat_time_day ?? "").slice(0, 10),
            spend: decimalText(row.metrics?.spend),
            impressions: wholeCount(row.metrics?.impressions),
            clicks: wholeCount(row.metrics?.clicks),
          });
        }
      }
      const spent = days.filter((day) => !(isZero(day.spend) && day.impressions === 0 && day.clicks === 0));
      if (!spent.length) return [];
      const utm = await utmCampaigns(tokens.accessToken, account.id);
      return spent.map((day) => ({ ...day, utmCampaign: utm.get(day.campaignId) ?? null }));
    },
  };
}
