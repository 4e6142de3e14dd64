import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http";
import type { DevStore } from "../store";
import {
  accountToday,
  adAccounts,
  adCampaignDays,
  adCampaigns,
  addDays,
  earliestDailyReportDate,
  isCalendarDate,
  requestId,
  type AdAccount,
  type AdPlatformState,
} from "./platform-state";

// Meta's Marketing API as an app meets it, under /ads/meta (standing for www.facebook.com's consent
// dialog and graph.facebook.com): Facebook Login's dialog, the token endpoint (a code, then the
// long-lived exchange), /me/adaccounts, an ad account's insights by campaign and day, and its ads
// (whose creatives carry the URL tags with utm_campaign). Errors are Graph errors
// ({"error":{"message","type","code","error_subcode","fbtrace_id"}}, branch on code, not status).
// Rate limits are the ad account's score, reported in X-Business-Use-Case-Usage and
// X-Ad-Account-Usage on every ad-account call.

/** The one Graph API version the devstore serves. */
export const META_GRAPH_VERSION = "v26.0";

/**
 * An ad account's rate-limit score (Meta's documented model): each call adds a point, the score
 * decays to nothing over `decaySeconds`, and a call that would pass `maxScore` blocks the account for
 * `blockSeconds`. The default is Meta's Standard tier (9,000 points, 300 s, 60 s block).
 */
export interface MetaRateLimits {
  maxScore: number;
  decaySeconds: number;
  blockSeconds: number;
}

export const META_DEFAULT_RATE_LIMITS: MetaRateLimits = { maxScore: 9000, decaySeconds: 300, blockSeconds: 60 };

const CODE_LIFETIME_MS = 10 * 60_000;
/** A token from a code lives hours; the long-lived exchange gives about 60 days (Meta answers expires_in 5183944). */
const SHORT_LIVED_SECONDS = 2 * 3600;
const LONG_LIVED_SECONDS = 5_183_944;
const PERMISSIONS = new Set(["ads_read", "ads_management", "business_management", "read_insights", "public_profile", "email"]);
const INSIGHTS_FIELDS = new Set([
  "account_id",
  "account_name",
  "account_currency",
  "campaign_id",
  "campaign_name",
  "spend",
  "impressions",
  "clicks",
  "date_start",
  "date_stop",
]);
const ACCOUNT_FIELDS = new Set(["id", "account_id", "name", "currency", "timezone_name", "timezone_offset_hours_utc", "account_status"]);
const AD_FIELDS = new Set(["id", "name", "campaign_id", "creative"]);
const CREATIVE_FIELDS = new Set(["id", "url_tags"]);
const ACCESS_TIER = "standard_access";

interface GraphError {
  message: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

class AccountScore {
  private score = 0;
  private updatedAt: number;
  private blockedUntil = 0;

  constructor(
    private readonly limits: MetaRateLimits,
    private readonly clock: () => number,
  ) {
    this.updatedAt = clock();
  }

  private decay() {
    const now = this.clock();
    this.score = Math.max(0, this.score - ((now - this.updatedAt) / 1000 / this.limits.decaySeconds) * this.limits.maxScore);
    this.updatedAt = now;
  }

  /** Counts a call; false when the account is blocked (or this call blocks it). */
  charge(): boolean {
    this.decay();
    if (this.clock() < this.blockedUntil) return false;
    if (this.score + 1 > this.limits.maxScore) {
      this.blockedUntil = this.clock() + this.limits.blockSeconds * 1000;
      return false;
    }
    this.score += 1;
    return true;
  }

