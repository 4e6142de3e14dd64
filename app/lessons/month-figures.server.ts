/**
 * The figures a lesson works its example on: the last full calendar month in the shop's time zone,
 * read as the dashboard reads a period (the same report, profit figures and marketing totals), so the
 * worked result is the dashboard's for that month.
 */
import type { PrismaClient, Shop } from "@prisma/client";
import { hasMarketingFigures } from "~/ads/marketing-spend.server";
import { profitFiguresOf } from "~/indicators/profit-report.server";
import { periodReport } from "~/indicators/report.server";
import { rollupsReadyFor } from "~/indicators/rollups.server";
import { presetPeriod, type Period } from "~/lib/calendar";
import { marketingTotalsByPeriod } from "~/promotions/promotions.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import type { MonthFigures } from "./worked-example";

/** The last calendar month that has ended, in the shop's time zone. */
export function lastFullMonth(shop: Pick<Shop, "ianaTimezone">, now: Date): Period {
  return presetPeriod("last_month", timeZone(shop.ianaTimezone).localDay(now.getTime()));
}

/** A period's figures as the dashboard has them, or null while the store's daily figures aren't ready (never synced, or being rebuilt). */
export async function monthFigures(db: PrismaClient, shop: Shop, period: Period): Promise<MonthFigures | null> {
  if (!rollupsReadyFor(shop)) return null;
  const [report, marketing] = await Promise.all([periodReport(db, shop.shop, period), hasMarketingFigures(db, shop.shop)]);
  const [[profit], totals] = await Promise.all([
    profitFiguresOf(db, shop.shop, [report]),
    marketing ? marketingTotalsByPeriod(db, shop.shop, shop.ianaTimezone, [period]) : Promise.resolve([null]),
  ]);
  return { period, currency: shop.currencyCode, report, profit: profit!, marketing: totals[0] ?? null };
}
