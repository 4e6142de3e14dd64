/**
 * CSV exports of the dashboard: the indicator series and the product table for the period the URL
 * asks for (the same parameters as the dashboard), for a spreadsheet: columns named in words with
 * their unit ("Net sales (EUR)", "Gross margin (%)"), money rounded to the cent, rates as
 * percentages to two decimals, dates as YYYY-MM-DD, empty where undefined. Only days that have
 * ended are exported: a period reaching today stops yesterday (today's few hours would read as a
 * slump). Text cells a spreadsheet would run as a formula are neutralized (`~/lib/csv`).
 */
import type { PrismaClient } from "@prisma/client";
import { formatDay } from "~/lib/calendar";
import { csvText, type CsvCell } from "~/lib/csv";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { trendGranularity } from "./dashboard-report.server";
import { COST_INDICATOR_KEYS, ORDER_INDICATOR_KEYS, PROFIT_INDICATOR_KEYS, REPORTED_INDICATORS, type IndicatorKind } from "./definitions";
import { jsonValue, type JsonValue } from "./json";
import type { IndicatorValue, ProductIndicators } from "./engine";
import { granularityFromParams, periodFromParams } from "./period-params";
import { profitIndicatorsOf } from "./profit-report.server";
import { marketingSpendByPeriod } from "~/ads/marketing-spend.server";
import { productReport, seriesReport } from "./report.server";
import { rollupsReady } from "./rollups.server";
import type { Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";

/** A column's heading: its name and unit. */
export function csvHeading(label: string, kind: IndicatorKind, currency: string, { t }: Pick<Localizer, "t"> = currentLocalizer()): string {
  return kind === "money" ? t("exports.withCurrency", { label, currency }) : kind === "ratio" ? t("exports.withPercent", { label }) : label;
}

/** A value as a spreadsheet takes it: money to the cent, rates in percent and decimals to two places. */
export function csvValue(kind: IndicatorKind, value: IndicatorValue): CsvCell {
  const number: JsonValue = jsonValue(value);
  if (number === null) return null;
  if (kind === "ratio") return Math.round(number * 10_000) / 100;
  if (kind === "decimal") return Math.round(number * 100) / 100;
  return number;
}

/** The product table's columns: what each holds, and the message that names it. */
const PRODUCT_CSV = [
  { key: "product_id", label: "exports.productId", kind: "text" },
  { key: "title", label: "exports.product", kind: "text" },
  { key: "units", label: "indicators.units.label", kind: "count" },
  { key: "gross_sales", label: "indicators.gross_sales.label", kind: "money" },
  { key: "discounts", label: "indicators.discounts.label", kind: "money" },
  { key: "returns", label: "indicators.returns.label", kind: "money" },
  { key: "net_sales", label: "indicators.net_sales.label", kind: "money" },
  { key: "orders", label: "indicators.orders.label", kind: "count" },
  { key: "attach_rate", label: "home.products.attachRate", kind: "ratio" },
  { key: "attraction_rate", label: "home.products.attractionRate", kind: "ratio" },
  { key: "new_customers", label: "indicators.new_customers.label", kind: "count" },
  { key: "cogs", label: "indicators.cogs.label", kind: "money" },
  { key: "cogs_all", label: "indicators.cogs_all.label", kind: "money" },
  { key: "gross_profit", label: "indicators.gross_profit.label", kind: "money" },
  { key: "gross_margin", label: "indicators.gross_margin.label", kind: "ratio" },
  { key: "cost_coverage", label: "indicators.cost_coverage.label", kind: "ratio" },
] as const satisfies readonly { key: keyof ProductIndicators; label: string; kind: IndicatorKind | "text" }[];

/** The products export's heading row, in the localizer's language. */
export const productCsvHeadings = (currency: string, l10n: Pick<Localizer, "t"> = currentLocalizer()) =>
  PRODUCT_CSV.map((column) => (column.kind === "text" ? l10n.t(column.label) : csvHeading(l10n.t(column.label), column.kind, currency, l10n)));

export type CsvExport = { ok: true; filename: string; body: string } | { ok: false; status: number; message: string };

async function prepare(db: PrismaClient, shop: string, params: URLSearchParams, now: Date) {
  const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  const { t } = currentLocalizer();
  if (!record) return { error: { ok: false as const, status: 404, message: t("exports.notSynced") } };
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const choice = periodFromParams(params, today);
  if (choice.error) return { error: { ok: false as const, status: 400, message: choice.error } };
  if (choice.period.from >= today) return { error: { ok: false as const, status: 400, message: t("exports.noDayEnded") } };
  if (!(await rollupsReady(db, shop))) return { error: { ok: false as const, status: 409, message: t("exports.computing") } };
  const period = { from: choice.period.from, to: Math.min(choice.period.to, today - 1) };
  return { period, from: formatDay(period.from), to: formatDay(period.to), record };
}

export async function indicatorsCsv(db: PrismaClient, shop: string, params: URLSearchParams, now: Date): Promise<CsvExport> {
  const prepared = await prepare(db, shop, params, now);
  if ("error" in prepared) return prepared.error!;
  const { period, from, to, record } = prepared;
  const by = granularityFromParams(params, trendGranularity(period));
  const series = await seriesReport(db, shop, period, by);
  const [profits, spends] = await Promise.all([
    profitIndicatorsOf(db, shop, series),
    marketingSpendByPeriod(
      db,
      shop,
      series.map((bucket) => bucket.period),
    ),
  ]);
  const { t } = currentLocalizer();
  // The store's indicators, then the whole cost of a sale's with net profit, as `indicators --json`
  // orders them, and the spend net profit took: ad spend and marketing spend.
  const keys = [...ORDER_INDICATOR_KEYS, ...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS, "ad_spend", "marketing_spend"] as const;
  const headings = [
    t("exports.start"),
    t("exports.end"),
    ...keys.map((key) => csvHeading(t(`indicators.${key}.label`), REPORTED_INDICATORS[key].kind, record.currencyCode)),
  ];
  const rows = series.map((bucket, index) => {
    const spend = spends[index]!;
    const figures = { ...bucket.indicators, ...profits[index]!, ad_spend: spend.adSpend, marketing_spend: spend.marketingSpend };
    return [formatDay(bucket.period.from), formatDay(bucket.period.to), ...keys.map((key) => csvValue(REPORTED_INDICATORS[key].kind, figures[key]))];
  });
  return { ok: true, filename: `indicators-${record.currencyCode}-${from}-${to}-by-${by}.csv`, body: csvText([headings, ...rows]) };
}

export async function productsCsv(db: PrismaClient, shop: string, params: URLSearchParams, now: Date): Promise<CsvExport> {
  const prepared = await prepare(db, shop, params, now);
  if ("error" in prepared) return prepared.error!;
  const { period, from, to, record } = prepared;
  const rows = (await productReport(db, shop, period)).map((product) =>
    PRODUCT_CSV.map((column) => (column.kind === "text" ? (product[column.key] as string) : csvValue(column.kind, product[column.key] as IndicatorValue))),
  );
  return { ok: true, filename: `products-${record.currencyCode}-${from}-${to}.csv`, body: csvText([productCsvHeadings(record.currencyCode), ...rows]) };
}

export function csvResponse(result: CsvExport): Response {
  if (!result.ok) return new Response(result.message, { status: result.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(result.body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${result.filename}"`, "Cache-Control": "no-store" },
  });
}
