/**
 * A carrier's or 3PL's export of what shipping each order cost, as a spreadsheet (pure): a header
 * naming the order and the cost, then one order a line. Every line is checked before anything is
 * imported; a bad line is reported with its number and nothing is imported (the page and the
 * command line alike).
 */
import { currentLocalizer } from "~/i18n/scope";
import { readAmount } from "~/lib/amount-input";
import { csvRecords } from "~/lib/csv-records";
import { containsNul } from "~/lib/storable-text";
import type { Money } from "@throughline/shopify-common/money";
import { decodeUtf8 } from "~/promotions/promotions-csv";
import { MAX_NAME_LENGTH } from "./cost-input";

export const SHIPPING_CSV_HEADER = ["order name", "cost"] as const;
/** A year of a busy shop's orders; more belongs in several files. */
export const MAX_SHIPPING_ROWS = 100_000;
export const MAX_SHIPPING_BYTES = 5 * 1024 * 1024;
const MAX_LISTED_ERRORS = 50;

/** The header's names as exports write them: "Order name", "order_name", "Order", "Shipping cost". */
const ORDER_COLUMN = new Set(["order name", "order", "name", "order number"]);
const COST_COLUMN = new Set(["cost", "shipping cost", "shipping"]);
const columnName = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

export type ShippingCostsImport = { ok: true; costs: { orderName: string; cost: Money }[] } | { ok: false; errors: string[] };

const refused = (...errors: string[]): ShippingCostsImport => ({ ok: false, errors });

/** The file's bytes checked whole. */
export function readShippingCostsCsv(bytes: Uint8Array): ShippingCostsImport {
  const { t, locale } = currentLocalizer();
  if (bytes.length > MAX_SHIPPING_BYTES)
    return refused(
      t("costs.csv.tooLarge", {
        size: (bytes.length / 1024 / 1024).toFixed(1),
        maxSize: MAX_SHIPPING_BYTES / 1024 / 1024,
        maxRows: MAX_SHIPPING_ROWS.toLocaleString(locale),
      }),
    );
  const decoded = decodeUtf8(bytes);
  return "error" in decoded ? refused(decoded.error) : parseShippingCostsCsv(decoded.text);
}

/** Text already decoded, checked whole. */
export function parseShippingCostsCsv(text: string): ShippingCostsImport {
  const { t, locale } = currentLocalizer();
  const header = SHIPPING_CSV_HEADER.join(",");
  const read = csvRecords(text, t("costs.csv.empty", { header }));
  if ("error" in read) return refused(read.error);
  const [first, ...rows] = read.records;
  const columns = (first?.record ?? []).map(columnName);
  const orderAt = columns.findIndex((name) => ORDER_COLUMN.has(name));
  const costAt = columns.findIndex((name) => COST_COLUMN.has(name));
  const named = columns.filter((name) => name !== "");
  if (orderAt < 0 || costAt < 0 || named.length !== 2) return refused(t("costs.csv.header", { header, found: (first?.record ?? []).join(",").slice(0, 200) }));
  if (rows.length === 0) return refused(t("costs.csv.noRows"));
  if (rows.length > MAX_SHIPPING_ROWS)
    return refused(t("costs.csv.tooManyRows", { rows: rows.length.toLocaleString(locale), maxRows: MAX_SHIPPING_ROWS.toLocaleString(locale) }));
  const errors: string[] = [];
  const costs: { orderName: string; cost: Money }[] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const extra = record.filter((cell, index) => index !== orderAt && index !== costAt && cell !== "").length;
    if (extra > 0) {
      errors.push(t("cli.csv.extraCells", { line, count: extra }));
      continue;
    }
    const orderName = record[orderAt] ?? "";
    const costCell = record[costAt] ?? "";
    if (containsNul(orderName) || containsNul(costCell)) {
      errors.push(t("cli.csv.nul", { line, column: containsNul(orderName) ? "order name" : "cost" }));
      continue;
    }
    const problems: string[] = [];
    if (orderName === "") problems.push(t("costs.csv.orderMissing"));
    else if (orderName.length > MAX_NAME_LENGTH) problems.push(t("costs.csv.orderTooLong", { max: MAX_NAME_LENGTH }));
    else if (lineOf.has(orderName)) problems.push(t("costs.csv.orderTwice", { order: orderName, line: lineOf.get(orderName)! }));
    const cost = readAmount(costCell, "shippingCost");
    if ("error" in cost) problems.push(cost.error);
    if (problems.length > 0) {
      errors.push(t("cli.csv.row", { line, problems: problems.join(" ") }));
      continue;
    }
    lineOf.set(orderName, line);
    costs.push({ orderName, cost: (cost as { value: Money }).value });
  }
  if (errors.length === 0) return { ok: true, costs };
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  return refused(...listed, ...(errors.length > listed.length ? [t("cli.csv.moreRows", { count: errors.length - listed.length })] : []));
}
