/**
 * A deterministic, realistic devstore generator: a year of orders of a small outdoor / coffee /
 * apparel shop, in the fixture format of `shared/fixtures/README.md` (JSONL, one Admin-GraphQL
 * shaped object a line).
 *
 * - Deterministic: the same options (and seed) give byte-identical output; nothing depends on the
 *   current date or on `Math.random`.
 * - Streaming: `generateStore` yields one object at a time. Only compact per-order plans (a few
 *   bytes each, in typed arrays) and the customers are held in memory, never the orders.
 * - Money is computed in integer minor units of each currency (safe integers, exact), and formatted
 *   with the currency's decimals.
 *
 * Order of output: one `Shop`, then `Product`s, `Customer`s and `Order`s (orders in `processedAt`
 * order, with increasing ids and names).
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { currencyDecimals } from "~/lib/money";
import { timeZone, type TimeZone as Zone } from "~/lib/time-zone";

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface GenerateOptions {
  /** Number of orders (a non-negative integer). */
  orders: number;
  /** PRNG seed (a safe integer). Default 1. */
  seed?: number;
  /** Default "demo-store.myshopify.com". */
  shopDomain?: string;
  /** Default derived from the domain ("demo-store" → "Demo Store"). */
  shopName?: string;
  /** ISO 4217 shop currency. Default "USD". */
  currencyCode?: string;
  /** IANA time zone of the shop. Default "America/New_York". */
  ianaTimezone?: string;
  /** Orders are dated in [end − days, end). Default 2026-11-01T00:00:00Z (never "now"). */
  end?: Date;
  /** Span of order dates in days (a positive integer). Default 365. */
  days?: number;
  /** Number of products. Default 40. */
  products?: number;
  /**
   * "typical" (default): about 6% of orders refunded, sometimes twice. "heavy": the cases that make
   * refund details hard to read, for exactness tests: most orders refunded, up to four times, in
   * part; refunds without lines (shipping, goodwill); orders edited after placing (a line added,
   * units taken off and refunded); a few orders of up to 300 lines returned whole.
   */
  returns?: "typical" | "heavy";
}

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}

export interface MoneyBag {
  shopMoney: MoneyV2;
  presentmentMoney: MoneyV2;
}

export interface FixtureRef {
  id: string;
}

/** The shop's line of a generated store file (fixture.ts reads it back, checked, as `FixtureShop`). */
export interface FixtureShopLine {
  __typename: "Shop";
  myshopifyDomain: string;
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  email: string;
}

export interface FixtureInventoryItem {
  id: string;
  unitCost: MoneyV2 | null;
}

export interface FixtureVariant {
  id: string;
  title: string;
  sku: string;
  price: string;
  inventoryItem: FixtureInventoryItem;
}

export type FixtureProductStatus = "ACTIVE" | "ARCHIVED" | "DRAFT";

export interface FixtureProduct {
  __typename: "Product";
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: FixtureProductStatus;
  createdAt: string;
  updatedAt: string;
  variants: FixtureVariant[];
}

