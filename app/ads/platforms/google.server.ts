import { clientContext, exchange, withRetries, type AdClientOptions, type Attempt, type PlatformAnswer } from "./platform-http.server";
import { checkReportRange, isZero, microsToDecimal, utmCampaignIn, wholeCount } from "./report-values";
import {
  AdAccessTokenExpired,
  AdPlatformUnavailable,
  AdReconnectNeeded,
  AdRequestRefused,
  type AdAccountInfo,
  type AdAppCredentials,
  type AdCampaignDayReport,
  type AdPlatformClient,
  type AdPlatformEndpoints,
  type AdTokens,
} from "./types";

/**
 * Google Ads over its REST API (decision 029; Google has no official Node client). Google's OAuth
 * gives an access token for an hour and a refresh token (asked for with access_type=offline and
 * prompt=consent); `renew` trades the refresh token for a new access token, and a refresh token
 * that no longer works (`invalid_grant`: revoked, unused for 6 months, a consent screen still in
 * "Testing") means the owner reconnects. An access token refused with 401 (OAUTH_TOKEN_EXPIRED and
 * the like) is AdAccessTokenExpired: the caller renews once and calls again (renewal tells whether
 * the connection still works). Reports are GAQL through googleAds:searchStream (one operation
 * however many rows), the day's cost in micros made exact decimal text, utm_campaign from
 * campaign.final_url_suffix in the same query. A throttled call (429 RESOURCE_TEMPORARILY_EXHAUSTED)
 * waits the retryDelay Google gives; the daily quota (RESOURCE_EXHAUSTED) is unavailable until
 * tomorrow. Accounts are those the owner reaches directly (listAccessibleCustomers), managers left
 * out: reaching an account through a manager (the login-customer-id header) is not supported yet.
 */

export const GOOGLE_ADS_VERSION = "v26";

const ADWORDS_SCOPE = "https://www.googleapis.com/auth/adwords";
const TOKEN_EXPIRED = new Set(["OAUTH_TOKEN_EXPIRED", "OAUTH_TOKEN_INVALID", "OAUTH_TOKEN_REVOKED", "OAUTH_TOKEN_DISABLED", "OAUTH_TOKEN_HEADER_INVALID"]);
const RETRYABLE_STATUS = new Set(["UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "ABORTED"]);

interface GoogleAdsError {
  errorCode?: Record<string, string>;
  message?: string;
  details?: { quotaErrorDetails?: { retryDelay?: string } };
}

interface RpcStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: { errors?: GoogleAdsError[] }[];
}

interface Row {
  customer?: { id?: string; descriptiveName?: string; currencyCode?: string; timeZone?: string; manager?: boolean };
  campaign?: { id?: string; name?: string; finalUrlSuffix?: string };
  segments?: { date?: string };
  metrics?: { costMicros?: string; impressions?: string; clicks?: string };
}

/** A protobuf Duration as JSON writes it ("2s", "1.5s") in ms. */
function durationMs(text: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text ?? "");
  return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
}

const quoted = (date: string) => `'${date}'`;

