/**
 * The ad platforms an owner connects directly (issue 26): the consent round trip (a `state` good
 * once, for minutes, for one shop and platform), the tokens sealed like Shopify's, the accounts the
 * connection reaches, and the refresh that copies each selected account's daily campaign spend: two
 * years back the first time, in windows of 30 days (a killed backfill resumes at the window it was
 * in), then the last 7 days again on every refresh (platforms restate them). A platform that says the
 * tokens no longer work puts its connection in "reconnect"; one that is away leaves it as it is and
 * says since when: neither stops the other platforms, Shopify's sync or anything else.
 */
import { randomBytes } from "node:crypto";
import type { AdAccount, AdConnection, PrismaClient } from "@prisma/client";
import { parseMoney, type Money } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { env } from "~/env.server";
import { formatDay, parseDay } from "~/lib/calendar";
import { log } from "~/lib/log.server";
import { adPlatformClient, devstoreEndpoints, productionEndpoints, type AdClientOptions } from "./platforms/index.server";
import {
  AdAccessTokenExpired,
  AdPlatformUnavailable,
  AdReconnectNeeded,
  AdRequestRefused,
  type AdAccountInfo,
  type AdCampaignDayReport,
  type AdPlatform,
  type AdPlatformClient,
  type AdTokens,
} from "./platforms/types";

/** How long an owner has to consent at the platform. */
export const AUTHORIZATION_TTL_MS = 10 * 60_000;
/** How far back the first refresh reads (platforms keep 37 months; two years is what the app shows). */
export const AD_BACKFILL_DAYS = 730;
/** The days every refresh reads again: platforms restate recent days as clicks and conversions settle. */
export const AD_RESTATED_DAYS = 7;
/** The days one report asks for (TikTok's daily reports allow 30). */
export const AD_WINDOW_DAYS = 30;
/** Renew tokens this long before they expire. */
const RENEW_AHEAD_MS = 5 * 60_000;

/** The devstore's registration for every platform (packages/devstore's default `adApps`). */
export const DEVSTORE_AD_APP = { clientId: "throughline-devstore", clientSecret: "devstore-ad-secret" } as const;

/** The platform can't be connected: the app isn't registered with it (README, "Connecting ad platforms"). */
export class AdPlatformNotConfigured extends Error {}

/** The client of a platform at its real hosts, or at a devstore origin on loopback. */
export function adClientFor(platform: AdPlatform, origin: string | null, options: AdClientOptions = {}): AdPlatformClient {
  const credentials = env().adApps[platform] ?? (origin ? DEVSTORE_AD_APP : undefined);
  if (!credentials) throw new AdPlatformNotConfigured(platform);
  return adPlatformClient(platform, origin ? devstoreEndpoints(origin, platform) : productionEndpoints(platform), credentials, options);
}

/** Picks the client for a connection: tests pass their own. */
export type AdClientFactory = (platform: AdPlatform, origin: string | null) => AdPlatformClient;
const defaultFactory: AdClientFactory = (platform, origin) => adClientFor(platform, origin);

// ---------------------------------------------------------------------------------------------
// Connecting
// ---------------------------------------------------------------------------------------------

/** The platform's consent page for this shop, with a fresh state stored for the answer. */
export async function beginAdConnection(
  db: PrismaClient,
  input: { shop: string; platform: AdPlatform; origin: string | null; redirectUri: string; now: Date; locale?: string | null },
  clients: AdClientFactory = defaultFactory,
): Promise<string> {
  const client = clients(input.platform, input.origin);
  const state = randomBytes(24).toString("base64url");
  await db.$transaction([
    // Consents never finished are forgotten when they expire.
    db.adAuthorization.deleteMany({ where: { expiresAt: { lt: input.now } } }),
    db.adAuthorization.create({
      data: {
        state,
        shop: input.shop,
        platform: input.platform,
        origin: input.origin,
        redirectUri: input.redirectUri,
        expiresAt: new Date(input.now.getTime() + AUTHORIZATION_TTL_MS),
        locale: input.locale ?? null,
      },
    }),
  ]);
  return client.authorizeUrl({ redirectUri: input.redirectUri, state });
}

