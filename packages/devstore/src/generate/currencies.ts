/** Currencies the generator prices in: exchange rates, tax rates, and exact integer minor units. */
import { currencyDecimals } from "@throughline/shopify-common/money";

/** Units of the currency per US dollar, in millionths (their decimals are the app's, `currencyDecimals` in @throughline/shopify-common/money). */
export const CURRENCIES: Readonly<Record<string, { perUsdMicro: number }>> = {
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
export const PRESENTMENT_CHOICES: readonly (readonly [string, number])[] = [
  ["CAD", 30],
  ["EUR", 25],
  ["GBP", 20],
  ["AUD", 12],
  ["USD", 25],
  ["JPY", 5],
];

/** Sales tax / VAT rates by shop currency, in thousandths of a percent (8875 = 8.875%). */
export const TAX_RATES: Readonly<Record<string, readonly number[]>> = {
  USD: [0, 4000, 6000, 6250, 6250, 7000, 7250, 8250, 8875, 6000, 0],
  EUR: [19000, 20000, 21000, 19000],
  GBP: [20000],
  CAD: [5000, 13000, 15000, 12000],
  AUD: [10000],
  NZD: [15000],
  JPY: [10000],
  CHF: [8100],
};
export const DEFAULT_TAX_RATES = [0, 5000, 10000];

const POW10 = [1, 10, 100, 1000, 10000];
/** An integer number of minor units as a decimal string with `decimals` decimals. */
export function formatMinor(minor: number, decimals: number): string {
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
export function convertMinor(minor: number, from: string, to: string): number {
  if (from === to) return minor;
  const a = CURRENCIES[from];
  const b = CURRENCIES[to];
  if (!a || !b) throw new Error(`No exchange rate for ${from} → ${to}`);
  const num = BigInt(minor) * BigInt(b.perUsdMicro) * 10n ** BigInt(currencyDecimals(to));
  const den = BigInt(a.perUsdMicro) * 10n ** BigInt(currencyDecimals(from));
  return Number((2n * num + den) / (2n * den));
}

/** A USD price point as a shop-currency price: the same figure in currencies near the dollar, else converted and rounded to a tidy figure. */
export function localPrice(usdCents: number, currency: string): number {
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
