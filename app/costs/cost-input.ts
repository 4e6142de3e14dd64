/**
 * The owner's cost settings as a person or a script types them, checked field by field (pure):
 * rates become exact fractions ("3.49" percent → "0.0349"), money exact 1/10,000 units, countries
 * Shopify's codes, months and dates calendar ones. The Costs page, the command line and the
 * spreadsheet import share these bounds; errors are in the work's language.
 */
import { currentLocalizer } from "~/i18n/scope";
import { readAmount, type AmountField } from "~/lib/amount-input";
import { EARLIEST_DAY, LATEST_DAY, readDay } from "~/lib/calendar";
import type { Money } from "@throughline/shopify-common/money";
import { percentToFraction } from "~/strategy/target-input";
import { REST_OF_WORLD, SHOPIFY_COUNTRY_CODES } from "./countries";

/** How a rate is written: a fraction ("0.0349", the command line) or a percentage ("3.49", the page's forms). */
export type RateUnit = "fraction" | "percent";

export type CustomCostKind = "monthly" | "one_off" | "percent_of_net_sales";
export const CUSTOM_COST_KINDS: readonly CustomCostKind[] = ["monthly", "one_off", "percent_of_net_sales"];

/** The longest name of a gateway, a cost or an order (Shopify's order names are far shorter). */
export const MAX_NAME_LENGTH = 100;
/** A rate's fraction keeps at most this many decimals (a percentage four: 3.4925%). */
export const MAX_RATE_DECIMALS = 6;

export type Parsed<T, Field extends string> = { ok: true; value: T } | { ok: false; errors: Partial<Record<Field, string>> };

export interface GatewayFee {
  gateway: string;
  /** A fraction, 0 ≤ rate < 1. */
  rate: string;
  fixedFee: Money;
}

export interface ShippingRuleInput {
  /** A country code, or REST_OF_WORLD. */
  destination: string;
  perOrder: Money;
  perUnit: Money;
}

export type CustomCostInput =
  | { name: string; kind: "monthly"; amount: Money; fromMonth: string | null; toMonth: string | null }
  | { name: string; kind: "one_off"; amount: Money; date: string }
  | { name: string; kind: "percent_of_net_sales"; rate: string };

type Raw<Field extends string> = Partial<Record<Field, string | null>>;

/** The rate as an exact fraction from 0 to under 1, or why it isn't one. */
export function readRate(text: string | null | undefined, unit: RateUnit): { value: string } | { error: string } {
  const { t } = currentLocalizer();
  const trimmed = text?.trim() ?? "";
  const example = unit === "percent" ? t("costs.errors.ratePercentExample") : t("costs.errors.rateFractionExample");
  if (trimmed === "") return { error: t("costs.errors.rateMissing", { example }) };
  if (/^-\d/.test(trimmed)) return { error: t("costs.errors.rateNegative") };
  if (!/^\d{1,12}(\.\d{1,30})?$/.test(trimmed)) return { error: t("costs.errors.rateFormat", { example }) };
  const fraction = (unit === "percent" ? percentToFraction(trimmed) : trimmed)
    .replace(/^0+(?=\d)/, "")
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
  if (!/^0(\.\d+)?$/.test(fraction)) return { error: unit === "percent" ? t("costs.errors.rateUnder100") : t("costs.errors.rateUnder1") };
  if ((fraction.split(".")[1] ?? "").length > MAX_RATE_DECIMALS)
    return { error: t("costs.errors.rateDecimals", { decimals: unit === "percent" ? MAX_RATE_DECIMALS - 2 : MAX_RATE_DECIMALS }) };
  return { value: fraction };
}

function money(text: string | null | undefined, field: AmountField, blankIsZero = false): { value: Money } | { error: string } {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "" && blankIsZero) return { value: 0n };
  return readAmount(trimmed, field);
}

/** A name typed by a person: trimmed, present, and short enough. */
function readName(text: string | null | undefined, missing: string): { value: string } | { error: string } {
  const { t } = currentLocalizer();
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return { error: missing };
  if (trimmed.length > MAX_NAME_LENGTH) return { error: t("costs.errors.nameTooLong", { max: MAX_NAME_LENGTH }) };
  return { value: trimmed };
}

/** A gateway as Shopify names it on transactions ("paypal"): any text, trimmed. */
export function readGateway(text: string | null | undefined): { value: string } | { error: string } {
  return readName(text, currentLocalizer().t("costs.errors.gatewayMissing"));
}

/** A country's code as Shopify writes it ("DE", any case typed), or the rest of the world. */
export function readDestination(text: string | null | undefined): { value: string } | { error: string } {
  const { t } = currentLocalizer();
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return { error: t("costs.errors.destinationMissing") };
  if (trimmed.toLowerCase() === REST_OF_WORLD) return { value: REST_OF_WORLD };
  const code = trimmed.toUpperCase();
  if (!SHOPIFY_COUNTRY_CODES.has(code)) return { error: t("costs.errors.destinationUnknown", { given: trimmed.slice(0, 40), rest: REST_OF_WORLD }) };
  return { value: code };
}