/**
 * The platform's answer: the state must be one this app sent for this platform, unexpired, and is
 * used up whatever happens next; the code becomes tokens, sealed; the accounts the tokens reach are
 * listed (new ones selected, known ones as the owner left them). Returns the shop it belongs to.
 */
export async function completeAdConnection(
  db: PrismaClient,
  input: { platform: AdPlatform; state: string; code: string; now: Date },
  clients: AdClientFactory = defaultFactory,
): Promise<{ shop: string; accounts: AdAccountInfo[]; locale: string | null }> {
  const authorization = await db.adAuthorization.findUnique({ where: { state: input.state } });
  // Used up at once: a replayed answer finds nothing.
  const taken = authorization ? await db.adAuthorization.deleteMany({ where: { state: input.state } }) : { count: 0 };
  if (!authorization || taken.count === 0 || authorization.platform !== input.platform || authorization.expiresAt < input.now) {
    throw new AdRequestRefused(
      input.platform,
      "This connection link is not one Throughline started, was used already or expired: start again from the Costs page.",
    );
  }
  const client = clients(input.platform, authorization.origin);
  const tokens = await client.exchangeCode({ code: input.code, redirectUri: authorization.redirectUri });
  const accounts = await client.listAccounts(tokens);
  await storeConnection(db, authorization.shop, input.platform, authorization.origin, tokens, accounts, input.now);
  return { shop: authorization.shop, accounts, locale: authorization.locale };
}

/** Keeps a connection's tokens (sealed) and accounts, as a new connection or a reconnection. */
export async function storeConnection(
  db: PrismaClient,
  shop: string,
  platform: AdPlatform,
  origin: string | null,
  tokens: AdTokens,
  accounts: AdAccountInfo[],
  now: Date,
): Promise<void> {
  const sealed = sealTokens(tokens);
  const known = new Set((await db.adAccount.findMany({ where: { shop, platform }, select: { accountId: true } })).map((row) => row.accountId));
  await db.$transaction([
    db.adConnection.upsert({
      where: { shop_platform: { shop, platform } },
      create: { shop, platform, origin, ...sealed, connectedAt: now },
      update: { origin, ...sealed, state: "active", failingSince: null, lastError: null },
    }),
    ...accounts.map((account) =>
      known.has(account.id)
        ? db.adAccount.update({
            where: { shop_platform_accountId: { shop, platform, accountId: account.id } },
            data: { name: account.name, currency: account.currency, timeZone: account.timeZone },
          })
        : db.adAccount.create({ data: { shop, platform, accountId: account.id, name: account.name, currency: account.currency, timeZone: account.timeZone } }),
    ),
    bumpAdsVersion(db, shop),
  ]);
}

/** Forgets a platform: its tokens, accounts and days (its channel's reports to Shopify count again). */
export async function disconnectAdPlatform(db: PrismaClient, shop: string, platform: AdPlatform): Promise<boolean> {
  const [, , removed] = await db.$transaction([
    db.adCampaignDay.deleteMany({ where: { shop, platform } }),
    db.adAccount.deleteMany({ where: { shop, platform } }),
    db.adConnection.deleteMany({ where: { shop, platform } }),
    bumpAdsVersion(db, shop),
  ]);
  return removed.count > 0;
}

/** Counts an account or stops counting it (its days are dropped, and read again if it is selected again). */
export async function selectAdAccount(db: PrismaClient, shop: string, platform: AdPlatform, accountId: string, selected: boolean): Promise<boolean> {
  const account = await db.adAccount.findUnique({ where: { shop_platform_accountId: { shop, platform, accountId } } });
  if (!account) return false;
  if (account.selected === selected) return true;
  await db.$transaction([
    db.adCampaignDay.deleteMany({ where: { shop, platform, accountId } }),
    db.adAccount.update({ where: { shop_platform_accountId: { shop, platform, accountId } }, data: { selected, readThrough: null } }),
    bumpAdsVersion(db, shop),
  ]);
  return true;
}

export function bumpAdsVersion(db: PrismaClient, shop: string) {
  return db.shop.updateMany({ where: { shop }, data: { adsVersion: { increment: 1 } } });
}