export interface FixtureCustomer {
  __typename: "Customer";
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface FixtureLineItem {
  id: string;
  quantity: number;
  sku: string | null;
  title: string;
  variant: FixtureRef | null;
  product: FixtureRef | null;
  originalUnitPriceSet: MoneyBag;
  totalDiscountSet: MoneyBag;
}

export interface FixtureRefundLineItem {
  lineItem: FixtureRef;
  quantity: number;
  subtotalSet: MoneyBag;
}

export interface FixtureRefund {
  id: string;
  createdAt: string;
  totalRefundedSet: MoneyBag;
  refundLineItems: FixtureRefundLineItem[];
}

export interface FixtureUtmParameters {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  content: string | null;
  term: string | null;
}

export interface FixtureCustomerVisit {
  source: string;
  utmParameters: FixtureUtmParameters;
}

export interface FixtureCustomerJourneySummary {
  firstVisit: FixtureCustomerVisit | null;
  lastVisit: FixtureCustomerVisit | null;
}

export type FixtureSourceName = "web" | "pos" | "shopify_draft_order";

export interface FixtureOrder {
  __typename: "Order";
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  test: boolean;
  currencyCode: string;
  presentmentCurrencyCode: string;
  sourceName: FixtureSourceName;
  customer: FixtureRef | null;
  discountCodes: string[];
  subtotalPriceSet: MoneyBag;
  totalDiscountsSet: MoneyBag;
  totalShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag;
  totalPriceSet: MoneyBag;
  totalRefundedSet: MoneyBag;
  lineItems: FixtureLineItem[];
  refunds: FixtureRefund[];
  customerJourneySummary: FixtureCustomerJourneySummary | null;
}

export type FixtureObject = FixtureShopLine | FixtureProduct | FixtureCustomer | FixtureOrder;

export interface StoreFixtureSummary {
  orders: number;
  products: number;
  customers: number;
  bytes: number;
}

export const DEFAULT_SHOP_DOMAIN = "demo-store.myshopify.com";
export const DEFAULT_END = "2026-11-01T00:00:00Z";

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DAY_S = 86_400;

// Numeric id bases: realistic-looking Shopify ids, all far below 2^53.
const PRODUCT_ID_BASE = 8_412_000_000;
const VARIANT_ID_BASE = 45_180_000_000;
const INVENTORY_ITEM_ID_BASE = 47_230_000_000;
const CUSTOMER_ID_BASE = 7_301_000_000;
const ORDER_ID_BASE = 5_930_000_000_000;
const LINE_ITEM_ID_BASE = 14_820_000_000_000;
const REFUND_ID_BASE = 912_000_000;
/** Lines added by an order edit get ids from the time of the edit: later than any order's own. */
export const EDITED_LINE_ITEM_ID_BASE = 19_000_000_000_000;
const FIRST_ORDER_NUMBER = 1001;

/** Units of the currency per US dollar, in millionths (their decimals are the app's, `currencyDecimals` in lib/money.ts). */
const CURRENCIES: Readonly<Record<string, { perUsdMicro: number }>> = {
  USD: { perUsdMicro: 1_000_000 },
  EUR: { perUsdMicro: 920_000 },
  GBP: { perUsdMicro: 790_000 },
  CAD: { perUsdMicro: 1_370_000 },
  AUD: { perUsdMicro: 1_520_000 },
  NZD: { perUsdMicro: 1_660_000 },
  CHF: { perUsdMicro: 880_000 },
  SEK: { perUsdMicro: 10_600_000 },
  NOK: { perUsdMicro: 10_800_000 },
  DKK: { perUsdMicro: 6_880_000 },
  PLN: { perUsdMicro: 3_980_000 },
  CZK: { perUsdMicro: 23_100_000 },
  MXN: { perUsdMicro: 17_100_000 },
  BRL: { perUsdMicro: 5_050_000 },
  INR: { perUsdMicro: 83_300_000 },
  SGD: { perUsdMicro: 1_350_000 },
  HKD: { perUsdMicro: 7_820_000 },
  JPY: { perUsdMicro: 151_000_000 },
  KRW: { perUsdMicro: 1_380_000_000 },
  KWD: { perUsdMicro: 307_000 },
  BHD: { perUsdMicro: 376_000 },
  JOD: { perUsdMicro: 709_000 },
  OMR: { perUsdMicro: 385_000 },
  TND: { perUsdMicro: 3_120_000 },
};

/** Presentment currencies international buyers pay in, with their relative frequency. */
const PRESENTMENT_CHOICES: readonly (readonly [string, number])[] = [
  ["CAD", 30],
  ["EUR", 25],
  ["GBP", 20],
  ["AUD", 12],
  ["USD", 25],
  ["JPY", 5],
];

/** Sales tax / VAT rates by shop currency, in thousandths of a percent (8875 = 8.875%). */
const TAX_RATES: Readonly<Record<string, readonly number[]>> = {
  USD: [0, 4000, 6000, 6250, 6250, 7000, 7250, 8250, 8875, 6000, 0],
  EUR: [19000, 20000, 21000, 19000],
  GBP: [20000],
  CAD: [5000, 13000, 15000, 12000],
  AUD: [10000],
  NZD: [15000],
  JPY: [10000],
  CHF: [8100],
};
const DEFAULT_TAX_RATES = [0, 5000, 10000];

type Season = "all" | "summer" | "winter" | "gift";
type QuantityProfile = "single" | "multi" | "consumable";

interface CatalogueEntry {
  title: string;
  type: string;
  vendor: string;
  /** USD cents. */
  price: number;
  /** Variant titles, optionally with their own USD price. Absent: one "Default Title" variant. */
  options?: readonly (string | readonly [string, number])[];
  season?: Season;
  qty?: QuantityProfile;
}

const SIZES = ["S", "M", "L", "XL"] as const;
const BEANS = [
  ["250 g Whole Bean", 0],
  ["250 g Ground", 0],
] as const;

const CATALOGUE: readonly CatalogueEntry[] = [
  { title: "Ridgeline 28L Daypack", type: "Packs", vendor: "Ridgeline Gear", price: 12900, options: ["Slate", "Moss", "Rust"] },
  { title: "Summit 45L Trekking Pack", type: "Packs", vendor: "Ridgeline Gear", price: 22900, options: ["Slate", "Moss"] },
  { title: "Featherlite Trail Poles", type: "Hiking", vendor: "Northfork", price: 8900 },
  { title: "Basecamp Enamel Mug", type: "Camp Kitchen", vendor: "Trailhead Supply Co.", price: 1800, options: ["Cream", "Forest", "Navy"], qty: "multi" },
  { title: "Titanium Spork", type: "Camp Kitchen", vendor: "Northfork", price: 1200, qty: "multi" },
  { title: "Firelight Camp Lantern", type: "Camp Lighting", vendor: "Northfork", price: 4999 },
  { title: "Headlamp 400", type: "Camp Lighting", vendor: "Northfork", price: 3999, options: ["Black", "Orange"] },
  {
    title: "Canyon Insulated Bottle 750 ml",
    type: "Hydration",
    vendor: "Trailhead Supply Co.",
    price: 3400,
    options: ["Sand", "Sage", "Charcoal", "Clay"],
    qty: "multi",
  },
  { title: "Trail Filter Straw", type: "Hydration", vendor: "Northfork", price: 2400, season: "summer" },
  { title: "Drift Packable Hammock", type: "Camp", vendor: "Ridgeline Gear", price: 6900, options: ["Olive", "Sky"], season: "summer" },
  {
    title: "Northfork Down Sleeping Bag",
    type: "Sleep",
    vendor: "Northfork",
    price: 24900,
    options: [
      ["Regular", 24900],
      ["Long", 24900],
    ],
  },
  {
    title: "Cloudrest Sleeping Pad",
    type: "Sleep",
    vendor: "Ridgeline Gear",
    price: 11900,
    options: [
      ["Regular", 11900],
      ["Wide", 13900],
    ],
  },
  { title: "Two-Person Ultralight Tent", type: "Shelter", vendor: "Ridgeline Gear", price: 24900, season: "summer" },
  { title: "Waxed Canvas Tarp", type: "Shelter", vendor: "Trailhead Supply Co.", price: 7999 },
  { title: "Campfire Cookset", type: "Camp Kitchen", vendor: "Northfork", price: 5999 },
  { title: "Compass & Map Case Kit", type: "Navigation", vendor: "Northfork", price: 2999 },
  { title: "First Aid Trail Kit", type: "Safety", vendor: "Trailhead Supply Co.", price: 3400 },
  { title: "Merino Hiking Socks", type: "Socks", vendor: "Trailhead Supply Co.", price: 1999, options: SIZES, qty: "consumable" },
  { title: "Trail Runner Sun Hoodie", type: "Apparel", vendor: "Trailhead Supply Co.", price: 6400, options: SIZES, season: "summer" },
  { title: "Storm Shell Rain Jacket", type: "Apparel", vendor: "Ridgeline Gear", price: 17900, options: SIZES },
  { title: "Alpine Down Vest", type: "Apparel", vendor: "Ridgeline Gear", price: 14900, options: SIZES, season: "winter" },
  { title: "Glacier Insulated Parka", type: "Apparel", vendor: "Ridgeline Gear", price: 24900, options: SIZES, season: "winter" },
  { title: "Ridgeline Flannel Shirt", type: "Apparel", vendor: "Ridgeline Gear", price: 6800, options: SIZES, season: "winter" },
  { title: "Organic Cotton Logo Tee", type: "Apparel", vendor: "Trailhead Supply Co.", price: 2999, options: SIZES, qty: "multi" },
  { title: "Classic Trucker Cap", type: "Accessories", vendor: "Trailhead Supply Co.", price: 2700, options: ["Forest", "Sand"] },
  { title: "Merino Beanie", type: "Accessories", vendor: "Trailhead Supply Co.", price: 3200, options: ["Charcoal", "Rust", "Navy"], season: "winter" },
  { title: "Convertible Hiking Pants", type: "Apparel", vendor: "Ridgeline Gear", price: 8900, options: SIZES, season: "summer" },
  { title: "Fleece Quarter-Zip", type: "Apparel", vendor: "Trailhead Supply Co.", price: 8400, options: SIZES },
  { title: "Wool Camp Blanket", type: "Home", vendor: "Trailhead Supply Co.", price: 13900, options: ["Plaid", "Heather Grey"], season: "gift" },
  {
    title: "Morning Summit Blend",
    type: "Coffee",
    vendor: "Trailhead Roasters",
    price: 1699,
    options: [...BEANS, ["1 kg Whole Bean", 5400]],
    qty: "consumable",
  },
  {
    title: "Campfire Dark Roast",
    type: "Coffee",
    vendor: "Trailhead Roasters",
    price: 1799,
    options: [...BEANS, ["1 kg Whole Bean", 5800]],
    qty: "consumable",
  },
  { title: "Ethiopia Yirgacheffe Single Origin", type: "Coffee", vendor: "Trailhead Roasters", price: 2100, options: BEANS, qty: "consumable" },
  { title: "Colombia Huila Single Origin", type: "Coffee", vendor: "Trailhead Roasters", price: 1950, options: BEANS, qty: "consumable" },
  { title: "Night Trail Decaf", type: "Coffee", vendor: "Trailhead Roasters", price: 1600, options: BEANS, qty: "consumable" },
  { title: "Cold Brew Packs (6)", type: "Coffee", vendor: "Trailhead Roasters", price: 1499, season: "summer", qty: "consumable" },
  { title: "Pour-Over Trail Kit", type: "Coffee Gear", vendor: "Trailhead Roasters", price: 4999, season: "gift" },
  { title: "Collapsible Silicone Dripper", type: "Coffee Gear", vendor: "Trailhead Roasters", price: 2200, options: ["Stone", "Moss"] },
  { title: "Hand Burr Grinder", type: "Coffee Gear", vendor: "Trailhead Roasters", price: 9900, season: "gift" },
  { title: "Vacuum Coffee Canister", type: "Coffee Gear", vendor: "Trailhead Roasters", price: 2999 },
  { title: "Trail Snack Sampler", type: "Food", vendor: "Trailhead Supply Co.", price: 2400, qty: "multi" },
  {
    title: "Sierra Nevada Trail Map Print",
    type: "Home",
    vendor: "Trailhead Supply Co.",
    price: 4500,
    options: [
      ["12 × 16 in", 4500],
      ["18 × 24 in", 6500],
    ],
    season: "gift",
  },
  {
    title: "Insect Shield Bandana",
    type: "Accessories",
    vendor: "Trailhead Supply Co.",
    price: 1400,
    options: ["Orange", "Olive", "Blue"],
    season: "summer",
    qty: "multi",
  },
  { title: "Solar Power Bank 10,000 mAh", type: "Electronics", vendor: "Northfork", price: 5999 },
  { title: "Trekking Sunglasses", type: "Accessories", vendor: "Ridgeline Gear", price: 7900, options: ["Black", "Tortoise"], season: "summer" },
  { title: "Wildflower Seed Bombs", type: "Gifts", vendor: "Trailhead Supply Co.", price: 999, season: "gift", qty: "multi" },
  { title: "Leave No Trace Sticker Pack", type: "Gifts", vendor: "Trailhead Supply Co.", price: 999, qty: "multi" },
  { title: "Gift Box: Camp Coffee Set", type: "Gifts", vendor: "Trailhead Roasters", price: 7400, season: "gift" },
];

/** Labels that make extra products beyond the curated catalogue. */
const EDITIONS = ["Trail Edition", "Heritage", "Limited Run", "Kids", "Pro", "Collab Series", "Recycled", "Travel Size"];

const TYPE_CODES: Readonly<Record<string, string>> = {
  Packs: "PK",
  Hiking: "HK",
  "Camp Kitchen": "CK",
  "Camp Lighting": "LT",
  Hydration: "HY",
  Camp: "CP",
  Sleep: "SL",
  Shelter: "SH",
  Navigation: "NV",
  Safety: "SF",
  Socks: "SK",
  Apparel: "AP",
  Accessories: "AC",
  Home: "HM",
  Coffee: "CF",
  "Coffee Gear": "CG",
  Food: "FD",
  Electronics: "EL",
  Gifts: "GF",
};

const CUSTOM_ITEMS: readonly (readonly [string, number])[] = [
  ["Gift wrapping", 500],
  ["Custom engraving", 1500],
  ["Gear repair service", 3500],
  ["Trail skills workshop", 4500],
  ["Custom item", 2000],
];

/** Month multipliers (Jan..Dec) of product demand by season profile. */
const PRODUCT_SEASON: Readonly<Record<Season, readonly number[]>> = {
  all: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  summer: [0.45, 0.5, 0.7, 0.95, 1.3, 1.7, 1.8, 1.55, 1.0, 0.65, 0.5, 0.5],
  winter: [1.5, 1.25, 0.85, 0.55, 0.35, 0.25, 0.25, 0.35, 0.65, 1.1, 1.7, 1.9],
  gift: [0.7, 0.7, 0.8, 0.8, 0.85, 0.8, 0.8, 0.8, 0.9, 1.1, 1.7, 2.3],
};

/** Store demand by month, anchored at mid-month (Jan..Dec): summer dip, November/December peak. */
const MONTH_DEMAND = [0.8, 0.78, 0.9, 0.97, 1.02, 0.9, 0.8, 0.85, 0.96, 1.05, 1.32, 1.5];
/** Demand by local weekday (Sun..Sat): Sunday and Monday evenings shop most, Saturday least. */
const WEEKDAY_DEMAND = [1.1, 1.06, 1.02, 1.0, 0.97, 0.9, 0.84];

/** Order times by local hour, per channel and weekday/weekend. */
const HOURS_WEB_WEEKDAY = [0.9, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.6, 2.4, 3.0, 3.3, 3.6, 4.0, 3.8, 3.5, 3.4, 3.5, 3.9, 4.6, 5.4, 5.9, 5.6, 4.3, 2.4];
const HOURS_WEB_WEEKEND = [1.2, 0.7, 0.4, 0.25, 0.2, 0.25, 0.5, 0.9, 1.7, 2.8, 3.6, 4.1, 4.3, 4.2, 4.0, 3.8, 3.8, 4.1, 4.6, 5.2, 5.6, 5.3, 4.2, 2.6];
const HOURS_POS_WEEKDAY = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2.0, 2.6, 3.4, 3.2, 2.6, 2.6, 3.0, 3.6, 3.4, 0, 0, 0, 0, 0];
const HOURS_POS_SATURDAY = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3.0, 4.0, 4.6, 4.6, 4.2, 4.0, 3.6, 3.0, 0, 0, 0, 0, 0, 0];
const HOURS_POS_SUNDAY = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3.0, 4.2, 4.4, 4.0, 3.4, 2.6, 0, 0, 0, 0, 0, 0, 0];
const HOURS_DRAFT = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5, 2.5, 3.0, 2.0, 2.5, 3.0, 2.8, 2.2, 1.0, 0, 0, 0, 0, 0, 0];

