/**
 * Amounts as people type them in forms (a target, a promotion's spend): checked for form, sign,
 * decimals and size, with errors in the work's language. Apart from money.ts, which the bulk
 * import's parse worker loads on its own.
 */
import { currentLocalizer } from "~/i18n/scope";
import { formatMoney, MAX_TYPED_AMOUNT, MONEY_DECIMALS, parseMoney, type Money } from "@throughline/shopify-common/money";

/** Which amount a form asks for, as its errors name it. */
export type AmountField = "target" | "spend" | "budget" | "cost" | "fixedFee" | "perOrder" | "perUnit" | "shippingCost" | "costAmount";

/** A typed amount checked for form, sign, decimals and size: the exact value, or why it isn't one ("Spend can't be negative."), in the work's language. */
export function readAmount(text: string, field: AmountField): { value: Money } | { error: string } {
  const { t } = currentLocalizer();
  const label = t(`validation.amount.label.${field}`);
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { error: t("validation.amount.format", { label }) };
  if (trimmed.startsWith("-")) return { error: t("validation.amount.negative", { label }) };
  const tooLarge = { error: t("validation.amount.tooLarge", { label, max: formatMoney(MAX_TYPED_AMOUNT, 0).replace(/\B(?=(\d{3})+$)/g, ",") }) };
  // Thousands of digits are refused before they become a BigInt.
  if ((trimmed.split(".")[0] ?? "").replace(/^0+/, "").length > 10) return tooLarge;
  let value: Money;
  try {
    value = parseMoney(trimmed);
  } catch {
    return { error: t("validation.amount.decimals", { label, decimals: MONEY_DECIMALS }) };
  }
  return value > MAX_TYPED_AMOUNT ? tooLarge : { value };
}