function sealTokens(tokens: AdTokens) {
  const keyring = env().tokenKeyring;
  return {
    accessToken: keyring.seal(tokens.accessToken),
    refreshToken: tokens.refreshToken === null ? null : keyring.seal(tokens.refreshToken),
    expiresAt: tokens.expiresAt,
  };
}

function openTokens(connection: AdConnection): AdTokens {
  const keyring = env().tokenKeyring;
  return {
    accessToken: keyring.open(connection.accessToken),
    refreshToken: connection.refreshToken === null ? null : keyring.open(connection.refreshToken),
    expiresAt: connection.expiresAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Refreshing
// ---------------------------------------------------------------------------------------------

export interface AdRefreshResult {
  platform: AdPlatform;
  /** "ok", "reconnect" (the owner must connect again) or "unavailable" (tried again at the next refresh). */
  outcome: "ok" | "reconnect" | "unavailable";
  /** Campaign days stored, by account. */
  accounts: { accountId: string; days: number; readThrough: string | null }[];
  error: string | null;
}

export interface AdRefreshProgress {
  platform: AdPlatform;
  accountId: string;
  since: string;
  until: string;
}

/**
 * Copies every connection's selected accounts up to today in each account's time zone: the days not
 * read yet, and the last AD_RESTATED_DAYS again. Each connection on its own: one failing tells
 * its own state and the others go on.
 */
export async function refreshAdSpend(
  db: PrismaClient,
  shop: string,
  now: Date,
  options: { platforms?: AdPlatform[]; clients?: AdClientFactory; onProgress?: (progress: AdRefreshProgress) => void } = {},
): Promise<AdRefreshResult[]> {
  const connections = await db.adConnection.findMany({
    where: { shop, state: "active", ...(options.platforms ? { platform: { in: options.platforms } } : {}) },
    orderBy: { platform: "asc" },
  });
  const results: AdRefreshResult[] = [];
  for (const connection of connections) {
    results.push(await refreshConnection(db, connection, now, options.clients ?? defaultFactory, options.onProgress));
  }
  return results;
}

async function refreshConnection(
  db: PrismaClient,
  connection: AdConnection,
  now: Date,
  clients: AdClientFactory,
  onProgress?: (progress: AdRefreshProgress) => void,
): Promise<AdRefreshResult> {
  const platform = connection.platform as AdPlatform;
  const result: AdRefreshResult = { platform, outcome: "ok", accounts: [], error: null };
  const where = { shop_platform: { shop: connection.shop, platform } };
  try {
    const client = clients(platform, connection.origin);
    let tokens = openTokens(connection);
    let renewed = false;
    const renew = async () => {
      tokens = await client.renew(tokens);
      renewed = true;
      await db.adConnection.update({ where, data: sealTokens(tokens) });
    };
    if (tokens.expiresAt && tokens.expiresAt.getTime() - now.getTime() < RENEW_AHEAD_MS) await renew();
    // A call refused for its token is tried once more with renewed tokens (Google's hour-long access tokens).
    const withTokens = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof AdAccessTokenExpired) || renewed) throw error;
        await renew();
        return call();
      }
    };
    const accounts = await db.adAccount.findMany({ where: { shop: connection.shop, platform, selected: true }, orderBy: { accountId: "asc" } });
    for (const account of accounts) {
      const stored = await refreshAccount(db, client, () => tokens, withTokens, account, now, onProgress);
      result.accounts.push(stored);
    }
    await db.$transaction([
      db.adConnection.update({ where, data: { refreshedAt: now, failingSince: null, lastError: null } }),
      bumpAdsVersion(db, connection.shop),
    ]);
  } catch (error) {
    if (error instanceof AdReconnectNeeded) {
      result.outcome = "reconnect";
      result.error = error.message;
      await db.adConnection.update({ where, data: { state: "reconnect", failingSince: connection.failingSince ?? now, lastError: error.message } });
    } else if (error instanceof AdAccessTokenExpired) {
      // Expired again right after renewing: the platform no longer renews this connection.
      result.outcome = "reconnect";
      result.error = error.message;
      await db.adConnection.update({ where, data: { state: "reconnect", failingSince: connection.failingSince ?? now, lastError: error.message } });
    } else if (error instanceof AdPlatformUnavailable || error instanceof AdRequestRefused || error instanceof TypeError) {
      // TypeError: fetch couldn't reach the platform at all.
      result.outcome = "unavailable";
      result.error = error.message;
      await db.adConnection.update({ where, data: { failingSince: connection.failingSince ?? now, lastError: error.message } });
    } else {
      throw error;
    }
    log.warn({ shop: connection.shop, platform, error: result.error }, "ad platform refresh failed");
    // What was stored before the failure stays, and counts.
    await bumpAdsVersion(db, connection.shop);
  }
  return result;
}

