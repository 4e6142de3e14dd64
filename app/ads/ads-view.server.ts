/**
 * The Costs page's advertising section: each ad platform (connected or not, its state in words, its
 * accounts with their spend to date), the months an account in another currency still needs a rate
 * for, the rates set, and what Shopify's marketing reports bring without connecting anything.
 */
import type { PrismaClient } from "@prisma/client";
import { currencyDecimals, formatMoney, type Money } from "@throughline/shopify-common/money";
import type { TFunction } from "~/i18n/i18n";
import { timesRate } from "~/indicators/engine";
import { exactAmount } from "~/indicators/format";
import { AD_PLATFORMS, isAdPlatform, type AdPlatform } from "./platforms/types";
import { bumpAdsVersion } from "./connections.server";
import type { ImportedSpendRow } from "./spend-csv";
import { CHANNEL_APP_OF } from "./marketing-spend.server";

export interface AdAccountView {
  accountId: string;
  name: string;
  currency: string;
  timeZone: string;
  selected: boolean;
  /** The last day read, in the account's dates; null before the backfill. */
  readThrough: string | null;
  /** Σ spend of the days read, in the account currency (decimal text). */
  spendToDate: string;
  /** The same in the shop currency where every month with spend has a rate (decimal text), else null. */
  spendToDateInShopCurrency: string | null;
}

export interface AdPlatformView {
  platform: AdPlatform;
  /** The channel app whose reports to Shopify this platform's connection replaces. */
  channelApp: string;
  connection: {
    state: "active" | "reconnect";
    connectedAt: string;
    refreshedAt: string | null;
    /** Since when refreshes fail (spend after the last day read is missing), with the platform's words. */
    failingSince: string | null;
    lastError: string | null;
  } | null;
  accounts: AdAccountView[];
}

export interface AdsView {
  shopCurrency: string;
  platforms: AdPlatformView[];
  /** Months with spend in another currency and no rate: their spend is left out until one is set. */
  missingRates: { currency: string; month: string }[];
  rates: { currency: string; month: string; rate: string }[];
  /** Days of spend imported for channels nothing connects, and their total (exact decimal text, shop currency). */
  imported: { days: number; total: `${number}` };
  /** Shopify's marketing reports: read through which day, and each channel's ad spend over the last 30 days read (decimal text, shop currency). */
  shopifyReports: { readThrough: string | null; channels: { client: string; adSpend: string; counted: boolean }[] };
}

export async function adsView(db: PrismaClient, shop: string): Promise<AdsView> {
  const [record, connections, accounts, sums, monthly, rates, imported] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { currencyCode: true, engagementsReadThrough: true } }),
    db.adConnection.findMany({ where: { shop } }),
    db.adAccount.findMany({ where: { shop }, orderBy: [{ platform: "asc" }, { name: "asc" }] }),
    db.adCampaignDay.groupBy({ by: ["platform", "accountId"], where: { shop }, _sum: { spend: true } }),
    monthlySpend(db, shop),
    db.adCurrencyRate.findMany({ where: { shop }, orderBy: [{ currency: "asc" }, { month: "desc" }] }),
    db.importedAdSpend.aggregate({ where: { shop }, _count: true, _sum: { spend: true } }),
  ]);
  const shopCurrency = record?.currencyCode ?? "USD";
  const decimals = currencyDecimals(shopCurrency);
  const rateOf = new Map(rates.map((rate) => [`${rate.currency}\u0000${rate.month}`, rate.rate]));
  const spendOf = new Map(sums.map((row) => [`${row.platform}\u0000${row.accountId}`, row._sum.spend ?? 0n]));
  const missing = new Map<string, { currency: string; month: string }>();
  const converted = new Map<string, Money | null>();
  for (const row of monthly) {
    const key = `${row.platform}\u0000${row.accountId}`;
    if (row.currency === shopCurrency) continue;
    const rate = rateOf.get(`${row.currency}\u0000${row.month}`);
    if (rate === undefined) {
      missing.set(`${row.currency}\u0000${row.month}`, { currency: row.currency, month: row.month });
      converted.set(key, null);
    } else if (converted.get(key) !== null) {
      converted.set(key, (converted.get(key) ?? 0n) + timesRate(row.spend, rate, decimals));
    }
  }
  const connected = new Set(connections.map((connection) => connection.platform));
  const reports = await shopifyReports(db, shop, record?.engagementsReadThrough ?? null, connected);
  return {
    shopCurrency,
    platforms: AD_PLATFORMS.map((platform) => {
      const connection = connections.find((candidate) => candidate.platform === platform);
      return {
        platform,
        channelApp: CHANNEL_APP_OF[platform],
        connection: connection
          ? {
              state: connection.state === "reconnect" ? "reconnect" : "active",
              connectedAt: connection.connectedAt.toISOString(),
              refreshedAt: connection.refreshedAt?.toISOString() ?? null,
              failingSince: connection.failingSince?.toISOString() ?? null,
              lastError: connection.lastError,
            }
          : null,
        accounts: accounts
          .filter((account) => account.platform === platform)
          .map((account) => {
            const key = `${platform}\u0000${account.accountId}`;
            const spend = spendOf.get(key) ?? 0n;
            const inShop = account.currency === shopCurrency ? spend : (converted.get(key) ?? (spend === 0n ? 0n : null));
            return {
              accountId: account.accountId,
              name: account.name,
              currency: account.currency,
              timeZone: account.timeZone,
              selected: account.selected,
              readThrough: account.readThrough,
              spendToDate: formatMoney(spend, currencyDecimals(account.currency)),
              spendToDateInShopCurrency: inShop === null ? null : formatMoney(inShop, decimals),
            };
          }),
      };
    }),
    missingRates: [...missing.values()].sort((a, b) => b.month.localeCompare(a.month) || a.currency.localeCompare(b.currency)),
    rates: rates.map((rate) => ({ currency: rate.currency, month: rate.month, rate: rate.rate })),
    shopifyReports: reports,
    imported: { days: imported._count, total: exactAmount(imported._sum.spend ?? 0n) },
  };
}

