/**
 * The store's advertising: what three ad platforms' accounts spent on their campaigns each day
 * (`AdCampaignDay` lines, what a connected app reads from Meta, Google Ads and TikTok), and what the
 * sales channels report of it to Shopify as marketing engagements (`MarketingActivity` and
 * `MarketingEngagement` lines, read through ShopifyQL).
 *
 * - Campaigns carry the orders' UTM campaigns where they brought orders (`spring-sale`, `bfcm`,
 *   `retargeting`, `brand-search`…), and some carry one no order has, or none.
 * - Meta's and TikTok's accounts are in the shop currency; the Google Ads account is in another
 *   currency (USD, or EUR for a USD shop) and reports its days in America/Los_Angeles; TikTok's in
 *   Asia/Singapore.
 * - Facebook & Instagram and Google & YouTube report their campaigns' spend to Shopify (Google's
 *   converted to the shop currency at the generator's table rate); TikTok reports none there; a
 *   Pinterest channel that no platform connection covers reports its own; Shopify Email reports
 *   sales without spend.
 * - Spend follows the orders: each day's spend is a share of that day's orders, so a small store
 *   spends little. Deterministic from its own random stream.
 */
import type { TimeZone as Zone } from "@throughline/shopify-common/time-zone";
import { convertMinor, CURRENCIES, formatMinor } from "./currencies";
import { WINDOW_BFCM, WINDOW_SPRING, WINDOW_SUMMER } from "./campaigns";
import type { FixtureAdCampaignDayLine, FixtureMarketingActivityLine, FixtureMarketingEngagementLine, FixtureObject } from "./fixture-objects";
import type { OrderPlan } from "./order-plan";
import type { Rng } from "./random";
import type { Settings } from "./settings";
import { DAY_MS, type TimestampFormatter } from "./timestamps";
import { currencyDecimals } from "@throughline/shopify-common/money";

type Platform = "meta" | "google" | "tiktok";

interface AdCampaign {
  id: string;
  name: string;
  utmCampaign: string | null;
  /** Runs only on days of these campaign windows (0: every day). */
  windows: number;
  /** US cents spent per order of the day, before the day's noise. */
  centsPerOrder: number;
}

interface AdAccountPlan {
  platform: Platform;
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  /** The channel app that reports this account's campaigns to Shopify, or null. */
  reportedBy: string | null;
  campaigns: AdCampaign[];
}

function accounts(settings: Settings): AdAccountPlan[] {
  const other = settings.currency === "USD" ? "EUR" : "USD";
  return [
    {
      platform: "meta",
      id: "act_1029384756",
      name: `${settings.shopName} (Meta)`,
      currency: settings.currency,
      timeZone: settings.timeZone,
      reportedBy: "Facebook & Instagram",
      campaigns: [
        { id: "120210000000000001", name: "Spring sale – prospecting", utmCampaign: "spring-sale", windows: WINDOW_SPRING, centsPerOrder: 160 },
        { id: "120210000000000002", name: "BFCM – Meta", utmCampaign: "bfcm", windows: WINDOW_BFCM, centsPerOrder: 140 },
        { id: "120210000000000003", name: "Retargeting – always on", utmCampaign: "retargeting", windows: 0, centsPerOrder: 45 },
        { id: "120210000000000004", name: "New arrivals – Instagram", utmCampaign: "new-arrivals", windows: 0, centsPerOrder: 25 },
        { id: "120210000000000005", name: "Lookalike test", utmCampaign: "lookalike-test", windows: 0, centsPerOrder: 15 },
        { id: "120210000000000006", name: "Brand video – awareness", utmCampaign: null, windows: 0, centsPerOrder: 20 },
      ],
    },
    {
      platform: "google",
      id: "4817263590",
      name: `${settings.shopName} (Google Ads)`,
      currency: other,
      timeZone: "America/Los_Angeles",
      reportedBy: "Google & YouTube",
      campaigns: [
        { id: "20451230001", name: "Brand search", utmCampaign: "brand-search", windows: 0, centsPerOrder: 30 },
        { id: "20451230002", name: "Shopping – all products", utmCampaign: "shopping-ads", windows: 0, centsPerOrder: 55 },
        { id: "20451230003", name: "Generic search", utmCampaign: "generic-search", windows: 0, centsPerOrder: 40 },
        { id: "20451230004", name: "Summer sale – search", utmCampaign: "summer-sale", windows: WINDOW_SUMMER, centsPerOrder: 90 },
      ],
    },
    {
      platform: "tiktok",
      id: "7301928374650001",
      name: `${settings.shopName} (TikTok)`,
      currency: settings.currency,
      timeZone: "Asia/Singapore",
      reportedBy: null,
      campaigns: [
        { id: "1790000000000001", name: "Spark ads – creators", utmCampaign: "tiktok-spark", windows: 0, centsPerOrder: 20 },
        { id: "1790000000000002", name: "BFCM – TikTok", utmCampaign: "bfcm", windows: WINDOW_BFCM, centsPerOrder: 70 },
      ],
    },
  ];
}

/** Channels that report to Shopify with no ad platform connection behind them. */
const OTHER_CHANNELS = [
  { app: "Pinterest", title: "Pinterest – always on", utmCampaign: "pinterest-pins", channel: "SOCIAL", centsPerOrder: 12, spends: true },
  { app: "Shopify Email", title: "Monthly newsletter", utmCampaign: "newsletter", channel: "EMAIL", centsPerOrder: 0, spends: false },
] as const;

