import type { IncomingMessage, ServerResponse } from "node:http";
import { ThrottleBucket } from "../cost";
import { readBody, sendJson } from "../http";
import type { DevStore } from "../store";
import { adAccounts, adCampaignDays, adCampaigns, daysBetween, isCalendarDate, requestId, type AdAccount, type AdPlatformState } from "./platform-state";

// TikTok's API for Business as an app meets it, under /ads/tiktok (standing for
// business-api.tiktok.com): the advertiser authorization page, the token exchange (a long-term
// token, no expiry, no refresh), the authorized advertisers and their details, the synchronous
// report by campaign and day (at most 30 days a call), and ads (whose landing page URLs and
// utm_params carry utm_campaign). Every answer is HTTP 200 with {code, message, request_id, data}:
// only code 0 is success. The token travels in the Access-Token header.

/** The one API version the devstore serves. */
export const TIKTOK_API_VERSION = "v1.3";

/** Requests a second for the developer app (TikTok's Basic tier allows 10). */
export interface TiktokRateLimits {
  qps: number;
}

export const TIKTOK_DEFAULT_RATE_LIMITS: TiktokRateLimits = { qps: 10 };

const AUTH_CODE_LIFETIME_MS = 60 * 60_000;
const MAX_REPORT_DAYS = 30;
const MAX_PAGE_SIZE = 1000;
/** The permission scopes the app was created with: 4 is Reporting. */
const APP_SCOPES = [4];
const REPORT_METRICS = new Set(["spend", "impressions", "clicks", "campaign_name"]);
const ADVERTISER_FIELDS = new Set(["advertiser_id", "name", "currency", "timezone", "display_timezone", "status"]);
const AD_FIELDS = new Set(["ad_id", "ad_name", "campaign_id", "landing_page_url", "utm_params"]);

class TiktokError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new TiktokError(40002, message);

function envelope(response: ServerResponse, code: number, message: string, data: unknown = {}) {
  sendJson(response, 200, { code, message, request_id: requestId(), data });
}

