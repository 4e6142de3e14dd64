/**
 * What Shopify Payments charges, as the devstore plays it: a rate of the amount plus a flat fee in
 * the shop currency, rounded to the currency's minor unit. Shopify publishes rates by country and
 * plan; these are of that shape (2.9% + 0.30 online in the United States, less in person, a surcharge
 * for cards in another currency), not any shop's contract. Other gateways (PayPal, manual payments,
 * cash) report no fees to Shopify, which is what makes an owner's fee rule necessary.
 */
import { CURRENCIES, convertMinor } from "./generate/currencies";
import { roundDiv } from "./generate/random";

export const SHOPIFY_PAYMENTS = "shopify_payments";

/** A rate in millionths (29_000 = 2.9%) and a flat fee in the shop currency's minor units. */
export interface FeeSchedule {
  rateMicro: number;
  flatMinor: number;
}

export type PaymentChannel = "online" | "in_person";

const ONLINE: Readonly<Record<string, readonly [number, number]>> = {
  USD: [29_000, 30],
  CAD: [29_000, 30],
  EUR: [24_000, 25],
  GBP: [22_000, 20],
  AUD: [17_500, 30],
  JPY: [35_500, 0],
};
const IN_PERSON: Readonly<Record<string, readonly [number, number]>> = {
  USD: [27_000, 0],
  CAD: [26_000, 0],
  EUR: [17_000, 0],
  GBP: [17_000, 0],
  AUD: [17_500, 0],
  JPY: [33_500, 0],
};
/** Added to the rate when the buyer pays in another currency than the shop's (an international card). */
const INTERNATIONAL_MICRO = 10_000;

/** Tax charged on the fee itself where the law puts one on payment processing (India's GST, Mexico's IVA), in millionths. */
const FEE_TAX_MICRO: Readonly<Record<string, number>> = { INR: 180_000, MXN: 160_000 };

/** The schedule of a shop currency and channel; elsewhere 2.9% + the equivalent of 30 US cents online, 2.7% in person. */
export function shopifyPaymentsSchedule(currency: string, channel: PaymentChannel, international: boolean): FeeSchedule {
  const known = (channel === "online" ? ONLINE : IN_PERSON)[currency];
  const [rateMicro, flatMinor] = known ?? (channel === "online" ? [29_000, CURRENCIES[currency] ? convertMinor(30, "USD", currency) : 0] : [27_000, 0]);
  return { rateMicro: rateMicro + (international ? INTERNATIONAL_MICRO : 0), flatMinor };
}

/** The fee on a non-negative amount: amount × rate rounded half up (away from zero) to the minor unit, plus the flat fee. */
export function feeMinor(amountMinor: number, schedule: FeeSchedule): number {
  return roundDiv(amountMinor * schedule.rateMicro, 1_000_000) + schedule.flatMinor;
}

/** The tax on a fee, rounded like the fee (0 where none is charged). */
export function feeTaxMinor(fee: number, currency: string): number {
  const rate = FEE_TAX_MICRO[currency] ?? 0;
  return rate === 0 ? 0 : roundDiv(fee * rate, 1_000_000);
}

/** A rate in millionths as Shopify's Decimal string: 29_000 → "0.029". */
export function rateString(rateMicro: number): string {
  const fraction = String(rateMicro).padStart(6, "0").replace(/0+$/, "");
  return fraction ? `0.${fraction}` : "0";
}
