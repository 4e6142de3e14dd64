/**
 * A lesson's worked example (pure): the indicator's formula with the store's own inputs of a month
 * and its result, in the reader's language and the shop's currency ("Average order value = (gross
 * sales €41,230.00 − discounts €2,310.50) ÷ orders 812 = €47.93"). The figures are the dashboard's
 * for that month (month-figures.server.ts reads them the same way) and the result is formatted as the
 * dashboard formats it, so the lesson and the dashboard read the same. A month without orders, or a
 * quotient with nothing to divide by, says so instead of dividing.
 */
import { adSpendSourceLabel } from "~/ads/spend-sources";
import type { Localizer } from "~/i18n/localizer";
import { REPORTED_INDICATORS, isMarketingIndicatorKey, type MarketingIndicatorKey, type ReportedIndicatorKey } from "~/indicators/definitions";
import type { IndicatorValue } from "~/indicators/engine";
import { displayed, exactAmount, formatValue } from "~/indicators/format";
import { marketingJson } from "~/indicators/json";
import type { ProfitIndicators, ProfitParts } from "~/indicators/profit";
import type { PeriodReport } from "~/indicators/report.server";
import { periodLength, type Period } from "~/lib/calendar";
import { dateTimeFormat } from "~/lib/intl";
import type { MarketingTotals } from "~/promotions/promotions.server";

/** What a worked example reads of a month: the dashboard's report, its profit figures and its marketing. */
export interface MonthFigures {
  period: Period;
  currency: string;
  report: Pick<PeriodReport, "totals" | "payments" | "shipping" | "customers" | "indicators">;
  profit: { indicators: ProfitIndicators; parts: ProfitParts };
  /** Null while the shop has neither promotions nor ad spend (the dashboard shows no marketing then). */
  marketing: Pick<MarketingTotals, "adSpend" | "adSpendBySource" | "marketingSpend" | "promotionSpend" | "adsCounted" | "attributedRevenue"> | null;
}

export interface WorkedExample {
  /** "October 2026". */
  month: string;
  /** The formula with the month's inputs and its result, or what stands in for it. */
  text: string;
  /** The result as the dashboard shows it (null while there is no marketing to show). */
  result: string | null;
  /** Why the result is "—": what was zero. */
  note: string | null;
}

/** The formula's inputs in words, the catalogue template when it isn't `lessons.worked.<key>`, and what it divides by. */
interface Formula {
  values: Record<string, string>;
  template?: "cogsAllNoRate" | "adSpendNone" | "marketingSpendPromotions";
  /** The denominator's name, said when the result has nothing to divide by. */
  divisor?: string;
}

/** Indicators that can be worked out in a month without orders: costs and spend that don't come from orders. */
const WITHOUT_ORDERS: ReadonlySet<ReportedIndicatorKey> = new Set(["custom_costs", "ad_spend", "marketing_spend", "net_profit"]);

/** The month as a heading says it: "October 2026", "2026年10月". */
export function monthLabel(period: Period, locale: string): string {
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(period.from * 86_400_000));
}

/** The indicator's value for the month, as the dashboard holds it (the marketing ones as its marketing card does). */
function valueOf(key: ReportedIndicatorKey, figures: MonthFigures): IndicatorValue {
  if (isMarketingIndicatorKey(key)) return figures.marketing ? marketingValues(figures.marketing, figures)[key] : null;
  return { ...figures.report.indicators, ...figures.profit.indicators }[key];
}

function marketingValues(marketing: NonNullable<MonthFigures["marketing"]>, figures: MonthFigures): Record<MarketingIndicatorKey, number | null> {
  return marketingJson(marketing, figures.report.indicators.net_sales as bigint);
}

