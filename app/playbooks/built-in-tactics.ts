/**
 * Playbooks: for each indicator a team acts on, a short list of tactics known to move it (pure
 * data). A staff member who lacks the experience picks one when logging a promotion; the store's
 * own past promotions of that tactic, with their measured results, show beside it. Keys are stable:
 * promotions and a store's own edits refer to them.
 */
import type { IndicatorKey } from "~/indicators/definitions";
import type { Localizer } from "~/i18n/localizer";
import type { PromotionType } from "~/promotions/promotion-types";

export interface Tactic {
  key: string;
  indicator: IndicatorKey;
  title: string;
  /** How to run it, in a sentence or two. */
  how: string;
  /** The promotion type it is logged as. */
  type: PromotionType;
  /** A starting hypothesis for the promotion form. */
  hypothesis: string;
}

/** A built-in tactic's structure; its words are in the message catalogues (playbooks.tactics.<key>). */
export type BuiltInTactic = Pick<Tactic, "key" | "indicator" | "type">;

const tactic = (indicator: IndicatorKey, key: string, type: PromotionType): BuiltInTactic => ({ key: `${indicator}.${key}`, indicator, type });

export const BUILT_IN_TACTICS: readonly BuiltInTactic[] = [
  tactic("aov", "bundle", "bundle"),
  tactic("aov", "free-shipping-threshold", "price_change"),
  tactic("aov", "upsell", "content"),
  tactic("repurchase_rate", "post-purchase-flow", "email"),
  tactic("repurchase_rate", "replenishment-reminder", "email"),
  tactic("repurchase_rate", "loyalty", "discount"),
  tactic("returning_customer_rate", "win-back", "email"),
  tactic("new_customers", "welcome-code", "discount"),
  tactic("new_customers", "paid-social", "ad"),
  tactic("orders", "seasonal-sale", "discount"),
  tactic("net_sales", "new-arrivals", "content"),
  tactic("gross_margin", "price-review", "price_change"),
  tactic("gross_margin", "cost-coverage", "other"),
  tactic("discount_rate", "fewer-codes", "price_change"),
  tactic("return_rate", "size-guide", "content"),
  tactic("units_per_order", "multi-buy", "discount"),
];

/** A built-in tactic in the localizer's language. */
export function builtInTactic(tactic: BuiltInTactic, { t }: Pick<Localizer, "t">): Tactic {
  // The catalogue's typing can't follow a key built at run time; every built-in key has its words (tests/playbooks).
  const words = (field: "title" | "how" | "hypothesis") => t(`playbooks.tactics.${tactic.key}.${field}` as never) as string;
  return { ...tactic, title: words("title"), how: words("how"), hypothesis: words("hypothesis") };
}

/** The built-in tactics for one indicator (none for indicators a team doesn't act on directly), in the localizer's language. */
export function builtInTactics(indicator: IndicatorKey, l10n: Pick<Localizer, "t">): Tactic[] {
  return BUILT_IN_TACTICS.filter((item) => item.indicator === indicator).map((item) => builtInTactic(item, l10n));
}

/** What a tactic's key looks like ("aov.bundle", "aov.custom-3f9a"): whether the store has it is checked on the server. */
export const isTacticKey = (key: string) => /^[a-z_]+\.[a-z0-9-]{1,60}$/.test(key);
