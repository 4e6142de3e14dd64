/**
 * A linked promotion's spend is its campaign's, never typed twice (issue 26): a promotion linked to
 * an ad campaign by hand, or whose UTM campaign a connected campaign carries, spends that campaign's
 * days within its dates (converted to the shop currency as ad spend converts them; a day whose
 * month has no rate yet counts nothing until it has one); one whose days of spend were imported
 * spends those days. Other promotions spread their typed spend over their days (spreadSpend).
 */
import type { PrismaClient } from "@prisma/client";
import { currencyDecimals, type Money } from "@throughline/shopify-common/money";
import { timesRate } from "~/indicators/engine";
import { formatDay, type Period } from "~/lib/calendar";
import { spreadSpend } from "~/promotions/promotion-cost";
import { connectedUtms } from "./marketing-spend.server";

export interface SpendingPromotion {
  id: number;
  start: string;
  end: string;
  spend: Money;
  utmLower: string | null;
  adPlatform: string | null;
  adCampaignId: string | null;
}

/** What each promotion spent over its days within `window` (all of them without one), by id. */
export async function promotionSpends(
  db: PrismaClient,
  shop: string,
  promotions: readonly SpendingPromotion[],
  window: Period | null = null,
): Promise<Map<number, Money>> {
  const spends = new Map<number, Money>();
  if (promotions.length === 0) return spends;
  const clip = (start: string, end: string) => ({
    from: window && formatDay(window.from) > start ? formatDay(window.from) : start,
    to: window && formatDay(window.to) < end ? formatDay(window.to) : end,
  });
  const first = promotions.reduce((min, promotion) => (promotion.start < min ? promotion.start : min), promotions[0]!.start);
  const last = promotions.reduce((max, promotion) => (promotion.end > max ? promotion.end : max), promotions[0]!.end);
  const span = clip(first, last);
  const utms = [...new Set(promotions.map((promotion) => promotion.utmLower).filter((utm): utm is string => utm !== null))];
  const handLinked = promotions.filter((promotion) => promotion.adCampaignId !== null);
  const [record, connections, accounts, rates, days, imported] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { currencyCode: true } }),
    db.adConnection.findMany({ where: { shop }, select: { platform: true } }),
    db.adAccount.findMany({ where: { shop, selected: true }, select: { platform: true, accountId: true, currency: true } }),
    db.adCurrencyRate.findMany({ where: { shop }, select: { currency: true, month: true, rate: true } }),
    utms.length > 0 || handLinked.length > 0
      ? db.adCampaignDay.findMany({
          where: {
            shop,
            date: { gte: span.from, lte: span.to },
            OR: [{ utmLower: { in: utms } }, { campaignId: { in: handLinked.map((promotion) => promotion.adCampaignId!) } }],
          },
          select: { platform: true, accountId: true, campaignId: true, utmLower: true, date: true, spend: true },
        })
      : Promise.resolve([]),
    db.importedAdSpend.findMany({
      where: { shop, promotionId: { in: promotions.map((promotion) => promotion.id) } },
      select: { promotionId: true, date: true, spend: true },
    }),
  ]);
  const shopCurrency = record?.currencyCode ?? "USD";
  const decimals = currencyDecimals(shopCurrency);
  const connected = new Set(connections.map((connection) => connection.platform));
  const currencyOf = new Map(accounts.map((account) => [`${account.platform}\u0000${account.accountId}`, account.currency]));
  const rateOf = new Map(rates.map((rate) => [`${rate.currency}\u0000${rate.month}`, rate.rate]));
  const inShopCurrency = (day: (typeof days)[number]): Money => {
    const currency = currencyOf.get(`${day.platform}\u0000${day.accountId}`);
    if (currency === undefined || !connected.has(day.platform)) return 0n;
    if (currency === shopCurrency) return day.spend;
    const rate = rateOf.get(`${currency}\u0000${day.date.slice(0, 7)}`);
    return rate === undefined ? 0n : timesRate(day.spend, rate, decimals);
  };
  const importedFor = new Set(imported.map((row) => row.promotionId));
  // Linked by UTM campaign when any connected campaign ever carried it (as marketing-spend.server.ts reads it).
  const linkedUtms = await connectedUtms(db, shop, utms, connected);
  for (const promotion of promotions) {
    const { from, to } = clip(promotion.start, promotion.end);
    if (from > to) {
      spends.set(promotion.id, 0n);
      continue;
    }
    if (importedFor.has(promotion.id)) {
      spends.set(
        promotion.id,
        imported.filter((row) => row.promotionId === promotion.id && row.date >= from && row.date <= to).reduce((sum, row) => sum + row.spend, 0n),
      );
      continue;
    }
    const byHand = promotion.adCampaignId !== null && connected.has(promotion.adPlatform ?? "");
    if (byHand || (promotion.utmLower !== null && linkedUtms.has(promotion.utmLower))) {
      const own = days.filter((day) =>
        byHand ? day.platform === promotion.adPlatform && day.campaignId === promotion.adCampaignId : day.utmLower === promotion.utmLower,
      );
      spends.set(
        promotion.id,
        own.filter((day) => day.date >= from && day.date <= to).reduce((sum, day) => sum + inShopCurrency(day), 0n),
      );
      continue;
    }
    spends.set(promotion.id, window ? spreadSpend([promotion], window) : promotion.spend);
  }
  return spends;
}