  /** The two usage headers: percentages of the limit, seconds until the score is back to nothing, minutes until a blocked account may call again. */
  headers(accountId: string, type: "ads_insights" | "ads_management", blockedFor: number | null = null): Record<string, string> {
    this.decay();
    const blockedMs = blockedFor ?? Math.max(0, this.blockedUntil - this.clock());
    const percent = blockedMs > 0 ? 100 : Math.round((this.score / this.limits.maxScore) * 10_000) / 100;
    const resetSeconds = Math.ceil((this.score / this.limits.maxScore) * this.limits.decaySeconds);
    const regainMinutes = Math.ceil(blockedMs / 60_000);
    return {
      "X-Business-Use-Case-Usage": JSON.stringify({
        [accountId]: [
          {
            type,
            call_count: percent,
            total_cputime: percent,
            total_time: percent,
            estimated_time_to_regain_access: regainMinutes,
            ads_api_access_tier: ACCESS_TIER,
          },
        ],
      }),
      "X-Ad-Account-Usage": JSON.stringify({ acc_id_util_pct: percent, reset_time_duration: resetSeconds, ads_api_access_tier: ACCESS_TIER }),
    };
  }
}

const numericId = (accountId: string) => accountId.replace(/^act_/, "");

function graphError(response: ServerResponse, status: number, error: GraphError, headers: Record<string, string> = {}) {
  sendJson(response, status, { error: { type: "OAuthException", ...error, fbtrace_id: requestId() } }, headers);
}

/** The dialog's own error page: a person reads it, the app never gets a redirect. */
function dialogError(response: ServerResponse, title: string, text: string) {
  response.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><title>${title}</title><h1>${title}</h1><p>${text}</p>`);
}

/** `a,b{c,d},e` → ["a", "b{c,d}", "e"]: Graph's field list, split at the commas outside braces. */
function splitFields(text: string): string[] {
  const fields: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "," && depth === 0) {
      fields.push(current.trim());
      current = "";
      continue;
    }
    if (char === "{") depth++;
    if (char === "}") depth--;
    current += char;
  }
  if (current.trim()) fields.push(current.trim());
  return fields;
}

const cursorOf = (index: number) => Buffer.from(`devstore:${index}`).toString("base64url");
function indexOf(cursor: string): number | null {
  const match = /^devstore:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : null;
}

export class MetaPlatform {
  private readonly scores = new Map<string, AccountScore>();

  constructor(
    private readonly state: AdPlatformState,
    private readonly store: DevStore,
    private readonly limits: MetaRateLimits,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, path: string, url: URL): Promise<void> {
    const version = /^\/(v\d+\.\d+)\//.exec(path)?.[1];
    if (version !== META_GRAPH_VERSION) {
      return graphError(response, 400, { message: `(#2635) Unsupported version: the devstore serves Graph API ${META_GRAPH_VERSION}`, code: 2635 });
    }
    const route = path.slice(version.length + 1);
    if (route === "/dialog/oauth") return this.dialog(response, url);
    if (route === "/oauth/access_token") return this.accessToken(response, url);
    const account = /^\/act_(\d+)\/(insights|ads)$/.exec(route);
    if (route !== "/me/adaccounts" && !account) return graphError(response, 400, { message: `Unknown path components: ${route}`, code: 2500 });
    // What a test planned hits the API's calls (not the dialog, not the token endpoint).
    const planned = this.state.takePlannedFailure();
    if (planned === "down") {
      return graphError(response, 500, { message: "An unexpected error has occurred. Please retry your request later.", code: 2, is_transient: true });
    }
    if (planned === "rate_limited" && !account) {
      return graphError(response, 400, { message: "(#17) User request limit reached", code: 17, error_subcode: 2446079, is_transient: true });
    }
    if (route === "/me/adaccounts") return this.adAccounts(request, response, url);
    this.adAccountEdge(request, response, url, account![1]!, account![2] as "insights" | "ads", planned === "rate_limited");
  }

  // ---- Facebook Login ----------------------------------------------------------------------------

