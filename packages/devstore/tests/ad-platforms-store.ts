import type { FixtureAdCampaignDay } from "../src/fixture";
import { afterEach } from "vitest";
import { startDevstore, type DevstoreOptions, type RunningDevstore } from "../src/server";
import { DevStore } from "../src/store";

// A store with each ad platform's accounts: one in another currency than the others, one in
// America/Los_Angeles, campaigns with and without a utm_campaign, and days spread over months.

type Account = Pick<FixtureAdCampaignDay, "platform" | "accountId" | "accountName" | "accountCurrency" | "accountTimezone">;
type Campaign = { campaignId: string; campaignName: string; utmCampaign: string | null };

export const META_EU: Account = { platform: "meta", accountId: "act_1001", accountName: "Meta EU", accountCurrency: "EUR", accountTimezone: "Europe/Berlin" };
export const META_US: Account = {
  platform: "meta",
  accountId: "act_1002",
  accountName: "Meta US",
  accountCurrency: "USD",
  accountTimezone: "America/Los_Angeles",
};
export const GOOGLE_JP: Account = {
  platform: "google",
  accountId: "123-456-7890",
  accountName: "Google JP",
  accountCurrency: "JPY",
  accountTimezone: "Asia/Tokyo",
};
export const GOOGLE_US: Account = {
  platform: "google",
  accountId: "2223334444",
  accountName: "Google US",
  accountCurrency: "USD",
  accountTimezone: "America/Los_Angeles",
};
export const TIKTOK_EU: Account = {
  platform: "tiktok",
  accountId: "7000000000001",
  accountName: "TikTok EU",
  accountCurrency: "EUR",
  accountTimezone: "Europe/Paris",
};

export function campaignDay(account: Account, campaign: Campaign, date: string, spend: string, impressions: number, clicks: number): FixtureAdCampaignDay {
  return { __typename: "AdCampaignDay", ...account, ...campaign, date, spend, impressions, clicks };
}

const SPRING = { campaignId: "2001", campaignName: "Spring", utmCampaign: "spring-sale" };
const RETARGET = { campaignId: "2002", campaignName: "Retarget", utmCampaign: null };
const WEST = { campaignId: "2003", campaignName: "West coast", utmCampaign: "west" };
const SEARCH = { campaignId: "3001", campaignName: "Search", utmCampaign: "search jp" };
const PMAX = { campaignId: "3002", campaignName: "PMax", utmCampaign: null };
const US_SEARCH = { campaignId: "3003", campaignName: "US search", utmCampaign: "us" };
const LAUNCH = { campaignId: "4001", campaignName: "Launch", utmCampaign: "tt-launch" };
const ALWAYS_ON = { campaignId: "4002", campaignName: "Always on", utmCampaign: null };

export const AD_DAYS: FixtureAdCampaignDay[] = [
  campaignDay(META_EU, SPRING, "2026-03-01", "12.34", 1000, 30),
  campaignDay(META_EU, RETARGET, "2026-03-01", "5", 200, 4),
  campaignDay(META_EU, SPRING, "2026-03-02", "7.10", 800, 21),
  campaignDay(META_EU, RETARGET, "2026-03-02", "0.99", 90, 1),
  campaignDay(META_EU, SPRING, "2026-03-03", "20.00", 1500, 40),
  campaignDay(META_US, WEST, "2026-03-02", "99.95", 5000, 120),
  campaignDay(GOOGLE_JP, SEARCH, "2026-03-01", "1234", 400, 12),
  campaignDay(GOOGLE_JP, PMAX, "2026-03-01", "0", 0, 0),
  campaignDay(GOOGLE_JP, SEARCH, "2026-03-02", "987.654321", 350, 9),
  campaignDay(GOOGLE_JP, SEARCH, "2026-03-03", "15", 20, 1),
  campaignDay(GOOGLE_US, US_SEARCH, "2026-03-02", "44.10", 900, 33),
  campaignDay(TIKTOK_EU, LAUNCH, "2026-01-05", "9.37", 1000, 20),
  campaignDay(TIKTOK_EU, ALWAYS_ON, "2026-01-05", "3.00", 300, 2),
  campaignDay(TIKTOK_EU, LAUNCH, "2026-02-20", "11.50", 1200, 25),
  campaignDay(TIKTOK_EU, ALWAYS_ON, "2026-02-21", "2.25", 150, 1),
  campaignDay(TIKTOK_EU, LAUNCH, "2026-02-22", "8", 700, 9),
];

/** The instant the tests start at: 2026-03-10 noon UTC. */
export const START = Date.parse("2026-03-10T12:00:00Z");

export function adPlatformsStore(days: FixtureAdCampaignDay[] = AD_DAYS): DevStore {
  return new DevStore({
    shop: { __typename: "Shop", myshopifyDomain: "ads.myshopify.com", name: "Ads", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" },
    products: [],
    customers: [],
    orders: [],
    adCampaignDays: days.map((line) => ({ ...line })),
  });
}

export async function control(devstore: RunningDevstore, action: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${devstore.origin}/devstore/control/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Opens a consent page as the owner's browser would, without following the redirect. */
export async function consent(url: string): Promise<{ status: number; location: URL | null; text: string }> {
  const response = await fetch(url, { redirect: "manual" });
  const location = response.headers.get("location");
  return { status: response.status, location: location ? new URL(location) : null, text: await response.text() };
}

/** The app registration the devstore knows by default, for every platform. */
export const DEVSTORE_APP = { clientId: "throughline-devstore", clientSecret: "devstore-ad-secret" } as const;

/**
 * A devstore serving the platforms' store on a clock the test moves (`ads.now += …`), started anew
 * by `ads.start()` in each test and closed after it.
 */
export function platformsDevstore() {
  let running: RunningDevstore | undefined;
  const ads = {
    now: START,
    async start(options: Partial<DevstoreOptions> = {}): Promise<RunningDevstore> {
      ads.now = START;
      running = await startDevstore({ store: adPlatformsStore(), clock: () => ads.now, ...options });
      return running;
    },
    get devstore(): RunningDevstore {
      if (!running) throw new Error("start the devstore first");
      return running;
    },
  };
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return ads;
}
