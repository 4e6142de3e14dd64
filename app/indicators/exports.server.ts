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
import { timeZone } from "~/lib/time-zone";
import { trendGranularity } from "./dashboard.server";
import { INDICATORS, ORDER_INDICATOR_KEYS, type IndicatorKind } from "./definitions";
import { jsonValue, type JsonValue } from "./json";
import type { IndicatorValue, ProductIndicators } from "./engine";
import { granularityFromParams, periodFromParams } from "./period-params";
import { productReport, seriesReport } from "./report.server";
import { rollupsReady } from "./rollups.server";

/** A column's heading: its name and unit. */
export function csvHeading(label: string, kind: IndicatorKind, currency: string): string {
  return kind === "money" ? `${label} (${currency})` : kind === "ratio" ? `${label} (%)` : label;
}

/** A value as a spreadsheet takes it: money to the cent, rates in percent and decimals to two places. */
export function csvValue(kind: IndicatorKind, value: IndicatorValue): CsvCell {
  const number: JsonValue = jsonValue(value);
  if (number === null) return null;
  if (kind === "ratio") return Math.round(number * 10_000) / 100;
  if (kind === "decimal") return Math.round(number * 100) / 100;
  return number;
}

/** The product table's columns: what each is called and what kind of value it holds. */
const PRODUCT_CSV: readonly { key: keyof ProductIndicators; label: string; kind: IndicatorKind | "text" }[] = [
  { key: "product_id", label: "Product ID", kind: "text" },
  { key: "title", label: "Product", kind: "text" },
  { key: "units", label: "Units sold", kind: "count" },
  { key: "gross_sales", label: "Gross sales", kind: "money" },
  { key: "discounts", label: "Discounts", kind: "money" },
  { key: "returns", label: "Returns", kind: "money" },
  { key: "net_sales", label: "Net sales", kind: "money" },
  { key: "orders", label: "Orders", kind: "count" },
  { key: "attach_rate", label: "Attach rate", kind: "ratio" },
  { key: "attraction_rate", label: "Attraction rate", kind: "ratio" },
  { key: "new_customers", label: "New customers", kind: "count" },
  { key: "cogs", label: "Cost of goods sold", kind: "money" },
  { key: "gross_profit", label: "Gross profit", kind: "money" },
  { key: "gross_margin", label: "Gross margin", kind: "ratio" },
  { key: "cost_coverage", label: "Cost coverage", kind: "ratio" },
];

/** The products export's heading row. */
export const productCsvHeadings = (currency: string) => PRODUCT_CSV.map((column) => (column.kind === "text" ? column.label : csvHeading(column.label, column.kind, currency)));

export type CsvExport = { ok: true; filename: string; body: string } | { ok: false; status: number; message: string };

async function prepare(db: PrismaClient, shop: string, params: URLSearchParams, now: Date) {
  const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  if (!record) return { error: { ok: false as const, status: 404, message: "This store has not been synced yet." } };
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const choice = periodFromParams(params, today);
  if (choice.error) return { error: { ok: false as const, status: 400, message: choice.error } };
  if (choice.period.from >= today) return { error: { ok: false as const, status: 400, message: "No day of this period has ended yet: exports hold whole days." } };
  if (!(await rollupsReady(db, shop))) return { error: { ok: false as const, status: 409, message: "Indicators are still being computed; try again in a minute." } };
  const period = { from: choice.period.from, to: Math.min(choice.period.to, today - 1) };
  return { period, from: formatDay(period.from), to: formatDay(period.to), record };
}

export async function indicatorsCsv(db: PrismaClient, shop: string, params: URLSearchParams, now: Date): Promise<CsvExport> {
  const prepared = await prepare(db, shop, params, now);
  if ("error" in prepared) return prepared.error!;
  const { period, from, to, record } = prepared;
  const by = granularityFromParams(params, trendGranularity(period));
  const series = await seriesReport(db, shop, period, by);
  const headings = ["Start", "End", ...ORDER_INDICATOR_KEYS.map((key) => csvHeading(INDICATORS[key].label, INDICATORS[key].kind, record.currencyCode))];
  const rows = series.map((bucket) => [formatDay(bucket.period.from), formatDay(bucket.period.to), ...ORDER_INDICATOR_KEYS.map((key) => csvValue(INDICATORS[key].kind, bucket.indicators[key]))]);
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
