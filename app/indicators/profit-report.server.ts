/**
 * The figures of a period read when it is reported (profit.ts): the owner's other costs and default
 * cost rate, and each period's marketing spend (app/ads/marketing-spend.server.ts: ad spend and the
 * promotions' spend), read once for a list of period reports.
 */
import type { PrismaClient } from "@prisma/client";
import { customCostOf } from "~/costs/cost-settings";
import { marketingSpendByPeriod } from "~/ads/marketing-spend.server";
import { profitIndicatorsFrom, profitParts, type ProfitIndicators, type ProfitParts, type ProfitSettings } from "./profit";
import type { PeriodReport } from "./report.server";

/** The owner's settings net profit reads, as they are now. */
export async function profitSettings(db: PrismaClient, shop: string): Promise<ProfitSettings> {
  const [settings, customCosts] = await Promise.all([
    db.costSettings.findUnique({ where: { shop }, select: { defaultCostRate: true } }),
    db.customCost.findMany({ where: { shop }, orderBy: { id: "asc" } }),
  ]);
  return { customCosts: customCosts.map(customCostOf), defaultCostRate: settings?.defaultCostRate ?? null };
}

/** Each report's profit figures and the exact parts they come from (in the same order), the settings and spend read once. */
export async function profitFiguresOf(
  db: PrismaClient,
  shop: string,
  reports: readonly PeriodReport[],
): Promise<{ indicators: ProfitIndicators; parts: ProfitParts }[]> {
  if (reports.length === 0) return [];
  const [settings, spends] = await Promise.all([
    profitSettings(db, shop),
    marketingSpendByPeriod(
      db,
      shop,
      reports.map((report) => report.period),
    ),
  ]);
  return reports.map((report, index) => {
    const parts = profitParts({ ...report, marketingSpend: spends[index]!.marketingSpend }, settings);
    return { indicators: profitIndicatorsFrom(parts, report.totals.newCustomers), parts };
  });
}

/** Each report's profit figures (in the same order), the settings and promotions read once. */
export async function profitIndicatorsOf(db: PrismaClient, shop: string, reports: readonly PeriodReport[]): Promise<ProfitIndicators[]> {
  return (await profitFiguresOf(db, shop, reports)).map((figures) => figures.indicators);
}
