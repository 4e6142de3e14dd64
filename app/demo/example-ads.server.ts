/**
 * The demo store's advertising: its Meta and TikTok accounts connected through the same consent
 * round trip and refresh the Costs page starts (against the demo's devstore), so ad spend, marketing
 * spend and net profit show a connected store from the first minute. Google Ads, whose account is
 * in another currency, is left for the owner to connect (the browser test does, and sets a rate).
 * Shopify's marketing reports are read by the sync already. A store with a connection gets nothing.
 */
import type { PrismaClient } from "@prisma/client";
import type { JobQueue } from "~/jobs/queue";
import { connectAtDevstore } from "~/ads/connect-flow.server";
import { refreshAdSpend } from "~/ads/connections.server";
import type { AdPlatform } from "~/ads/platforms/types";

export const EXAMPLE_PLATFORMS: readonly AdPlatform[] = ["meta", "tiktok"];

export type ExampleAdsOutcome = { seeded: false; reason: string } | { seeded: true; platforms: number; accounts: number; days: number };

export async function seedExampleAds(db: PrismaClient, queue: Pick<JobQueue, "enqueue">, shop: string, now: Date): Promise<ExampleAdsOutcome> {
  if (await db.adConnection.findFirst({ where: { shop } })) return { seeded: false, reason: "an ad platform is connected already" };
  let accounts = 0;
  for (const platform of EXAMPLE_PLATFORMS) {
    const outcome = await connectAtDevstore(db, queue, shop, platform, now);
    if (!outcome.ok) return { seeded: false, reason: `${platform}: ${outcome.reason}` };
    accounts += outcome.accounts;
  }
  const results = await refreshAdSpend(db, shop, now, { platforms: [...EXAMPLE_PLATFORMS] });
  const failed = results.find((result) => result.outcome !== "ok");
  if (failed) return { seeded: false, reason: `${failed.platform}: ${failed.error ?? failed.outcome}` };
  const days = results.flatMap((result) => result.accounts).reduce((sum, account) => sum + account.days, 0);
  return { seeded: true, platforms: results.length, accounts, days };
}
