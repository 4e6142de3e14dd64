import type { PrismaClient } from "@prisma/client";
import { EARLIEST_DAY, formatDay, GRANULARITIES, LATEST_DAY, parseDay, seriesSpanError, typeableDay, type Granularity, type Period } from "~/lib/calendar";
import { currentLocalizer } from "~/i18n/scope";
import { parseShopDomain, UsageError } from "./usage-error";

export const REPORT_OPTIONS = {
  shop: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  json: { type: "boolean" },
} as const;

/** A date flag: a calendar date within the dates anyone may type (2000–2099, as in every form). */
export function parseDate(value: string | boolean | undefined, flag: string): number {
  const { t } = currentLocalizer();
  if (value === undefined || typeof value !== "string") throw new UsageError(t("cli.args.dateRequired", { flag }));
  const shown = value.slice(0, 40);
  const day = parseDay(value.trim());
  if (day === null) throw new UsageError(t("cli.args.dateFormat", { flag, value: shown }));
  if (!typeableDay(day))
    throw new UsageError(t("cli.args.dateRange", { flag, earliest: formatDay(EARLIEST_DAY), latest: formatDay(LATEST_DAY), value: shown }));
  return day;
}

/** --from and --to, in order; with `by`, no longer than a series of that bucket size may cover. */
export function parsePeriod(values: Record<string, string | boolean | undefined>, by?: Granularity): Period {
  const from = parseDate(values.from, "--from");
  const to = parseDate(values.to, "--to");
  const { t } = currentLocalizer();
  if (from > to) throw new UsageError(t("cli.args.fromAfterTo", { from: String(values.from), to: String(values.to) }));
  const tooLong = by ? seriesSpanError({ from, to }, by) : null;
  if (tooLong) {
    const { locale } = currentLocalizer();
    const problem = t(by === "day" ? "cli.args.seriesByDay" : "cli.args.seriesLonger", {
      by,
      most: tooLong.most.toLocaleString(locale),
      days: tooLong.days.toLocaleString(locale),
    });
    throw new UsageError(t("cli.args.byTooLong", { by, problem }));
  }
  return { from, to };
}

export function parseGranularity(value: string | boolean | undefined): Granularity | undefined {
  if (value === undefined) return undefined;
  if (!(GRANULARITIES as readonly unknown[]).includes(value))
    throw new UsageError(currentLocalizer().t("cli.args.by", { choices: GRANULARITIES.join(", "), value: String(value).slice(0, 40) }));
  return value as Granularity;
}

/** The shop, which must have been synced into this database. */
export async function knownShop(db: PrismaClient, value: string | boolean | undefined): Promise<{ shop: string; currencyCode: string; ianaTimezone: string }> {
  const shop = parseShopDomain(value as string | undefined);
  const record = await db.shop.findUnique({ where: { shop }, select: { shop: true, currencyCode: true, ianaTimezone: true } });
  if (!record) throw new UsageError(currentLocalizer().t("cli.args.unknownShop", { shop }));
  return record;
}
