import type { TFunction } from "~/i18n/i18n";
/** What kind of action a promotion is (the form's Type; its words are in the catalogues, `promotions.type.*`). */
export const PROMOTION_TYPES = ["discount", "ad", "email", "bundle", "price_change", "content", "other"] as const;
export type PromotionType = (typeof PROMOTION_TYPES)[number];
export const isPromotionType = (value: string): value is PromotionType => (PROMOTION_TYPES as readonly string[]).includes(value);

/** A type in the reader's words; a type stored before the list was fixed shows as it was written. */
export const promotionTypeLabel = (type: string, t: TFunction): string => (isPromotionType(type) ? t(`promotions.type.${type}`) : type);
