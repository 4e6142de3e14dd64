/**
 * What Throughline asks of an ad platform (Meta's Marketing API, Google Ads, TikTok's Business API),
 * each spoken in the platform's own documented HTTP API over fetch (decision 029): send the owner to
 * consent, turn the answer into tokens, renew them, list the ad accounts, read each campaign's daily
 * spend. The platform's rate limits are waited out inside each call, the way its docs say; what
 * can't be waited out surfaces as one of the errors below, so a caller knows whether the owner must
 * reconnect or the platform is only away for now.
 */

export const AD_PLATFORMS = ["meta", "google", "tiktok"] as const;
export type AdPlatform = (typeof AD_PLATFORMS)[number];

export function isAdPlatform(value: string): value is AdPlatform {
  return (AD_PLATFORMS as readonly string[]).includes(value);
}

/** Where a platform answers: its real hosts in production, a devstore on loopback in tests and demos. */
export interface AdPlatformEndpoints {
  /** The page the owner is sent to, to consent (Meta's www.facebook.com, Google's accounts.google.com, TikTok's business-api.tiktok.com). */
  authorizeOrigin: string;
  /** Where codes become tokens and tokens are renewed (Meta: graph.facebook.com, Google: oauth2.googleapis.com). */
  tokenOrigin: string;
  /** The reporting API (graph.facebook.com, googleads.googleapis.com, business-api.tiktok.com). */
  apiOrigin: string;
}

/** The app's registration with the platform (its client id and secret, from the environment). */
export interface AdAppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface AdTokens {
  accessToken: string;
  /** Google's; null where the platform has none (Meta renews by exchanging, TikTok's tokens don't expire). */
  refreshToken: string | null;
  /** When the access token stops working; null when the platform gives no expiry. */
  expiresAt: Date | null;
}

export interface AdAccountInfo {
  /** The platform's own id: Meta's "act_123", Google's customer id "1234567890", TikTok's advertiser id. */
  id: string;
  name: string;
  /** ISO 4217. */
  currency: string;
  /** IANA zone the platform reports the account's days in. */
  timeZone: string;
}

export interface AdCampaignDayReport {
  campaignId: string;
  campaignName: string;
  /** The campaign's utm_campaign URL parameter, or null when it has none. */
  utmCampaign: string | null;
  /** YYYY-MM-DD in the account's time zone, as the platform reports it. */
  date: string;
  /** Decimal text in the account currency (Google's costMicros already divided, exactly). */
  spend: string;
  impressions: number;
  clicks: number;
}

export interface AdPlatformClient {
  readonly platform: AdPlatform;
  /** The consent page's URL; `state` comes back unchanged on the redirect. */
  authorizeUrl(input: { redirectUri: string; state: string }): string;
  /** The redirect's code (Meta's and Google's `code`, TikTok's `auth_code`) turned into tokens. */
  exchangeCode(input: { code: string; redirectUri: string }): Promise<AdTokens>;
  /** Renewed tokens (Google's refresh grant, Meta's long-lived exchange); TikTok's are returned as they are. */
  renew(tokens: AdTokens): Promise<AdTokens>;
  listAccounts(tokens: AdTokens): Promise<AdAccountInfo[]>;
  /** Every campaign's spend for each day of [since, until] (account-local dates, both included) that has any. */
  campaignDays(tokens: AdTokens, account: AdAccountInfo, since: string, until: string): Promise<AdCampaignDayReport[]>;
}

/** The connection no longer works (expired beyond renewal, revoked, password changed): the owner must reconnect. */
export class AdReconnectNeeded extends Error {
  constructor(
    readonly platform: AdPlatform,
    message: string,
  ) {
    super(message);
    this.name = "AdReconnectNeeded";
  }
}

/**
 * The access token has expired but the connection may still work (Google's hour-long tokens): the
 * caller renews the tokens once (`renew`, which throws AdReconnectNeeded when that can't help) and
 * calls again. A client never renews behind the caller's back: the caller keeps the tokens.
 */
export class AdAccessTokenExpired extends Error {
  constructor(
    readonly platform: AdPlatform,
    message: string,
  ) {
    super(message);
    this.name = "AdAccessTokenExpired";
  }
}

/** The platform is away (down, answering errors, or still throttling after the waits allowed): try again later. */
export class AdPlatformUnavailable extends Error {
  constructor(
    readonly platform: AdPlatform,
    message: string,
  ) {
    super(message);
    this.name = "AdPlatformUnavailable";
  }
}

/** The platform refused the request itself (bad code, forged or stale authorization, unknown account). */
export class AdRequestRefused extends Error {
  constructor(
    readonly platform: AdPlatform,
    message: string,
  ) {
    super(message);
    this.name = "AdRequestRefused";
  }
}