const SOURCE_WEB = 0;
const SOURCE_POS = 1;
const SOURCE_DRAFT = 2;
const SOURCE_NAMES: readonly FixtureSourceName[] = ["web", "pos", "shopify_draft_order"];

// Discount campaigns.
const CODE_WELCOME = 0;
const CODE_SPRING = 1;
const CODE_SUMMER = 2;
const CODE_BFCM = 3;
const CODE_VIP = 4;
interface Campaign {
  code: string;
  percent: number;
  utmCampaign: string;
  /** [source, medium] pairs the campaign runs on. */
  channels: readonly (readonly [string, string])[];
}
const CAMPAIGNS: readonly Campaign[] = [
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
const WINDOW_SPRING = 1 << CODE_SPRING;
const WINDOW_SUMMER = 1 << CODE_SUMMER;
const WINDOW_BFCM = 1 << CODE_BFCM;

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

// ---------------------------------------------------------------------------------------------
// PRNG and small helpers
// ---------------------------------------------------------------------------------------------

function fmix32(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit state for one independent stream of a seed. */
function streamSeed(seed: number, stream: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4_294_967_296) >>> 0;
  return fmix32(fmix32(lo ^ Math.imul(stream + 1, 0x9e3779b9)) ^ fmix32(hi + 0x7f4a7c15));
}

/** mulberry32: tiny, fast, good enough for synthetic data. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Index drawn from cumulative weights (ascending, last = total). */
  cumulative(cum: ArrayLike<number>, length: number = cum.length): number {
    const target = this.next() * (cum[length - 1] as number);
    let lo = 0;
    let hi = length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function cumulate(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i] as number;
    cum[i] = total;
  }
  return cum;
}

/** round(a / b), half up, for non-negative safe integers a and positive b. */
function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

const POW10 = [1, 10, 100, 1000, 10000];
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + String(i));

/** An integer number of minor units as a decimal string with `decimals` decimals. */
function formatMinor(minor: number, decimals: number): string {
  if (decimals === 0) return String(minor);
  const negative = minor < 0;
  const abs = negative ? -minor : minor;
  const unit = POW10[decimals] as number;
  const whole = Math.floor(abs / unit);
  let fraction = String(abs - whole * unit);
  while (fraction.length < decimals) fraction = "0" + fraction;
  return (negative ? "-" : "") + String(whole) + "." + fraction;
}

/** Converts an amount in minor units between currencies at the fixed table rates, exactly rounded. */
function convertMinor(minor: number, from: string, to: string): number {
  if (from === to) return minor;
  const a = CURRENCIES[from];
  const b = CURRENCIES[to];
  if (!a || !b) throw new Error(`No exchange rate for ${from} → ${to}`);
  const num = BigInt(minor) * BigInt(b.perUsdMicro) * 10n ** BigInt(currencyDecimals(to));
  const den = BigInt(a.perUsdMicro) * 10n ** BigInt(currencyDecimals(from));
  return Number((2n * num + den) / (2n * den));
}

