/**
 * A promotion's dates as the instants attribution compares orders with. Its dates are local days in
 * the shop's time zone; its orders are those processed from the local midnight of its first day to
 * the local midnight after its last. Kept on the promotion (`startsAt`, `endsBefore`, the zone they
 * were computed in, and its UTM campaign lower-cased), so the orders of any number of promotions are
 * found in one query (one query per promotion froze the server at 10,000 promotions). Written with
 * the promotion; recomputed when the shop's time zone changes (the rollups' rebuild) and for
 * promotions stored before the columns existed (`npm run setup`'s data step, each shop's upkeep).
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { parseDay } from "~/lib/calendar";

export interface PromotionWindow {
  startsAt: Date;
  endsBefore: Date;
  windowZone: string;
  utmLower: string | null;
}

/** The instants a promotion's local dates cover in the zone, and its UTM campaign as attribution compares it. */
export function promotionWindow(promotion: { start: string; end: string; utmCampaign: string | null }, zoneName: string): PromotionWindow {
  const zone = timeZone(zoneName);
  return {
    startsAt: new Date(zone.startOfDay(parseDay(promotion.start)!)),
    endsBefore: new Date(zone.startOfDay(parseDay(promotion.end)! + 1)),
    windowZone: zoneName,
    utmLower: promotion.utmCampaign ? promotion.utmCampaign.toLowerCase() : null,
  };
}

/** A promotion's window fields as written with it: computed in the shop's zone, or left for the refresh while the shop's zone isn't known. */
export function windowFields(
  promotion: { start: string; end: string; utmCampaign: string | null },
  zoneName: string | null,
): PromotionWindow | { startsAt: null; endsBefore: null; windowZone: null; utmLower: string | null } {
  if (zoneName !== null) return promotionWindow(promotion, zoneName);
  return { startsAt: null, endsBefore: null, windowZone: null, utmLower: promotion.utmCampaign ? promotion.utmCampaign.toLowerCase() : null };
}

/** The shop's time zone, or null for a shop the app holds no details of yet (its windows wait for them). */
export async function shopTimeZone(db: PrismaClient | Prisma.TransactionClient, shop: string): Promise<string | null> {
  return (await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? null;
}

/** Promotions whose windows are written in one transaction. */
const WINDOWS_PER_TRANSACTION = 500;

/** Recomputes the windows of the shop's promotions not computed in its current time zone; returns how many. */
export async function refreshPromotionWindows(db: PrismaClient, shop: string): Promise<number> {
  const zone = await shopTimeZone(db, shop);
  if (zone === null) return 0;
  const stale = await db.promotion.findMany({
    where: { shop, OR: [{ windowZone: null }, { windowZone: { not: zone } }] },
    select: { id: true, start: true, end: true, utmCampaign: true },
  });
  for (let i = 0; i < stale.length; i += WINDOWS_PER_TRANSACTION) {
    const batch = stale.slice(i, i + WINDOWS_PER_TRANSACTION);
    await db.$transaction(batch.map((promotion) => db.promotion.update({ where: { id: promotion.id }, data: promotionWindow(promotion, zone) })));
  }
  return stale.length;
}

/** Every shop's stale windows (after a migration added them): what `npm run setup` runs once migrations are applied. */
export async function refreshAllPromotionWindows(db: PrismaClient): Promise<number> {
  const shops = await db.promotion.findMany({ where: { windowZone: null }, select: { shop: true }, distinct: ["shop"] });
  let count = 0;
  for (const { shop } of shops) count += await refreshPromotionWindows(db, shop);
  return count;
}
