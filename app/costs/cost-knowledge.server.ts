/**
 * What the store's copy tells of its costs, for the Costs page and Home's costs step alike: the
 * gateways of its recent payments with the part whose fee each listed, and the default cost rate
 * suggested from the products that have a cost.
 */
import type { PrismaClient } from "@prisma/client";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { formatDay } from "~/lib/calendar";
import { suggestedDefaultCostRate } from "./cost-settings";

/** The days the default cost rate is suggested from, and the gateways listed are read from. */
export const SUGGESTION_DAYS = 90;

/** A gateway's successful sales and captures: how many, their amount, and the part of it whose fee the gateway listed. */
export interface GatewayPayments {
  payments: number;
  amount: bigint;
  listed: bigint;
}

/** The gateways of the shop's successful sales and captures since `since` (test payments left out), with their sums. */
export async function gatewayPayments(db: PrismaClient, shop: string, since: Date): Promise<Map<string, GatewayPayments>> {
  const groups = await db.orderTransaction.groupBy({
    by: ["gateway", "feesListed"],
    where: { shop, test: false, status: "SUCCESS", kind: { in: ["SALE", "CAPTURE"] }, processedAt: { gte: since }, gateway: { not: null } },
    _sum: { amount: true },
    _count: { _all: true },
  });
  const byGateway = new Map<string, GatewayPayments>();
  for (const group of groups) {
    const gateway = group.gateway as string;
    const sums = byGateway.get(gateway) ?? { payments: 0, amount: 0n, listed: 0n };
    const amount = group._sum.amount ?? 0n;
    sums.payments += group._count._all;
    sums.amount += amount;
    if (group.feesListed) sums.listed += amount;
    byGateway.set(gateway, sums);
  }
  return byGateway;
}

/** Some of the gateway's payments list no fee and no rule prices them. */
export const needsFeeRule = (sums: GatewayPayments, hasRule: boolean) => sums.amount !== sums.listed && !hasRule;

/** The start of the last `SUGGESTION_DAYS` days (today included) in the shop's time zone: where the gateways listed are read from. */
export const suggestionWindowStart = (zone: string, today: number) => new Date(timeZone(zone).startOfDay(today - (SUGGESTION_DAYS - 1)));

/** The default cost rate suggested from the last `SUGGESTION_DAYS` days that have ended, and the share of net sales it would fill. */
export async function defaultRateSuggestion(db: PrismaClient, shop: string, today: number) {
  const sums = await db.dailyRollup.aggregate({
    where: { shop, day: { gte: formatDay(today - SUGGESTION_DAYS), lt: formatDay(today) } },
    _sum: { grossSales: true, discounts: true, returns: true, knownCostNet: true, cogs: true },
  });
  const netSales = (sums._sum.grossSales ?? 0n) - (sums._sum.discounts ?? 0n) - (sums._sum.returns ?? 0n);
  return suggestedDefaultCostRate({ netSales, knownCostNet: sums._sum.knownCostNet ?? 0n, cogs: sums._sum.cogs ?? 0n });
}

/**
 * The amount of the last `SUGGESTION_DAYS` days' payments (today included) and the part whose fee is
 * known, from the daily rollups (a few rows however many payments): enough to tell that nothing is
 * missing without reading the payments themselves.
 */
export async function feeKnowledge(db: PrismaClient, shop: string, today: number): Promise<{ payments: bigint; known: bigint }> {
  const sums = await db.dailyRollup.aggregate({
    where: { shop, day: { gte: formatDay(today - (SUGGESTION_DAYS - 1)), lte: formatDay(today) } },
    _sum: { payments: true, paymentsFeeKnown: true },
  });
  return { payments: sums._sum.payments ?? 0n, known: sums._sum.paymentsFeeKnown ?? 0n };
}