/** An account's days up to its today: the windows not read yet, then the restated days again. */
async function refreshAccount(
  db: PrismaClient,
  client: AdPlatformClient,
  tokens: () => AdTokens,
  withTokens: <T>(call: () => Promise<T>) => Promise<T>,
  account: AdAccount,
  now: Date,
  onProgress?: (progress: AdRefreshProgress) => void,
): Promise<{ accountId: string; days: number; readThrough: string | null }> {
  const today = accountToday(account.timeZone, now);
  const readThrough = account.readThrough ? parseDay(account.readThrough) : null;
  const from = readThrough === null ? today - AD_BACKFILL_DAYS + 1 : Math.min(readThrough + 1, today - AD_RESTATED_DAYS + 1);
  const info: AdAccountInfo = { id: account.accountId, name: account.name, currency: account.currency, timeZone: account.timeZone };
  let days = 0;
  let through = account.readThrough;
  for (let start = from; start <= today; start += AD_WINDOW_DAYS) {
    const [since, until] = [formatDay(start), formatDay(Math.min(start + AD_WINDOW_DAYS - 1, today))];
    onProgress?.({ platform: client.platform, accountId: account.accountId, since, until });
    const reports = await withTokens(() => client.campaignDays(tokens(), info, since, until));
    const rows = reports.map((report) => campaignDayRow(account, report)).filter((row) => row.date >= since && row.date <= until);
    const key = { shop: account.shop, platform: account.platform, accountId: account.accountId };
    // Each window replaced whole: a campaign the platform no longer reports for a day is gone from it.
    // readThrough never moves back: a restated window doesn't undo a backfill's progress.
    through = through !== null && through > until ? through : until;
    await db.$transaction([
      db.adCampaignDay.deleteMany({ where: { ...key, date: { gte: since, lte: until } } }),
      db.adCampaignDay.createMany({ data: rows }),
      db.adAccount.update({ where: { shop_platform_accountId: key }, data: { readThrough: through } }),
    ]);
    days += rows.length;
  }
  return { accountId: account.accountId, days, readThrough: through };
}

/** Today in the account's time zone (UTC for a zone the platform names and Intl doesn't know). */
function accountToday(zone: string, now: Date): number {
  try {
    return timeZone(zone).localDay(now.getTime());
  } catch {
    return Math.floor(now.getTime() / 86_400_000);
  }
}

/** A platform's decimal spend in the app's money unit (1/10,000), rounded half away from zero beyond it (Google's micros). */
export function spendMoney(text: string, platform: AdPlatform): Money {
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new AdPlatformUnavailable(platform, `a spend is not a decimal amount: "${text.slice(0, 40)}"`);
  const fraction = match[2] ?? "";
  if (fraction.length <= 4) return parseMoney(text.trim());
  const kept = parseMoney(`${match[1]}.${fraction.slice(0, 4)}`);
  const roundUp = fraction[4]! >= "5";
  return roundUp ? kept + (text.trim().startsWith("-") ? -1n : 1n) : kept;
}

function campaignDayRow(account: AdAccount, report: AdCampaignDayReport) {
  return {
    shop: account.shop,
    platform: account.platform,
    accountId: account.accountId,
    campaignId: report.campaignId,
    date: report.date,
    campaignName: report.campaignName,
    utmCampaign: report.utmCampaign,
    utmLower: report.utmCampaign?.toLowerCase() ?? null,
    spend: spendMoney(report.spend, account.platform as AdPlatform),
    impressions: report.impressions,
    clicks: report.clicks,
  };
}
