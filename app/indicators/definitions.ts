/**
 * The indicators of METRICS.md the app reports: their keys (the stable names the CLI, exports and
 * targets use), what kind of value each is, and how the app explains them to its users.
 */

/** "ratio": a share, shown as a percentage; "multiple": times something, shown as "3.20×" (ROAS). */
export type IndicatorKind = "money" | "count" | "ratio" | "decimal" | "multiple";

export interface IndicatorDefinition<Key extends string = IndicatorKey> {
  key: Key;
  label: string;
  kind: IndicatorKind;
  /** Whether a rise is good news (used for the colour of a change and as a target's default direction). */
  higherIsBetter: boolean;
  /** In the app's own words, for the dashboard and its help text. */
  description: string;
  /**
   * How a target on it is paced (app/strategy/pacing.ts). "sum": accumulates over the days of a
   * period (projected from the days elapsed); "ratio": a level that doesn't depend on the period's
   * length (compared as it stands); "period_ratio": a ratio whose level depends on how long the
   * period is (a week's repurchase rate is a fraction of a month's), compared with past periods of
   * the same length after the same number of days.
   */
  pacing: "sum" | "ratio" | "period_ratio";
}

export const ORDER_INDICATOR_KEYS = [
  "gross_sales",
  "discounts",
  "returns",
  "net_sales",
  "orders",
  "aov",
  "units",
  "units_per_order",
  "customers",
  "new_customers",
  "returning_customer_rate",
  "repurchase_rate",
  "cogs",
  "gross_profit",
  "gross_margin",
  "cost_coverage",
  "discount_rate",
  "return_rate",
] as const;

export type IndicatorKey = (typeof ORDER_INDICATOR_KEYS)[number];

/**
 * METRICS.md's "whole cost of a sale" that the daily rollups hold: payment fees, read per transaction
 * (decision 022), and shipping (decision 025), each with how much of its source it speaks for.
 * `shipping_coverage` is not a key of METRICS.md's table: it is the coverage its section says an
 * unset setting is "reported as". Kept in the daily rollups like the store's indicators, so a period
 * report holds both.
 */
export const COST_INDICATOR_KEYS = ["transaction_fees", "fee_coverage", "shipping_costs", "shipping_coverage"] as const;

export type CostIndicatorKey = (typeof COST_INDICATOR_KEYS)[number];

/** What a period report computes from the daily rollups: the store's indicators and the costs known so far. */
export type RollupIndicatorKey = IndicatorKey | CostIndicatorKey;

