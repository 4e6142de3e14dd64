import type { IncomingMessage, ServerResponse } from "node:http";
import { ThrottleBucket } from "../cost";
import { readBody, sendJson } from "../http";
import type { DevStore } from "../store";
import { GaqlError, parseGaql, type GaqlCondition, type GaqlQuery } from "./gaql";
import {
  accountToday,
  adAccounts,
  adCampaignDays,
  addDays,
  decimalToMicros,
  earliestDailyReportDate,
  isCalendarDate,
  requestId,
  type AdAccount,
  type AdPlatformState,
} from "./platform-state";

// Google Ads as an app meets it, under /ads/google (standing for accounts.google.com's consent,
// oauth2.googleapis.com's token endpoint and googleads.googleapis.com's REST API): the consent
// screen, the token endpoint (codes and refresh tokens), listAccessibleCustomers, and GAQL reports
// through googleAds:searchStream (batches) and googleAds:search (pages with nextPageToken) over
// `customer` and `campaign` (segments.date, metrics.cost_micros, impressions, clicks,
// campaign.final_url_suffix). Rows are proto3 JSON: camelCase, int64 as strings, default values
// (0, false, "") left out. Errors are google.rpc.Status with a GoogleAdsFailure in details
// (searchStream wraps them in an array, as it does its batches). Managers and login-customer-id
// are not modelled: every account is one the owner reaches directly.

/** The one Google Ads API version the devstore serves. */
export const GOOGLE_ADS_VERSION = "v26";

/** Google's short-term limit: a token bucket per customer (and one for listAccessibleCustomers). */
export interface GoogleRateLimits {
  burst: number;
  perSecond: number;
}

export const GOOGLE_DEFAULT_RATE_LIMITS: GoogleRateLimits = { burst: 100, perSecond: 10 };

/** Rows in one searchStream batch or one search page: Google's 10,000. */
export const GOOGLE_ROWS_PER_PAGE = 10_000;

const ADWORDS = "https://www.googleapis.com/auth/adwords";
const SCOPES = new Set([
  ADWORDS,
  "openid",
  "email",
  "profile",
  "https://www.googleapis.com/auth/userinfo.email",
  "https://www.googleapis.com/auth/userinfo.profile",
]);
const CODE_LIFETIME_MS = 10 * 60_000;
const ACCESS_SECONDS = 3599;
const FAILURE_TYPE = `type.googleapis.com/google.ads.googleads.${GOOGLE_ADS_VERSION}.errors.GoogleAdsFailure`;

const CUSTOMER_FIELDS = [
  "customer.id",
  "customer.resource_name",
  "customer.descriptive_name",
  "customer.currency_code",
  "customer.time_zone",
  "customer.manager",
  "customer.test_account",
];
const CAMPAIGN_FIELDS = ["campaign.id", "campaign.resource_name", "campaign.name", "campaign.status", "campaign.final_url_suffix"];
const REPORT_FIELDS = ["segments.date", "metrics.cost_micros", "metrics.impressions", "metrics.clicks"];
const SELECTABLE: Record<string, Set<string>> = {
  customer: new Set(CUSTOMER_FIELDS),
  campaign: new Set([...CUSTOMER_FIELDS, ...CAMPAIGN_FIELDS, ...REPORT_FIELDS]),
};

type GoogleErrorCode = Record<string, string>;

interface RpcError {
  status: number;
  grpcStatus: string;
  message: string;
  /** The GoogleAdsFailure's error, when the Ads backend answered (the front end's own errors have none). */
  errorCode?: GoogleErrorCode;
  details?: Record<string, unknown>;
}

function rpcBody({ status, grpcStatus, message, errorCode, details }: RpcError) {
  return {
    error: {
      code: status,
      message,
      status: grpcStatus,
      ...(errorCode ? { details: [{ "@type": FAILURE_TYPE, errors: [{ errorCode, message, ...(details ? { details } : {}) }], requestId: requestId() }] } : {}),
    },
  };
}