/** Each selected account's campaign days with spend, in its currency (converted one by one, as ad spend converts them). */
async function monthlySpend(db: PrismaClient, shop: string) {
  const [accounts, days] = await Promise.all([
    db.adAccount.findMany({ where: { shop, selected: true }, select: { platform: true, accountId: true, currency: true } }),
    db.adCampaignDay.findMany({ where: { shop, spend: { not: 0n } }, select: { platform: true, accountId: true, date: true, spend: true } }),
  ]);
  const currencyOf = new Map(accounts.map((account) => [`${account.platform}\u0000${account.accountId}`, account.currency]));
  return days.flatMap((day) => {
    const currency = currencyOf.get(`${day.platform}\u0000${day.accountId}`);
    return currency === undefined ? [] : [{ platform: day.platform, accountId: day.accountId, currency, month: day.date.slice(0, 7), spend: day.spend }];
  });
}

async function shopifyReports(db: PrismaClient, shop: string, readThrough: string | null, connected: Set<string>) {
  if (readThrough === null) return { readThrough, channels: [] };
  const since = new Date(Date.parse(`${readThrough}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const rows = await db.shopifyEngagementDay.groupBy({
    by: ["client"],
    where: { shop, day: { gte: since, lte: readThrough }, adSpend: { not: null } },
    _sum: { adSpend: true },
    orderBy: { client: "asc" },
  });
  const replaced = new Set([...connected].filter(isAdPlatform).map((platform) => CHANNEL_APP_OF[platform]));
  return {
    readThrough,
    channels: rows.map((row) => ({ client: row.client, adSpend: exactAmount(row._sum.adSpend ?? 0n), counted: !replaced.has(row.client) })),
  };
}

/** The owner's rate for a currency's month, checked: a clear refusal and nothing stored, or the rate kept. */
export function parseCurrencyRate(
  fields: { currency: string | null; month: string | null; rate: string | null },
  shopCurrency: string,
  t: TFunction,
): { ok: true; value: { currency: string; month: string; rate: string } } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const currency = (fields.currency ?? "").trim().toUpperCase();
  const month = (fields.month ?? "").trim();
  const rate = (fields.rate ?? "").trim();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = t("costs.ads.errors.currency", { given: currency.slice(0, 20) });
  else if (currency === shopCurrency) errors.currency = t("costs.ads.errors.shopCurrency", { currency });
  const monthMatch = /^(\d{4})-(\d{2})$/.exec(month);
  if (!monthMatch || Number(monthMatch[2]) < 1 || Number(monthMatch[2]) > 12 || Number(monthMatch[1]) < 2000) {
    errors.month = t("costs.ads.errors.month", { given: month.slice(0, 20) });
  }
  const rateMatch = /^\d{1,7}(\.\d{1,10})?$/.exec(rate);
  if (!rateMatch || /^0+(\.0*)?$/.test(rate)) errors.rate = t("costs.ads.errors.rate", { given: rate.slice(0, 30) });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { currency, month, rate: rate.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "") } };
}

export async function setCurrencyRate(db: PrismaClient, shop: string, value: { currency: string; month: string; rate: string }): Promise<void> {
  await db.$transaction([
    db.adCurrencyRate.upsert({
      where: { shop_currency_month: { shop, currency: value.currency, month: value.month } },
      create: { shop, ...value },
      update: { rate: value.rate },
    }),
    bumpAdsVersion(db, shop),
  ]);
}

export async function removeCurrencyRate(db: PrismaClient, shop: string, currency: string, month: string): Promise<boolean> {
  const [removed] = await db.$transaction([db.adCurrencyRate.deleteMany({ where: { shop, currency, month } }), bumpAdsVersion(db, shop)]);
  return removed.count > 0;
}

/** Stores imported days of spend (spend-csv.ts), each replacing the same day, channel and promotion imported before, in one transaction. */
export async function importSpend(
  db: PrismaClient,
  shop: string,
  rows: ImportedSpendRow[],
  now: Date,
): Promise<{ days: number; promotions: number; total: Money }> {
  await db.$transaction([
    ...rows.map((row) =>
      db.importedAdSpend.upsert({
        where: { shop_promotionId_channel_date: { shop, promotionId: row.promotionId, channel: row.channel, date: row.date } },
        create: { shop, ...row, importedAt: now },
        update: { spend: row.spend, importedAt: now },
      }),
    ),
    bumpAdsVersion(db, shop),
  ]);
  return { days: rows.length, promotions: new Set(rows.map((row) => row.promotionId)).size, total: rows.reduce((sum, row) => sum + row.spend, 0n) };
}
