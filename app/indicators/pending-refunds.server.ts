/**
 * Refunds still without their lines. The first sync stores the orders, shows the indicators, then
 * reads refund details newest first: until a period's refunds all have theirs, its returns, net
 * sales, margins and products' figures aren't final (a refund's amounts come from its lines).
 */
import type { PrismaClient } from "@prisma/client";
import type { Period } from "~/lib/calendar";
import { timeZone } from "@throughline/shopify-common/time-zone";

/** How many refunds made in `period` (the shop's days, in its time zone) still lack their details. */
export function refundsWithoutDetails(db: PrismaClient, shop: string, zone: string, period: Period): Promise<number> {
  const tz = timeZone(zone);
  return db.refund.count({
    where: { shop, linesComplete: false, createdAt: { gte: new Date(tz.startOfDay(period.from)), lt: new Date(tz.startOfDay(period.to + 1)) } },
  });
}