export function createGoogleClient(endpoints: AdPlatformEndpoints, credentials: AdAppCredentials, options: AdClientOptions = {}): AdPlatformClient {
  const context = clientContext("google", options);

  /** The token endpoint: form-encoded, errors as {error, error_description}. */
  async function token(form: Record<string, string>, what: string, deadGrant: "refused" | "reconnect"): Promise<Record<string, unknown>> {
    return withRetries<Record<string, unknown>>(context, what, async () => {
      const answer = await exchange(context, `${endpoints.tokenOrigin}/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: credentials.clientId, client_secret: credentials.clientSecret, ...form }),
      });
      if ("failed" in answer) return { retry: answer.failed };
      const body = (answer.body ?? {}) as Record<string, unknown>;
      if (answer.status === 200) return { value: body };
      if (answer.status >= 500 || answer.status === 429) return { retry: `HTTP ${answer.status}` };
      const error = `${String(body.error ?? `HTTP ${answer.status}`)}${body.error_description ? ` (${String(body.error_description)})` : ""}`;
      if (body.error === "invalid_grant" && deadGrant === "reconnect")
        throw new AdReconnectNeeded("google", `Google no longer accepts the connection's refresh token: ${error}`);
      throw new AdRequestRefused("google", `Google refused ${what}: ${error}`);
    });
  }

  const tokensFrom = (body: Record<string, unknown>, refreshToken: string | null): AdTokens => {
    if (typeof body.access_token !== "string" || !body.access_token) throw new AdRequestRefused("google", "Google's token endpoint answered no access_token");
    const seconds = typeof body.expires_in === "number" ? body.expires_in : null;
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : refreshToken,
      expiresAt: seconds === null ? null : new Date(context.now() + seconds * 1000),
    };
  };

  /** The Ads API's errors (array-wrapped on searchStream), sorted by their GoogleAdsFailure codes first, then the RPC status. */
  function sortError(answer: PlatformAnswer, what: string): Attempt<never> {
    const wrapped = Array.isArray(answer.body) ? answer.body[0] : answer.body;
    const rpc = (wrapped as { error?: RpcStatus } | null)?.error;
    const errors = rpc?.details?.flatMap((detail) => detail.errors ?? []) ?? [];
    const codes = errors.flatMap((error) => Object.entries(error.errorCode ?? {}));
    const has = (kind: string, ...values: string[]) => codes.some(([key, value]) => key === kind && (!values.length || values.includes(value)));
    const label = codes.length
      ? codes.map(([key, value]) => `${key} ${value}`).join(", ")
      : `${rpc?.status ?? `HTTP ${answer.status}`}${rpc?.message ? ` (${rpc.message})` : ""}`;
    if (answer.status === 401 || codes.some(([key, value]) => key === "authenticationError" && TOKEN_EXPIRED.has(value))) {
      if (has("authenticationError", "NOT_ADS_USER")) throw new AdReconnectNeeded("google", `The connected Google account has no Google Ads access: ${label}`);
      throw new AdAccessTokenExpired("google", `Google refused the access token ${what}: ${label}; renew the tokens and call again`);
    }
    if (has("quotaError", "RESOURCE_EXHAUSTED")) throw new AdPlatformUnavailable("google", `Google Ads' daily quota is used up ${what}: ${label}`);
    if (has("quotaError") || answer.status === 429) {
      const delays = errors.map((error) => durationMs(error.details?.quotaErrorDetails?.retryDelay)).filter((ms): ms is number => ms !== undefined);
      return { retry: `throttled: ${label}`, ...(delays.length ? { waitMs: Math.max(...delays) } : {}) };
    }
    if (answer.status >= 500 || RETRYABLE_STATUS.has(rpc?.status ?? "") || has("internalError")) return { retry: label };
    throw new AdRequestRefused("google", `Google Ads refused ${what}: ${label}`);
  }

  async function ads<T>(method: "GET" | "POST", path: string, accessToken: string, what: string, body?: unknown): Promise<T> {
    return withRetries<T>(context, what, async () => {
      const answer = await exchange(context, `${endpoints.apiOrigin}/${GOOGLE_ADS_VERSION}${path}`, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if ("failed" in answer) return { retry: answer.failed };
      if (answer.status === 200 && !(Array.isArray(answer.body) && answer.body.some((batch) => (batch as { error?: unknown })?.error))) {
        return { value: answer.body as T };
      }
      return sortError(answer, what);
    });
  }

  /** Every row of a GAQL query, from searchStream's batches. */
  async function stream(accessToken: string, customerId: string, query: string, what: string): Promise<Row[]> {
    const batches = await ads<{ results?: Row[] }[]>("POST", `/customers/${customerId}/googleAds:searchStream`, accessToken, what, { query });
    return batches.flatMap((batch) => batch.results ?? []);
  }

  return {
    platform: "google",

    authorizeUrl({ redirectUri, state }) {
      const params = new URLSearchParams({
        client_id: credentials.clientId,
        redirect_uri: redirectUri,
        response_type: "code",
        scope: ADWORDS_SCOPE,
        access_type: "offline",
        prompt: "consent",
        state,
      });
      return `${endpoints.authorizeOrigin}/o/oauth2/v2/auth?${params}`;
    },

    async exchangeCode({ code, redirectUri }) {
      return tokensFrom(await token({ grant_type: "authorization_code", code, redirect_uri: redirectUri }, "exchanging the code", "refused"), null);
    },

    async renew(tokens) {
      if (!tokens.refreshToken) throw new AdReconnectNeeded("google", "The connection has no refresh token: the owner must connect Google Ads again");
      return tokensFrom(
        await token({ grant_type: "refresh_token", refresh_token: tokens.refreshToken }, "renewing the token", "reconnect"),
        tokens.refreshToken,
      );
    },

    async listAccounts(tokens) {
      const listed = await ads<{ resourceNames?: string[] }>("GET", "/customers:listAccessibleCustomers", tokens.accessToken, "listing the accounts");
      const accounts: AdAccountInfo[] = [];
      for (const resourceName of listed.resourceNames ?? []) {
        const id = resourceName.replace(/^customers\//, "");
        const [row] = await stream(
          tokens.accessToken,
          id,
          "SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone, customer.manager FROM customer",
          `reading account ${id}`,
        );
        const customer = row?.customer;
        // A manager has no campaigns of its own.
        if (!customer || customer.manager) continue;
        if (!customer.currencyCode || !customer.timeZone)
          throw new AdRequestRefused("google", `Google Ads gave account ${id} without its currency or time zone`);
        accounts.push({ id, name: customer.descriptiveName ?? id, currency: customer.currencyCode, timeZone: customer.timeZone });
      }
      return accounts;
    },

    async campaignDays(tokens, account, since, until) {
      checkReportRange(since, until);
      const query =
        "SELECT campaign.id, campaign.name, campaign.final_url_suffix, segments.date, metrics.cost_micros, metrics.impressions, metrics.clicks " +
        `FROM campaign WHERE segments.date BETWEEN ${quoted(since)} AND ${quoted(until)}`;
      const rows = await stream(tokens.accessToken, account.id.replace(/-/g, ""), query, "reading the campaigns' days");
      return rows
        .map((row): AdCampaignDayReport => {
          const campaignId = row.campaign?.id ?? "";
          return {
            campaignId,
            campaignName: row.campaign?.name ?? "",
            utmCampaign: utmCampaignIn(row.campaign?.finalUrlSuffix, { "{campaignid}": campaignId }),
            date: row.segments?.date ?? "",
            spend: microsToDecimal(row.metrics?.costMicros),
            impressions: wholeCount(row.metrics?.impressions),
            clicks: wholeCount(row.metrics?.clicks),
          };
        })
        .filter((day) => !(isZero(day.spend) && day.impressions === 0 && day.clicks === 0));
    },
  };
}
