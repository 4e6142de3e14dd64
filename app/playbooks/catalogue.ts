/**
 * Playbooks: for each indicator a team acts on, a short list of tactics known to move it (pure
 * data). A staff member who lacks the experience picks one when logging a promotion; the store's
 * own past promotions of that tactic, with their measured results, show beside it. Keys are stable:
 * promotions and a store's own edits refer to them.
 */
import type { IndicatorKey } from "~/indicators/definitions";
import type { PromotionType } from "~/promotions/promotion-input";

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

const tactic = (indicator: IndicatorKey, key: string, type: PromotionType, title: string, how: string, hypothesis: string): Tactic => ({ key: `${indicator}.${key}`, indicator, type, title, how, hypothesis });

export const BUILT_IN_TACTICS: readonly Tactic[] = [
  tactic("aov", "bundle", "bundle", "Bundles", "Sell two or three products that go together at a small saving (a mug with the coffee, a refill pack).", "A bundle makes buying the second item the easy choice, so each order is worth more."),
  tactic("aov", "free-shipping-threshold", "price_change", "Free-shipping threshold", "Set free shipping just above today's average order value, and say on the cart how much is left to reach it.", "Buyers add an item to reach free shipping, lifting the average order."),
  tactic("aov", "upsell", "content", "Upsell at checkout", "Offer the larger size or the premium version on the product page and in the cart.", "Showing the better version at the moment of choice moves some buyers up."),
  tactic("repurchase_rate", "post-purchase-flow", "email", "Post-purchase email flow", "A thank-you email after delivery, tips a week later, a reason to come back at about the usual reorder time.", "Staying in touch after the first order brings buyers back sooner."),
  tactic("repurchase_rate", "replenishment-reminder", "email", "Replenishment reminders", "For consumables, remind buyers when they are about to run out (the pack size divided by daily use).", "A reminder at the right moment turns a one-off into a regular order."),
  tactic("repurchase_rate", "loyalty", "discount", "Loyalty reward", "A code for the second or third order, sent only to existing customers.", "Rewarding the next order gives regulars a reason to choose the store again."),
  tactic("returning_customer_rate", "win-back", "email", "Win-back campaign", "Email customers who haven't ordered in 90 days with what's new and a small incentive.", "Lapsed customers come back when reminded with something new."),
  tactic("new_customers", "welcome-code", "discount", "Welcome code", "10% off the first order, shown to visitors who haven't bought yet.", "A first-order incentive tips hesitant visitors into buying."),
  tactic("new_customers", "paid-social", "ad", "Paid social to lookalikes", "Ads to audiences like your best customers, with a clear offer and UTM tags.", "Reaching people like existing buyers brings new ones at a fair cost."),
  tactic("orders", "seasonal-sale", "discount", "Seasonal sale", "A short, dated sale around a moment the store's customers care about, announced by email and social.", "A reason to buy now pulls orders forward and brings back quiet buyers."),
  tactic("net_sales", "new-arrivals", "content", "New arrivals launch", "Launch new products with photos, a story and an email to the list.", "Newness gives existing and new customers a reason to buy."),
  tactic("gross_margin", "price-review", "price_change", "Price review of best sellers", "Raise prices a little on best sellers whose costs rose, and check conversion for two weeks.", "Best sellers can carry a small price rise without losing orders."),
  tactic("gross_margin", "cost-coverage", "other", "Fill in product costs", "Enter unit costs for products without them, so margin speaks for all of sales.", "Margin decisions need the cost of everything sold."),
  tactic("discount_rate", "fewer-codes", "price_change", "Fewer, targeted codes", "Retire site-wide codes; keep codes for first orders and win-backs only.", "Targeted codes keep their effect while giving away less on orders that would happen anyway."),
  tactic("return_rate", "size-guide", "content", "Better product information", "Size guides, real photos and honest descriptions on the most returned products.", "Buyers who know what they get keep it."),
  tactic("units_per_order", "multi-buy", "discount", "Multi-buy offer", "Buy two, save 10% on consumables people use up.", "A small saving for a second unit makes stocking up the natural choice."),
];

/** The built-in tactics for one indicator (none for indicators a team doesn't act on directly). */
export function builtInTactics(indicator: IndicatorKey): Tactic[] {
  return BUILT_IN_TACTICS.filter((item) => item.indicator === indicator);
}

/** What a tactic's key looks like ("aov.bundle", "aov.custom-3f9a"): whether the store has it is checked on the server. */
export const isTacticKey = (key: string) => /^[a-z_]+\.[a-z0-9-]{1,60}$/.test(key);
