import { clientContext, exchange, waitOrGiveUp, withRetries, type AdClientOptions, type PlatformAnswer } from "./platform-http.server";
import { checkReportRange, decimalText, isZero, utmCampaignIn, wholeCount } from "./report-values";
import {
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
 * Meta's Marketing API over the Graph API (decision 029). Facebook Login gives a code; the code
 * gives a token of a few hours, exchanged at once for a long-lived one (about 60 days) that
 * `renew` exchanges again while it lives (Meta has no refresh token: an expired one means the owner
 * logs in again). Daily spend is the ad account's insights by campaign and day, in the account's
 * currency and time zone; utm_campaign lives on the ads' creatives (`url_tags`), so it costs one
 * more call per account, made only when the range had spend. Meta's rate limits are read from the
 * usage headers of every answer: near 100% the client pauses until the usage resets, and a
 * throttled call (4, 17, 613, 80000–80014) waits `estimated_time_to_regain_access`. Code 190 is a
 * token that no longer works whatever its subcode (expired, app removed, password changed).
 */

export const META_GRAPH_VERSION = "v26.0";

/** What Throughline asks the owner for: reading their ad accounts' reports. */
const SCOPE = "ads_read";
/** Usage (percent of any of Meta's limits) at which the client stops until it resets. */
const USAGE_NEAR_LIMIT = 90;
const THROTTLE_CODES = new Set([4, 17, 32, 613]);

interface GraphError {
  message?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
}

interface Paged<T> {
  data?: T[];
  paging?: { cursors?: { after?: string }; next?: string };
}

interface Usage {
  /** The highest share of any limit used, in percent. */
  percent: number;
  /** How long until a throttled account may call again (BUC `estimated_time_to_regain_access`, minutes). */
  regainMs: number;
  /** How long until the ad account's usage resets (`reset_time_duration`, seconds). */
  resetMs: number;
}

function parseHeader(headers: Headers, name: string): unknown {
  const value = headers.get(name);
  if (!value) return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/** Meta's usage headers: X-Business-Use-Case-Usage (per business, per use case), X-Ad-Account-Usage, X-App-Usage. */
export function metaUsage(headers: Headers): Usage {
  let percent = 0;
  let regainMs = 0;
  let resetMs = 0;
  const share = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
  const business = parseHeader(headers, "x-business-use-case-usage");
  if (business && typeof business === "object") {
    for (const uses of Object.values(business as Record<string, unknown>)) {
      for (const use of Array.isArray(uses) ? (uses as Record<string, unknown>[]) : []) {
        percent = Math.max(percent, share(use.call_count), share(use.total_cputime), share(use.total_time));
        regainMs = Math.max(regainMs, share(use.estimated_time_to_regain_access) * 60_000);
      }
    }
  }
  const account = parseHeader(headers, "x-ad-account-usage") as Record<string, unknown> | null;
  if (account) {
    percent = Math.max(percent, share(account.acc_id_util_pct));
    resetMs = Math.max(resetMs, share(account.reset_time_duration) * 1000);
  }
  const app = parseHeader(headers, "x-app-usage") as Record<string, unknown> | null;
  if (app) percent = Math.max(percent, share(app.call_count), share(app.total_cputime), share(app.total_time));
  return { percent, regainMs, resetMs };
}

const actId = (id: string) => (id.startsWith("act_") ? id : `act_${id}`);

export function createMetaClient(endpoints: AdPlatformEndpoints, credentials: AdAppCredentials, options: AdClientOptions = {}): AdPlatformClient {
  const context = clientContext("meta", options);
  const pageSize = context.pageSize ?? 500;
  const url = (origin: string, path: string, params: Record<string, string>) => `${origin}/${META_GRAPH_VERSION}${path}?${new URLSearchParams(params)}`;
  // Set when an answer's usage is near a limit: no call goes out before.
  let pausedUntil = 0;

  /** One Graph call, its errors sorted by Meta's codes (not the HTTP status), waited out when Meta says so. */
  async function graph<T>(target: string, token: string | null, what: string): Promise<T> {
    return withRetries<T>(context, what, async () => {
      await waitOrGiveUp(context, pausedUntil - context.now(), what, "usage near Meta's rate limit");
      const answer = await exchange(context, target, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
      if ("failed" in answer) return { retry: answer.failed };
      const usage = metaUsage(answer.headers);
      const error = (answer.body as { error?: GraphError } | null)?.error;
      if (answer.status === 200 && !error) {
        if (usage.percent >= USAGE_NEAR_LIMIT) pausedUntil = context.now() + Math.max(usage.regainMs, usage.resetMs);
        return { value: answer.body as T };
      }
      return sortError(answer, error, usage, what);
    });
  }

  function sortError(answer: PlatformAnswer, error: GraphError | undefined, usage: Usage, what: string): { retry: string; waitMs?: number } {
    const code = error?.code;
    const label =
      code === undefined ? `HTTP ${answer.status}` : `(${code}${error?.error_subcode ? `/${error.error_subcode}` : ""}) ${error?.message ?? ""}`.trim();
    if (code === 190) throw new AdReconnectNeeded("meta", `Meta no longer accepts the connection's token ${label}`);
    if (code !== undefined && (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014))) {
      return { retry: `throttled ${label}`, ...(usage.regainMs > 0 ? { waitMs: usage.regainMs } : {}) };
    }
    const transient = error?.is_transient === true || ((code === 1 || code === 2) && error?.is_transient !== false);
    if (transient || answer.status >= 500) return { retry: label };
    throw new AdRequestRefused("meta", `Meta refused ${what}: ${label}`);
  }

  /** Every row of a paged edge: follows `paging.next` where it stays on the API's origin, else asks again with the `after` cursor. */
  async function all<T>(first: string, token: string, what: string): Promise<T[]> {
    const rows: T[] = [];
    const origin = new URL(endpoints.apiOrigin).origin;
    let target: string | null = first;
    while (target) {
      const page: Paged<T> = await graph<Paged<T>>(target, token, what);
      rows.push(...(page.data ?? []));
      const next: string | undefined = page.paging?.next;
      const after: string | undefined = page.paging?.cursors?.after;
      if (!next) target = null;
      else if (new URL(next).origin === origin) target = next;
      else if (after) {
        const again: URL = new URL(target);
        again.searchParams.set("after", after);
        target = again.toString();
      } else target = null;
    }
    return rows;
  }

  const tokensFrom = (body: { access_token?: unknown; expires_in?: unknown }): AdTokens => {
    if (typeof body.access_token !== "string" || !body.access_token) throw new AdRequestRefused("meta", "Meta's token endpoint answered no access_token");
    const seconds = typeof body.expires_in === "number" ? body.expires_in : null;
    return { accessToken: body.access_token, refreshToken: null, expiresAt: seconds === null ? null : new Date(context.now() + seconds * 1000) };
  };

  /** The long-lived token for a valid one (Meta's fb_exchange_token grant). */
  const longLived = async (accessToken: string) =>
    tokensFrom(
      await graph(
        url(endpoints.tokenOrigin, "/oauth/access_token", {
          grant_type: "fb_exchange_token",
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          fb_exchange_token: accessToken,
        }),
        null,
        "renewing the token",
      ),
    );

  /** Campaign id → utm_campaign, from the URL tags of the account's ads' creatives (the first ad of a campaign that has one). */
  async function utmCampaigns(token: string, account: string, names: Map<string, string>): Promise<Map<string, string>> {
    const ads = await all<{ campaign_id?: string; creative?: { url_tags?: string } }>(
      url(endpoints.apiOrigin, `/${account}/ads`, { fields: "campaign_id,creative{url_tags}", limit: String(pageSize) }),
      token,
      "reading the ads' URL tags",
    );
    const utm = new Map<string, string>();
    for (const ad of ads) {
      const campaign = ad.campaign_id;
      if (!campaign || utm.has(campaign)) continue;
      const value = utmCampaignIn(ad.creative?.url_tags, { "{{campaign.id}}": campaign, "{{campaign.name}}": names.get(campaign) ?? "" });
      if (value) utm.set(campaign, value);
    }
    return utm;
  }

  return {
    platform: "meta",

    authorizeUrl({ redirectUri, state }) {
      return url(endpoints.authorizeOrigin, "/dialog/oauth", {
        client_id: credentials.clientId,
        redirect_uri: redirectUri,
        state,
        response_type: "code",
        scope: SCOPE,
      });
    },

    async exchangeCode({ code, redirectUri }) {
      const short = tokensFrom(
        await graph(
          url(endpoints.tokenOrigin, "/oauth/access_token", {
            client_id: credentials.clientId,
            client_secret: credentials.clientSecret,
            redirect_uri: redirectUri,
            code,
          }),
          null,
          "exchanging the code",
        ),
      );
      return longLived(short.accessToken);
    },

    async renew(tokens) {
      return longLived(tokens.accessToken);
    },

    async listAccounts(tokens) {
      const accounts = await all<{ id?: string; name?: string; currency?: string; timezone_name?: string }>(
        url(endpoints.apiOrigin, "/me/adaccounts", { fields: "id,name,currency,timezone_name", limit: String(pageSize) }),
        tokens.accessToken,
        "listing the ad accounts",
      );
      return accounts.map((account): AdAccountInfo => {
        if (!account.id || !account.currency || !account.timezone_name)
          throw new AdRequestRefused("meta", "Meta listed an ad account without its id, currency or time zone");
        return { id: actId(account.id), name: account.name ?? account.id, currency: account.currency, timeZone: account.timezone_name };
      });
    },

    async campaignDays(tokens, account, since, until) {
      checkReportRange(since, until);
      const id = actId(account.id);
      const rows = await all<Record<string, string | undefined>>(
        url(endpoints.apiOrigin, `/${id}/insights`, {
          level: "campaign",
          time_increment: "1",
          fields: "campaign_id,campaign_name,spend,impressions,clicks",
          time_range: JSON.stringify({ since, until }),
          limit: String(pageSize),
        }),
        tokens.accessToken,
        "reading the insights",
      );
      const days = rows
        .map((row) => ({
          campaignId: String(row.campaign_id ?? ""),
          campaignName: String(row.campaign_name ?? ""),
          date: String(row.date_start ?? ""),
          spend: decimalText(row.spend),
          impressions: wholeCount(row.impressions),
          clicks: wholeCount(row.clicks),
        }))
        .filter((day) => !(isZero(day.spend) && day.impressions === 0 && day.clicks === 0));
      if (!days.length) return [];
      const utm = await utmCampaigns(tokens.accessToken, id, new Map(days.map((day) => [day.campaignId, day.campaignName])));
      return days.map((day): AdCampaignDayReport => ({ ...day, utmCampaign: utm.get(day.campaignId) ?? null }));
    },
  };
}