/** The definition of every indicator a period report holds (the store's, then the costs'). */
export const INDICATORS: Record<IndicatorKey, IndicatorDefinition> & Record<CostIndicatorKey, IndicatorDefinition<CostIndicatorKey>> = {
  gross_sales: {
    key: "gross_sales",
    pacing: "sum",
    label: "Gross sales",
    kind: "money",
    higherIsBetter: true,
    description: "Quantity × original unit price of every line of the period's orders, before discounts and returns.",
  },
  discounts: {
    key: "discounts",
    pacing: "sum",
    label: "Discounts",
    kind: "money",
    higherIsBetter: false,
    description: "Order discounts of the period's orders.",
  },
  returns: {
    key: "returns",
    pacing: "sum",
    label: "Returns",
    kind: "money",
    higherIsBetter: false,
    description: "Refunded line items, dated on the day of the refund, and orders cancelled without a refund, dated on the day they were cancelled.",
  },
  net_sales: {
    key: "net_sales",
    pacing: "sum",
    label: "Net sales",
    kind: "money",
    higherIsBetter: true,
    description: "Gross sales minus discounts and returns.",
  },
  orders: {
    key: "orders",
    pacing: "sum",
    label: "Orders",
    kind: "count",
    higherIsBetter: true,
    description: "Orders processed in the period, cancelled ones included, test orders left out.",
  },
  aov: {
    key: "aov",
    pacing: "ratio",
    label: "Average order value",
    kind: "money",
    higherIsBetter: true,
    description: "(Gross sales − discounts) / orders, as Shopify defines it (returns not deducted).",
  },
  units: {
    key: "units",
    pacing: "sum",
    label: "Units sold",
    kind: "count",
    higherIsBetter: true,
    description: "Items on the period's orders.",
  },
  units_per_order: {
    key: "units_per_order",
    pacing: "ratio",
    label: "Units per order",
    kind: "decimal",
    higherIsBetter: true,
    description: "Units / orders.",
  },
  customers: {
    key: "customers",
    pacing: "sum",
    label: "Customers",
    kind: "count",
    higherIsBetter: true,
    description: "Different customers who ordered in the period (guest orders left out).",
  },
  new_customers: {
    key: "new_customers",
    pacing: "sum",
    label: "New customers",
    kind: "count",
    higherIsBetter: true,
    description: "Customers whose first order ever was in the period.",
  },
  returning_customer_rate: {
    key: "returning_customer_rate",
    pacing: "period_ratio",
    label: "Returning customer rate",
    kind: "ratio",
    higherIsBetter: true,
    description: "Share of the period's customers who had ordered before it.",
  },
  repurchase_rate: {
    key: "repurchase_rate",
    pacing: "period_ratio",
    label: "Repurchase rate",
    kind: "ratio",
    higherIsBetter: true,
    description: "Share of the period's customers who ordered twice or more within it.",
  },
  cogs: {
    key: "cogs",
    pacing: "sum",
    label: "Cost of goods sold",
    kind: "money",
    higherIsBetter: false,
    description: "Unit cost × quantity of lines with a known cost, less the cost of what was returned in the period.",
  },
  gross_profit: {
    key: "gross_profit",
    pacing: "sum",
    label: "Gross profit",
    kind: "money",
    higherIsBetter: true,
    description: "Net sales of lines with a known cost minus their cost (profit is only reported where cost is recorded).",
  },
  gross_margin: {
    key: "gross_margin",
    pacing: "ratio",
    label: "Gross margin",
    kind: "ratio",
    higherIsBetter: true,
    description: "Gross profit / net sales of lines with a known cost.",
  },
  cost_coverage: {
    key: "cost_coverage",
    pacing: "ratio",
    label: "Cost coverage",
    kind: "ratio",
    higherIsBetter: true,
    description: "Share of gross sales whose unit cost is known: how much of the store the margin speaks for.",
  },
  discount_rate: {
    key: "discount_rate",
    pacing: "ratio",
    label: "Discount rate",
    kind: "ratio",
    higherIsBetter: false,
    description: "Discounts / gross sales.",
  },
  return_rate: {
    key: "return_rate",
    pacing: "ratio",
    label: "Return rate",
    kind: "ratio",
    higherIsBetter: false,
    description: "Returns / gross sales.",
  },
  transaction_fees: {
    key: "transaction_fees",
    pacing: "sum",
    label: "Payment fees",
    kind: "money",
    higherIsBetter: false,
    description:
      "Fees the payment gateways listed on the period's successful payments, captures and refunds, dated when each was processed (a refund may give part of a fee back); the tax on a fee is left out.",
  },
  fee_coverage: {
    key: "fee_coverage",
    pacing: "ratio",
    label: "Fee coverage",
    kind: "ratio",
    higherIsBetter: true,
    description:
      "Share of the period's successful payments and captures whose fee is known: how much of the payments the fees speak for (gateways other than Shopify Payments list no fees).",
  },
  shipping_costs: {
    key: "shipping_costs",
    pacing: "sum",
    label: "Shipping costs",
    kind: "money",
    higherIsBetter: false,
    description:
      "What shipping the period's orders cost the shop (Shopify doesn't record it): an order's imported cost, else your rule for its country or the rest of the world, per order plus per unit; an order cancelled without a refund gives its cost back on the day it was cancelled.",
  },
  shipping_coverage: {
    key: "shipping_coverage",
    pacing: "ratio",
    label: "Shipping coverage",
    kind: "ratio",
    higherIsBetter: true,
    description:
      "Share of the period's orders with a shipping address whose shipping cost is known (imported, or a rule covers the country): how much of the shipping the cost speaks for.",
  },
};

export function isCostIndicatorKey(value: string): value is CostIndicatorKey {
  return (COST_INDICATOR_KEYS as readonly string[]).includes(value);
}

export function isIndicatorKey(value: string): value is IndicatorKey {
  return (ORDER_INDICATOR_KEYS as readonly string[]).includes(value);
}

/**
 * METRICS.md's "whole cost of a sale" computed when a period is reported, beyond the rollups: the
 * owner's other costs, the cost of all goods (the default cost rate filling sales without a cost),
 * net profit and margin, marketing efficiency and the cost of a new customer (profit.ts, decision 025).
 * Marketing spend includes ad spend once the shop has any (app/ads/marketing-spend.server.ts).
 */
export const PROFIT_INDICATOR_KEYS = ["custom_costs", "cogs_all", "net_profit", "net_margin", "mer", "cac"] as const;

export type ProfitIndicatorKey = (typeof PROFIT_INDICATOR_KEYS)[number];

