/**
 * The stable machine-readable form of indicators (CLI `--json`, CSV exports): money rounded to 2
 * decimals as numbers, quotients unrounded, null where undefined.
 */
import { moneyToNumber } from "@throughline/shopify-common/money";
import {
  COST_INDICATOR_KEYS,
  ORDER_INDICATOR_KEYS,
  PROFIT_INDICATOR_KEYS,
  type CostIndicatorKey,
  type IndicatorKey,
  type MarketingIndicatorKey,
  type ProfitIndicatorKey,
} from "./definitions";
import { ratio, type CostIndicators, type Indicators, type IndicatorValue, type ProductIndicators } from "./engine";
import type { ProfitIndicators } from "./profit";

export type JsonValue = number | null;

export function jsonValue(value: IndicatorValue): JsonValue {
  return typeof value === "bigint" ? moneyToNumber(value) : value;
}

export function indicatorsJson(indicators: Indicators): Record<IndicatorKey, JsonValue> {
  return Object.fromEntries(ORDER_INDICATOR_KEYS.map((key) => [key, jsonValue(indicators[key])])) as Record<IndicatorKey, JsonValue>;
}

/** The costs of a sale the rollups hold (fees, shipping, their coverage), after the store's indicators in `indicators --json`. */
export function costsJson(indicators: CostIndicators): Record<CostIndicatorKey, JsonValue> {
  return Object.fromEntries(COST_INDICATOR_KEYS.map((key) => [key, jsonValue(indicators[key])])) as Record<CostIndicatorKey, JsonValue>;
}

/** Net profit and the figures around it, after the costs. */
export function profitJson(indicators: ProfitIndicators): Record<ProfitIndicatorKey, JsonValue> {
  return Object.fromEntries(PROFIT_INDICATOR_KEYS.map((key) => [key, jsonValue(indicators[key])])) as Record<ProfitIndicatorKey, JsonValue>;
}

export const PRODUCT_COLUMNS = [
  "product_id",
  "title",
  "units",
  "gross_sales",
  "discounts",
  "returns",
  "net_sales",
  "orders",
  "attach_rate",
  "attraction_rate",
  "new_customers",
  "cogs",
  "cogs_all",
  "gross_profit",
  "gross_margin",
  "cost_coverage",
] as const satisfies readonly (keyof ProductIndicators)[];

export function productJson(product: ProductIndicators): Record<(typeof PRODUCT_COLUMNS)[number], string | JsonValue> {
  return Object.fromEntries(
    PRODUCT_COLUMNS.map((column) => {
      const value = product[column];
      return [column, typeof value === "string" ? value : jsonValue(value)];
    }),
  ) as Record<(typeof PRODUCT_COLUMNS)[number], string | JsonValue>;
}

/** The marketing indicators of METRICS.md, once the shop has promotions or ad spend. */
export function marketingJson(
  totals: { adSpend: bigint; marketingSpend: bigint; attributedRevenue: bigint },
  netSales: bigint,
): Record<MarketingIndicatorKey, JsonValue> {
  return {
    ad_spend: jsonValue(totals.adSpend),
    marketing_spend: jsonValue(totals.marketingSpend),
    marketing_cost_ratio: ratio(totals.marketingSpend, netSales),
    roas: ratio(totals.attributedRevenue, totals.marketingSpend),
  };
}
