import { randomBytes } from "node:crypto";
import { DAY_MS, timeZone } from "@throughline/shopify-common/time-zone";
import type { FixtureAdCampaignDay } from "../fixture";
import type { DevStore } from "../store";

// What the three fake ad platforms share: the app registered with each, the consent codes and
// tokens each issued (kept in memory, timed by the devstore's clock), the failures a test planned,
// and the ad accounts and campaign days of the store's AdCampaignDay lines.

export const AD_PLATFORM_NAMES = ["meta", "google", "tiktok"] as const;
export type AdPlatformName = (typeof AD_PLATFORM_NAMES)[number];

/** The app as registered with a platform: its client id (Meta's app id, TikTok's app_id) and secret. */
export interface AdAppRegistration {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered with the platform; any http(s) URL is accepted when absent. */
  redirectUris?: string[];
}

export const DEFAULT_AD_APP: AdAppRegistration = { clientId: "throughline-devstore", clientSecret: "devstore-ad-secret" };

/** What a test can make the next calls answer (`ads/fail-next`): the platform's throttle, or the platform down. */
export type AdFailure = "rate_limited" | "down";

interface IssuedCode {
  redirectUri: string;
  scopes: string[];
  /** Google: a refresh token comes with the access token only when consent asked for offline access. */
  offline: boolean;
  expiresAt: number;
  used: boolean;
}

export interface IssuedToken {
  kind: "access" | "refresh";
  scopes: string[];
  /** Null: the token has no expiry (TikTok's, Google's refresh tokens). */
  expiresAt: number | null;
  revoked: boolean;
  /** Meta: a short-lived token from a code, exchanged once for a long-lived one. */
  longLived: boolean;
}

export type CodeRedemption = { status: "valid"; code: IssuedCode } | { status: "unknown" | "used" | "expired"; code?: IssuedCode };
export type TokenCheck = { status: "valid"; token: IssuedToken } | { status: "unknown" | "expired" | "revoked"; token?: IssuedToken };

export class AdPlatformState {
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly planned: { failure: AdFailure; calls: number }[] = [];

  constructor(
    readonly platform: AdPlatformName,
    readonly app: AdAppRegistration,
    readonly clock: () => number,
  ) {}

  /** A redirect URI the platform would send the owner back to: registered, or any absolute http(s) URL when none are. */
  redirectAllowed(uri: string | null): uri is string {
    if (!uri) return false;
    if (this.app.redirectUris) return this.app.redirectUris.includes(uri);
    try {
      return ["http:", "https:"].includes(new URL(uri).protocol);
    } catch {
      return false;
    }
  }

  issueCode(details: { redirectUri: string; scopes: string[]; offline: boolean }, lifetimeMs: number): string {
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, { ...details, expiresAt: this.clock() + lifetimeMs, used: false });
    return code;
  }

  /** A code works once, before it expires; redeeming it uses it up. */
  redeemCode(value: string | null | undefined): CodeRedemption {
    const code = value ? this.codes.get(value) : undefined;
    if (!code) return { status: "unknown" };
    if (code.used) return { status: "used", code };
    if (this.clock() >= code.expiresAt) return { status: "expired", code };
    code.used = true;
    return { status: "valid", code };
  }

  issueToken(prefix: string, details: { kind: IssuedToken["kind"]; scopes: string[]; lifetimeMs: number | null; longLived?: boolean }): string {
    const value = `${prefix}${randomBytes(30).toString("base64url")}`;
    this.tokens.set(value, {
      kind: details.kind,
      scopes: details.scopes,
      expiresAt: details.lifetimeMs === null ? null : this.clock() + details.lifetimeMs,
      revoked: false,
      longLived: details.longLived ?? false,
    });
    return value;
  }

  checkToken(value: string | null | undefined, kind: IssuedToken["kind"] = "access"): TokenCheck {
    const token = value ? this.tokens.get(value) : undefined;
    if (!token || token.kind !== kind) return { status: "unknown" };
    if (token.revoked) return { status: "revoked", token };
    if (token.expiresAt !== null && this.clock() >= token.expiresAt) return { status: "expired", token };
    return { status: "valid", token };
  }

  /** The owner removed the app (or changed their password): every token it holds stops working. */
  revokeAll(): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (!token.revoked) count++;
      token.revoked = true;
    }
    return count;
  }

  planFailures(failure: AdFailure, calls: number): void {
    this.planned.push({ failure, calls });
  }

  /** The failure this call must answer, if a test planned one (each planned call is used once). */
  takePlannedFailure(): AdFailure | null {
    const next = this.planned[0];
    if (!next) return null;
    if (--next.calls <= 0) this.planned.shift();
    return next.failure;
  }
}

// ---- the store's ad accounts and campaign days --------------------------------------------------

export interface AdAccount {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
}

export interface AdCampaign {
  id: string;
  name: string;
  utmCampaign: string | null;
}

/** The platform's accounts, as the store's lines name them (the first line of each account gives its name, currency and zone). */
export function adAccounts(store: DevStore, platform: AdPlatformName): AdAccount[] {
  const accounts = new Map<string, AdAccount>();
  for (const line of store.adCampaignDays) {
    if (line.platform !== platform || accounts.has(line.accountId)) continue;
    accounts.set(line.accountId, { id: line.accountId, name: line.accountName, currency: line.accountCurrency, timeZone: line.accountTimezone });
  }
  return [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** One account's campaign days within [since, until] (local dates, either bound open when null), by date then campaign. */
export function adCampaignDays(
  store: DevStore,
  platform: AdPlatformName,
  accountId: string,
  since: string | null,
  until: string | null,
): FixtureAdCampaignDay[] {
  return store.adCampaignDays
    .filter((line) => line.platform === platform && line.accountId === accountId && (!since || line.date >= since) && (!until || line.date <= until))
    .sort((a, b) => a.date.localeCompare(b.date) || a.campaignId.localeCompare(b.campaignId));
}

/** One account's campaigns, each with its name and utm_campaign as its latest day has them. */
export function adCampaigns(store: DevStore, platform: AdPlatformName, accountId: string): AdCampaign[] {
  const campaigns = new Map<string, AdCampaign & { date: string }>();
  for (const line of adCampaignDays(store, platform, accountId, null, null)) {
    campaigns.set(line.campaignId, { id: line.campaignId, name: line.campaignName, utmCampaign: line.utmCampaign, date: line.date });
  }
  return [...campaigns.values()].map(({ id, name, utmCampaign }) => ({ id, name, utmCampaign })).sort((a, b) => a.id.localeCompare(b.id));
}

// ---- dates ----------------------------------------------------------------------------------------

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(text: string): boolean {
  return ISO_DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** The account's local date now. */
export function accountToday(account: AdAccount, clock: () => number): string {
  return new Date(timeZone(account.timeZone).localDay(clock()) * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `since` to `until`, both counted. */
export function daysBetween(since: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The first date Meta and Google still report by day: 37 months before today (the day clamped to the month's end). */
export function earliestDailyReportDate(today: string): string {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const months = year * 12 + (month - 1) - 37;
  const y = Math.floor(months / 12);
  const m = months % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

// ---- money ----------------------------------------------------------------------------------------

/** A decimal amount in micros of the currency (Google's cost_micros), exactly: "12.34" → 12340000n. */
export function decimalToMicros(amount: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw new Error(`Not a decimal amount: "${amount}"`);
  const [, sign, whole = "0", fraction = ""] = match;
  const micros = BigInt(whole + fraction.slice(0, 6).padEnd(6, "0"));
  return sign ? -micros : micros;
}

export function requestId(): string {
  return randomBytes(11).toString("base64url");
}
