import type { PrismaClient } from "@prisma/client";
import { GRANULARITIES, parseDay, type Granularity, type Period } from "~/lib/calendar";
import { parseShopDomain, UsageError } from "./usage-error";

export const REPORT_OPTIONS = {
  shop: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  json: { type: "boolean" },
} as const;

function parseDate(value: string | undefined, flag: string): number {
  if (value === undefined) throw new UsageError(`${flag} is required (a date in the shop's time zone, YYYY-MM-DD)`);
  const day = parseDay(value);
  if (day === null) throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got "${value}"`);
  return day;
}

export function parsePeriod(values: Record<string, string | boolean | undefined>): Period {
  const from = parseDate(values.from as string | undefined, "--from");
  const to = parseDate(values.to as string | undefined, "--to");
  if (from > to) throw new UsageError(`--from (${String(values.from)}) is after --to (${String(values.to)})`);
  return { from, to };
}

export function parseGranularity(value: string | boolean | undefined): Granularity | undefined {
  if (value === undefined) return undefined;
  if (!(GRANULARITIES as readonly unknown[]).includes(value)) throw new UsageError(`--by must be one of ${GRANULARITIES.join(", ")}, got "${String(value)}"`);
  return value as Granularity;
}

/** The shop, which must have been synced into this database. */
export async function knownShop(db: PrismaClient, value: string | boolean | undefined): Promise<{ shop: string; currencyCode: string; ianaTimezone: string }> {
  const shop = parseShopDomain(value as string | undefined);
  const record = await db.shop.findUnique({ where: { shop }, select: { shop: true, currencyCode: true, ianaTimezone: true } });
  if (!record) throw new UsageError(`unknown shop "${shop}": sync it first (npm run --silent cli -- sync --shop ${shop})`);
  return record;
}