/** UTC timestamps (whole seconds) as "YYYY-MM-DDTHH:MM:SSZ", with the date part cached. */
class TimestampFormatter {
  private day = Number.NaN;
  private prefix = "";
  format(seconds: number): string {
    const day = Math.floor(seconds / DAY_S);
    if (day !== this.day) {
      this.day = day;
      this.prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = seconds - day * DAY_S;
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    return this.prefix + TWO_DIGITS[h] + ":" + TWO_DIGITS[m] + ":" + TWO_DIGITS[rest - m * 60] + "Z";
  }
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function titleFromDomain(domain: string): string {
  const sub = domain.split(".")[0] ?? domain;
  return (
    sub
      .split(/[-_]+/)
      .filter(Boolean)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(" ") || "Demo Store"
  );
}

function skuSuffix(option: string): string {
  const words = option
    .split(/\s+/)
    .map((word) => word.replace(/[^A-Za-z0-9]/g, ""))
    .filter(Boolean);
  if (words.length === 1) return (words[0] as string).slice(0, 3).toUpperCase();
  return words
    .map((word) => (/^\d+$/.test(word) ? word : word.charAt(0)))
    .join("")
    .toUpperCase();
}

/** [start, end] of each campaign's window in a year, as local day numbers. */
function campaignWindows(year: number): { mask: number; from: number; to: number }[] {
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

/** Extra demand on campaign and holiday days, beyond the smooth month curve. */
function eventDemand(localDay: number): number {
  const date = new Date(localDay * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const dom = date.getUTCDate();
  const windows = campaignWindows(year);
  const bfcm = windows[2];
  if (bfcm) {
    const blackFriday = bfcm.from + 3;
    const offset = localDay - blackFriday;
    const boost: Record<number, number> = {
      [-8]: 1.15,
      [-7]: 1.15,
      [-6]: 1.2,
      [-5]: 1.2,
      [-4]: 1.25,
      [-3]: 1.35,
      [-2]: 1.4,
      [-1]: 1.3,
      0: 3.2,
      1: 2.2,
      2: 2.0,
      3: 2.8,
      4: 1.4,
    };
    const factor = boost[offset];
    if (factor !== undefined) return factor;
  }
  if (month === 12) {
    if (dom >= 21 && dom <= 23) return 0.8;
    if (dom === 24) return 0.5;
    if (dom === 25) return 0.35;
    if (dom >= 26) return 0.75;
    if (dom <= 17) return 1.1;
  }
  const summer = windows[1];
  if (summer && localDay >= summer.from && localDay < summer.from + 3) return 1.6;
  const spring = windows[0];
  if (spring && localDay >= spring.from && localDay < spring.from + 2) return 1.3;
  return 1;
}

/** Smooth demand by day of year, interpolated between mid-month anchors. */
function seasonalDemand(localDay: number): number {
  const date = new Date(localDay * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const mid = Date.UTC(year, month, 15) / DAY_MS;
  const otherMonth = localDay >= mid ? month + 1 : month - 1;
  const otherMid = Date.UTC(year, otherMonth, 15) / DAY_MS;
  const t = (localDay - mid) / (otherMid - mid);
  const a = MONTH_DEMAND[month] as number;
  const b = MONTH_DEMAND[(otherMonth + 12) % 12] as number;
  return a + (b - a) * t;
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

interface Settings {
  orders: number;
  seed: number;
  shopDomain: string;
  shopName: string;
  currency: string;
  decimals: number;
  timeZone: string;
  /** Orders are in [startSec, endSec) (whole seconds). */
  startSec: number;
  endSec: number;
  products: number;
  heavyReturns: boolean;
}

function resolveOptions(options: GenerateOptions): Settings {
  const { orders } = options;
  if (!Number.isSafeInteger(orders) || orders < 0) throw new RangeError(`generateStore: orders must be a non-negative integer, got ${orders}`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`generateStore: seed must be a safe integer, got ${seed}`);
  const days = options.days ?? 365;
  if (!Number.isSafeInteger(days) || days < 1 || days > 20_000) throw new RangeError(`generateStore: days must be an integer in 1..20000, got ${days}`);
  const products = options.products ?? 40;
  if (!Number.isSafeInteger(products) || products < 1 || products > 10_000)
    throw new RangeError(`generateStore: products must be an integer in 1..10000, got ${products}`);
  const currency = options.currencyCode ?? "USD";
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`generateStore: currencyCode must be an ISO 4217 code, got "${currency}"`);
  const end = options.end ?? new Date(DEFAULT_END);
  const endMs = end.getTime();
  if (!Number.isFinite(endMs)) throw new RangeError("generateStore: end is not a valid date");
  const shopDomain = options.shopDomain ?? DEFAULT_SHOP_DOMAIN;
  const returns = options.returns ?? "typical";
  if (returns !== "typical" && returns !== "heavy") throw new RangeError(`generateStore: returns must be "typical" or "heavy", got "${String(returns)}"`);
  return {
    orders,
    seed,
    shopDomain,
    shopName: options.shopName ?? titleFromDomain(shopDomain),
    currency,
    decimals: currencyDecimals(currency),
    timeZone: options.ianaTimezone ?? "America/New_York",
    startSec: Math.ceil((endMs - days * DAY_MS) / 1000),
    endSec: Math.ceil(endMs / 1000),
    products,
    heavyReturns: returns === "heavy",
  };
}

// ---------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------

interface VariantPlan {
  gid: string;
  productGid: string;
  productIndex: number;
  sku: string;
  /** Line item title (the product's title). */
  title: string;
  priceMinor: number;
  /** Relative demand among the product's variants. */
  share: number;
  qty: QuantityProfile;
}

interface ProductPlan {
  fixture: FixtureProduct;
  popularity: number;
  season: Season;
  /** Sold from this local day (inclusive) until `untilDay` (exclusive). */
  fromDay: number;
  untilDay: number;
  launchDay: number;
  variants: VariantPlan[];
}

/** A USD price point as a shop-currency price: the same figure in currencies near the dollar, else converted and rounded to a tidy figure. */
function localPrice(usdCents: number, currency: string): number {
  const info = CURRENCIES[currency];
  const decimals = currencyDecimals(currency);
  const rate = info ? info.perUsdMicro / 1_000_000 : 1;
  if (rate >= 0.5 && rate <= 2) return Math.round((usdCents * POW10[decimals]!) / 100);
  const major = (usdCents / 100) * rate;
  const step = Math.pow(10, Math.max(Math.floor(Math.log10(major)) - 1, -decimals));
  const tidy = Math.ceil(major / step) * step;
  const minor = Math.round(tidy * POW10[decimals]!);
  return decimals === 2 && step >= 1 ? minor - 1 : minor;
}

function buildCatalogue(settings: Settings, zone: Zone, rng: Rng, format: TimestampFormatter): ProductPlan[] {
  const { currency, decimals, startSec, endSec } = settings;
  const span = endSec - startSec;

  // Choose entries: the curated catalogue in a seeded order, then editions of it.
  const order = CATALOGUE.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const entries: CatalogueEntry[] = [];
  for (let k = 0; k < settings.products; k++) {
    const base = CATALOGUE[order[k % order.length] as number] as CatalogueEntry;
    const round = Math.floor(k / order.length);
    if (round === 0) entries.push(base);
    else {
      const edition = EDITIONS[(round - 1) % EDITIONS.length] as string;
      const series = Math.floor((round - 1) / EDITIONS.length);
      entries.push({ ...base, title: `${base.title} (${edition}${series > 0 ? ` ${series + 1}` : ""})` });
    }
  }

  // Dates and status: most products predate the range, some launch during it, one is a draft and
  // one was discontinued (archived) part-way.
  const draftIndex = entries.length >= 12 ? rng.int(entries.length) : -1;
  let archivedIndex = entries.length >= 15 ? rng.int(entries.length) : -1;
  if (archivedIndex === draftIndex) archivedIndex = -1;
  const plans = entries.map((entry, k) => {
    let status: FixtureProductStatus = "ACTIVE";
    let createdSec: number;
    let updatedSec: number;
    let untilSec = endSec;
    if (k === draftIndex) {
      status = "DRAFT";
      createdSec = endSec - rng.between(3 * DAY_S, 20 * DAY_S);
      updatedSec = Math.min(createdSec + rng.between(600, 2 * DAY_S), endSec - 1);
      untilSec = createdSec; // never sold
    } else if (k !== archivedIndex && rng.chance(0.12) && span > 40 * DAY_S) {
      createdSec = startSec + Math.floor(span * (0.1 + 0.75 * rng.next()));
      updatedSec = Math.min(createdSec + rng.between(3600, 30 * DAY_S), endSec - 1);
    } else {
      createdSec = startSec - rng.between(60 * DAY_S, 1000 * DAY_S);
      updatedSec = Math.max(createdSec, endSec - 1 - rng.between(DAY_S, 300 * DAY_S));
      if (k === archivedIndex) {
        status = "ARCHIVED";
        untilSec = startSec + Math.floor(span * (0.3 + 0.3 * rng.next()));
        updatedSec = untilSec;
      }
    }
    createdSec -= createdSec % 60;
    return { entry, status, createdSec, updatedSec, untilSec };
  });
  plans.sort((a, b) => a.createdSec - b.createdSec);

  let variantCounter = 0;
  const popularityRank = plans.map((_, i) => i);
  for (let i = popularityRank.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [popularityRank[i], popularityRank[j]] = [popularityRank[j] as number, popularityRank[i] as number];
  }
  const handles = new Set<string>();
  return plans.map((plan, index): ProductPlan => {
    const { entry } = plan;
    const productGid = `gid://shopify/Product/${PRODUCT_ID_BASE + 1 + index * 3 + rng.int(3)}`;
    let handle = slugify(entry.title);
    for (let n = 2; handles.has(handle); n++) handle = `${slugify(entry.title)}-${n}`;
    handles.add(handle);
    const code = `${TYPE_CODES[entry.type] ?? "TS"}-${String(index + 101)}`;
    const options: readonly (readonly [string, number])[] = entry.options
      ? entry.options.map((option) => (typeof option === "string" ? ([option, 0] as const) : option))
      : [["Default Title", 0]];
    const skus = new Set<string>();
    const variants: FixtureVariant[] = [];
    const variantPlans: VariantPlan[] = [];
    options.forEach(([optionTitle, usdOverride], v) => {
      variantCounter += 1;
      let sku = options.length === 1 ? code : `${code}-${skuSuffix(optionTitle)}`;
      if (skus.has(sku)) sku = `${sku}${v + 1}`;
      skus.add(sku);
      const priceMinor = localPrice(usdOverride || entry.price, currency);
      const costPercent = 25 + rng.int(36); // 25–60 % of the price
      const unitCost: MoneyV2 | null = rng.chance(0.05)
        ? null
        : { amount: formatMinor(roundDiv(priceMinor * costPercent, 100), decimals), currencyCode: currency };
      const gid = `gid://shopify/ProductVariant/${VARIANT_ID_BASE + variantCounter * 7}`;
      variants.push({
        id: gid,
        title: optionTitle,
        sku,
        price: formatMinor(priceMinor, decimals),
        inventoryItem: { id: `gid://shopify/InventoryItem/${INVENTORY_ITEM_ID_BASE + variantCounter * 7}`, unitCost },
      });
      const sizeShare = [0.2, 0.32, 0.3, 0.18];
      const share = entry.options === SIZES ? (sizeShare[v] as number) : v === 0 ? 1.6 : 1 / (v + 0.5);
      variantPlans.push({ gid, productGid, productIndex: index, sku, title: entry.title, priceMinor, share, qty: entry.qty ?? "single" });
    });
    const rank = popularityRank[index] as number;
    const cheapBoost = entry.price < 4000 ? 1.4 : entry.price > 15000 ? 0.7 : 1;
    return {
      fixture: {
        __typename: "Product",
        id: productGid,
        title: entry.title,
        handle,
        vendor: entry.vendor,
        productType: entry.type,
        status: plan.status,
        createdAt: format.format(plan.createdSec),
        updatedAt: format.format(plan.updatedSec),
        variants,
      },
      popularity: cheapBoost / Math.pow(rank + 1, 0.7),
      season: entry.season ?? "all",
      fromDay: zone.localDay(plan.createdSec * 1000),
      untilDay: plan.status === "ARCHIVED" || plan.status === "DRAFT" ? zone.localDay(plan.untilSec * 1000) : Number.POSITIVE_INFINITY,
      launchDay: plan.createdSec >= startSec ? zone.localDay(plan.createdSec * 1000) : Number.NEGATIVE_INFINITY,
      variants: variantPlans,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Order plan: when each order happens, on which channel, by which customer
// ---------------------------------------------------------------------------------------------

interface OrderPlan {
  firstDay: number;
  /** Orders per local day, from `firstDay`. */
  dayCounts: Int32Array;
  /** Campaign windows active on each local day (bit mask). */
  dayCampaigns: Uint8Array;
  /** processedAt of each order, seconds after `startSec`, ascending. */
  orderTime: Uint32Array;
  orderSource: Uint8Array;
  /** Customer index of each order, or -1 for a guest. */
  orderCustomer: Int32Array;
  customerCount: number;
  /** Customer id (numeric) by customer index. */
  customerId: Float64Array;
  /** Customer indices in id order, with their timestamps. */
  customersInIdOrder: Uint32Array;
  customerCreated: Float64Array;
  customerUpdated: Float64Array;
}

/** Sums to find and add customer weights in O(log n) (a Fenwick tree). */
class WeightTree {
  private readonly tree: Float64Array;
  total = 0;
  constructor(size: number) {
    this.tree = new Float64Array(size + 1);
  }
  add(index: number, weight: number): void {
    this.total += weight;
    for (let i = index + 1; i < this.tree.length; i += i & -i) this.tree[i] = (this.tree[i] as number) + weight;
  }
  /** The index where the running sum first exceeds `target`. */
  find(target: number): number {
    let pos = 0;
    let rest = target;
    let step = 1;
    while (step * 2 < this.tree.length) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next < this.tree.length && (this.tree[next] as number) <= rest) {
        pos = next;
        rest -= this.tree[next] as number;
      }
    }
    return pos; // 0-based index = pos (1-based pos + 1 − 1)
  }
}

function hourCurve(source: number, weekday: number): readonly number[] {
  if (source === SOURCE_POS) return weekday === 0 ? HOURS_POS_SUNDAY : weekday === 6 ? HOURS_POS_SATURDAY : HOURS_POS_WEEKDAY;
  if (source === SOURCE_DRAFT) return weekday === 0 || weekday === 6 ? HOURS_WEB_WEEKEND : HOURS_DRAFT;
  return weekday === 0 || weekday === 6 ? HOURS_WEB_WEEKEND : HOURS_WEB_WEEKDAY;
}
const HOUR_CUMULATIVE = new Map<readonly number[], Float64Array>(
  [HOURS_WEB_WEEKDAY, HOURS_WEB_WEEKEND, HOURS_POS_WEEKDAY, HOURS_POS_SATURDAY, HOURS_POS_SUNDAY, HOURS_DRAFT].map((curve) => [curve, cumulate(curve)]),
);

function planOrders(settings: Settings, zone: Zone, rng: Rng): OrderPlan {
  const { orders, startSec, endSec } = settings;
  const startMs = startSec * 1000;
  const endMs = endSec * 1000;
  const firstDay = zone.localDay(startMs);
  const lastDay = zone.localDay(endMs - 1000);
  const dayCount = lastDay - firstDay + 1;

  // Daily demand: season × weekday × growth × events × noise, times the share of the day's
  // traffic that falls inside the range (the first and last local days are partial).
  const weights = new Float64Array(dayCount);
  const dayCampaigns = new Uint8Array(dayCount);
  const webDay = HOURS_WEB_WEEKDAY.reduce((a, b) => a + b, 0);
  const windowsByYear = new Map<number, ReturnType<typeof campaignWindows>>();
  for (let d = 0; d < dayCount; d++) {
    const day = firstDay + d;
    const weekday = (((day + 4) % 7) + 7) % 7;
    const year = new Date(day * DAY_MS).getUTCFullYear();
    let windows = windowsByYear.get(year);
    if (!windows) windowsByYear.set(year, (windows = campaignWindows(year)));
    for (const window of windows) if (day >= window.from && day <= window.to) dayCampaigns[d] = (dayCampaigns[d] as number) | window.mask;

    const dayStart = zone.toUtc(day * DAY_MS);
    const dayEnd = zone.toUtc((day + 1) * DAY_MS);
    let share = 1;
    if (dayStart < startMs || dayEnd > endMs) {
      let mass = 0;
      for (let h = 0; h < 24; h++) {
        const hourStart = zone.toUtc(day * DAY_MS + h * HOUR_MS);
        const inside = Math.min(hourStart + HOUR_MS, endMs) - Math.max(hourStart, startMs);
        if (inside > 0) mass += ((HOURS_WEB_WEEKDAY[h] as number) * inside) / HOUR_MS;
      }
      share = mass / webDay;
    }
    const progress = (d + 0.5) / dayCount;
    const growth = 0.88 + 0.24 * progress;
    const noise = Math.exp(0.1 * rng.normal() - 0.005);
    weights[d] = share * seasonalDemand(day) * (WEEKDAY_DEMAND[weekday] as number) * growth * eventDemand(day) * noise;
  }

  // Exact integer counts per day by cumulative rounding.
  const dayCounts = new Int32Array(dayCount);
  let cumulative = 0;
  let total = 0;
  for (let d = 0; d < dayCount; d++) total += weights[d] as number;
  let allocated = 0;
  for (let d = 0; d < dayCount; d++) {
    cumulative += weights[d] as number;
    const upTo = d === dayCount - 1 ? orders : Math.min(orders, Math.round((orders * cumulative) / total));
    dayCounts[d] = upTo - allocated;
    allocated = upTo;
  }

  // Times of day and channels, sorted within each day.
  const orderTime = new Uint32Array(orders);
  const orderSource = new Uint8Array(orders);
  let j = 0;
  let scratch = new Float64Array(64);
  for (let d = 0; d < dayCount; d++) {
    const count = dayCounts[d] as number;
    if (count === 0) continue;
    const day = firstDay + d;
    const weekday = (((day + 4) % 7) + 7) % 7;
    const from = Math.max(zone.toUtc(day * DAY_MS), startMs);
    const to = Math.min(zone.toUtc((day + 1) * DAY_MS), endMs);
    if (scratch.length < count) scratch = new Float64Array(count * 2);
    for (let k = 0; k < count; k++) {
      const r = rng.next();
      let source = r < 0.84 ? SOURCE_WEB : r < 0.95 ? SOURCE_POS : SOURCE_DRAFT;
      const curve = HOUR_CUMULATIVE.get(hourCurve(source, weekday)) as Float64Array;
      let at = -1;
      for (let attempt = 0; attempt < 64 && at < 0; attempt++) {
        const candidate = zone.toUtc(day * DAY_MS + rng.cumulative(curve) * HOUR_MS + rng.int(3600) * 1000);
        if (candidate >= from && candidate < to) at = candidate;
      }
      if (at < 0) {
        // A partial day without shop hours left: an online order at any time in what remains.
        source = SOURCE_WEB;
        at = from + rng.int(Math.max(1, (to - from) / 1000)) * 1000;
      }
      scratch[k] = ((at - startMs) / 1000) * 4 + source;
    }
    const sorted = scratch.subarray(0, count).sort();
    for (let k = 0; k < count; k++, j++) {
      const code = sorted[k] as number;
      orderTime[j] = Math.floor(code / 4);
      orderSource[j] = code % 4;
    }
  }

  // Customers: ~8% guest orders; otherwise a new customer about half the time, else a returning
  // one, drawn by a heavy-tailed loyalty weight (a few loyal buyers order many times).
  const orderCustomer = new Int32Array(orders);
  const firstOrder = new Uint32Array(orders);
  const lastOrder = new Uint32Array(orders);
  const tree = new WeightTree(orders);
  let customers = 0;
  for (let k = 0; k < orders; k++) {
    const source = orderSource[k] as number;
    const guestChance = source === SOURCE_WEB ? 0.055 : source === SOURCE_POS ? 0.3 : 0;
    if (rng.chance(guestChance)) {
      orderCustomer[k] = -1;
      continue;
    }
    const time = orderTime[k] as number;
    if (customers === 0 || rng.chance(0.5)) {
      const u = rng.next();
      const weight = u < 0.5 ? 0.12 : u < 0.84 ? 1 : u < 0.97 ? 3.5 : 14;
      tree.add(customers, weight);
      firstOrder[customers] = time;
      lastOrder[customers] = time;
      orderCustomer[k] = customers++;
    } else {
      const c = Math.min(tree.find(rng.next() * tree.total), customers - 1);
      lastOrder[c] = time;
      orderCustomer[k] = c;
    }
  }

  // Customer accounts: most are created at their first checkout, some signed up earlier, some
  // predate the range; a few signed up and never ordered.
  const withoutOrders = Math.round(customers * 0.04);
  const customerCount = customers + withoutOrders;
  const customerCreated = new Float64Array(customerCount);
  const customerUpdated = new Float64Array(customerCount);
  const span = endSec - startSec;
  for (let c = 0; c < customerCount; c++) {
    let created: number;
    let updated: number;
    if (c < customers) {
      const first = startSec + (firstOrder[c] as number);
      const u = rng.next();
      created = u < 0.72 ? first - rng.between(1, 30) : u < 0.87 ? first - rng.between(3600, 60 * DAY_S) : startSec - rng.between(30 * DAY_S, 900 * DAY_S);
      updated = Math.min(Math.max(created, startSec + (lastOrder[c] as number) + rng.between(0, 60)), endSec - 1);
    } else {
      created = startSec - 120 * DAY_S + rng.int(span + 120 * DAY_S);
      updated = Math.min(created + rng.between(0, 3 * DAY_S), endSec - 1);
      created = Math.min(created, updated);
    }
    customerCreated[c] = created;
    customerUpdated[c] = updated;
  }
  const customersInIdOrder = new Uint32Array(customerCount);
  for (let c = 0; c < customerCount; c++) customersInIdOrder[c] = c;
  customersInIdOrder.sort((a, b) => (customerCreated[a] as number) - (customerCreated[b] as number) || a - b);
  const customerId = new Float64Array(customerCount);
  for (let rank = 0; rank < customerCount; rank++) customerId[customersInIdOrder[rank] as number] = CUSTOMER_ID_BASE + 1 + rank;

  return {
    firstDay,
    dayCounts,
    dayCampaigns,
    orderTime,
    orderSource,
    orderCustomer,
    customerCount,
    customerId,
    customersInIdOrder,
    customerCreated,
    customerUpdated,
  };
}

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

interface Line {
  variant: VariantPlan | null;
  title: string;
  sku: string | null;
  quantity: number;
  price: number; // shop minor units
  pricePresentment: number;
  discount: number;
  discountPresentment: number;
  id: string;
}

/** Splits `total` over `weights` exactly (largest remainder, ties to the earlier line). */
function allocate(total: number, weights: readonly number[], out: number[]): void {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] as number;
  out.length = n;
  if (sum === 0) {
    for (let i = 0; i < n; i++) out[i] = 0;
    return;
  }
  let given = 0;
  const remainders: number[] = [];
  for (let i = 0; i < n; i++) {
    const product = total * (weights[i] as number);
    const share = Math.floor(product / sum);
    out[i] = share;
    given += share;
    remainders.push(product - share * sum);
  }
  for (let left = total - given; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < n; i++) if ((remainders[i] as number) > (remainders[best] as number)) best = i;
    out[best] = (out[best] as number) + 1;
    remainders[best] = -1;
  }
}

function* generateOrders(
  settings: Settings,
  zone: Zone,
  plan: OrderPlan,
  products: ProductPlan[],
  rng: Rng,
  format: TimestampFormatter,
): Generator<FixtureOrder> {
  const { currency: shopCurrency, decimals: shopDecimals, startSec, endSec } = settings;
  const variants = products.flatMap((product) => product.variants);
  const cum = new Float64Array(Math.max(variants.length, 1));
  const taxRates = TAX_RATES[shopCurrency] ?? DEFAULT_TAX_RATES;
  const presentmentChoices = CURRENCIES[shopCurrency] ? PRESENTMENT_CHOICES.filter(([code]) => code !== shopCurrency) : [];
  const presentmentCum = cumulate(presentmentChoices.map(([, weight]) => weight));
  const freeShippingFrom = localPrice(7500, shopCurrency);
  const flatShipping = localPrice(695, shopCurrency);
  const expressShipping = localPrice(1495, shopCurrency);
  const ordersSoFar = new Uint32Array(plan.customerCount);
  const customerRefs = new Map<number, string>();

  let orderIndex = 0;
  let lineCounter = 0;
  let refundCounter = 0;
  let editedLineCounter = 0;
  const lines: Line[] = [];
  const weightScratch: number[] = [];
  const allocScratch: number[] = [];

  for (let d = 0; d < plan.dayCounts.length; d++) {
    const count = plan.dayCounts[d] as number;
    if (count === 0) continue;
    const day = plan.firstDay + d;
    const month = new Date(day * DAY_MS).getUTCMonth();
    const campaignsToday = plan.dayCampaigns[d] as number;

    // Demand of each variant today.
    let total = 0;
    for (let v = 0; v < variants.length; v++) {
      const variant = variants[v] as VariantPlan;
      const product = products[variant.productIndex] as ProductPlan;
      let weight = 0;
      if (day >= product.fromDay && day < product.untilDay) {
        weight = product.popularity * variant.share * (PRODUCT_SEASON[product.season][month] as number);
        if (day - product.launchDay < 21) weight *= 1.8;
      }
      total += weight;
      cum[v] = total;
    }
    const canPick = total > 0;

    for (let k = 0; k < count; k++, orderIndex++) {
      const processedSec = startSec + (plan.orderTime[orderIndex] as number);
      const source = plan.orderSource[orderIndex] as number;
      const customer = plan.orderCustomer[orderIndex] as number;
      const priorOrders = customer >= 0 ? (ordersSoFar[customer] as number) : 0;
      if (customer >= 0) ordersSoFar[customer] = priorOrders + 1;

      // Presentment currency: international web buyers pay in their own currency.
      let presentment = shopCurrency;
      if (source === SOURCE_WEB && presentmentChoices.length > 0 && rng.chance(0.055)) {
        presentment = (presentmentChoices[rng.cumulative(presentmentCum)] as readonly [string, number])[0];
      }
      const foreign = presentment !== shopCurrency;
      const presentmentDecimals = currencyDecimals(presentment);

      // Lines: 1–6, mean ≈ 2.2; quantities mostly 1.
      const u = rng.next();
      const lineCount = u < 0.4 ? 1 : u < 0.68 ? 2 : u < 0.84 ? 3 : u < 0.93 ? 4 : u < 0.975 ? 5 : 6;
      lines.length = 0;
      for (let n = 0; n < lineCount; n++) {
        if (!canPick || rng.chance(source === SOURCE_POS ? 0.06 : 0.014)) {
          const [title, usd] = rng.pick(CUSTOM_ITEMS);
          const price = localPrice(usd, shopCurrency);
          lines.push({
            variant: null,
            title,
            sku: null,
            quantity: rng.chance(0.85) ? 1 : 2,
            price,
            pricePresentment: 0,
            discount: 0,
            discountPresentment: 0,
            id: "",
          });
          continue;
        }
        let variant = variants[rng.cumulative(cum)] as VariantPlan;
        for (let retry = 0; retry < 4 && lines.some((line) => line.variant === variant); retry++) variant = variants[rng.cumulative(cum)] as VariantPlan;
        if (lines.some((line) => line.variant === variant)) continue;
        const q = rng.next();
        const quantity =
          variant.qty === "consumable"
            ? q < 0.64
              ? 1
              : q < 0.9
                ? 2
                : 3
            : variant.qty === "multi"
              ? q < 0.78
                ? 1
                : q < 0.95
                  ? 2
                  : 3
              : q < 0.93
                ? 1
                : q < 0.99
                  ? 2
                  : 3;
        lines.push({
          variant,
          title: variant.title,
          sku: variant.sku,
          quantity,
          price: variant.priceMinor,
          pricePresentment: 0,
          discount: 0,
          discountPresentment: 0,
          id: "",
        });
      }
      // Heavy returns: now and then an order of hundreds of lines, and orders edited after placing.
      let edited = false;
      if (settings.heavyReturns) {
        if (rng.chance(0.02)) {
          for (let extra = rng.between(20, 300 - lines.length); extra > 0; extra--) {
            const [title, usd] = rng.pick(CUSTOM_ITEMS);
            lines.push({
              variant: null,
              title,
              sku: null,
              quantity: rng.between(1, 3),
              price: localPrice(usd, shopCurrency),
              pricePresentment: 0,
              discount: 0,
              discountPresentment: 0,
              id: "",
            });
          }
        }
        edited = rng.chance(0.1);
      }
      for (const line of lines) {
        line.id = `gid://shopify/LineItem/${LINE_ITEM_ID_BASE + ++lineCounter}`;
        line.pricePresentment = foreign ? convertMinor(line.price, shopCurrency, presentment) : line.price;
      }
      if (edited) {
        // A line added by an order edit: its id is given at the edit, later than the order's own.
        const picked = canPick ? (variants[rng.cumulative(cum)] as VariantPlan) : null;
        const variant = picked && !lines.some((line) => line.variant === picked) ? picked : null;
        const [title, usd] = rng.pick(CUSTOM_ITEMS);
        const price = variant ? variant.priceMinor : localPrice(usd, shopCurrency);
        lines.push({
          variant,
          title: variant ? variant.title : title,
          sku: variant ? variant.sku : null,
          quantity: 1,
          price,
          pricePresentment: foreign ? convertMinor(price, shopCurrency, presentment) : price,
          discount: 0,
          discountPresentment: 0,
          id: `gid://shopify/LineItem/${EDITED_LINE_ITEM_ID_BASE + ++editedLineCounter}`,
        });
      }

      // Discount code.
      let campaign = -1;
      const codeFactor = source === SOURCE_WEB ? 1 : source === SOURCE_POS ? 0.4 : 0.2;
      if (campaignsToday & WINDOW_BFCM && rng.chance(0.6 * codeFactor)) campaign = CODE_BFCM;
      else if (campaignsToday & WINDOW_SUMMER && rng.chance(0.3 * codeFactor)) campaign = CODE_SUMMER;
      else if (campaignsToday & WINDOW_SPRING && rng.chance(0.25 * codeFactor)) campaign = CODE_SPRING;
      else if (customer >= 0 && priorOrders === 0 && rng.chance(0.2 * codeFactor)) campaign = CODE_WELCOME;
      else if (customer >= 0 && priorOrders >= 3 && rng.chance(0.3 * codeFactor)) campaign = CODE_VIP;
      const discountCodes: string[] = [];
      const percent = campaign >= 0 ? (CAMPAIGNS[campaign] as Campaign).percent : 0;
      if (campaign >= 0) {
        const code = (CAMPAIGNS[campaign] as Campaign).code;
        discountCodes.push(rng.chance(0.25) ? code.toLowerCase() : code);
      }

      // Money, in the shop currency and (the same way) in the presentment currency.
      let grossShop = 0;
      let grossPresentment = 0;
      weightScratch.length = 0;
      for (const line of lines) {
        grossShop += line.quantity * line.price;
        grossPresentment += line.quantity * line.pricePresentment;
      }
      const discountShop = percent ? roundDiv(grossShop * percent, 100) : 0;
      const discountPresentment = foreign ? (percent ? roundDiv(grossPresentment * percent, 100) : 0) : discountShop;
      if (discountShop > 0) {
        for (const line of lines) weightScratch.push(line.quantity * line.price);
        allocate(discountShop, weightScratch, allocScratch);
        lines.forEach((line, i) => (line.discount = allocScratch[i] as number));
        if (foreign) {
          weightScratch.length = 0;
          for (const line of lines) weightScratch.push(line.quantity * line.pricePresentment);
          allocate(discountPresentment, weightScratch, allocScratch);
          lines.forEach((line, i) => (line.discountPresentment = allocScratch[i] as number));
        } else for (const line of lines) line.discountPresentment = line.discount;
      }
      const subtotalShop = grossShop - discountShop;
      const subtotalPresentment = grossPresentment - discountPresentment;
      let shippingShop = 0;
      if (source === SOURCE_WEB || (source === SOURCE_DRAFT && rng.chance(0.5))) {
        if (subtotalShop < freeShippingFrom) shippingShop = rng.chance(0.12) ? expressShipping : flatShipping;
        else if (rng.chance(0.05)) shippingShop = expressShipping;
      }
      const shippingPresentment = foreign ? convertMinor(shippingShop, shopCurrency, presentment) : shippingShop;
      const taxRate = rng.pick(taxRates);
      const taxShop = roundDiv(subtotalShop * taxRate, 100_000);
      const taxPresentment = foreign ? roundDiv(subtotalPresentment * taxRate, 100_000) : taxShop;

      const bag = (shopMinor: number, presentmentMinor: number): MoneyBag => {
        const amount = formatMinor(shopMinor, shopDecimals);
        return {
          shopMoney: { amount, currencyCode: shopCurrency },
          presentmentMoney: { amount: foreign ? formatMinor(presentmentMinor, presentmentDecimals) : amount, currencyCode: presentment },
        };
      };

      // Dates.
      let createdSec = processedSec;
      const dateKind = rng.next();
      if (dateKind < 0.03)
        createdSec = processedSec + rng.between(30, 3 * 3600); // imported order
      else if (dateKind < 0.4) createdSec = processedSec + rng.between(1, 4);
      createdSec = Math.max(processedSec, Math.min(createdSec, endSec - 1));
      let updatedSec = createdSec;
      if (source !== SOURCE_POS && rng.chance(0.75)) {
        const fulfilled = createdSec + rng.between(3600, 3 * DAY_S);
        if (fulfilled < endSec) updatedSec = fulfilled;
      }
      const isTest = rng.chance(0.005);

      // Cancellations (~2%, half refunded in full) and refunds (~6%, often partial).
      let cancelledSec = -1;
      const refunds: FixtureRefund[] = [];
      let refundedShop = 0;
      let refundedPresentment = 0;
      const refundedUnits: number[] = lines.map(() => 0);
      const addRefund = (atSec: number, quantities: readonly number[]) => {
        const refundLineItems: FixtureRefundLineItem[] = [];
        let totalShop = 0;
        let totalPresentment = 0;
        lines.forEach((line, i) => {
          const quantity = quantities[i] as number;
          if (quantity <= 0) return;
          const before = refundedUnits[i] as number;
          const after = before + quantity;
          refundedUnits[i] = after;
          // The line discount is returned pro rata per unit, exactly: the cumulative share of
          // `after` units minus that of `before` units (all of it once every unit is back).
          const shareShop = Math.floor((line.discount * after) / line.quantity) - Math.floor((line.discount * before) / line.quantity);
          const sharePresentment =
            Math.floor((line.discountPresentment * after) / line.quantity) - Math.floor((line.discountPresentment * before) / line.quantity);
          const subtotalShopLine = quantity * line.price - shareShop;
          const subtotalPresentmentLine = quantity * line.pricePresentment - sharePresentment;
          totalShop += subtotalShopLine;
          totalPresentment += subtotalPresentmentLine;
          refundLineItems.push({ lineItem: { id: line.id }, quantity, subtotalSet: bag(subtotalShopLine, subtotalPresentmentLine) });
        });
        if (refundLineItems.length === 0) return;
        refundedShop += totalShop;
        refundedPresentment += totalPresentment;
        refunds.push({
          id: `gid://shopify/Refund/${REFUND_ID_BASE + ++refundCounter}`,
          createdAt: format.format(atSec),
          totalRefundedSet: bag(totalShop, totalPresentment),
          refundLineItems,
        });
        updatedSec = Math.max(updatedSec, atSec);
      };
      /**
       * A refund of money only, without lines: the shipping (once), or a goodwill share of what is
       * left, after which nothing more is refunded (so refunds never pass what was paid). Says
       * whether more refunds may follow.
       */
      let shippingRefunded = false;
      const addAmountRefund = (atSec: number): boolean => {
        const shipping = shippingShop > 0 && !shippingRefunded && rng.chance(0.5);
        const left = subtotalShop + shippingShop + taxShop - refundedShop;
        const amountShop = shipping ? shippingShop : Math.min(left, roundDiv(subtotalShop * rng.between(2, 15), 100));
        if (amountShop <= 0) return false;
        shippingRefunded ||= shipping;
        const leftPresentment = subtotalPresentment + shippingPresentment + taxPresentment - refundedPresentment;
        const amountPresentment = shipping
          ? shippingPresentment
          : foreign
            ? Math.min(leftPresentment, convertMinor(amountShop, shopCurrency, presentment))
            : amountShop;
        refundedShop += amountShop;
        refundedPresentment += amountPresentment;
        refunds.push({
          id: `gid://shopify/Refund/${REFUND_ID_BASE + ++refundCounter}`,
          createdAt: format.format(atSec),
          totalRefundedSet: bag(amountShop, amountPresentment),
          refundLineItems: [],
        });
        updatedSec = Math.max(updatedSec, atSec);
        return shipping;
      };
      if (edited) {
        // The edit, soon after the order (before any cancellation); now and then it takes a unit off
        // a line, and that unit is refunded.
        const editSec = Math.min(createdSec + rng.between(60, 3000), endSec - 1);
        updatedSec = Math.max(updatedSec, editSec);
        if (rng.chance(0.3)) {
          const quantities = lines.map(() => 0);
          quantities[rng.between(0, lines.length - 1)] = 1;
          addRefund(editSec, quantities);
        }
      }
      const fate = rng.next();
      if (fate < 0.02) {
        const at = createdSec + rng.between(3600, 4 * DAY_S);
        if (at < endSec) {
          cancelledSec = at;
          updatedSec = Math.max(updatedSec, at);
          if (rng.chance(0.5)) {
            const refundAt = at + rng.between(0, 120);
            if (refundAt < endSec)
              addRefund(
                refundAt,
                lines.map((line) => line.quantity),
              );
          }
        }
      } else if (!settings.heavyReturns && fate < 0.08) {
        const at = createdSec + rng.between(2 * DAY_S, 40 * DAY_S);
        if (at < endSec) {
          addRefund(at, pickReturn(rng, lines, refundedUnits));
          if (rng.chance(0.15)) {
            const second = at + rng.between(3 * DAY_S, 20 * DAY_S);
            if (second < endSec) addRefund(second, pickReturn(rng, lines, refundedUnits));
          }
        }
      } else if (settings.heavyReturns && fate < 0.6) {
        // Up to four refunds, each of some lines and units, or of money only (no lines).
        let at = createdSec + rng.between(2 * DAY_S, 40 * DAY_S);
        for (let n = 0; n < 4 && at < endSec; n++) {
          if (rng.chance(0.2)) {
            if (!addAmountRefund(at)) break;
          }
          // An order of hundreds of lines (wholesale) comes back whole at first.
          else if (n === 0 && lines.length > 100)
            addRefund(
              at,
              lines.map((line) => line.quantity),
            );
          else addRefund(at, pickReturn(rng, lines, refundedUnits));
          if (!rng.chance(0.5)) break;
          at += rng.between(DAY_S, 10 * DAY_S);
        }
      }

      // Marketing journey.
      let journey: FixtureCustomerJourneySummary | null;
      if (source !== SOURCE_WEB) journey = null;
      else {
        let lastVisit: FixtureCustomerVisit | null = null;
        if (campaign >= 0 && rng.chance(0.55)) lastVisit = campaignVisit(rng, CAMPAIGNS[campaign] as Campaign);
        else if (campaign < 0 && campaignsToday && rng.chance(0.2)) {
          const active = campaignsToday & WINDOW_BFCM ? CODE_BFCM : campaignsToday & WINDOW_SUMMER ? CODE_SUMMER : CODE_SPRING;
          lastVisit = campaignVisit(rng, CAMPAIGNS[active] as Campaign);
        } else if (rng.chance(0.27)) lastVisit = everydayVisit(rng, month);
        const firstVisit = lastVisit && rng.chance(0.35) ? everydayVisit(rng, month) : null;
        journey = lastVisit || rng.chance(0.85) ? { firstVisit, lastVisit } : null;
      }

      let customerRef: FixtureRef | null = null;
      if (customer >= 0) {
        let gid = customerRefs.get(customer);
        if (gid === undefined) {
          gid = `gid://shopify/Customer/${plan.customerId[customer] as number}`;
          if (customerRefs.size < 50_000) customerRefs.set(customer, gid);
        }
        customerRef = { id: gid };
      }

      yield {
        __typename: "Order",
        id: `gid://shopify/Order/${ORDER_ID_BASE + 1 + orderIndex}`,
        name: `#${FIRST_ORDER_NUMBER + orderIndex}`,
        createdAt: format.format(createdSec),
        updatedAt: format.format(updatedSec),
        processedAt: format.format(processedSec),
        cancelledAt: cancelledSec >= 0 ? format.format(cancelledSec) : null,
        test: isTest,
        currencyCode: shopCurrency,
        presentmentCurrencyCode: presentment,
        sourceName: SOURCE_NAMES[source] as FixtureSourceName,
        customer: customerRef,
        discountCodes,
        subtotalPriceSet: bag(subtotalShop, subtotalPresentment),
        totalDiscountsSet: bag(discountShop, discountPresentment),
        totalShippingPriceSet: bag(shippingShop, shippingPresentment),
        totalTaxSet: bag(taxShop, taxPresentment),
        totalPriceSet: bag(subtotalShop + shippingShop + taxShop, subtotalPresentment + shippingPresentment + taxPresentment),
        totalRefundedSet: bag(refundedShop, refundedPresentment),
        lineItems: lines.map((line): FixtureLineItem => ({
          id: line.id,
          quantity: line.quantity,
          sku: line.sku,
          title: line.title,
          variant: line.variant ? { id: line.variant.gid } : null,
          product: line.variant ? { id: line.variant.productGid } : null,
          originalUnitPriceSet: bag(line.price, line.pricePresentment),
          totalDiscountSet: bag(line.discount, line.discountPresentment),
        })),
        refunds,
        customerJourneySummary: journey,
      };
    }
  }
}

/** Quantities returned in one refund: everything left, or some lines and units of them. */
function pickReturn(rng: Rng, lines: readonly Line[], refunded: readonly number[]): number[] {
  const left = lines.map((line, i) => line.quantity - (refunded[i] as number));
  if (rng.chance(0.35)) return left;
  const out: number[] = left.map((available): number => (available > 0 && rng.chance(0.5) ? rng.between(1, available) : 0));
  if (!out.some((q) => q > 0)) {
    const candidates = left.map((available, i) => (available > 0 ? i : -1)).filter((i) => i >= 0);
    if (candidates.length > 0) {
      const i = rng.pick(candidates);
      out[i] = rng.between(1, left[i] as number);
    }
  }
  return out;
}

function campaignVisit(rng: Rng, campaign: Campaign): FixtureCustomerVisit {
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

function everydayVisit(rng: Rng, month: number): FixtureCustomerVisit {
  const [source, medium, campaign, term] = month >= 10 && rng.chance(0.25) ? (["pinterest", "social", "gift-guide", null] as const) : rng.pick(EVERYDAY_VISITS);
  return { source, utmParameters: { source, medium, campaign, content: rng.pick(UTM_CONTENTS), term } };
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/**
 * Yields a whole store in the fixture format: one `Shop`, the `Product`s, the `Customer`s, then
 * the `Order`s one at a time (in `processedAt` order). Deterministic for given options.
 */
function zoneOf(name: string): Zone {
  try {
    return timeZone(name);
  } catch {
    throw new RangeError(`generateStore: unknown IANA time zone "${name}"`);
  }
}

export function* generateStore(options: GenerateOptions): Generator<FixtureObject, void, undefined> {
  const settings = resolveOptions(options);
  const zone = zoneOf(settings.timeZone);
  const format = new TimestampFormatter();

  yield {
    __typename: "Shop",
    myshopifyDomain: settings.shopDomain,
    name: settings.shopName,
    currencyCode: settings.currency,
    ianaTimezone: settings.timeZone,
    email: "owner@example.com",
  };

  const products = buildCatalogue(settings, zone, new Rng(streamSeed(settings.seed, 1)), format);
  for (const product of products) yield product.fixture;

  const plan = planOrders(settings, zone, new Rng(streamSeed(settings.seed, 2)));
  for (let rank = 0; rank < plan.customerCount; rank++) {
    const c = plan.customersInIdOrder[rank] as number;
    yield {
      __typename: "Customer",
      id: `gid://shopify/Customer/${plan.customerId[c] as number}`,
      createdAt: format.format(plan.customerCreated[c] as number),
      updatedAt: format.format(plan.customerUpdated[c] as number),
    };
  }

  yield* generateOrders(settings, zone, plan, products, new Rng(streamSeed(settings.seed, 3)), format);
}

/**
 * Writes `generateStore(options)` as JSONL to `path` (with backpressure), atomically: the file
 * appears complete under its name or not at all.
 */
export async function writeStoreFixture(path: string, options: GenerateOptions): Promise<StoreFixtureSummary> {
  const temporary = `${path}.${process.pid}.partial`;
  const stream = createWriteStream(temporary);
  let failure: unknown;
  stream.on("error", (error) => {
    failure ??= error;
  });
  const summary: StoreFixtureSummary = { orders: 0, products: 0, customers: 0, bytes: 0 };
  try {
    let chunk = "";
    for (const object of generateStore(options)) {
      if (object.__typename === "Order") summary.orders++;
      else if (object.__typename === "Product") summary.products++;
      else if (object.__typename === "Customer") summary.customers++;
      chunk += JSON.stringify(object) + "\n";
      if (chunk.length >= 1 << 16) {
        summary.bytes += Buffer.byteLength(chunk);
        const flowing = stream.write(chunk);
        chunk = "";
        if (failure) throw failure;
        if (!flowing) await once(stream, "drain");
      }
    }
    if (chunk) {
      summary.bytes += Buffer.byteLength(chunk);
      stream.write(chunk);
    }
    stream.end();
    await finished(stream);
    if (failure) throw failure;
    await rename(temporary, path);
    return summary;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
