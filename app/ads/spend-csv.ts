/**
 * Daily spend of channels no platform connection covers (influencers, print, a podcast), as a
 * spreadsheet (pure): `date,channel,campaign,spend,currency`, one day of one channel a line. The
 * campaign is a promotion the team logged, named by its UTM campaign or its title (in any case):
 * the imported days are then that promotion's spend. Every line is checked before anything is
 * stored; a bad line is reported with its number and nothing is imported (the command line and the
 * page alike).
 */
import { currentLocalizer } from "~/i18n/scope";
import { readAmount } from "~/lib/amount-input";
import { formatDay, parseDay } from "~/lib/calendar";
import { csvRecords } from "~/lib/csv-records";
import { containsNul } from "~/lib/storable-text";
import type { Money } from "@throughline/shopify-common/money";
import { decodeUtf8 } from "~/promotions/promotions-csv";

export const SPEND_CSV_HEADER = ["date", "channel", "campaign", "spend", "currency"] as const;
export const MAX_SPEND_ROWS = 100_000;
export const MAX_SPEND_BYTES = 5 * 1024 * 1024;
/** How far back a day may be: the two years the app reads from the platforms. */
export const SPEND_DAYS_BACK = 730;
const MAX_CHANNEL_LENGTH = 100;
const MAX_LISTED_ERRORS = 50;

export interface ImportedSpendRow {
  date: string;
  channel: string;
  promotionId: number;
  spend: Money;
}

export interface SpendCsvContext {
  shopCurrency: string;
  /** Today in the shop's time zone (a day number): no day after it, none more than SPEND_DAYS_BACK before. */
  today: number;
  /** The live promotions a campaign cell may name, by UTM campaign or title. */
  promotions: { id: number; title: string; utmCampaign: string | null }[];
}

export type SpendCsvImport = { ok: true; rows: ImportedSpendRow[] } | { ok: false; errors: string[] };

const refused = (...errors: string[]): SpendCsvImport => ({ ok: false, errors });

export function readSpendCsv(bytes: Uint8Array, context: SpendCsvContext): SpendCsvImport {
  const { t, locale } = currentLocalizer();
  if (bytes.length > MAX_SPEND_BYTES) {
    return refused(
      t("ads.csv.tooLarge", {
        size: (bytes.length / 1024 / 1024).toFixed(1),
        maxSize: MAX_SPEND_BYTES / 1024 / 1024,
        maxRows: MAX_SPEND_ROWS.toLocaleString(locale),
      }),
    );
  }
  const decoded = decodeUtf8(bytes);
  return "error" in decoded ? refused(decoded.error) : parseSpendCsv(decoded.text, context);
}

export function parseSpendCsv(text: string, context: SpendCsvContext): SpendCsvImport {
  const { t, locale } = currentLocalizer();
  const header = SPEND_CSV_HEADER.join(",");
  const read = csvRecords(text, t("ads.csv.empty", { header }));
  if ("error" in read) return refused(read.error);
  const [first, ...rows] = read.records;
  const columns = (first?.record ?? []).map((cell) => cell.trim().toLowerCase());
  if (columns.length !== SPEND_CSV_HEADER.length || SPEND_CSV_HEADER.some((name) => !columns.includes(name))) {
    return refused(t("ads.csv.header", { header, found: (first?.record ?? []).join(",").slice(0, 200) }));
  }
  if (rows.length === 0) return refused(t("ads.csv.noRows"));
  if (rows.length > MAX_SPEND_ROWS)
    return refused(t("ads.csv.tooManyRows", { rows: rows.length.toLocaleString(locale), maxRows: MAX_SPEND_ROWS.toLocaleString(locale) }));
  const at = Object.fromEntries(SPEND_CSV_HEADER.map((name) => [name, columns.indexOf(name)])) as Record<(typeof SPEND_CSV_HEADER)[number], number>;
  const byUtm = new Map<string, number>();
  const byTitle = new Map<string, number>();
  for (const promotion of context.promotions) {
    if (promotion.utmCampaign) byUtm.set(promotion.utmCampaign.toLowerCase(), promotion.id);
    byTitle.set(promotion.title.toLowerCase(), promotion.id);
  }
  const [earliest, latest] = [formatDay(context.today - SPEND_DAYS_BACK + 1), formatDay(context.today)];
  const errors: string[] = [];
  const imported: ImportedSpendRow[] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const cell = (name: (typeof SPEND_CSV_HEADER)[number]) => record[at[name]] ?? "";
    if (record.some((value) => containsNul(value))) {
      errors.push(t("ads.csv.nul", { line }));
      continue;
    }
    const problems: string[] = [];
    const date = cell("date");
    const day = parseDay(date);
    if (day === null) problems.push(t("ads.csv.date", { given: date.slice(0, 30) }));
    else if (date < earliest || date > latest) problems.push(t("ads.csv.dateOutOfRange", { date, earliest, latest }));
    const channel = cell("channel");
    if (channel === "") problems.push(t("ads.csv.channelMissing"));
    else if (channel.length > MAX_CHANNEL_LENGTH) problems.push(t("ads.csv.channelTooLong", { max: MAX_CHANNEL_LENGTH }));
    const campaign = cell("campaign");
    const promotionId = byUtm.get(campaign.toLowerCase()) ?? byTitle.get(campaign.toLowerCase());
    if (campaign === "") problems.push(t("ads.csv.campaignMissing"));
    else if (promotionId === undefined) problems.push(t("ads.csv.unknownCampaign", { campaign: campaign.slice(0, 100) }));
    const currency = cell("currency").toUpperCase();
    if (currency !== context.shopCurrency) problems.push(t("ads.csv.currency", { given: cell("currency").slice(0, 10), currency: context.shopCurrency }));
    const spend = readAmount(cell("spend"), "spend");
    if ("error" in spend) problems.push(spend.error);
    const key = `${date}\u0000${channel}\u0000${promotionId}`;
    if (problems.length === 0 && lineOf.has(key)) problems.push(t("ads.csv.twice", { line: lineOf.get(key)! }));
    if (problems.length > 0) {
      errors.push(t("cli.csv.row", { line, problems: problems.join(" ") }));
      continue;
    }
    lineOf.set(key, line);
    imported.push({ date, channel, promotionId: promotionId!, spend: (spend as { value: Money }).value });
  }
  if (errors.length === 0) return { ok: true, rows: imported };
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  return refused(...listed, ...(errors.length > listed.length ? [t("cli.csv.moreRows", { count: errors.length - listed.length })] : []));
}
