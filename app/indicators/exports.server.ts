/**
 * CSV exports of the dashboard: the indicator series and the product table for the period the URL
 * asks for (the same parameters as the dashboard). Values as the CLI prints them: money rounded to
 * 2 decimals in the shop currency, ratios as unrounded fractions, empty where undefined; text cells
 * that a spreadsheet would run as a formula are neutralized (`~/lib/csv`).
 */
import type { PrismaClient } from "@prisma/client";
import { formatDay } from "~/lib/calendar";
import { csvText } from "~/lib/csv";
import { timeZone } from "~/lib/time-zone";
import { trendGranularity } from "./dashboard.server";
import { ORDER_INDICATOR_KEYS } from "./definitions";
import { indicatorsJson, PRODUCT_COLUMNS, productJson } from "./json";
import { granularityFromParams, periodFromParams } from "./period-params";
import { productReport, seriesReport } from "./report.server";
import { rollupsReady } from "./rollups.server";

export type CsvExport = { ok: true; filename: string; body: string } | { ok: false; status: number; message: string };

async function prepare(db: PrismaClient, shop: string, params: URLSearchParams, now: Date) {
  const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  if (!record) return { error: { ok: false as const, status: 404, message: "This store has not been synced yet." } };
  const choice = periodFromParams(params, timeZone(record.ianaTimezone).localDay(now.getTime()));
  if (choice.error) return { error: { ok: false as const, status: 400, message: choice.error } };
  if (!(await rollupsReady(db, shop))) return { error: { ok: false as const, status: 409, message: "Indicators are still being computed; try again in a minute." } };
  return { choice, record };
}

export async function indicatorsCsv(db: PrismaClient, shop: string, params: URLSearchParams, now: Date): Promise<CsvExport> {
  const prepared = await prepare(db, shop, params, now);
  if ("error" in prepared) return prepared.error!;
  const { choice, record } = prepared;
  const by = granularityFromParams(params, trendGranularity(choice.period));
  const series = await seriesReport(db, shop, choice.period, by);
  const rows = series.map((bucket) => {
    const values = indicatorsJson(bucket.indicators);
    return [formatDay(bucket.period.from), formatDay(bucket.period.to), ...ORDER_INDICATOR_KEYS.map((key) => values[key])];
  });
  return {
    ok: true,
    filename: `indicators-${record.currencyCode}-${choice.from}-${choice.to}-by-${by}.csv`,
    body: csvText([["start", "end", ...ORDER_INDICATOR_KEYS], ...rows]),
  };
}

export async function productsCsv(db: PrismaClient, shop: string, params: URLSearchParams, now: Date): Promise<CsvExport> {
  const prepared = await prepare(db, shop, params, now);
  if ("error" in prepared) return prepared.error!;
  const { choice, record } = prepared;
  const products = (await productReport(db, shop, choice.period)).map(productJson);
  return {
    ok: true,
    filename: `products-${record.currencyCode}-${choice.from}-${choice.to}.csv`,
    body: csvText([[...PRODUCT_COLUMNS], ...products.map((product) => PRODUCT_COLUMNS.map((column) => product[column]))]),
  };
}

export function csvResponse(result: CsvExport): Response {
  if (!result.ok) return new Response(result.message, { status: result.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(result.body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${result.filename}"`, "Cache-Control": "no-store" },
  });
}
