/**
 * A promotion as staff type it (a form or a spreadsheet row), checked field by field (pure).
 * Money is exact; codes are compared case-insensitively; no indicator is allowed but flagged.
 */
import { isIndicatorKey, type IndicatorKey } from "~/indicators/definitions";
import { formatDay, parseDay } from "~/lib/calendar";
import { parseMoney, type Money } from "~/lib/money";

export const PROMOTION_TYPES = ["discount", "ad", "email", "bundle", "price_change", "content", "other"] as const;
export type PromotionType = (typeof PROMOTION_TYPES)[number];
const MAX_TITLE = 200;
const MAX_TEXT = 2000;
/** At most this many linked products per promotion. */
export const MAX_LINKED_PRODUCTS = 50;
const PRODUCT_GID = /^gid:\/\/shopify\/Product\/\d+$/;

export interface RawPromotion {
  title?: string | null;
  type?: string | null;
  channel?: string | null;
  start?: string | null;
  end?: string | null;
  budget?: string | null;
  spend?: string | null;
  discountCodes?: string | null;
  utmCampaign?: string | null;
  indicator?: string | null;
  hypothesis?: string | null;
  expectedChange?: string | null;
  /** The staff member responsible (their user id); empty means whoever logs it. */
  owner?: string | null;
  /** Linked product ids (gid://shopify/Product/…), separated by commas. */
  productIds?: string | null;
}

export interface ParsedPromotion {
  title: string;
  type: PromotionType;
  channel: string | null;
  start: string;
  end: string;
  budget: Money | null;
  spend: Money;
  codes: string[];
  utmCampaign: string | null;
  indicator: IndicatorKey | null;
  hypothesis: string | null;
  expectedChange: string | null;
  ownerId: string | null;
  productIds: string[];
}

export type PromotionErrors = Partial<Record<keyof RawPromotion, string>>;

function money(text: string | null | undefined, label: string): { value: Money | null } | { error: string } {
  const trimmed = text?.trim() ?? "";
  if (!trimmed) return { value: null };
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { error: `${label} must be an amount, like 250 or 99.90.` };
  if (trimmed.startsWith("-")) return { error: `${label} can't be negative.` };
  try {
    return { value: parseMoney(trimmed) };
  } catch {
    return { error: `${label} has at most four decimals.` };
  }
}

function optionalText(value: string | null | undefined, max: number, label: string, errors: PromotionErrors, key: keyof RawPromotion): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed.length > max) errors[key] = `${label} is too long (${trimmed.length.toLocaleString("en")} characters; at most ${max.toLocaleString("en")}).`;
  return trimmed || null;
}

/** "SPRING; welcome10" → ["SPRING", "welcome10"]; an empty entry ("A;;B", "A;") is an error. */
export function parseCodes(text: string | null | undefined): { codes: string[] } | { error: string } {
  const trimmed = text?.trim() ?? "";
  if (!trimmed) return { codes: [] };
  const codes = trimmed.split(/[;,\n]/).map((code) => code.trim());
  if (codes.some((code) => code === "")) return { error: "The code list has an empty entry: separate codes with ; and no blanks." };
  if (codes.some((code) => code.length > 255 || /\s/.test(code))) return { error: "Discount codes have no spaces and at most 255 characters." };
  const seen = new Set<string>();
  return { codes: codes.filter((code) => !seen.has(code.toLowerCase()) && seen.add(code.toLowerCase())) };
}

export function parsePromotion(raw: RawPromotion): { ok: true; value: ParsedPromotion } | { ok: false; errors: PromotionErrors } {
  const errors: PromotionErrors = {};
  const title = raw.title?.trim() ?? "";
  if (!title) errors.title = "Give the promotion a title.";
  else if (title.length > MAX_TITLE) errors.title = `The title is too long (${title.length.toLocaleString("en")} characters; at most ${MAX_TITLE}).`;

  const type = (raw.type?.trim().toLowerCase() || "other") as PromotionType;
  if (!PROMOTION_TYPES.includes(type)) errors.type = `Choose a type: ${PROMOTION_TYPES.join(", ")}.`;

  const start = raw.start ? parseDay(raw.start.trim()) : null;
  const end = raw.end ? parseDay(raw.end.trim()) : null;
  if (start === null) errors.start = raw.start ? "Enter the start date as YYYY-MM-DD." : "Enter the start date.";
  if (end === null) errors.end = raw.end ? "Enter the end date as YYYY-MM-DD." : "Enter the end date.";
  else if (start !== null && end < start) errors.end = "The end is before the start.";

  const budget = money(raw.budget, "The budget");
  if ("error" in budget) errors.budget = budget.error;
  const spend = money(raw.spend, "Spend");
  if ("error" in spend) errors.spend = spend.error;

  const codes = parseCodes(raw.discountCodes);
  if ("error" in codes) errors.discountCodes = codes.error;

  const indicator = raw.indicator?.trim() || null;
  if (indicator !== null && !isIndicatorKey(indicator)) errors.indicator = `"${indicator}" is not an indicator Throughline computes.`;

  const channel = optionalText(raw.channel, 100, "The channel", errors, "channel");
  const utmCampaign = optionalText(raw.utmCampaign, 255, "The UTM campaign", errors, "utmCampaign");
  const hypothesis = optionalText(raw.hypothesis, MAX_TEXT, "The hypothesis", errors, "hypothesis");
  const expectedChange = optionalText(raw.expectedChange, MAX_TEXT, "The expected change", errors, "expectedChange");

  const productIds = [...new Set((raw.productIds ?? "").split(/[\s,;]+/).filter(Boolean))];
  if (productIds.some((id) => !PRODUCT_GID.test(id))) errors.productIds = "Linked products are chosen from the store's products.";
  else if (productIds.length > MAX_LINKED_PRODUCTS) errors.productIds = `Link at most ${MAX_LINKED_PRODUCTS} products.`;
  const ownerId = raw.owner?.trim() || null;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      type,
      channel,
      start: formatDay(start!),
      end: formatDay(end!),
      budget: "value" in budget ? budget.value : null,
      spend: ("value" in spend ? spend.value : null) ?? 0n,
      codes: "codes" in codes ? codes.codes : [],
      utmCampaign,
      indicator: indicator as IndicatorKey | null,
      hypothesis,
      expectedChange,
      ownerId,
      productIds,
    },
  };
}