/** The consent screen's error page ("Access blocked: … Error 400: redirect_uri_mismatch"). */
function consentError(response: ServerResponse, status: number, error: string, text: string) {
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><title>Access blocked</title><h1>Access blocked: authorization error</h1><p>${text}</p><p>Error ${status}: ${error}</p>`);
}

const customerIdOf = (account: AdAccount) => account.id.replace(/-/g, "");
const camel = (field: string) => field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const isDefault = (value: unknown) => value === undefined || value === null || value === "" || value === "0" || value === false;

export class GooglePlatform {
  private readonly buckets = new Map<string, ThrottleBucket>();

  constructor(
    private readonly state: AdPlatformState,
    private readonly store: DevStore,
    private readonly limits: GoogleRateLimits,
    private readonly rowsPerPage: number,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, path: string, url: URL): Promise<void> {
    if (path === "/o/oauth2/v2/auth") return this.consent(response, url);
    if (path === "/token") {
      if (request.method !== "POST") return sendJson(response, 405, { error: "invalid_request", error_description: "The token endpoint takes POST" });
      return this.token(response, await readBody(request));
    }
    const version = /^\/(v\d+)\//.exec(path)?.[1];
    if (version && version !== GOOGLE_ADS_VERSION) {
      return sendJson(
        response,
        404,
        rpcBody({ status: 404, grpcStatus: "NOT_FOUND", message: `Version ${version} is not served: the devstore serves ${GOOGLE_ADS_VERSION}.` }),
      );
    }
    const route = version ? path.slice(version.length + 1) : path;
    const report = /^\/customers\/(\d+)\/googleAds:(search|searchStream)$/.exec(route);
    if (route === "/customers:listAccessibleCustomers" && request.method === "GET") return this.api(request, response, null, "list");
    if (report && request.method === "POST") return this.api(request, response, report[1]!, report[2] === "searchStream" ? "stream" : "search");
    sendJson(response, 404, rpcBody({ status: 404, grpcStatus: "NOT_FOUND", message: `The devstore's Google Ads has no ${request.method} ${path}.` }));
  }

  // ---- OAuth ---------------------------------------------------------------------------------------

  private consent(response: ServerResponse, url: URL) {
    const params = url.searchParams;
    if (params.get("client_id") !== this.state.app.clientId) {
      return consentError(response, 401, "invalid_client", "The OAuth client was not found.");
    }
    const redirectUri = params.get("redirect_uri");
    if (!this.state.redirectAllowed(redirectUri)) {
      return consentError(response, 400, "redirect_uri_mismatch", "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy.");
    }
    if (params.get("response_type") !== "code")
      return consentError(response, 400, "invalid_request", "Required parameter is missing or invalid: response_type");
    const scope = params.get("scope");
    if (!scope) return consentError(response, 400, "invalid_request", "Missing required parameter: scope");
    const scopes = scope.split(" ").filter(Boolean);
    if (scopes.some((requested) => !SCOPES.has(requested))) return consentError(response, 400, "invalid_scope", "Some requested scopes were invalid.");
    // Auto-consent: the owner picks their account and clicks "Continue".
    const code = this.state.issueCode({ redirectUri, scopes, offline: params.get("access_type") === "offline" }, CODE_LIFETIME_MS);
    const target = new URL(redirectUri);
    const state = params.get("state");
    if (state !== null) target.searchParams.set("state", state);
    target.searchParams.set("code", code);
    target.searchParams.set("scope", scopes.join(" "));
    response.writeHead(302, { Location: target.toString() });
    response.end();
  }

  private token(response: ServerResponse, body: string) {
    const params = new URLSearchParams(body);
    const refuse = (status: number, error: string, description: string) => sendJson(response, status, { error, error_description: description });
    if (params.get("client_id") !== this.state.app.clientId) return refuse(401, "invalid_client", "The OAuth client was not found.");
    if (params.get("client_secret") !== this.state.app.clientSecret) return refuse(401, "invalid_client", "Unauthorized");
    const grant = params.get("grant_type");
    if (grant === "refresh_token") {
      const check = this.state.checkToken(params.get("refresh_token"), "refresh");
      if (check.status !== "valid") return refuse(400, "invalid_grant", "Token has been expired or revoked.");
      return sendJson(response, 200, this.access(check.token.scopes));
    }
    if (grant !== "authorization_code") return refuse(400, "unsupported_grant_type", `Invalid grant_type: ${grant ?? ""}`);
    const redemption = this.state.redeemCode(params.get("code"));
    if (redemption.status === "unknown") return refuse(400, "invalid_grant", "Malformed auth code.");
    if (redemption.status !== "valid") return refuse(400, "invalid_grant", "Bad Request");
    if (params.get("redirect_uri") !== redemption.code.redirectUri) return refuse(400, "redirect_uri_mismatch", "Bad Request");
    const { scopes, offline } = redemption.code;
    const refreshToken = offline ? this.state.issueToken("1//", { kind: "refresh", scopes, lifetimeMs: null }) : null;
    sendJson(response, 200, { ...this.access(scopes), ...(refreshToken ? { refresh_token: refreshToken } : {}) });
  }

  private access(scopes: string[]) {
    const accessToken = this.state.issueToken("ya29.", { kind: "access", scopes, lifetimeMs: ACCESS_SECONDS * 1000 });
    return { access_token: accessToken, expires_in: ACCESS_SECONDS, scope: scopes.join(" "), token_type: "Bearer" };
  }

  // ---- the Ads API ---------------------------------------------------------------------------------

  private async api(request: IncomingMessage, response: ServerResponse, customerId: string | null, mode: "list" | "search" | "stream") {
    // searchStream answers errors as it answers batches: in an array.
    const fail = (error: RpcError, headers: Record<string, string> = {}) => {
      const body = rpcBody(error);
      sendJson(response, error.status, mode === "stream" ? [body] : body, headers);
    };
    const planned = this.state.takePlannedFailure();
    if (planned === "down") return fail({ status: 503, grpcStatus: "UNAVAILABLE", message: "The service is currently unavailable." });
    const bearer = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ""))?.[1];
    if (!bearer) {
      return fail({
        status: 401,
        grpcStatus: "UNAUTHENTICATED",
        message: "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
      });
    }
    const check = this.state.checkToken(bearer);
    if (check.status !== "valid") {
      const reason = { unknown: "OAUTH_TOKEN_INVALID", expired: "OAUTH_TOKEN_EXPIRED", revoked: "OAUTH_TOKEN_REVOKED" }[check.status];
      return fail({
        status: 401,
        grpcStatus: "UNAUTHENTICATED",
        message: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        errorCode: { authenticationError: reason },
      });
    }
    if (!check.token.scopes.includes(ADWORDS)) {
      return fail({ status: 403, grpcStatus: "PERMISSION_DENIED", message: "Request had insufficient authentication scopes." });
    }
    let account: AdAccount | undefined;
    if (customerId !== null) {
      const accessible = adAccounts(this.store, "google");
      account = accessible.find((candidate) => customerIdOf(candidate) === customerId);
      const login = request.headers["login-customer-id"];
      if (!account || (login !== undefined && !accessible.some((candidate) => customerIdOf(candidate) === login))) {
        return fail({
          status: 403,
          grpcStatus: "PERMISSION_DENIED",
          message: "The caller does not have permission",
          errorCode: { authorizationError: "USER_PERMISSION_DENIED" },
        });
      }
    }
    const bucketKey = customerId ?? "listAccessibleCustomers";
    let bucket = this.buckets.get(bucketKey);
    if (!bucket) this.buckets.set(bucketKey, (bucket = new ThrottleBucket(this.limits.burst, this.limits.perSecond, this.state.clock)));
    if (planned === "rate_limited" || !bucket.take(1)) {
      const waitMs = planned === "rate_limited" ? 1000 / this.limits.perSecond : bucket.msUntil(1);
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      return fail({
        status: 429,
        grpcStatus: "RESOURCE_EXHAUSTED",
        message: `Too many requests. Retry in ${seconds} seconds.`,
        errorCode: { quotaError: "RESOURCE_TEMPORARILY_EXHAUSTED" },
        details: { quotaErrorDetails: { rateScope: "ACCOUNT", rateName: "Requests per customer", retryDelay: `${seconds}s` } },
      });
    }
    if (!account) {
      return sendJson(response, 200, { resourceNames: adAccounts(this.store, "google").map((candidate) => `customers/${customerIdOf(candidate)}`) });
    }

    let body: { query?: unknown; pageToken?: unknown; pageSize?: unknown };
    try {
      body = JSON.parse(await readBody(request)) as typeof body;
    } catch {
      return fail({ status: 400, grpcStatus: "INVALID_ARGUMENT", message: "Invalid JSON payload received." });
    }
    const invalid = (errorCode: GoogleErrorCode, message: string) => fail({ status: 400, grpcStatus: "INVALID_ARGUMENT", message, errorCode });
    if (typeof body.query !== "string" || !body.query.trim()) return invalid({ queryError: "EXPECTED_SELECT" }, "Error in query: the query is empty.");
    if (body.pageSize !== undefined) return invalid({ requestError: "PAGE_SIZE_NOT_SUPPORTED" }, "Setting the page size is not supported.");
    let rows: Record<string, Record<string, unknown>>[];
    let query: GaqlQuery;
    try {
      query = parseGaql(body.query);
      rows = this.run(query, account);
    } catch (error) {
      if (error instanceof GaqlError) return invalid({ queryError: error.queryError }, error.message);
      if (error instanceof DateRangeRefusal) return invalid({ dateRangeError: "REQUESTED_DATE_GRANULARITY_NOT_SUPPORTED" }, error.message);
      throw error;
    }
    const fieldMask = query.select.map((field) => field.split(".").map(camel).join(".")).join(",");
    if (mode === "stream") {
      const batches: Record<string, unknown>[] = [];
      for (let start = 0; start === 0 || start < rows.length; start += this.rowsPerPage) {
        const results = rows.slice(start, start + this.rowsPerPage);
        batches.push({ ...(results.length ? { results } : {}), fieldMask, requestId: requestId() });
      }
      batches[batches.length - 1]!.queryResourceConsumption = String(rows.length + 1);
      return sendJson(response, 200, batches);
    }
    let start = 0;
    if (body.pageToken !== undefined) {
      const token = typeof body.pageToken === "string" ? readPageToken(body.pageToken) : null;
      if (!token || token.query !== body.query) return invalid({ requestError: "INVALID_PAGE_TOKEN" }, "Page token is invalid.");
      start = token.offset;
    }
    const results = rows.slice(start, start + this.rowsPerPage);
    const more = start + results.length < rows.length;
    sendJson(response, 200, {
      ...(results.length ? { results } : {}),
      ...(more ? { nextPageToken: Buffer.from(JSON.stringify({ offset: start + results.length, query: body.query })).toString("base64url") } : {}),
      fieldMask,
      requestId: requestId(),
    });
  }

  // ---- GAQL over the store -------------------------------------------------------------------------

  private run(query: GaqlQuery, account: AdAccount): Record<string, Record<string, unknown>>[] {
    const selectable = SELECTABLE[query.from];
    if (!selectable) {
      throw new GaqlError("BAD_RESOURCE_TYPE_IN_FROM_CLAUSE", `Error in query: the devstore reports FROM customer or campaign, not ${query.from}.`);
    }
    for (const field of [...query.select, ...query.where.map((condition) => condition.field), ...query.orderBy.map((order) => order.field)]) {
      if (!selectable.has(field)) throw new GaqlError("UNRECOGNIZED_FIELD", `Error in query: unrecognized field in the query: '${field}'.`);
    }
    const cid = customerIdOf(account);
    const customer: Record<string, unknown> = {
      resourceName: `customers/${cid}`,
      id: cid,
      descriptiveName: account.name,
      currencyCode: account.currency,
      timeZone: account.timeZone,
      manager: false,
      testAccount: false,
    };
    let rows: Record<string, Record<string, unknown>>[];
    if (query.from === "customer") {
      if (query.where.length) throw new GaqlError("QUERY_ERROR", "Error in query: the devstore doesn't filter customer queries.");
      rows = [{ customer }];
    } else {
      rows = this.campaignRows(query, account, customer);
    }
    rows = rows.map((row) => pick(row, query.select));
    for (const order of [...query.orderBy].reverse()) {
      const [resource, name] = order.field.split(".") as [string, string];
      rows.sort((a, b) => compare(a[resource]?.[camel(name)], b[resource]?.[camel(name)]) * (order.descending ? -1 : 1));
    }
    return query.limit === null ? rows : rows.slice(0, query.limit);
  }

  private campaignRows(query: GaqlQuery, account: AdAccount, customer: Record<string, unknown>) {
    const { since, until, campaignIds } = this.filters(query.where);
    const byDay = query.select.includes("segments.date");
    if (byDay && (!since || !until)) {
      throw new GaqlError("EXPECTED_FILTERS_ON_DATE_RANGE", "Error in query: a finite date range is required when segments.date is selected.");
    }
    if (byDay && since && since < earliestDailyReportDate(accountToday(account, this.state.clock))) {
      throw new DateRangeRefusal(
        "The requested date range isn't supported for the date granularity of the query: metrics segmented by day are kept for the last 37 months.",
      );
    }
    const cid = customerIdOf(account);
    const groups = new Map<string, { campaign: Record<string, unknown>; date: string | null; cost: bigint; impressions: number; clicks: number }>();
    for (const line of adCampaignDays(this.store, "google", account.id, since, until)) {
      if (campaignIds && !campaignIds(line.campaignId)) continue;
      const key = byDay ? `${line.date}|${line.campaignId}` : line.campaignId;
      let group = groups.get(key);
      if (!group) {
        const suffix = line.utmCampaign ? new URLSearchParams({ utm_source: "google", utm_medium: "cpc", utm_campaign: line.utmCampaign }).toString() : "";
        const campaign = {
          resourceName: `customers/${cid}/campaigns/${line.campaignId}`,
          id: line.campaignId,
          name: line.campaignName,
          status: "ENABLED",
          finalUrlSuffix: suffix,
        };
        groups.set(key, (group = { campaign, date: byDay ? line.date : null, cost: 0n, impressions: 0, clicks: 0 }));
      }
      group.cost += decimalToMicros(line.spend);
      group.impressions += line.impressions;
      group.clicks += line.clicks;
    }
    return [...groups.values()].map((group) => ({
      customer,
      campaign: group.campaign,
      segments: { date: group.date },
      metrics: { costMicros: String(group.cost), impressions: String(group.impressions), clicks: String(group.clicks) },
    }));
  }

  /** The date bounds and campaign ids the WHERE clause asks for (the only filters the devstore reads). */
  private filters(where: GaqlCondition[]) {
    let since: string | null = null;
    let until: string | null = null;
    const campaignFilters: ((id: string) => boolean)[] = [];
    const later = (a: string | null, b: string) => (a && a > b ? a : b);
    const earlier = (a: string | null, b: string) => (a && a < b ? a : b);
    for (const condition of where) {
      const values = condition.values.map(String);
      if (condition.field === "segments.date") {
        if (values.some((value) => !isCalendarDate(value)))
          throw new GaqlError("BAD_VALUE", `Error in query: dates are written 'YYYY-MM-DD', not ${values.join(", ")}.`);
        const [first, second] = values as [string, string];
        switch (condition.operator) {
          case "=":
            since = later(since, first);
            until = earlier(until, first);
            break;
          case "BETWEEN":
            since = later(since, first);
            until = earlier(until, second);
            break;
          case ">=":
            since = later(since, first);
            break;
          case ">":
            since = later(since, addDays(first, 1));
            break;
          case "<=":
            until = earlier(until, first);
            break;
          case "<":
            until = earlier(until, addDays(first, -1));
            break;
          default:
            throw new GaqlError("QUERY_ERROR", `Error in query: the devstore doesn't filter segments.date with ${condition.operator}.`);
        }
      } else if (condition.field === "campaign.id" && ["=", "IN", "!="].includes(condition.operator)) {
        const ids = new Set(values);
        campaignFilters.push(condition.operator === "!=" ? (id) => !ids.has(id) : (id) => ids.has(id));
      } else {
        throw new GaqlError(
          "QUERY_ERROR",
          `Error in query: the devstore filters on segments.date and campaign.id only, not ${condition.field} ${condition.operator}.`,
        );
      }
    }
    const campaignIds = campaignFilters.length ? (id: string) => campaignFilters.every((matches) => matches(id)) : null;
    return { since, until, campaignIds };
  }
}

class DateRangeRefusal extends Error {}

/** The row with only the fields selected (and each resource's resourceName), defaults left out as proto3 JSON does. */
function pick(row: Record<string, Record<string, unknown>>, select: string[]): Record<string, Record<string, unknown>> {
  const picked: Record<string, Record<string, unknown>> = {};
  for (const field of select) {
    const [resource, name] = field.split(".") as [string, string];
    const source = row[resource];
    const value = source?.[camel(name)];
    picked[resource] ??= source && "resourceName" in source ? { resourceName: source.resourceName } : {};
    if (!isDefault(value)) picked[resource]![camel(name)] = value;
  }
  return picked;
}

function compare(a: unknown, b: unknown): number {
  const left = String(a ?? "");
  const right = String(b ?? "");
  if (/^-?\d+$/.test(left) && /^-?\d+$/.test(right)) return BigInt(left) < BigInt(right) ? -1 : BigInt(left) > BigInt(right) ? 1 : 0;
  return left.localeCompare(right);
}

function readPageToken(token: string): { offset: number; query: string } | null {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown; query?: unknown };
    return typeof parsed.offset === "number" && typeof parsed.query === "string" ? { offset: parsed.offset, query: parsed.query } : null;
  } catch {
    return null;
  }
}
