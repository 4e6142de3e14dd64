/** Where orders are shipped: a country for each order that ships, from the shop's home market, the buyer's currency and a few abroad. */
import { type FixtureShippingAddress } from "./fixture-objects";
import { SOURCE_DRAFT, SOURCE_POS } from "./order-plan";
import { cumulate, type Rng } from "./random";

/** The countries a currency's buyers live in, with their weights. */
const HOME: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  USD: [["US", 1]],
  EUR: [
    ["DE", 40],
    ["FR", 20],
    ["NL", 12],
    ["IT", 10],
    ["ES", 10],
    ["AT", 8],
  ],
  GBP: [["GB", 1]],
  CAD: [["CA", 1]],
  AUD: [["AU", 1]],
  NZD: [["NZ", 1]],
  CHF: [["CH", 1]],
  SEK: [["SE", 1]],
  NOK: [["NO", 1]],
  DKK: [["DK", 1]],
  PLN: [["PL", 1]],
  CZK: [["CZ", 1]],
  MXN: [["MX", 1]],
  BRL: [["BR", 1]],
  INR: [["IN", 1]],
  SGD: [["SG", 1]],
  HKD: [["HK", 1]],
  JPY: [["JP", 1]],
  KRW: [["KR", 1]],
  KWD: [["KW", 1]],
  BHD: [["BH", 1]],
  JOD: [["JO", 1]],
  OMR: [["OM", 1]],
  TND: [["TN", 1]],
};
/** Where a shop's parcels go abroad when the buyer pays in the shop's own currency. */
const ABROAD = ["US", "CA", "GB", "DE", "FR", "AU", "JP", "NL", "CH", "SE"] as const;
const HOME_CUMULATIVE = new Map(Object.entries(HOME).map(([currency, weights]) => [currency, cumulate(weights.map(([, weight]) => weight))]));

function homeCountry(currency: string, rng: Rng): string {
  const weights = HOME[currency] ?? HOME.USD!;
  return (weights[rng.cumulative(HOME_CUMULATIVE.get(currency) ?? HOME_CUMULATIVE.get("USD")!)] as readonly [string, number])[0];
}

/**
 * The order's shipping address, or null when nothing is shipped: most in-store sales, digital goods
 * and pickups among web orders that charged no shipping, draft orders without delivery. A buyer
 * paying in another currency lives where that currency is; others mostly in the shop's home market.
 */
export function shippingAddress(
  rng: Rng,
  order: { source: number; shippingCharged: boolean; shopCurrency: string; presentment: string },
): FixtureShippingAddress | null {
  const ships = order.shippingCharged || (order.source === SOURCE_POS ? rng.chance(0.06) : order.source === SOURCE_DRAFT ? rng.chance(0.5) : !rng.chance(0.08));
  if (!ships) return null;
  if (order.presentment !== order.shopCurrency) return { countryCodeV2: homeCountry(order.presentment, rng) };
  if (rng.chance(0.07)) return { countryCodeV2: rng.pick(ABROAD) };
  return { countryCodeV2: homeCountry(order.shopCurrency, rng) };
}
