/** The generator's options, their defaults and their checks. */
import { currencyDecimals } from "@throughline/shopify-common/money";
import { timeZone, type TimeZone as Zone } from "@throughline/shopify-common/time-zone";
import { DAY_MS } from "./timestamps";

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
  /**
   * "seasonal" (default): demand follows the seasons, grows over the range and peaks on campaign and
   * holiday days, and every customer may come back at any time. "steady": a store whose behaviour
   * doesn't change (for tests of what "as usual" means): the same demand every week (weekday
   * pattern and daily noise kept), and customers who come back only in the STEADY_LOYAL_DAYS after
   * their first order, so the pool of returning customers stops growing once the store is that old.
   */
  demand?: "seasonal" | "steady";
  /**
   * "ads" (default): three ad platforms' campaign days and the marketing engagements channels report
   * to Shopify (generate/marketing.ts). "none": a store that advertises nowhere.
   */
  marketing?: "ads" | "none";
}

export const DEFAULT_SHOP_DOMAIN = "demo-store.myshopify.com";
export const DEFAULT_END = "2026-11-01T00:00:00Z";

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

export interface Settings {
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
  steady: boolean;
  ads: boolean;
}

export function resolveOptions(options: GenerateOptions): Settings {
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
  const demand = options.demand ?? "seasonal";
  if (demand !== "seasonal" && demand !== "steady") throw new RangeError(`generateStore: demand must be "seasonal" or "steady", got "${String(demand)}"`);
  const marketing = options.marketing ?? "ads";
  if (marketing !== "ads" && marketing !== "none") throw new RangeError(`generateStore: marketing must be "ads" or "none", got "${String(marketing)}"`);
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
    steady: demand === "steady",
    ads: marketing === "ads",
  };
}

/** The shop's time zone, refused by name when unknown. */
export function zoneOf(name: string): Zone {
  try {
    return timeZone(name);
  } catch {
    throw new RangeError(`generateStore: unknown IANA time zone "${name}"`);
  }
}
