/**
 * Promotions from a spreadsheet (CSV, the header `title,type,channel,start,end,spend,discount_codes,
 * utm_campaign,indicator,hypothesis,expected_change`, and optionally `owner`; a type or an indicator by its key or by the
 * name the form shows, in either language), read whole and checked whole before anything
 * is stored (pure): the file's size and encoding, its header, its number of rows, then every row
 * through `parsePromotion`, the same bounds as the form. What is wrong is said with its line.
 */
import { csvRecords } from "~/lib/csv-records";
import { translator, type TFunction } from "~/i18n/i18n";
import { LANGUAGES } from "~/i18n/languages";
import { currentLocalizer } from "~/i18n/scope";
import { ORDER_INDICATOR_KEYS } from "~/indicators/definitions";
import { containsNul } from "~/lib/storable-text";
import { parsePromotion, type ParsedPromotion, type PromotionErrors, type RawPromotion } from "./promotion-input";
import { PROMOTION_TYPES } from "./promotion-types";

export const CSV_HEADER = [
  "title",
  "type",
  "channel",
  "start",
  "end",
  "spend",
  "discount_codes",
  "utm_campaign",
  "indicator",
  "hypothesis",
  "expected_change",
] as const;
/**
 * Columns a file may leave out: `owner`, a staff member by name (app/promotions/import-owners.server.ts),
 * and `tactic`, the playbook tactic it follows by its key or title (app/promotions/import-tactics.server.ts).
 */
export const OPTIONAL_COLUMNS = ["owner", "tactic"] as const;
type Column = (typeof CSV_HEADER)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN_COLUMNS: readonly string[] = [...CSV_HEADER, ...OPTIONAL_COLUMNS];

/**
 * The most promotions one file imports: years of a busy team's actions. A larger file is a
 * mistake (an order export, a generated list) or belongs in several imports; bounding it keeps an
 * import to seconds and tens of megabytes.
 */
export const MAX_IMPORT_ROWS = 10_000;
/** The largest file read (5 MB): 10,000 rows of a few hundred characters each, with room to spare. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Bad rows listed one by one; beyond, they are counted. */
export const MAX_LISTED_ERRORS = 50;

/** The CSV column each field of the form is read from, so an error names what the spreadsheet calls it. */
const COLUMN_OF: Partial<Record<keyof RawPromotion, Column>> = {
  title: "title",
  type: "type",
  channel: "channel",
  start: "start",
  end: "end",
  spend: "spend",
  discountCodes: "discount_codes",
  utmCampaign: "utm_campaign",
  indicator: "indicator",
  hypothesis: "hypothesis",
  expectedChange: "expected_change",
  owner: "owner",
  tactic: "tactic",
};

/**
 * The promotions read, each with the line it was on (`lines[i]` is `promotions[i]`'s) and its tactic
 * cell as written (the store's playbook names it: read on the server), or why the file is refused.
 */
export type CsvImport = { ok: true; promotions: ParsedPromotion[]; lines: number[]; tactics: string[] } | { ok: false; errors: string[] };

const refused = (...errors: string[]): CsvImport => ({ ok: false, errors });

/**
 * The offset of the first byte that doesn't belong to valid UTF-8 (the start of the broken
 * sequence), or -1. TextDecoder says only that a file isn't UTF-8; this says where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes and the range the second byte must fall in (overlong forms and surrogates excluded).
    let [count, low, high] = [0, 0x80, 0xbf];
    if (lead >= 0xc2 && lead <= 0xdf) count = 1;
    else if (lead === 0xe0) [count, low] = [2, 0xa0];
    else if (lead >= 0xe1 && lead <= 0xef) [count, high] = [2, lead === 0xed ? 0x9f : 0xbf];
    else if (lead === 0xf0) [count, low] = [3, 0x90];
    else if (lead >= 0xf1 && lead <= 0xf3) count = 3;
    else if (lead === 0xf4) [count, high] = [3, 0x8f];
    else return i;
    for (let k = 1; k <= count; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += count + 1;
  }
  return -1;
}

/** The file's bytes as text, or where they stop being UTF-8: line, byte of the line and the bytes found there. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { error: string } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) [line, lineStart] = [line + 1, i + 1];
    const found = [...bytes.subarray(at, at + 4)].map((byte) => `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(" ");
    return { error: currentLocalizer().t("cli.csv.notUtf8", { line, byteOfLine: at - lineStart + 1, byte: at + 1, found }) };
  }
}

/** A name as people write it: any case, spaces, hyphens and underscores alike ("Price-change", "price_change"). */
const looseName = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/**
 * The keys of a column's choices by every way a spreadsheet may write them: the key itself and
 * the name the form shows for it, in each language ("price change", "调价" and `price_change`).
 */
function choicesByName<Key extends string>(keys: readonly Key[], name: (t: TFunction, key: Key) => string): Map<string, string> {
  const byName = new Map<string, string>();
  for (const language of LANGUAGES) {
    const t = translator(language);
    for (const key of keys) byName.set(looseName(name(t, key)), key);
  }
  for (const key of keys) byName.set(looseName(key), key);
  return byName;
}

let names: { type: Map<string, string>; indicator: Map<string, string> } | null = null;