export const PROFIT_INDICATORS: Record<ProfitIndicatorKey, IndicatorDefinition<ProfitIndicatorKey>> = {
  custom_costs: {
    key: "custom_costs",
    // A monthly cost is spread evenly over its month's days: every day of a period carries its share.
    pacing: "sum",
    label: "Other costs",
    kind: "money",
    higherIsBetter: false,
    description:
      "Your other costs for the period's days: a monthly cost spread evenly over the days of each calendar month, a one-off cost on its date, a percentage of each day's net sales.",
  },
  cogs_all: {
    key: "cogs_all",
    pacing: "sum",
    label: "Cost of all goods",
    kind: "money",
    higherIsBetter: false,
    description: "Cost of goods sold plus, when you set a default cost rate, that rate × the net sales of lines without a known cost.",
  },
  net_profit: {
    key: "net_profit",
    pacing: "sum",
    label: "Net profit",
    kind: "money",
    higherIsBetter: true,
    description: "Net sales − cost of all goods − payment fees − shipping costs − marketing spend − other costs.",
  },
  net_margin: {
    key: "net_margin",
    pacing: "ratio",
    label: "Net margin",
    kind: "ratio",
    higherIsBetter: true,
    description: "Net profit / net sales.",
  },
  mer: {
    key: "mer",
    pacing: "ratio",
    label: "Marketing efficiency",
    kind: "multiple",
    higherIsBetter: true,
    description: "Net sales / marketing spend (MER): what each 1 spent on marketing brought in sales, attributed or not.",
  },
  cac: {
    key: "cac",
    pacing: "ratio",
    label: "Customer acquisition cost",
    kind: "money",
    higherIsBetter: false,
    description: "Marketing spend / new customers: what a new customer cost in marketing.",
  },
};

export function isProfitIndicatorKey(value: string): value is ProfitIndicatorKey {
  return (PROFIT_INDICATOR_KEYS as readonly string[]).includes(value);
}

/**
 * METRICS.md's marketing indicators, from the ad platforms' and Shopify's reports and the promotions
 * the team logs (app/ads/marketing-spend.server.ts): reported once the shop has either (on the
 * dashboard and by `cli indicators`), and so targets can be set on them too.
 */
export const MARKETING_INDICATOR_KEYS = ["ad_spend", "marketing_spend", "marketing_cost_ratio", "roas"] as const;

export type MarketingIndicatorKey = (typeof MARKETING_INDICATOR_KEYS)[number];

export const MARKETING_INDICATORS: Record<MarketingIndicatorKey, IndicatorDefinition<MarketingIndicatorKey>> = {
  ad_spend: {
    key: "ad_spend",
    // The platforms report each day's spend: a period's days to come have none yet.
    pacing: "sum",
    label: "Ad spend",
    kind: "money",
    higherIsBetter: false,
    description:
      "What the connected ad accounts spent on their campaigns on the period's dates (another currency at your rate for the month), plus the ad spend sales channels report to Shopify.",
  },
  marketing_spend: {
    key: "marketing_spend",
    // Spend is spread evenly over each promotion's days: the days logged for the rest of a period are known already.
    pacing: "sum",
    label: "Marketing spend",
    kind: "money",
    higherIsBetter: false,
    description:
      "What the period's promotions cost, each one's spend spread evenly over its days; once there is ad spend, ad spend plus the promotions not linked to an ad campaign.",
  },
  marketing_cost_ratio: {
    key: "marketing_cost_ratio",
    pacing: "ratio",
    label: "Marketing cost ratio",
    kind: "ratio",
    higherIsBetter: false,
    description: "Marketing spend / net sales.",
  },
  roas: {
    key: "roas",
    pacing: "ratio",
    label: "Return on ad spend",
    kind: "multiple",
    higherIsBetter: true,
    description: "Revenue of orders attributed to a promotion / marketing spend.",
  },
};

export function isMarketingIndicatorKey(value: string): value is MarketingIndicatorKey {
  return (MARKETING_INDICATOR_KEYS as readonly string[]).includes(value);
}

/** Every indicator the app reports, and so every one a target can be set on. */
export type ReportedIndicatorKey = RollupIndicatorKey | ProfitIndicatorKey | MarketingIndicatorKey;

export const REPORTED_INDICATOR_KEYS: readonly ReportedIndicatorKey[] = [
  ...ORDER_INDICATOR_KEYS,
  ...COST_INDICATOR_KEYS,
  ...PROFIT_INDICATOR_KEYS,
  ...MARKETING_INDICATOR_KEYS,
];

export const REPORTED_INDICATORS: Record<ReportedIndicatorKey, IndicatorDefinition<ReportedIndicatorKey>> = {
  ...INDICATORS,
  ...PROFIT_INDICATORS,
  ...MARKETING_INDICATORS,
};

export function isReportedIndicatorKey(value: string): value is ReportedIndicatorKey {
  return isIndicatorKey(value) || isCostIndicatorKey(value) || isProfitIndicatorKey(value) || isMarketingIndicatorKey(value);
}