  private dialog(response: ServerResponse, url: URL) {
    const params = url.searchParams;
    if (params.get("client_id") !== this.state.app.clientId) {
      return dialogError(response, "Invalid App ID", "The provided app ID does not look like a valid app ID.");
    }
    const redirectUri = params.get("redirect_uri");
    if (!this.state.redirectAllowed(redirectUri)) {
      return dialogError(
        response,
        "URL Blocked",
        "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
      );
    }
    if ((params.get("response_type") ?? "code") !== "code") {
      return dialogError(response, "Unsupported response_type", "The devstore's dialog answers response_type=code only.");
    }
    // Facebook Login for Business: a saved configuration stands for the permissions it grants.
    const scopes = params.get("config_id") ? ["ads_read"] : (params.get("scope") ?? "public_profile").split(/[,\s]+/).filter(Boolean);
    const unknown = scopes.filter((scope) => !PERMISSIONS.has(scope));
    if (unknown.length) {
      return dialogError(response, "Invalid Scopes", `Invalid Scopes: ${unknown.join(", ")}. This message is only shown to developers.`);
    }
    // Auto-consent: the owner clicks "Continue".
    const code = this.state.issueCode({ redirectUri, scopes, offline: false }, CODE_LIFETIME_MS);
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    const state = params.get("state");
    if (state !== null) target.searchParams.set("state", state);
    response.writeHead(302, { Location: target.toString() });
    response.end();
  }

  private accessToken(response: ServerResponse, url: URL) {
    const params = url.searchParams;
    if (params.get("client_id") !== this.state.app.clientId) {
      return graphError(response, 400, { message: "Error validating application. Invalid application ID.", code: 101, is_transient: false });
    }
    if (params.get("client_secret") !== this.state.app.clientSecret) {
      return graphError(response, 400, { message: "Error validating client secret.", code: 1, is_transient: false });
    }
    if (params.get("grant_type") === "fb_exchange_token") {
      const check = this.state.checkToken(params.get("fb_exchange_token"));
      if (check.status !== "valid") return this.tokenError(response, check.status, check.token?.expiresAt ?? null);
      return sendJson(response, 200, this.issue(check.token.scopes, LONG_LIVED_SECONDS, true));
    }
    const redemption = this.state.redeemCode(params.get("code"));
    if (redemption.status !== "valid") {
      const refusal = {
        unknown: { message: "Invalid verification code format.", code: 100 },
        used: { message: "This authorization code has been used.", code: 100, error_subcode: 36009 },
        expired: { message: "This authorization code has expired.", code: 100, error_subcode: 36007 },
      }[redemption.status];
      return graphError(response, 400, { ...refusal, is_transient: false });
    }
    if (params.get("redirect_uri") !== redemption.code.redirectUri) {
      return graphError(response, 400, {
        message: "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
        code: 100,
        error_subcode: 36008,
        is_transient: false,
      });
    }
    sendJson(response, 200, this.issue(redemption.code.scopes, SHORT_LIVED_SECONDS, false));
  }

  private issue(scopes: string[], seconds: number, longLived: boolean) {
    const accessToken = this.state.issueToken("EAA", { kind: "access", scopes, lifetimeMs: seconds * 1000, longLived });
    return { access_token: accessToken, token_type: "bearer", expires_in: seconds };
  }

  private tokenError(response: ServerResponse, status: "unknown" | "expired" | "revoked", expiresAt: number | null, headers: Record<string, string> = {}) {
    if (status === "expired") {
      const at = new Date(expiresAt ?? this.state.clock()).toUTCString();
      return graphError(
        response,
        400,
        {
          message: `Error validating access token: Session has expired on ${at}. The current time is ${new Date(this.state.clock()).toUTCString()}.`,
          code: 190,
          error_subcode: 463,
        },
        headers,
      );
    }
    if (status === "revoked") {
      return graphError(
        response,
        400,
        { message: `Error validating access token: The user has not authorized application ${this.state.app.clientId}.`, code: 190, error_subcode: 458 },
        headers,
      );
    }
    graphError(response, 400, { message: "Invalid OAuth access token - Cannot parse access token", code: 190 }, headers);
  }

  /** The caller's token, from `access_token=` or an Authorization header; answers the error itself and returns null when it doesn't work. */
  private authorize(request: IncomingMessage, response: ServerResponse, url: URL, missingCode: number): string[] | null {
    const header = /^(?:Bearer|OAuth) (.+)$/i.exec(String(request.headers.authorization ?? ""))?.[1];
    const value = url.searchParams.get("access_token") ?? header ?? null;
    if (!value) {
      graphError(response, 400, { message: "An access token is required to request this resource.", code: missingCode });
      return null;
    }
    const check = this.state.checkToken(value);
    if (check.status !== "valid") {
      this.tokenError(response, check.status, check.token?.expiresAt ?? null);
      return null;
    }
    if (!check.token.scopes.includes("ads_read") && !check.token.scopes.includes("ads_management")) {
      graphError(response, 400, { message: "(#200) Ad account owner has NOT grant ads_management or ads_read permission", code: 200 });
      return null;
    }
    return check.token.scopes;
  }

