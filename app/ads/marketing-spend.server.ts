/**
 * What the shop spent on marketing in a period (METRICS.md `ad_spend` and `marketing_spend`):
 *
 * - ad spend: each connected ad account's daily campaign spend for the dates in the period (the date
 *   as the platform reports it, in the account's time zone), converted to the shop currency at the
 *   owner's rate for its month (left out until one is set), plus the ad spend sales channels report
 *   to Shopify (ShopifyEngagementDay), except what the channel app of a platform connected directly
 *   reports: that platform's own figures count instead;
 * - marketing spend: the promotions' spend spread over their days; once the shop has ad spend, ad
 *   spend plus the spend of the promotions not linked to an ad campaign (linked by hand, or by its
 *   utm_campaign): a linked promotion's spend is its campaign's, never counted twice (decision 030).
 *
 * - the owner's imported daily spend of channels nothing connects (influencers, print) counts as ad
 *   spend too, and is the spend of the promotion it was imported for.
 *
 * Read fresh for every report: a handful of grouped queries over small tables.
 */
import type { PrismaClient } from "@prisma/client";
import { currencyDecimals, type Money } from "@throughline/shopify-common/money";
import { timesRate } from "~/indicators/engine";
import { formatDay, type Period } from "~/lib/calendar";
import { spreadSpend } from "~/promotions/promotion-cost";
import { isAdPlatform, type AdPlatform } from "./platforms/types";

/** The channel app that reports each platform's campaigns to Shopify (marketing engagements' `marketing_api_client`). */
export const CHANNEL_APP_OF: Record<AdPlatform, string> = {
  meta: "Facebook & Instagram",
  google: "Google & YouTube",
  tiktok: "TikTok",
};

/** Where a period's ad spend came from: a platform connected directly, Shopify's marketing reports, or the owner's import. */
export type AdSpendSource = AdPlatform | "shopify" | "import";

export interface MissingRate {
  currency: string;
  /** "YYYY-MM" */
  month: string;
}

export interface PeriodMarketingSpend {
  /** METRICS.md `marketing_spend`. */
  marketingSpend: Money;
  /** METRICS.md `ad_spend`, and its parts by source (sources without spend left out). */
  adSpend: Money;
  adSpendBySource: Partial<Record<AdSpendSource, Money>>;
  /** The promotions' spend that marketing spend counts: all of it without ad spend, the unlinked ones' with it. */
  promotionSpend: Money;
  /** Whether ad spend is part of marketing spend: an ad platform is connected, or a channel reports ad spend to Shopify. */
  adsCounted: boolean;
  /** Currencies and months of the period with ad spend but no rate from the owner (their spend is left out). */
  missingRates: MissingRate[];
}

/** One campaign's day, as stored (account currency). */
interface CampaignDay {
  platform: AdPlatform;
  currency: string;
  date: string;
  spend: Money;
}