function formulaOf(key: ReportedIndicatorKey, figures: MonthFigures, l10n: Localizer): Formula {
  const { currency } = figures;
  const { t, locale } = l10n;
  const { totals, payments, shipping, customers } = figures.report;
  const { parts } = figures.profit;
  const money = (value: bigint) => formatValue("money", exactAmount(value), currency, locale);
  const count = (value: number) => formatValue("count", value, currency, locale);
  const shown = (indicator: ReportedIndicatorKey) => formatValue(REPORTED_INDICATORS[indicator].kind, displayed(valueOf(indicator, figures)), currency, locale);
  const label = (indicator: ReportedIndicatorKey) => t(`indicators.${indicator}.label`);
  const marketingSpend = money(parts.marketingSpend);
  switch (key) {
    case "gross_sales":
      return { values: { orders: count(totals.orders), units: count(totals.units) } };
    case "discounts":
    case "returns":
      return {
        values: { orders: count(totals.orders), gross_sales: money(totals.grossSales), share: shown(key === "discounts" ? "discount_rate" : "return_rate") },
      };
    case "net_sales":
      return { values: { gross_sales: money(totals.grossSales), discounts: money(totals.discounts), returns: money(totals.returns) } };
    case "orders": {
      const days = periodLength(figures.period);
      return { values: { days: count(days), perDay: formatValue("decimal", totals.orders / days, currency, locale) } };
    }
    case "aov":
      return { values: { gross_sales: money(totals.grossSales), discounts: money(totals.discounts), orders: count(totals.orders) }, divisor: label("orders") };
    case "units":
      return { values: { orders: count(totals.orders) } };
    case "units_per_order":
      return { values: { units: count(totals.units), orders: count(totals.orders) }, divisor: label("orders") };
    case "customers":
      return { values: { orders: count(totals.orders) } };
    case "new_customers":
      return { values: { customers: count(customers.customers) } };
    case "returning_customer_rate":
      return { values: { customers: count(customers.customers), new_customers: count(totals.newCustomers) }, divisor: label("customers") };
    case "repurchase_rate":
      return { values: { repeat: count(customers.repeatCustomers), customers: count(customers.customers) }, divisor: label("customers") };
    case "cogs":
    case "gross_profit":
      return { values: { known_net: money(totals.knownCostNet), cogs: money(totals.cogs) } };
    case "gross_margin":
      return { values: { gross_profit: shown("gross_profit"), known_net: money(totals.knownCostNet) }, divisor: t("lessons.worked.parts.knownNet") };
    case "cost_coverage":
      return { values: { known_gross: money(totals.knownCostGross), gross_sales: money(totals.grossSales) }, divisor: label("gross_sales") };
    case "discount_rate":
      return { values: { discounts: money(totals.discounts), gross_sales: money(totals.grossSales) }, divisor: label("gross_sales") };
    case "return_rate":
      return { values: { returns: money(totals.returns), gross_sales: money(totals.grossSales) }, divisor: label("gross_sales") };
    case "transaction_fees":
    case "fee_coverage":
      return { values: { payments: money(payments.payments), known: money(payments.paymentsFeeKnown) }, divisor: t("lessons.worked.parts.payments") };
    case "shipping_costs":
    case "shipping_coverage":
      return { values: { shipments: count(shipping.shipments), known: count(shipping.shipmentsCostKnown) }, divisor: t("lessons.worked.parts.shipments") };
    case "custom_costs":
      return { values: { days: count(periodLength(figures.period)) } };
    case "cogs_all":
      return parts.defaultCostRate === null
        ? { values: { cogs: money(parts.cogs) }, template: "cogsAllNoRate" }
        : {
            values: {
              cogs: money(parts.cogs),
              rate: formatValue("ratio", Number(parts.defaultCostRate), currency, locale),
              uncosted: money(parts.netSales - parts.knownCostNet),
            },
          };
    case "net_profit":
      return {
        values: {
          net_sales: money(parts.netSales),
          cogs_all: shown("cogs_all"),
          fees: money(parts.transactionFees),
          shipping: money(parts.shippingCosts),
          marketing: marketingSpend,
          other: shown("custom_costs"),
        },
      };
    case "net_margin":
      return { values: { net_profit: shown("net_profit"), net_sales: money(parts.netSales) }, divisor: label("net_sales") };
    case "mer":
      return { values: { net_sales: money(parts.netSales), marketing: marketingSpend }, divisor: label("marketing_spend") };
    case "cac":
      return { values: { marketing: marketingSpend, new_customers: count(totals.newCustomers) }, divisor: label("new_customers") };
    case "ad_spend": {
      const sources = Object.entries(figures.marketing?.adSpendBySource ?? {}).map(
        ([source, amount]) => `${adSpendSourceLabel(source, l10n)} ${money(amount)}`,
      );
      return sources.length === 0 ? { values: {}, template: "adSpendNone" } : { values: { sources: sources.join(" + ") } };
    }
    case "marketing_spend": {
      const promotions = money(figures.marketing?.promotionSpend ?? 0n);
      return figures.marketing?.adsCounted
        ? { values: { ad_spend: money(figures.marketing.adSpend), promotions } }
        : { values: { promotions }, template: "marketingSpendPromotions" };
    }
    case "marketing_cost_ratio":
      return { values: { marketing: marketingSpend, net_sales: money(parts.netSales) }, divisor: label("net_sales") };
    case "roas":
      return { values: { revenue: money(figures.marketing?.attributedRevenue ?? 0n), marketing: marketingSpend }, divisor: label("marketing_spend") };
  }
}

/** The indicator worked out on the month's figures, in the reader's words. */
export function workedExample(key: ReportedIndicatorKey, figures: MonthFigures, l10n: Localizer): WorkedExample {
  const { t, locale } = l10n;
  const month = monthLabel(figures.period, locale);
  const indicator = t(`indicators.${key}.label`);
  if (isMarketingIndicatorKey(key) && figures.marketing === null) return { month, text: t("lessons.worked.noMarketing", { month }), result: null, note: null };
  const value = valueOf(key, figures);
  const result = formatValue(REPORTED_INDICATORS[key].kind, displayed(value), figures.currency, locale);
  if (figures.report.totals.orders === 0 && !WITHOUT_ORDERS.has(key))
    return { month, text: t("lessons.worked.noOrders", { month, indicator, result }), result, note: null };
  const formula = formulaOf(key, figures, l10n);
  const text = t(`lessons.worked.${formula.template ?? key}`, { ...formula.values, result });
  const note = value === null && formula.divisor ? t("lessons.worked.zeroDivisor", { divisor: formula.divisor, month }) : null;
  return { month, text, result, note };
}
