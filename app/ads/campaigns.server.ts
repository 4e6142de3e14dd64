/**
 * Each ad campaign of a period beside what it brought, so the review asks of every campaign what it
 * asks of every promotion: its spend on the period's dates (in the shop currency; null while its
 * month's rate is missing), impressions and clicks, the orders of the period whose last visit carried
 * its utm_campaign with their revenue (gross − discounts) and ROAS, and the promotion that explains
 * it (linked by hand, or by the same utm_campaign). What no promotion explains is summed by platform:
 * "$1,240 of Meta spend this week is on campaigns no one logged".
 */
import type { PrismaClient } from "@prisma/client";
import { currencyDecimals, type Money } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { databaseUrlOf } from "~/db.server";
import { timesRate } from "~/indicators/engine";
import { formatDay, type Period } from "~/lib/calendar";
import { attributionStore } from "~/promotions/attribution-store.server";
import { addAttributed, NO_ATTRIBUTED, type AttributedAmounts } from "~/promotions/promotion-cost";
import { isAdPlatform, type AdPlatform } from "./platforms/types";

export interface CampaignFigures {
  platform: AdPlatform;
  accountId: string;
  campaignId: string;
  name: string;
  utmCampaign: string | null;
  /** Shop currency; null when a month of it has no rate yet. */
  spend: Money | null;
  impressions: number;
  clicks: number;
  attributedOrders: number;
  attributedRevenue: Money;
  /** attributedRevenue / spend (null without spend). */
  roas: number | null;
  /** The promotion it is linked to (by hand, or by its utm_campaign), or null: spend no one logged. */
  promotion: { id: number; title: string } | null;
  /** The first and last days the platform reported it, whatever the period ("Track as promotion" takes them). */
  firstDay: string;
  lastDay: string;
}

export interface CampaignsOfPeriod {
  campaigns: CampaignFigures[];
  /** Spend of campaigns no promotion explains, by platform (shop currency), largest first. */
  unexplained: { platform: AdPlatform; spend: Money; campaigns: number }[];
}