  // ---- the Graph API -------------------------------------------------------------------------------

  private adAccounts(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (!this.authorize(request, response, url, 2500)) return;
    const fields = splitFields(url.searchParams.get("fields") ?? "id");
    const unknown = fields.find((field) => !ACCOUNT_FIELDS.has(field));
    if (unknown) return graphError(response, 400, { message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (AdAccount)`, code: 100 });
    const rows = adAccounts(this.store, "meta").map((account) => {
      const all: Record<string, unknown> = {
        id: `act_${numericId(account.id)}`,
        account_id: numericId(account.id),
        name: account.name,
        currency: account.currency,
        timezone_name: account.timeZone,
        timezone_offset_hours_utc: offsetHours(account.timeZone, this.state.clock()),
        account_status: 1,
      };
      return Object.fromEntries([...new Set(["id", ...fields])].map((field) => [field, all[field]]));
    });
    this.page(request, response, url, rows);
  }

  private adAccountEdge(request: IncomingMessage, response: ServerResponse, url: URL, id: string, edge: "insights" | "ads", forcedThrottle: boolean) {
    const type = edge === "insights" ? "ads_insights" : "ads_management";
    const account = adAccounts(this.store, "meta").find((candidate) => numericId(candidate.id) === id);
    if (!this.authorize(request, response, url, 104)) return;
    if (!account) {
      return graphError(response, 400, {
        message: `Unsupported get request. Object with ID 'act_${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        code: 100,
        error_subcode: 33,
      });
    }
    let score = this.scores.get(id);
    if (!score) this.scores.set(id, (score = new AccountScore(this.limits, this.state.clock)));
    if (forcedThrottle || !score.charge()) {
      const headers = score.headers(id, type, forcedThrottle ? this.limits.blockSeconds * 1000 : null);
      const insights = edge === "insights";
      return graphError(
        response,
        400,
        {
          message: `There have been too many calls ${insights ? "from" : "to"} this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.`,
          code: insights ? 80000 : 80004,
          error_subcode: 2446079,
          is_transient: true,
        },
        headers,
      );
    }
    const headers = score.headers(id, type);
    if (edge === "ads") return this.ads(request, response, url, account, headers);
    this.insights(request, response, url, account, headers);
  }

  private insights(request: IncomingMessage, response: ServerResponse, url: URL, account: AdAccount, headers: Record<string, string>) {
    const params = url.searchParams;
    const invalid = (message: string) => graphError(response, 400, { message: `(#100) ${message}`, code: 100 }, headers);
    if ((params.get("level") ?? "account") !== "campaign") return invalid("The devstore reports level=campaign only");
    if (params.get("time_increment") !== "1") return invalid("The devstore reports time_increment=1 (one row a day) only");
    const fields = splitFields(params.get("fields") ?? "spend");
    const unknown = fields.find((field) => !INSIGHTS_FIELDS.has(field));
    if (unknown) {
      return invalid(
        `${unknown} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values`,
      );
    }
    const today = accountToday(account, this.state.clock);
    let since = addDays(today, -30);
    let until = addDays(today, -1);
    const range = params.get("time_range");
    if (range !== null) {
      let parsed: { since?: unknown; until?: unknown };
      try {
        parsed = JSON.parse(range) as { since?: unknown; until?: unknown };
      } catch {
        return invalid("Param time_range must be a JSON object with since and until");
      }
      if (typeof parsed.since !== "string" || typeof parsed.until !== "string" || !isCalendarDate(parsed.since) || !isCalendarDate(parsed.until)) {
        return invalid("Param time_range must be a JSON object with since and until, each a YYYY-MM-DD date");
      }
      if (parsed.since > parsed.until) return invalid("Param time_range: since must not be after until");
      ({ since, until } = parsed as { since: string; until: string });
    }
    if (since < earliestDailyReportDate(today)) {
      return graphError(
        response,
        400,
        { message: "(#3018) The start date of the time range cannot be beyond 37 months from the current date", code: 3018 },
        headers,
      );
    }
    // A campaign's day appears only when it delivered (the store has a line for it).
    const rows = adCampaignDays(this.store, "meta", account.id, since, until).map((line) => {
      const all: Record<string, unknown> = {
        account_id: numericId(account.id),
        account_name: account.name,
        account_currency: account.currency,
        campaign_id: line.campaignId,
        campaign_name: line.campaignName,
        spend: line.spend,
        impressions: String(line.impressions),
        clicks: String(line.clicks),
      };
      return { ...Object.fromEntries(fields.map((field) => [field, all[field]])), date_start: line.date, date_stop: line.date };
    });
    this.page(request, response, url, rows, headers);
  }

  /**
   * One ad per campaign, its creative's URL tags carrying the campaign's utm_campaign (Meta keeps
   * UTMs on the creative, not the campaign).
   */
  private ads(request: IncomingMessage, response: ServerResponse, url: URL, account: AdAccount, headers: Record<string, string>) {
    const fields = splitFields(url.searchParams.get("fields") ?? "id");
    const creativeFields = new Set<string>();
    for (const field of fields) {
      const nested = /^creative\{(.*)\}$/.exec(field);
      const name = nested ? "creative" : field;
      for (const sub of nested ? splitFields(nested[1]!) : []) creativeFields.add(sub);
      if (!AD_FIELDS.has(name) || [...creativeFields].some((sub) => !CREATIVE_FIELDS.has(sub))) {
        return graphError(response, 400, { message: `(#100) Tried accessing nonexisting field (${field}) on node type (Ad)`, code: 100 }, headers);
      }
    }
    const rows = adCampaigns(this.store, "meta", account.id).map((campaign) => {
      const tags = new URLSearchParams({ utm_source: "facebook", utm_medium: "paid_social" });
      if (campaign.utmCampaign) tags.set("utm_campaign", campaign.utmCampaign);
      const creative: Record<string, unknown> = { id: `${campaign.id}9`, url_tags: tags.toString() };
      const all: Record<string, unknown> = {
        id: `${campaign.id}1`,
        name: `${campaign.name} ad`,
        campaign_id: campaign.id,
        creative: Object.fromEntries([...new Set(["id", ...creativeFields])].map((field) => [field, creative[field]])),
      };
      return Object.fromEntries([...new Set(["id", ...fields.map((field) => field.replace(/\{.*$/, ""))])].map((field) => [field, all[field]]));
    });
    this.page(request, response, url, rows, headers);
  }

  /** A page of `limit` rows (25 unless asked) after the `after` cursor, with cursors and the next page's absolute URL on this origin. */
  private page(request: IncomingMessage, response: ServerResponse, url: URL, rows: Record<string, unknown>[], headers: Record<string, string> = {}) {
    const limit = Number(url.searchParams.get("limit") ?? 25);
    if (!Number.isInteger(limit) || limit < 1)
      return graphError(response, 400, { message: "(#100) Param limit must be a positive integer", code: 100 }, headers);
    const after = url.searchParams.get("after");
    const start = after === null ? 0 : indexOf(after);
    if (start === null) return graphError(response, 400, { message: "(#100) Invalid cursor", code: 100 }, headers);
    const data = rows.slice(start, start + limit);
    const paging: Record<string, unknown> = {};
    if (data.length) paging.cursors = { before: cursorOf(start), after: cursorOf(start + data.length) };
    if (start + data.length < rows.length) {
      const next = new URL(`${url.pathname}${url.search}`, `http://${request.headers.host ?? "127.0.0.1"}`);
      next.searchParams.set("after", cursorOf(start + data.length));
      paging.next = next.toString();
    }
    sendJson(response, 200, { data, paging }, headers);
  }
}

/** The zone's offset from UTC in hours now, as Meta's timezone_offset_hours_utc gives it. */
function offsetHours(zone: string, now: number): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(new Date(now));
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((part) => part.type === "timeZoneName")?.value ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) + Number(match[3]) / 60);
}
