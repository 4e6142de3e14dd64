/** Discount campaigns, their windows in the year, and the marketing visits that bring orders. */
import { type FixtureCustomerVisit } from "./fixture-objects";
import { Rng } from "./random";
import { DAY_MS } from "./timestamps";

// Discount campaigns.
export const CODE_WELCOME = 0;
export const CODE_SPRING = 1;
export const CODE_SUMMER = 2;
export const CODE_BFCM = 3;
export const CODE_VIP = 4;
export interface Campaign {
  code: string;
  percent: number;
  utmCampaign: string;
  /** [source, medium] pairs the campaign runs on. */
  channels: readonly (readonly [string, string])[];
}
export const CAMPAIGNS: readonly Campaign[] = [
  {
    code: "WELCOME10",
    percent: 10,
    utmCampaign: "welcome",
    channels: [
      ["newsletter", "email"],
      ["instagram", "paid_social"],
    ],
  },
  {
    code: "SPRING15",
    percent: 15,
    utmCampaign: "spring-sale",
    channels: [
      ["newsletter", "email"],
      ["facebook", "paid_social"],
    ],
  },
  {
    code: "SUMMER20",
    percent: 20,
    utmCampaign: "summer-sale",
    channels: [
      ["newsletter", "email"],
      ["instagram", "paid_social"],
      ["google", "cpc"],
    ],
  },
  {
    code: "BFCM25",
    percent: 25,
    utmCampaign: "bfcm",
    channels: [
      ["newsletter", "email"],
      ["facebook", "paid_social"],
      ["google", "cpc"],
      ["instagram", "paid_social"],
    ],
  },
  {
    code: "VIP15",
    percent: 15,
    utmCampaign: "vip",
    channels: [
      ["newsletter", "email"],
      ["klaviyo", "sms"],
    ],
  },
];
export const WINDOW_SPRING = 1 << CODE_SPRING;
export const WINDOW_SUMMER = 1 << CODE_SUMMER;
export const WINDOW_BFCM = 1 << CODE_BFCM;

/** Everyday traffic sources with UTM tags: [source, medium, campaign, term or null]. */
const EVERYDAY_VISITS: readonly (readonly [string, string, string, string | null])[] = [
  ["google", "cpc", "brand-search", "trailhead supply"],
  ["google", "cpc", "shopping-ads", null],
  ["google", "cpc", "generic-search", "merino hiking socks"],
  ["google", "cpc", "generic-search", "camp coffee"],
  ["facebook", "paid_social", "retargeting", null],
  ["instagram", "social", "new-arrivals", null],
  ["newsletter", "email", "newsletter", null],
  ["newsletter", "email", "newsletter", null],
  ["pinterest", "social", "trail-inspiration", null],
  ["tiktok", "paid_social", "creator-collab", null],
];
const UTM_CONTENTS = ["hero-banner", "product-grid", "story", "carousel", null, null, null];

/** [start, end] of each campaign's window in a year, as local day numbers. */
export function campaignWindows(year: number): { mask: number; from: number; to: number }[] {
  const day = (month: number, date: number) => Date.UTC(year, month - 1, date) / DAY_MS;
  const novFirst = day(11, 1);
  const novFirstWeekday = (novFirst + 4) % 7; // 1970-01-01 was a Thursday
  const thanksgiving = novFirst + ((4 - novFirstWeekday + 7) % 7) + 21;
  const blackFriday = thanksgiving + 1;
  return [
    { mask: WINDOW_SPRING, from: day(3, 20), to: day(4, 5) },
    { mask: WINDOW_SUMMER, from: day(6, 20), to: day(7, 31) },
    { mask: WINDOW_BFCM, from: blackFriday - 3, to: blackFriday + 3 },
  ];
}

export function campaignVisit(rng: Rng, campaign: Campaign): FixtureCustomerVisit {
  const [source, medium] = rng.pick(campaign.channels);
  return {
    source,
    utmParameters: {
      source,
      medium,
      campaign: rng.chance(0.06) ? campaign.utmCampaign.toUpperCase() : campaign.utmCampaign,
      content: rng.pick(UTM_CONTENTS),
      term: medium === "cpc" ? rng.pick(["trailhead supply", "outdoor gear sale", "camp coffee"]) : null,
    },
  };
}

export function everydayVisit(rng: Rng, month: number): FixtureCustomerVisit {
  const [source, medium, campaign, term] = month >= 10 && rng.chance(0.25) ? (["pinterest", "social", "gift-guide", null] as const) : rng.pick(EVERYDAY_VISITS);
  return { source, utmParameters: { source, medium, campaign, content: rng.pick(UTM_CONTENTS), term } };
}