export async function campaignsOver(db: PrismaClient, shop: string, period: Period): Promise<CampaignsOfPeriod> {
  const [from, to] = [formatDay(period.from), formatDay(period.to)];
  const [record, connections, accounts, days, rates, promotions] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { currencyCode: true, ianaTimezone: true } }),
    db.adConnection.findMany({ where: { shop }, select: { platform: true } }),
    db.adAccount.findMany({ where: { shop, selected: true }, select: { platform: true, accountId: true, currency: true } }),
    db.adCampaignDay.findMany({
      where: { shop, date: { gte: from, lte: to } },
      select: {
        platform: true,
        accountId: true,
        campaignId: true,
        campaignName: true,
        utmCampaign: true,
        utmLower: true,
        date: true,
        spend: true,
        impressions: true,
        clicks: true,
      },
      orderBy: [{ date: "asc" }],
    }),
    db.adCurrencyRate.findMany({ where: { shop }, select: { currency: true, month: true, rate: true } }),
    db.promotion.findMany({
      where: { shop, archivedAt: null, start: { lte: to }, end: { gte: from } },
      select: { id: true, title: true, utmLower: true, adPlatform: true, adAccountId: true, adCampaignId: true },
      orderBy: { id: "asc" },
    }),
  ]);
  const shopCurrency = record?.currencyCode ?? "USD";
  const decimals = currencyDecimals(shopCurrency);
  const connected = new Set(connections.map((connection) => connection.platform));
  const currencyOf = new Map(accounts.map((account) => [`${account.platform}\u0000${account.accountId}`, account.currency]));
  const rateOf = new Map(rates.map((rate) => [`${rate.currency}\u0000${rate.month}`, rate.rate]));
  const byCampaign = new Map<string, CampaignFigures & { utmLower: string | null }>();
  for (const day of days) {
    const currency = currencyOf.get(`${day.platform}\u0000${day.accountId}`);
    if (currency === undefined || !connected.has(day.platform) || !isAdPlatform(day.platform)) continue;
    const key = `${day.platform}\u0000${day.accountId}\u0000${day.campaignId}`;
    let campaign = byCampaign.get(key);
    if (!campaign) {
      campaign = {
        platform: day.platform,
        accountId: day.accountId,
        campaignId: day.campaignId,
        name: day.campaignName,
        utmCampaign: day.utmCampaign,
        utmLower: day.utmLower,
        spend: 0n,
        impressions: 0,
        clicks: 0,
        attributedOrders: 0,
        attributedRevenue: 0n,
        roas: null,
        promotion: null,
        firstDay: day.date,
        lastDay: day.date,
      };
      byCampaign.set(key, campaign);
    }
    // The latest day's name and utm_campaign (campaigns get renamed).
    campaign.name = day.campaignName;
    campaign.utmCampaign = day.utmCampaign;
    campaign.utmLower = day.utmLower;
    campaign.impressions += day.impressions;
    campaign.clicks += day.clicks;
    if (campaign.spend === null) continue;
    if (currency === shopCurrency) campaign.spend += day.spend;
    else {
      const rate = rateOf.get(`${currency}\u0000${day.date.slice(0, 7)}`);
      campaign.spend = rate === undefined ? null : campaign.spend + timesRate(day.spend, rate, decimals);
    }
  }
  const campaigns = [...byCampaign.values()];
  const spans = campaigns.length
    ? await db.adCampaignDay.groupBy({
        by: ["platform", "accountId", "campaignId"],
        where: { shop, campaignId: { in: [...new Set(campaigns.map((campaign) => campaign.campaignId))] } },
        _min: { date: true },
        _max: { date: true },
      })
    : [];
  for (const span of spans) {
    const campaign = byCampaign.get(`${span.platform}\u0000${span.accountId}\u0000${span.campaignId}`);
    if (campaign && span._min.date && span._max.date) Object.assign(campaign, { firstDay: span._min.date, lastDay: span._max.date });
  }
  // Orders whose last visit carried a campaign's utm_campaign, processed on the period's days.
  const zone = timeZone(record?.ianaTimezone ?? "UTC");
  const utms = [...new Set(campaigns.map((campaign) => campaign.utmLower).filter((utm): utm is string => utm !== null))];
  const orders = await attributionStore(databaseUrlOf(db)).ordersOfCampaigns(
    shop,
    new Date(zone.startOfDay(period.from)),
    new Date(zone.startOfDay(period.to + 1)),
    utms,
  );
  const sums = new Map<string, { count: number; amounts: AttributedAmounts }>();
  for (const { utm, order } of orders) {
    const known = sums.get(utm) ?? { count: 0, amounts: NO_ATTRIBUTED };
    sums.set(utm, { count: known.count + 1, amounts: addAttributed(known.amounts, order) });
  }
  for (const campaign of campaigns) {
    const brought = campaign.utmLower === null ? undefined : sums.get(campaign.utmLower);
    campaign.attributedOrders = brought?.count ?? 0;
    campaign.attributedRevenue = brought ? brought.amounts.gross - brought.amounts.discounts : 0n;
    campaign.roas = campaign.spend === null || campaign.spend === 0n ? null : Number(campaign.attributedRevenue) / Number(campaign.spend);
    const promotion =
      promotions.find((candidate) => candidate.adPlatform === campaign.platform && candidate.adCampaignId === campaign.campaignId) ??
      promotions.find((candidate) => candidate.utmLower !== null && candidate.utmLower === campaign.utmLower);
    campaign.promotion = promotion ? { id: promotion.id, title: promotion.title } : null;
  }
  campaigns.sort((a, b) => Number((b.spend ?? 0n) - (a.spend ?? 0n)) || a.name.localeCompare(b.name));
  const unexplained = new Map<AdPlatform, { platform: AdPlatform; spend: Money; campaigns: number }>();
  for (const campaign of campaigns) {
    if (campaign.promotion !== null || campaign.spend === null || campaign.spend === 0n) continue;
    const known = unexplained.get(campaign.platform) ?? { platform: campaign.platform, spend: 0n, campaigns: 0 };
    unexplained.set(campaign.platform, { platform: campaign.platform, spend: known.spend + campaign.spend, campaigns: known.campaigns + 1 });
  }
  return {
    campaigns: campaigns.map(({ utmLower: _utmLower, ...campaign }) => campaign),
    unexplained: [...unexplained.values()].sort((a, b) => Number(b.spend - a.spend)),
  };
}
