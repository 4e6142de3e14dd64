/**
 * Strategy upkeep for one shop, run by the scheduler after each reconciliation: recurring targets
 * roll forward into their new period, and targets whose status got worse fire the Flow trigger.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { rollupsReady } from "~/indicators/rollups.server";
import { timeZone } from "~/lib/time-zone";
import { evaluateTargets, type Evaluation } from "./flow.server";
import { rollForward } from "./targets.server";

export async function strategyUpkeep(db: PrismaClient, client: AdminClient, now: Date): Promise<Evaluation | null> {
  const shop = await db.shop.findUnique({ where: { shop: client.shop }, select: { ianaTimezone: true } });
  if (!shop || !(await rollupsReady(db, client.shop))) return null;
  await rollForward(db, client.shop, timeZone(shop.ianaTimezone).localDay(now.getTime()), now);
  return evaluateTargets(db, client, now);
}
