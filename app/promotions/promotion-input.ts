/**
 * A promotion as staff type it (a form or a spreadsheet row), checked field by field (pure).
 * Money is exact; codes are compared case-insensitively; no indicator is allowed but flagged.
 * Every bound a promotion has lives here, so the form, the CLI and the CSV import refuse the same
 * things with the same words.
 */
import { isIndicatorKey, type IndicatorKey } from "~/indicators/definitions";
import { formatDay, readDay } from "~/lib/calendar";
import { readAmount, type AmountField } from "~/lib/amount-input";
import type { Money } from "~/lib/money";
import { isTacticKey } from "~/playbooks/catalogue";

export const PROMOTION_TYPES = ["discount", "ad", "email", "bundle", "price_change", "content", "other"] as const;
export type PromotionType = (typeof PROMOTION_TYPES)[number];
const MAX_TITLE = 200;
const MAX_TEXT = 2000;
/**
 * The longest promotion, in days (three years): the longest campaigns (always-on ads, a loyalty
 * programme) are renewed at least yearly; a baseline more than three years back says little about
 * today; and lift, computed day by day, stays bounded.
 */
export const MAX_PROMOTION_DAYS = 3 * 365 + 1;
/** Codes per promotion: a batch of unique codes is logged as a UTM campaign or a few shared codes, not thousands. */
export const MAX_CODES = 250;
/** Shopify's own limit on a discount code's length. */
export const MAX_CODE_LENGTH = 255;
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
  /** The playbook tactic it follows (a key of app/playbooks/catalogue.ts), or empty. */
  tactic?: string | null;
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
  tactic: string | null;
}

export type PromotionErrors = Partial<Record<keyof RawPromotion, string>>;

function money(text: string | null | undefined, field: AmountField): { value: Money | null } | { error: string } {
  const trimmed = text?.trim() ?? "";
  return trimmed ? readAmount(trimmed, field) : { value: null };
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
  if (codes.some((code) => code.length > MAX_CODE_LENGTH || /\s/.test(code))) return { error: `Discount codes have no spaces and at most ${MAX_CODE_LENGTH} characters.` };
  const seen = new Set<string>();
  const unique = codes.filter((code) => !seen.has(code.toLowerCase()) && seen.add(code.toLowerCase()));
  if (unique.length > MAX_CODES) return { error: `Track at most ${MAX_CODES} codes per promotion (this has ${unique.length.toLocaleString("en")}); for more, tag the orders with a UTM campaign.` };
  return { codes: unique };
}

export function parsePromotion(raw: RawPromotion): { ok: true; value: ParsedPromotion } | { ok: false; errors: PromotionErrors } {
  const errors: PromotionErrors = {};
  const title = raw.title?.trim() ?? "";
  if (!title) errors.title = "Give the promotion a title.";
  else if (title.length > MAX_TITLE) errors.title = `The title is too long (${title.length.toLocaleString("en")} characters; at most ${MAX_TITLE}).`;

  const type = (raw.type?.trim().toLowerCase() || "other") as PromotionType;
  if (!PROMOTION_TYPES.includes(type)) errors.type = `Choose a type: ${PROMOTION_TYPES.join(", ")}.`;

  const startDay = readDay(raw.start, "start");
  const endDay = readDay(raw.end, "end");
  const start = "day" in startDay ? startDay.day : null;
  const end = "day" in endDay ? endDay.day : null;
  if ("error" in startDay) errors.start = startDay.error;
  if ("error" in endDay) errors.end = endDay.error;
  else if (start !== null && end! < start) errors.end = "The end is before the start.";
  else if (start !== null && end! - start + 1 > MAX_PROMOTION_DAYS) errors.end = `A promotion lasts at most three years (${MAX_PROMOTION_DAYS.toLocaleString("en")} days); log a longer one as one promotion a year.`;

  const budget = money(raw.budget, "budget");
  if ("error" in budget) errors.budget = budget.error;
  const spend = money(raw.spend, "spend");
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
  const tactic = raw.tactic?.trim() || null;
  if (tactic !== null && !isTacticKey(tactic)) errors.tactic = "Choose one of the playbook's tactics, or none.";
  const ownerId = raw.owner?.trim() || null;
  if (ownerId !== null && ownerId.length > 64) errors.owner = "Choose someone on the team.";

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
      tactic,
    },
  };
}
