/**
 * A promotion as staff type it (a form or a spreadsheet row), checked field by field (pure).
 * Money is exact; codes are compared case-insensitively; no indicator is allowed but flagged.
 * Every bound a promotion has lives here, so the form, the CLI and the CSV import refuse the same
 * things with the same words.
 */
import { isIndicatorKey, type IndicatorKey } from "~/indicators/definitions";
import { formatDay, readDay } from "~/lib/calendar";
import { readAmount, type AmountField } from "~/lib/amount-input";
import type { Money } from "@throughline/shopify-common/money";
import { isTacticKey } from "~/playbooks/built-in-tactics";
import { PROMOTION_TYPES, type PromotionType } from "./promotion-types";
import { currentLocalizer } from "~/i18n/scope";

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
  /** The playbook tactic it follows (a key of app/playbooks/built-in-tactics.ts), or empty. */
  tactic?: string | null;
  /** Linked product ids (gid://shopify/Product/…), separated by commas. */
  productIds?: string | null;
  /** The ad campaign it is linked to by hand: "platform|accountId|campaignId", or empty. */
  adCampaign?: string | null;
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
  /** The ad campaign linked by hand (its spend is then the campaign's), or nulls. */
  adPlatform: string | null;
  adAccountId: string | null;
  adCampaignId: string | null;
}

export type PromotionErrors = Partial<Record<keyof RawPromotion, string>>;

function money(text: string | null | undefined, field: AmountField): { value: Money | null } | { error: string } {
  const trimmed = text?.trim() ?? "";
  return trimmed ? readAmount(trimmed, field) : { value: null };
}

type LongTextField = "channel" | "utmCampaign" | "hypothesis" | "expectedChange";

function optionalText(value: string | null | undefined, max: number, errors: PromotionErrors, key: LongTextField): string | null {
  const { t, locale } = currentLocalizer();
  const trimmed = value?.trim() ?? "";
  if (trimmed.length > max)
    errors[key] = t("promotions.errors.fieldTooLong", {
      field: t(`promotions.errors.fields.${key}`),
      length: trimmed.length.toLocaleString(locale),
      max: max.toLocaleString(locale),
    });
  return trimmed || null;
}

/** "SPRING; welcome10" → ["SPRING", "welcome10"]; an empty entry ("A;;B", "A;") is an error. */
export function parseCodes(text: string | null | undefined): { codes: string[] } | { error: string } {
  const { t, locale } = currentLocalizer();
  const trimmed = text?.trim() ?? "";
  if (!trimmed) return { codes: [] };
  const codes = trimmed.split(/[;,\n]/).map((code) => code.trim());
  if (codes.some((code) => code === "")) return { error: t("promotions.errors.emptyCode") };
  if (codes.some((code) => code.length > MAX_CODE_LENGTH || /\s/.test(code))) return { error: t("promotions.errors.codeShape", { max: MAX_CODE_LENGTH }) };
  const seen = new Set<string>();
  const unique = codes.filter((code) => !seen.has(code.toLowerCase()) && seen.add(code.toLowerCase()));
  if (unique.length > MAX_CODES) return { error: t("promotions.errors.tooManyCodes", { max: MAX_CODES, count: unique.length.toLocaleString(locale) }) };
  return { codes: unique };
}

export function parsePromotion(raw: RawPromotion): { ok: true; value: ParsedPromotion } | { ok: false; errors: PromotionErrors } {
  const { t, locale } = currentLocalizer();
  const errors: PromotionErrors = {};
  const title = raw.title?.trim() ?? "";
  if (!title) errors.title = t("promotions.errors.giveTitle");
  else if (title.length > MAX_TITLE) errors.title = t("promotions.errors.titleTooLong", { length: title.length.toLocaleString(locale), max: MAX_TITLE });

  const type = (raw.type?.trim().toLowerCase() || "other") as PromotionType;
  if (!PROMOTION_TYPES.includes(type)) errors.type = t("promotions.errors.chooseType", { types: PROMOTION_TYPES.join(", ") });

  const startDay = readDay(raw.start, "start");
  const endDay = readDay(raw.end, "end");
  const start = "day" in startDay ? startDay.day : null;
  const end = "day" in endDay ? endDay.day : null;
  if ("error" in startDay) errors.start = startDay.error;
  if ("error" in endDay) errors.end = endDay.error;
  else if (start !== null && end! < start) errors.end = t("promotions.errors.endBeforeStart");
  else if (start !== null && end! - start + 1 > MAX_PROMOTION_DAYS)
    errors.end = t("promotions.errors.tooLongPromotion", { days: MAX_PROMOTION_DAYS.toLocaleString(locale) });

  const budget = money(raw.budget, "budget");
  if ("error" in budget) errors.budget = budget.error;
  const spend = money(raw.spend, "spend");
  if ("error" in spend) errors.spend = spend.error;

  const codes = parseCodes(raw.discountCodes);
  if ("error" in codes) errors.discountCodes = codes.error;

  const indicator = raw.indicator?.trim() || null;
  if (indicator !== null && !isIndicatorKey(indicator)) errors.indicator = t("promotions.errors.unknownIndicator", { indicator });

  const channel = optionalText(raw.channel, 100, errors, "channel");
  const utmCampaign = optionalText(raw.utmCampaign, 255, errors, "utmCampaign");
  const hypothesis = optionalText(raw.hypothesis, MAX_TEXT, errors, "hypothesis");
  const expectedChange = optionalText(raw.expectedChange, MAX_TEXT, errors, "expectedChange");

  const productIds = [...new Set((raw.productIds ?? "").split(/[\s,;]+/).filter(Boolean))];
  if (productIds.some((id) => !PRODUCT_GID.test(id))) errors.productIds = t("promotions.errors.productShape");
  else if (productIds.length > MAX_LINKED_PRODUCTS) errors.productIds = t("promotions.errors.tooManyProducts", { max: MAX_LINKED_PRODUCTS });
  const tactic = raw.tactic?.trim() || null;
  if (tactic !== null && !isTacticKey(tactic)) errors.tactic = t("promotions.errors.chooseTactic");
  const ownerId = raw.owner?.trim() || null;
  if (ownerId !== null && ownerId.length > 64) errors.owner = t("promotions.errors.chooseOwner");
  const adCampaign = raw.adCampaign?.trim() || null;
  const linked = adCampaign === null ? null : /^(meta|google|tiktok)\|([^|]{1,100})\|([^|]{1,100})$/.exec(adCampaign);
  if (adCampaign !== null && !linked) errors.adCampaign = t("promotions.errors.adCampaignShape");

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
      adPlatform: linked?.[1] ?? null,
      adAccountId: linked?.[2] ?? null,
      adCampaignId: linked?.[3] ?? null,
    },
  };
}
