/**
 * A spreadsheet read for import (promotions, shipping costs, daily spend), the part every importer
 * shares: refused when empty, parsed with csv-parse (a BOM, blank lines and surrounding spaces
 * ignored), each record with the line it starts on, or why the text isn't CSV with that line.
 */
import { parse } from "csv-parse/sync";
import { currentLocalizer } from "~/i18n/scope";

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The records (the header first), or the one message refusing the file. */
export function csvRecords(text: string, emptyMessage: string): { records: CsvRecord[] } | { error: string } {
  const { t } = currentLocalizer();
  if (text.replace(/^\uFEFF/, "").trim() === "") return { error: emptyMessage };
  try {
    return { records: parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as never };
  } catch (error) {
    const problem = (error as Error).message.split("\n")[0]!.slice(0, 300);
    const line = (error as { lines?: number }).lines;
    return { error: line ? t("cli.csv.invalidAt", { line, problem }) : t("cli.csv.invalid", { problem }) };
  }
}
