/**
 * What a promotion cost and what it returned for it (docs/indicators.md, "What a promotion cost").
 * ROAS keeps its industry meaning, attributed revenue ÷ spend, which counts only the typed spend; for
 * a discount the main cost is what its orders were given off. So beside ROAS the app shows the
 * promotion's whole cost (spend + the discounts of its attributed orders) and the gross profit those
 * orders returned per unit of it. Pure: money is summed exactly, only the quotients are numbers.
 */
import type { Money } from "@throughline/shopify-common/money";
import type { IndicatorKind } from "~/indicators/definitions";
import { parseDay, type Period } from "~/lib/calendar";

export const PROMOTION_FIGURE_KEYS = ["promotion_cost", "profit_on_cost"] as const;

export type PromotionFigureKey = (typeof PROMOTION_FIGURE_KEYS)[number];

/** How each is shown and compared (its words are the catalogues' `promotionFigures`). */
export const PROMOTION_FIGURES: Record<PromotionFigureKey, { kind: IndicatorKind; higherIsBetter: boolean }> = {
  promotion_cost: { kind: "money", higherIsBetter: false },
  profit_on_cost: { kind: "multiple", higherIsBetter: true },
};

/** What an attributed order brings to these sums (attribution-store.server.ts reads them). */
export interface AttributedAmounts {
  /** Σ quantity × original unit price of its lines. */
  gross: Money;
  /** Its discounts: what it was given off. */
  discounts: Money;
  /** Gross sales of its lines whose cost is known. */
  grossWithCost: Money;
  /** Over those lines: quantity × original unit price − their discount − quantity × unit cost. */
  grossProfit: Money;
}

export const NO_ATTRIBUTED: AttributedAmounts = { gross: 0n, discounts: 0n, grossWithCost: 0n, grossProfit: 0n };

export function addAttributed(sums: AttributedAmounts, order: AttributedAmounts): AttributedAmounts {
  return {
    gross: sums.gross + order.gross,
    discounts: sums.discounts + order.discounts,
    grossWithCost: sums.grossWithCost + order.grossWithCost,
    grossProfit: sums.grossProfit + order.grossProfit,
  };
}

export interface CostAndReturn {
  /** Spend + the discounts of its attributed orders. */
  cost: Money;
  /** Gross profit of its attributed orders' lines with a known cost. */
  grossProfit: Money;
  /** Share of those orders' gross sales whose cost is known: how much of them the profit speaks for (null without sales). */
  costCoverage: number | null;
  /** grossProfit / cost (null when it cost nothing). */
  profitOnCost: number | null;
}

const quotient = (a: Money, b: Money) => (b === 0n ? null : Number(a) / Number(b));

export function costAndReturn(spend: Money, attributed: AttributedAmounts): CostAndReturn {
  const cost = spend + attributed.discounts;
  return {
    cost,
    grossProfit: attributed.grossProfit,
    costCoverage: quotient(attributed.grossWithCost, attributed.gross),
    profitOnCost: quotient(attributed.grossProfit, cost),
  };
}

/** Σ spend × (days of the promotion in the period / days of the promotion), exact to 1/10,000, rounded half up. */
export function spreadSpend(promotions: readonly { start: string; end: string; spend: Money }[], period: Period): Money {
  // Thousands of promotions share a few hundred dates: each date is read once.
  const days = new Map<string, number>();
  const day = (text: string) => days.get(text) ?? days.set(text, parseDay(text)!).get(text)!;
  let total = 0n;
  for (const promotion of promotions) {
    const start = day(promotion.start);
    const end = day(promotion.end);
    const overlap = Math.min(end, period.to) - Math.max(start, period.from) + 1;
    if (overlap <= 0) continue;
    const length = BigInt(end - start + 1);
    total += (promotion.spend * BigInt(overlap) * 2n + length) / (2n * length);
  }
  return total;
}
