import type { PrismaClient } from "@prisma/client";
import { EARLIEST_DAY, formatDay, GRANULARITIES, LATEST_DAY, parseDay, seriesSpanError, typeableDay, type Granularity, type Period } from "~/lib/calendar";
import { parseShopDomain, UsageError } from "./usage-error";

export const REPORT_OPTIONS = {
  shop: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  json: { type: "boolean" },
} as const;

/** A date flag: a calendar date within the dates anyone may type (2000–2099, as in every form). */
export function parseDate(value: string | boolean | undefined, flag: string): number {
  if (value === undefined || typeof value !== "string") throw new UsageError(`${flag} is required (a date in the shop's time zone, YYYY-MM-DD)`);
  const shown = value.slice(0, 40);
  const day = parseDay(value.trim());
  if (day === null) throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got "${shown}"`);
  if (!typeableDay(day)) throw new UsageError(`${flag} must be between ${formatDay(EARLIEST_DAY)} and ${formatDay(LATEST_DAY)}, got "${shown}"`);
  return day;
}

/** --from and --to, in order; with `by`, no longer than a series of that bucket size may cover. */
export function parsePeriod(values: Record<string, string | boolean | undefined>, by?: Granularity): Period {
  const from = parseDate(values.from, "--from");
  const to = parseDate(values.to, "--to");
  if (from > to) throw new UsageError(`--from (${String(values.from)}) is after --to (${String(values.to)})`);
  const tooLong = by ? seriesSpanError({ from, to }, by) : null;
  if (tooLong) throw new UsageError(`--by ${by}: ${tooLong}`);
  return { from, to };
}

export function parseGranularity(value: string | boolean | undefined): Granularity | undefined {
  if (value === undefined) return undefined;
  if (!(GRANULARITIES as readonly unknown[]).includes(value)) throw new UsageError(`--by must be one of ${GRANULARITIES.join(", ")}, got "${String(value).slice(0, 40)}"`);
  return value as Granularity;
}

/** The shop, which must have been synced into this database. */
export async function knownShop(db: PrismaClient, value: string | boolean | undefined): Promise<{ shop: string; currencyCode: string; ianaTimezone: string }> {
  const shop = parseShopDomain(value as string | undefined);
  const record = await db.shop.findUnique({ where: { shop }, select: { shop: true, currencyCode: true, ianaTimezone: true } });
  if (!record) throw new UsageError(`unknown shop "${shop}": sync it first (npm run --silent cli -- sync --shop ${shop})`);
  return record;
}