/** A calendar month "YYYY-MM" within the dates anyone may type. */
export function readMonth(text: string | null | undefined): { value: string | null } | { error: string } {
  const { t } = currentLocalizer();
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return { value: null };
  const match = /^(\d{4})-(\d{2})$/.exec(trimmed);
  const first = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) / 86_400_000 : NaN;
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return { error: t("costs.errors.monthFormat") };
  if (first < EARLIEST_DAY || first > LATEST_DAY) return { error: t("costs.errors.monthRange") };
  return { value: trimmed };
}

function collect<T, Field extends string>(checks: Partial<Record<Field, { error: string } | object>>, build: () => T): Parsed<T, Field> {
  const errors: Partial<Record<Field, string>> = {};
  for (const [field, check] of Object.entries(checks) as [Field, { error?: string }][])
    if (check && "error" in check && check.error) errors[field] = check.error;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: build() };
}

export function parseGatewayFee(raw: Raw<"gateway" | "rate" | "fixedFee">, unit: RateUnit): Parsed<GatewayFee, "gateway" | "rate" | "fixedFee"> {
  const gateway = readGateway(raw.gateway);
  const rate = readRate(raw.rate, unit);
  const fixedFee = money(raw.fixedFee, "fixedFee", true);
  return collect({ gateway, rate, fixedFee }, () => ({
    gateway: (gateway as { value: string }).value,
    rate: (rate as { value: string }).value,
    fixedFee: (fixedFee as { value: Money }).value,
  }));
}

export function parseShippingRule(raw: Raw<"destination" | "perOrder" | "perUnit">): Parsed<ShippingRuleInput, "destination" | "perOrder" | "perUnit"> {
  const destination = readDestination(raw.destination);
  const perOrder = money(raw.perOrder, "perOrder");
  const perUnit = money(raw.perUnit, "perUnit", true);
  return collect({ destination, perOrder, perUnit }, () => ({
    destination: (destination as { value: string }).value,
    perOrder: (perOrder as { value: Money }).value,
    perUnit: (perUnit as { value: Money }).value,
  }));
}

export type CustomCostField = "name" | "kind" | "amount" | "rate" | "fromMonth" | "toMonth" | "date";

/** A custom cost; the fields of its kind are read, the others ignored (a form sends them all). */
export function parseCustomCost(raw: Raw<CustomCostField>, unit: RateUnit): Parsed<CustomCostInput, CustomCostField> {
  const { t } = currentLocalizer();
  const name = readName(raw.name, t("costs.errors.costNameMissing"));
  const kind = (raw.kind?.trim() ?? "") as CustomCostKind;
  if (!CUSTOM_COST_KINDS.includes(kind)) return collect({ name, kind: { error: t("costs.errors.kind") } }, () => null as never);
  const nameOf = () => (name as { value: string }).value;
  if (kind === "percent_of_net_sales") {
    const rate = readRate(raw.rate, unit);
    return collect({ name, rate }, () => ({ name: nameOf(), kind, rate: (rate as { value: string }).value }));
  }
  const amount = money(raw.amount, "costAmount");
  const amountOf = () => (amount as { value: Money }).value;
  if (kind === "one_off") {
    const day = readDay(raw.date, "costDate");
    const date = "error" in day ? day : { value: raw.date!.trim() };
    return collect({ name, amount, date }, () => ({ name: nameOf(), kind, amount: amountOf(), date: (date as { value: string }).value }));
  }
  const fromMonth = readMonth(raw.fromMonth);
  const toMonth = readMonth(raw.toMonth);
  const from = "value" in fromMonth ? fromMonth.value : null;
  const to = "value" in toMonth ? toMonth.value : null;
  const order = from !== null && to !== null && to < from ? { error: t("costs.errors.monthsOrder") } : {};
  return collect({ name, amount, fromMonth, toMonth: "error" in toMonth ? toMonth : order }, () => ({
    name: nameOf(),
    kind,
    amount: amountOf(),
    fromMonth: from,
    toMonth: to,
  }));
}

/** The default cost rate, or null to clear it (an empty field). */
export function parseDefaultCostRate(text: string | null | undefined, unit: RateUnit): Parsed<string | null, "rate"> {
  if ((text?.trim() ?? "") === "") return { ok: true, value: null };
  const rate = readRate(text, unit);
  return "error" in rate ? { ok: false, errors: { rate: rate.error } } : { ok: true, value: rate.value };
}

/** A fraction written as a percentage, exactly ("0.0349" → "3.49"), by moving the decimal point. */
export function fractionToPercent(fraction: string): string {
  const [whole = "0", decimals = ""] = fraction.split(".");
  const digits = `${whole}${decimals.padEnd(2, "0")}`;
  const point = whole.length + 2;
  const text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return text
    .replace(/^0+(?=\d)/, "")
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}
