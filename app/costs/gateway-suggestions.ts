/**
 * Fee rules to suggest for gateways that list no fees (pure). Only suggestions: the owner accepts
 * one (it fills the form) or types their own contract's rate. PayPal's published US rate for
 * PayPal Checkout is 3.49% + 0.49 USD; its fixed fee differs by currency, so in another currency
 * only the rate is suggested. Manual payments (bank deposit, cash on delivery) and cash taken at
 * the counter (Shopify POS's "cash") go through no processor.
 */
export interface GatewaySuggestion {
  gateway: string;
  /** A fraction. */
  rate: string;
  /** Exact decimal text in the shop currency. */
  fixedFee: string;
}

export function gatewaySuggestions(currency: string): GatewaySuggestion[] {
  return [
    { gateway: "paypal", rate: "0.0349", fixedFee: currency === "USD" ? "0.49" : "0" },
    { gateway: "manual", rate: "0", fixedFee: "0" },
    { gateway: "cash", rate: "0", fixedFee: "0" },
  ];
}