/** Minor units between currencies at the table's rates; a currency the table lacks is taken at par with the dollar (as prices are). */
function convert(minor: number, from: string, to: string): number {
  if (CURRENCIES[from] && CURRENCIES[to]) return convertMinor(minor, from, to);
  return Math.round((minor * 10 ** currencyDecimals(to)) / 10 ** currencyDecimals(from));
}

/** The offset of a zone at an instant, as Shopify writes it ("+01:00"). */
function offsetText(zone: Zone, utcMs: number): string {
  const minutes = Math.round(zone.offset(utcMs) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export function* generateMarketing(settings: Settings, zone: Zone, plan: OrderPlan, rng: Rng, format: TimestampFormatter): Generator<FixtureObject> {
  const dayCount = plan.dayCounts.length;
  if (dayCount === 0) return;
  const createdAt = format.format(Math.floor(zone.toUtc(plan.firstDay * DAY_MS) / 1000));
  const plans = accounts(settings);
  const money = (minor: number, currency: string) => ({ amount: formatMinor(minor, currencyDecimals(currency)), currencyCode: currency });

  // The activities Shopify knows: one per campaign a channel reports, and the other channels'.
  let activityId = 9_100;
  const activityOf = new Map<string, string>();
  const activities: FixtureMarketingActivityLine[] = [];
  const activity = (title: string, app: string, channel: string, utmCampaign: string | null, source: string, medium: string) => {
    const id = `gid://shopify/MarketingActivity/${++activityId}`;
    activities.push({
      __typename: "MarketingActivity",
      id,
      title,
      createdAt,
      marketingChannelType: channel,
      utmParameters: utmCampaign === null ? null : { campaign: utmCampaign, source, medium },
      app: { title: app },
    });
    return id;
  };
  for (const account of plans) {
    if (!account.reportedBy) continue;
    for (const campaign of account.campaigns) {
      const [source, medium] = account.platform === "meta" ? ["facebook", "paid_social"] : ["google", "cpc"];
      activityOf.set(
        `${account.platform}:${campaign.id}`,
        activity(campaign.name, account.reportedBy, account.platform === "meta" ? "SOCIAL" : "SEARCH", campaign.utmCampaign, source, medium),
      );
    }
  }
  const otherActivities = OTHER_CHANNELS.map((channel) =>
    activity(channel.title, channel.app, channel.channel, channel.utmCampaign, channel.app.toLowerCase(), channel.channel.toLowerCase()),
  );
  yield* activities;

  for (let d = 0; d < dayCount; d++) {
    const day = plan.firstDay + d;
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    const orders = plan.dayCounts[d] as number;
    const windows = plan.dayCampaigns[d] as number;
    const utcOffset = offsetText(zone, zone.toUtc(day * DAY_MS + 12 * 3_600_000));
    const engagements: FixtureMarketingEngagementLine[] = [];
    for (const account of plans) {
      for (const campaign of account.campaigns) {
        if (campaign.windows !== 0 && (windows & campaign.windows) === 0) continue;
        // A few cents to a few dollars a day on a small store; a share of the day's orders on a larger one.
        const usdCents = Math.max(150, Math.round(orders * campaign.centsPerOrder * (0.7 + 0.6 * rng.next())));
        const spend = convert(usdCents, "USD", account.currency);
        const impressions = Math.round(usdCents * (8 + 6 * rng.next()));
        const clicks = Math.round(impressions * (0.008 + 0.02 * rng.next()));
        const line: FixtureAdCampaignDayLine = {
          __typename: "AdCampaignDay",
          platform: account.platform,
          accountId: account.id,
          accountName: account.name,
          accountCurrency: account.currency,
          accountTimezone: account.timeZone,
          campaignId: campaign.id,
          campaignName: campaign.name,
          utmCampaign: campaign.utmCampaign,
          date,
          spend: money(spend, account.currency).amount,
          impressions,
          clicks,
        };
        yield line;
        const reported = activityOf.get(`${account.platform}:${campaign.id}`);
        if (reported) {
          engagements.push({
            __typename: "MarketingEngagement",
            marketingActivity: { id: reported },
            occurredOn: date,
            utcOffset,
            adSpend: money(convert(spend, account.currency, settings.currency), settings.currency),
            sales: null,
            clicksCount: clicks,
            impressionsCount: impressions,
            orders: null,
          });
        }
      }
    }
    OTHER_CHANNELS.forEach((channel, index) => {
      const usdCents = channel.spends ? Math.max(100, Math.round(orders * channel.centsPerOrder * (0.7 + 0.6 * rng.next()))) : 0;
      const sales = Math.round(orders * 300 * rng.next());
      engagements.push({
        __typename: "MarketingEngagement",
        marketingActivity: { id: otherActivities[index]! },
        occurredOn: date,
        utcOffset,
        adSpend: channel.spends ? money(convert(usdCents, "USD", settings.currency), settings.currency) : null,
        sales: money(convert(sales, "USD", settings.currency), settings.currency),
        clicksCount: Math.round(usdCents * 0.2) + rng.int(20),
        impressionsCount: Math.round(usdCents * 9) + rng.int(400),
        orders: null,
      });
    });
    yield* engagements;
  }
}
