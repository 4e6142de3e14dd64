/**
 * Money as exact integers: a bigint count of 1/10,000 of the shop currency. Four decimals cover
 * every ISO 4217 currency a shop can use, so any Shopify amount is stored exactly, sums are exact
 * in JavaScript and in SQL, and nothing goes through a binary float.
 */
export type Money = bigint;

export const MONEY_DECIMALS = 4;
export const MONEY_SCALE = 10_000n;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string ("12.5", "-0.01", "1000") exactly. More than four decimals is an error. */
export function parseMoney(amount: string): Money {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new Error(`Not a decimal amount: "${amount}"`);
  const [, sign, whole = "0", fraction = ""] = match;
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > MONEY_DECIMALS) {
    throw new Error(`Amount "${amount}" has more than ${MONEY_DECIMALS} decimals`);
  }
  // One conversion from the digits (hot in bulk imports): "12.5" → 125000n.
  const value = BigInt(whole + fraction.slice(0, MONEY_DECIMALS).padEnd(MONEY_DECIMALS, "0"));
  return sign ? -value : value;
}

/**
 * The largest amount anyone may type (a spend, a budget, a money target): a billion in the shop's
 * currency. The column holds 64-bit integers (about 9.2·10^14 currency units); staying a million
 * times below leaves room for sums over thousands of rows and days, and keeps every amount exact
 * to the cent when shown (a double holds 15 significant digits).
 */
export const MAX_TYPED_AMOUNT: Money = 1_000_000_000n * MONEY_SCALE;

/** Exact decimal string with the given number of decimals, rounding half away from zero. */
export function formatMoney(value: Money, decimals = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const drop = 10n ** BigInt(MONEY_DECIMALS - decimals);
  const rounded = (abs + drop / 2n) / drop;
  const unit = 10n ** BigInt(decimals);
  const whole = rounded / unit;
  const fraction = decimals > 0 ? "." + (rounded % unit).toString().padStart(decimals, "0") : "";
  return `${negative && rounded !== 0n ? "-" : ""}${whole}${fraction}`;
}

/** A number rounded to 2 decimals, for JSON output only (never for arithmetic). */
export function moneyToNumber(value: Money, decimals = 2): number {
  return Number(formatMoney(value, decimals));
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** The decimals a currency is paid in (JPY 0, EUR 2, KWD 3), from Intl; 2 for a code it doesn't know. */
export function currencyDecimals(currencyCode: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * `total` split over `parts` days in the currency's smallest unit, so that the days add up to the
 * total rounded to that unit: day k gets round(total·(k+1)/parts) − round(total·k/parts), half up.
 */
export function splitEvenly(total: Money, parts: number, decimals: number): Money[] {
  const unit = 10n ** BigInt(MONEY_DECIMALS - Math.min(decimals, MONEY_DECIMALS));
  const n = BigInt(parts);
  const cumulative = (k: bigint) => ((total * k * 2n + n * unit) / (2n * n * unit)) * unit;
  return Array.from({ length: parts }, (_, k) => cumulative(BigInt(k + 1)) - cumulative(BigInt(k)));
}