/** The marketing spend of each period (in the same order), everything read once for the span they cover. */
export async function marketingSpendByPeriod(db: PrismaClient, shop: string, periods: readonly Period[]): Promise<PeriodMarketingSpend[]> {
  if (periods.length === 0) return [];
  const first = formatDay(Math.min(...periods.map((period) => period.from)));
  const last = formatDay(Math.max(...periods.map((period) => period.to)));
  const [record, connections, accounts, campaignDays, engagements, reportsSpend, rates, promotions, imported, anyImported] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { currencyCode: true } }),
    db.adConnection.findMany({ where: { shop }, select: { platform: true } }),
    db.adAccount.findMany({ where: { shop, selected: true }, select: { platform: true, accountId: true, currency: true } }),
    db.adCampaignDay.findMany({ where: { shop, date: { gte: first, lte: last } }, select: { platform: true, accountId: true, date: true, spend: true } }),
    db.shopifyEngagementDay.groupBy({
      by: ["day", "client"],
      where: { shop, day: { gte: first, lte: last }, adSpend: { not: null } },
      _sum: { adSpend: true },
    }),
    db.shopifyEngagementDay.findFirst({ where: { shop, adSpend: { gt: 0n } }, select: { day: true } }),
    db.adCurrencyRate.findMany({ where: { shop }, select: { currency: true, month: true, rate: true } }),
    db.promotion.findMany({
      where: { shop, archivedAt: null, start: { lte: last }, end: { gte: first } },
      select: { id: true, start: true, end: true, spend: true, utmLower: true, adPlatform: true, adCampaignId: true },
    }),
    db.importedAdSpend.findMany({ where: { shop, date: { gte: first, lte: last } }, select: { date: true, spend: true } }),
    db.importedAdSpend.findMany({ where: { shop }, select: { promotionId: true }, distinct: ["promotionId"] }),
  ]);
  const shopCurrency = record?.currencyCode ?? "USD";
  const decimals = currencyDecimals(shopCurrency);
  const connected = new Set(connections.map((connection) => connection.platform).filter(isAdPlatform));
  const currencyOf = new Map(accounts.map((account) => [`${account.platform}\u0000${account.accountId}`, account.currency]));
  const rateOf = new Map(rates.map((rate) => [`${rate.currency}\u0000${rate.month}`, rate.rate]));
  const excludedClients = new Set([...connected].map((platform) => CHANNEL_APP_OF[platform]));

  const campaignSpend: CampaignDay[] = [];
  for (const day of campaignDays) {
    const currency = currencyOf.get(`${day.platform}\u0000${day.accountId}`);
    // Only connected platforms' selected accounts count (their days are removed with them; this holds it).
    if (currency === undefined || !connected.has(day.platform as AdPlatform)) continue;
    campaignSpend.push({ platform: day.platform as AdPlatform, currency, date: day.date, spend: day.spend });
  }
  const reported = engagements.filter((row) => !excludedClients.has(row.client));
  const adsCounted = connected.size > 0 || reportsSpend !== null || anyImported.length > 0;
  // A promotion whose days of spend were imported spends those days.
  const importedFor = new Set(anyImported.map((row) => row.promotionId));

  // Promotions linked to a campaign: by hand, or by a utm_campaign some connected campaign carries.
  const utms = [...new Set(promotions.map((promotion) => promotion.utmLower).filter((utm): utm is string => utm !== null))];
  const linkedUtms = adsCounted ? await connectedUtms(db, shop, utms, connected) : new Set<string>();
  const unlinked = promotions.filter(
    (promotion) =>
      !(promotion.adCampaignId !== null && connected.has(promotion.adPlatform as AdPlatform)) &&
      !importedFor.has(promotion.id) &&
      !(promotion.utmLower !== null && linkedUtms.has(promotion.utmLower)),
  );

  return periods.map((period) => {
    const [from, to] = [formatDay(period.from), formatDay(period.to)];
    const bySource: Partial<Record<AdSpendSource, Money>> = {};
    const add = (source: AdSpendSource, amount: Money) => {
      bySource[source] = (bySource[source] ?? 0n) + amount;
    };
    const missing = new Map<string, MissingRate>();
    for (const day of campaignSpend) {
      if (day.date < from || day.date > to) continue;
      if (day.currency === shopCurrency) {
        add(day.platform, day.spend);
        continue;
      }
      const month = day.date.slice(0, 7);
      const rate = rateOf.get(`${day.currency}\u0000${month}`);
      if (rate === undefined) {
        if (day.spend !== 0n) missing.set(`${day.currency}\u0000${month}`, { currency: day.currency, month });
        continue;
      }
      // Each campaign's day converted and rounded to the shop currency's minor unit: a week is the sum of
      // its days, and a period's ad spend the sum of its campaigns' (the review lists them).
      add(day.platform, timesRate(day.spend, rate, decimals));
    }
    for (const row of reported) {
      if (row.day >= from && row.day <= to) add("shopify", row._sum.adSpend ?? 0n);
    }
    for (const row of imported) {
      if (row.date >= from && row.date <= to) add("import", row.spend);
    }
    const adSpend = Object.values(bySource).reduce((sum, amount) => sum + amount, 0n);
    const promotionSpend = spreadSpend(adsCounted ? unlinked : promotions, period);
    return {
      marketingSpend: adsCounted ? adSpend + promotionSpend : promotionSpend,
      adSpend,
      adSpendBySource: Object.fromEntries(Object.entries(bySource).filter(([, amount]) => amount !== 0n)),
      promotionSpend,
      adsCounted,
      missingRates: [...missing.values()].sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency)),
    };
  });
}

/** Whether the shop has marketing figures to report: live promotions, a platform connected, or ad spend reported to Shopify. */
export async function hasMarketingFigures(db: PrismaClient, shop: string): Promise<boolean> {
  const found = await Promise.all([
    db.promotion.findFirst({ where: { shop, archivedAt: null }, select: { id: true } }),
    db.adConnection.findFirst({ where: { shop }, select: { id: true } }),
    db.shopifyEngagementDay.findFirst({ where: { shop, adSpend: { gt: 0n } }, select: { day: true } }),
    db.importedAdSpend.findFirst({ where: { shop }, select: { date: true } }),
  ]);
  return found.some((row) => row !== null);
}

/** Which of the UTM campaigns (lower-case) some campaign of a connected platform ever carried: a promotion with one is linked to it. */
export async function connectedUtms(db: PrismaClient, shop: string, utms: readonly string[], connected: ReadonlySet<string>): Promise<Set<string>> {
  if (utms.length === 0 || connected.size === 0) return new Set();
  const rows = await db.adCampaignDay.findMany({
    where: { shop, utmLower: { in: [...utms] }, platform: { in: [...connected] } },
    distinct: ["utmLower"],
    select: { utmLower: true },
  });
  return new Set(rows.map((row) => row.utmLower!));
}