/** The authorization page's own error: a person reads it, the app gets no redirect. */
function portalError(response: ServerResponse, text: string) {
  response.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><title>Authorization failed</title><h1>Authorization failed</h1><p>${text}</p>`);
}

/** A JSON-array parameter, as TikTok takes lists in the query string (`["a","b"]`). */
function listParam(params: URLSearchParams, name: string, required: boolean): string[] | null {
  const raw = params.get(name);
  if (raw === null) {
    if (required) throw invalid(`${name}: Missing data for required field.`);
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid(`${name}: Not a valid list.`);
  }
  if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== "string")) throw invalid(`${name}: Not a valid list.`);
  return parsed as string[];
}

function pageParams(params: URLSearchParams): { page: number; pageSize: number } {
  const page = Number(params.get("page") ?? 1);
  const pageSize = Number(params.get("page_size") ?? 10);
  if (!Number.isInteger(page) || page < 1) throw invalid("page: Must be greater than or equal to 1.");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw invalid(`page_size: Must be between 1 and ${MAX_PAGE_SIZE}.`);
  return { page, pageSize };
}

function paged<T>(items: T[], { page, pageSize }: { page: number; pageSize: number }) {
  return {
    list: items.slice((page - 1) * pageSize, page * pageSize),
    page_info: { page, page_size: pageSize, total_number: items.length, total_page: Math.ceil(items.length / pageSize) },
  };
}

export class TiktokPlatform {
  private readonly bucket: ThrottleBucket;

  constructor(
    private readonly state: AdPlatformState,
    private readonly store: DevStore,
    limits: TiktokRateLimits,
  ) {
    this.bucket = new ThrottleBucket(limits.qps, limits.qps, state.clock);
  }

  async handle(request: IncomingMessage, response: ServerResponse, path: string, url: URL): Promise<void> {
    if (path === "/portal/auth") return this.authorize(response, url);
    const prefix = `/open_api/${TIKTOK_API_VERSION}`;
    if (!path.startsWith(`${prefix}/`)) {
      return sendJson(response, 404, { code: 40002, message: `The devstore serves ${prefix} only`, request_id: requestId(), data: {} });
    }
    const route = path.slice(prefix.length);
    try {
      if (route === "/oauth2/access_token/" && request.method === "POST") return this.accessToken(response, await readBody(request));
      const read = {
        "/oauth2/advertiser/get/": () => this.advertisers(url.searchParams),
        "/advertiser/info/": () => this.advertiserInfo(url.searchParams),
        "/report/integrated/get/": () => this.report(url.searchParams),
        "/ad/get/": () => this.ads(url.searchParams),
      }[route];
      if (!read || request.method !== "GET") return envelope(response, 40002, `No such endpoint: ${request.method} ${path}`);
      this.guard(request);
      envelope(response, 0, "OK", read());
    } catch (error) {
      if (error instanceof TiktokError) return envelope(response, error.code, error.message);
      throw error;
    }
  }

  // ---- advertiser authorization ------------------------------------------------------------------

  private authorize(response: ServerResponse, url: URL) {
    const params = url.searchParams;
    if (params.get("app_id") !== this.state.app.clientId) return portalError(response, "The app_id is invalid.");
    const redirectUri = params.get("redirect_uri");
    if (!this.state.redirectAllowed(redirectUri)) return portalError(response, "The redirect_uri doesn't match the app's advertiser redirect URLs.");
    // Auto-consent: the advertiser approves the app's permissions (and confirms the emailed code).
    const code = this.state.issueCode({ redirectUri, scopes: APP_SCOPES.map(String), offline: false }, AUTH_CODE_LIFETIME_MS);
    const target = new URL(redirectUri);
    target.searchParams.set("auth_code", code);
    target.searchParams.set("code", code);
    const state = params.get("state");
    if (state !== null) target.searchParams.set("state", state);
    response.writeHead(302, { Location: target.toString() });
    response.end();
  }

  private accessToken(response: ServerResponse, body: string) {
    let input: { app_id?: unknown; secret?: unknown; auth_code?: unknown };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      throw invalid("The request body is not valid JSON.");
    }
    if (input.app_id !== this.state.app.clientId || input.secret !== this.state.app.clientSecret)
      throw new TiktokError(40101, "The app_id or secret is invalid.");
    const redemption = this.state.redeemCode(typeof input.auth_code === "string" ? input.auth_code : null);
    if (redemption.status !== "valid") throw new TiktokError(40110, "The auth_code is invalid or has expired. Authorize again to get a new one.");
    const accessToken = this.state.issueToken("", { kind: "access", scopes: redemption.code.scopes, lifetimeMs: null });
    envelope(response, 0, "OK", {
      access_token: accessToken,
      advertiser_ids: adAccounts(this.store, "tiktok").map((account) => account.id),
      scope: APP_SCOPES,
    });
  }

  /** The token, a test's planned failure, then the app's requests a second: in that order, as each API call meets them. */
  private guard(request: IncomingMessage) {
    const header = request.headers["access-token"];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) throw new TiktokError(40104, "Access token is null, you should set it in http header with key Access-Token.");
    if (this.state.checkToken(token).status !== "valid") throw new TiktokError(40105, "Access token is incorrect or has been revoked.");
    const planned = this.state.takePlannedFailure();
    if (planned === "down") throw new TiktokError(50000, "System error. Please try again later.");
    if (planned === "rate_limited" || !this.bucket.take(1)) throw new TiktokError(40100, "Requests made too frequently.");
  }

  private account(params: URLSearchParams): AdAccount {
    const id = params.get("advertiser_id");
    if (!id) throw invalid("advertiser_id: Missing data for required field.");
    const account = adAccounts(this.store, "tiktok").find((candidate) => candidate.id === id);
    if (!account) throw new TiktokError(40001, `No permission to operate advertiser ${id}.`);
    return account;
  }

  // ---- the Marketing API ---------------------------------------------------------------------------

  private advertisers(params: URLSearchParams) {
    if (params.get("app_id") !== this.state.app.clientId || params.get("secret") !== this.state.app.clientSecret) {
      throw new TiktokError(40101, "The app_id or secret is invalid.");
    }
    return { list: adAccounts(this.store, "tiktok").map((account) => ({ advertiser_id: account.id, advertiser_name: account.name })) };
  }

  private advertiserInfo(params: URLSearchParams) {
    const ids = listParam(params, "advertiser_ids", true)!;
    const fields = listParam(params, "fields", false) ?? ["advertiser_id", "name"];
    const unknown = fields.find((field) => !ADVERTISER_FIELDS.has(field));
    if (unknown) throw invalid(`fields: ${unknown} is not a valid field.`);
    const accounts = adAccounts(this.store, "tiktok");
    return {
      list: ids.map((id) => {
        const account = accounts.find((candidate) => candidate.id === id);
        if (!account) throw new TiktokError(40001, `No permission to operate advertiser ${id}.`);
        const all: Record<string, unknown> = {
          advertiser_id: account.id,
          name: account.name,
          currency: account.currency,
          timezone: account.timeZone,
          display_timezone: account.timeZone,
          status: "STATUS_ENABLE",
        };
        return Object.fromEntries([...new Set(["advertiser_id", ...fields])].map((field) => [field, all[field]]));
      }),
    };
  }

  private report(params: URLSearchParams) {
    const account = this.account(params);
    if (params.get("report_type") !== "BASIC") throw invalid("report_type: the devstore serves BASIC reports only.");
    if (params.get("data_level") !== "AUCTION_CAMPAIGN") throw invalid("data_level: the devstore serves AUCTION_CAMPAIGN only.");
    const dimensions = listParam(params, "dimensions", true)!;
    if (dimensions.length !== 2 || !dimensions.includes("campaign_id") || !dimensions.includes("stat_time_day")) {
      throw invalid('dimensions: the devstore serves ["campaign_id","stat_time_day"] only.');
    }
    const metrics = listParam(params, "metrics", false) ?? ["spend", "impressions"];
    const unknown = metrics.find((metric) => !REPORT_METRICS.has(metric));
    if (unknown) throw invalid(`metrics: ${unknown} is not a valid metric.`);
    const since = params.get("start_date") ?? "";
    const until = params.get("end_date") ?? "";
    if (!isCalendarDate(since) || !isCalendarDate(until)) throw invalid("start_date and end_date: Required, in the format YYYY-MM-DD.");
    if (since > until) throw invalid("start_date must not be after end_date.");
    if (daysBetween(since, until) > MAX_REPORT_DAYS) throw invalid(`The time range of a stat_time_day report is at most ${MAX_REPORT_DAYS} days.`);
    const rows = adCampaignDays(this.store, "tiktok", account.id, since, until).map((line) => {
      const all: Record<string, string> = {
        spend: line.spend,
        impressions: String(line.impressions),
        clicks: String(line.clicks),
        campaign_name: line.campaignName,
      };
      return {
        dimensions: { campaign_id: line.campaignId, stat_time_day: `${line.date} 00:00:00` },
        metrics: Object.fromEntries(metrics.map((metric) => [metric, all[metric]])),
      };
    });
    return paged(rows, pageParams(params));
  }

  /** One ad per campaign: its landing page URL and utm_params carry the campaign's utm_campaign (TikTok keeps UTMs on ads). */
  private ads(params: URLSearchParams) {
    const account = this.account(params);
    const fields = listParam(params, "fields", false) ?? ["ad_id", "campaign_id"];
    const unknown = fields.find((field) => !AD_FIELDS.has(field));
    if (unknown) throw invalid(`fields: ${unknown} is not a valid field.`);
    const ads = adCampaigns(this.store, "tiktok", account.id).map((campaign) => {
      const utm = [
        { key: "utm_source", value: "tiktok" },
        { key: "utm_medium", value: "paid_social" },
        ...(campaign.utmCampaign ? [{ key: "utm_campaign", value: campaign.utmCampaign }] : []),
      ];
      const landing = new URL(`https://${this.store.shop.myshopifyDomain}/`);
      for (const { key, value } of utm) landing.searchParams.set(key, value);
      const all: Record<string, unknown> = {
        ad_id: `${campaign.id}1`,
        ad_name: `${campaign.name} ad`,
        campaign_id: campaign.id,
        landing_page_url: landing.toString(),
        utm_params: utm,
      };
      return Object.fromEntries([...new Set(["ad_id", ...fields])].map((field) => [field, all[field]]));
    });
    return paged(ads, pageParams(params));
  }
}
