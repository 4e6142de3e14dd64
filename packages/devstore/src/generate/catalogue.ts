/** The shop's catalogue: an outdoor / coffee / apparel range, its variants, launches and seasons. */
import { type TimeZone as Zone } from "@throughline/shopify-common/time-zone";
import { formatMinor, localPrice } from "./currencies";
import { type MoneyV2, type FixtureVariant, type FixtureProductStatus, type FixtureProduct } from "./fixture-objects";
import { PRODUCT_ID_BASE, VARIANT_ID_BASE, INVENTORY_ITEM_ID_BASE } from "./ids";
import { Rng, roundDiv } from "./random";
import { type Settings } from "./settings";
import { DAY_S, TimestampFormatter } from "./timestamps";

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

export const CUSTOM_ITEMS: readonly (readonly [string, number])[] = [
  ["Gift wrapping", 500],
  ["Custom engraving", 1500],
  ["Gear repair service", 3500],
  ["Trail skills workshop", 4500],
  ["Custom item", 2000],
];

/** Month multipliers (Jan..Dec) of product demand by season profile. */
export const PRODUCT_SEASON: Readonly<Record<Season, readonly number[]>> = {
  all: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  summer: [0.45, 0.5, 0.7, 0.95, 1.3, 1.7, 1.8, 1.55, 1.0, 0.65, 0.5, 0.5],
  winter: [1.5, 1.25, 0.85, 0.55, 0.35, 0.25, 0.25, 0.35, 0.65, 1.1, 1.7, 1.9],
  gift: [0.7, 0.7, 0.8, 0.8, 0.85, 0.8, 0.8, 0.8, 0.9, 1.1, 1.7, 2.3],
};

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
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

export interface VariantPlan {
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

export interface ProductPlan {
  fixture: FixtureProduct;
  popularity: number;
  season: Season;
  /** Sold from this local day (inclusive) until `untilDay` (exclusive). */
  fromDay: number;
  untilDay: number;
  launchDay: number;
  variants: VariantPlan[];
}

export function buildCatalogue(settings: Settings, zone: Zone, rng: Rng, format: TimestampFormatter): ProductPlan[] {
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
