/**
 * Every CSV the app writes is made here, so no export can forget the one rule that matters for
 * spreadsheets: a text cell starting with =, +, -, @, a tab or a carriage return (or their full-width
 * forms) would be read as a live formula (OWASP "CSV injection"); it gets a leading single quote.
 * Titles come from staff and from the store, so any of them can start that way. Numbers stay
 * numbers: a negative return in a numeric column is written as -12.5, not as text.
 */
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | bigint | boolean | null | undefined;

export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => [...row]),
    { cast: { number: String, bigint: String }, escape_formulas: true },
  );
}