/** A type or indicator cell as its key when it names one; otherwise as written, for the form's check to refuse with its message. */
function chosenKey(column: "type" | "indicator", cell: string): string {
  names ??= {
    type: choicesByName(PROMOTION_TYPES, (t, key) => t(`promotions.type.${key}`)),
    indicator: choicesByName(ORDER_INDICATOR_KEYS, (t, key) => t(`indicators.${key}.label`)),
  };
  return cell.trim() === "" ? cell : (names[column].get(looseName(cell)) ?? cell);
}

/** A promotion's field errors as one line, each under its column's name. */
function rowErrors(errors: PromotionErrors): string {
  return Object.entries(errors)
    .map(([field, message]) => `${COLUMN_OF[field as keyof RawPromotion] ?? field}: ${message}`)
    .join(" ");
}

/** The file's bytes checked whole: every promotion, or every reason it is refused (nothing is to be imported then). */
export function readPromotionsCsv(bytes: Uint8Array): CsvImport {
  const { t, locale } = currentLocalizer();
  if (bytes.length > MAX_IMPORT_BYTES) {
    return refused(
      t("cli.csv.tooLarge", {
        size: (bytes.length / 1024 / 1024).toFixed(1),
        maxSize: MAX_IMPORT_BYTES / 1024 / 1024,
        maxRows: MAX_IMPORT_ROWS.toLocaleString(locale),
      }),
    );
  }
  const decoded = decodeUtf8(bytes);
  if ("error" in decoded) return refused(decoded.error);
  return parsePromotionsCsv(decoded.text);
}

/** Text already decoded, checked whole (see readPromotionsCsv). */
export function parsePromotionsCsv(text: string): CsvImport {
  const { t, locale } = currentLocalizer();
  const count = (n: number) => n.toLocaleString(locale);
  const read = csvRecords(text, t("cli.csv.empty", { header: CSV_HEADER.join(",") }));
  if ("error" in read) return refused(read.error);
  const [header, ...rows] = read.records;
  const columns = (header?.record ?? []).map((name) => name.toLowerCase());
  const unknown = columns.filter((name) => name !== "" && !KNOWN_COLUMNS.includes(name));
  const twice = columns.filter((name, index) => name !== "" && columns.indexOf(name) !== index);
  const missing = CSV_HEADER.filter((name) => !columns.includes(name));
  const quote = (names: string[]) => names.map((name) => `"${name.slice(0, 40)}"`).join(", ");
  if (missing.length > 0 || unknown.length > 0 || twice.length > 0) {
    const problems = [
      missing.length > 0 ? t("cli.csv.lacks", { columns: missing.join(", ") }) : null,
      unknown.length > 0 ? t("cli.csv.unknownColumns", { columns: quote(unknown) }) : null,
      twice.length > 0 ? t("cli.csv.twice", { columns: quote([...new Set(twice)]) }) : null,
    ];
    return refused(t("cli.csv.header", { problems: problems.filter(Boolean).join(t("cli.csv.and")), header: CSV_HEADER.join(",") }));
  }
  if (rows.length === 0) return refused(t("cli.csv.noRows"));
  if (rows.length > MAX_IMPORT_ROWS) return refused(t("cli.csv.tooManyRows", { rows: count(rows.length), maxRows: count(MAX_IMPORT_ROWS) }));
  const errors: string[] = [];
  const promotions: ParsedPromotion[] = [];
  const lines: number[] = [];
  const tactics: string[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    // Cells past the header's columns would be dropped without a word: refuse them instead.
    const extra =
      record.slice(columns.length).filter((cell) => cell !== "").length +
      record.slice(0, columns.length).filter((cell, index) => columns[index] === "" && cell !== "").length;
    if (extra > 0) {
      errors.push(t("cli.csv.extraCells", { line, count: extra }));
      continue;
    }
    const withNul = columns.filter((name, index) => name !== "" && containsNul(record[index] ?? ""));
    if (withNul.length > 0) {
      errors.push(...withNul.map((column) => t("cli.csv.nul", { line, column })));
      continue;
    }
    const cell = (name: Column) => record[columns.indexOf(name)] ?? "";
    const parsed = parsePromotion({
      title: cell("title"),
      type: chosenKey("type", cell("type")),
      channel: cell("channel"),
      start: cell("start"),
      end: cell("end"),
      spend: cell("spend"),
      discountCodes: cell("discount_codes"),
      utmCampaign: cell("utm_campaign"),
      indicator: chosenKey("indicator", cell("indicator")),
      hypothesis: cell("hypothesis"),
      expectedChange: cell("expected_change"),
      owner: cell("owner"),
    });
    if (parsed.ok) {
      promotions.push(parsed.value);
      lines.push(line);
      tactics.push(cell("tactic").trim());
    } else errors.push(t("cli.csv.row", { line, problems: rowErrors(parsed.errors) }));
  }
  if (errors.length === 0) return { ok: true, promotions, lines, tactics };
  return refused(...listedRowErrors(errors));
}

/** Bad rows as a refusal lists them: the first MAX_LISTED_ERRORS, then how many more. */
export function listedRowErrors(errors: string[]): string[] {
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  return [...listed, ...(errors.length > listed.length ? [currentLocalizer().t("cli.csv.moreRows", { count: errors.length - listed.length })] : [])];
}
