import type { PrismaClient } from "@prisma/client";
import { adminClientForShop } from "~/admin-api/shop-client.server";
import { strategyUpkeep } from "~/strategy/upkeep.server";
import { pruneWebhookDeliveries } from "~/webhooks/deliveries.server";
import { startShopSync } from "./background.server";
import { runDueTasks } from "./tasks.server";

// The app server's background work: webhook tasks right after they are recorded (and their
// retries), and a reconciliation of every installed shop every quarter of an hour, which catches
// what a webhook missed and resumes a backfill whose process stopped, followed by the strategy's
// upkeep (recurring targets, the "Target at risk" Flow trigger).

interface SchedulerState {
  db: PrismaClient | null;
  timers: NodeJS.Timeout[];
  draining: Promise<void> | null;
  again: boolean;
}

declare global {
  var throughlineScheduler: SchedulerState | undefined;
}

const state: SchedulerState = (globalThis.throughlineScheduler ??= { db: null, timers: [], draining: null, again: false });

/** Runs due tasks now (once at a time; a kick during a run makes it run again after). */
export function kickTaskRunner(): void {
  const db = state.db;
  if (!db) return;
  if (state.draining) {
    state.again = true;
    return;
  }
  state.draining = (async () => {
    do {
      state.again = false;
      try {
        await runDueTasks({ db, clientFor: (shop) => adminClientForShop(db, shop) });
      } catch (error) {
        console.warn("throughline: running sync tasks failed:", error instanceof Error ? error.message : error);
      }
    } while (state.again);
  })().finally(() => {
    state.draining = null;
  });
}

export interface SchedulerOptions {
  db: PrismaClient;
  taskEveryMs?: number;
  reconcileEveryMs?: number;
}

export interface ShopPassSteps {
  sync: (shop: string) => Promise<unknown>;
  upkeep: (shop: string) => Promise<unknown>;
}

/**
 * One pass over every installed shop: its sync, then its strategy upkeep. A shop that fails (its
 * session can't be read, Shopify refuses it) is reported and skipped: it never stops the others.
 * Returns the shops that failed.
 */
export async function passOverShops(db: PrismaClient, steps: ShopPassSteps): Promise<string[]> {
  const shops = await db.session.findMany({ where: { isOnline: false }, select: { shop: true }, distinct: ["shop"] });
  const failed: string[] = [];
  for (const { shop } of shops) {
    try {
      await steps.sync(shop);
      await steps.upkeep(shop);
    } catch (error) {
      failed.push(shop);
      console.warn(`throughline: background work for ${shop} failed:`, error instanceof Error ? error.message : error);
    }
  }
  return failed;
}

/** Starts the background work once per process (a reload in development keeps the one running). */
export function startSyncScheduler({ db, taskEveryMs = 30_000, reconcileEveryMs = 15 * 60_000 }: SchedulerOptions): void {
  if (state.db) return;
  state.db = db;
  const reconcileAll = () =>
    passOverShops(db, {
      sync: (shop) => startShopSync(db, shop),
      upkeep: async (shop) => strategyUpkeep(db, await adminClientForShop(db, shop), new Date()),
    });
  state.timers.push(setInterval(kickTaskRunner, taskEveryMs).unref());
  state.timers.push(setInterval(() => void reconcileAll().catch(() => undefined), reconcileEveryMs).unref());
  // Delivery ids past Shopify's retry window can't be repeated: forgotten on the same beat.
  const pruneDeliveries = () =>
    pruneWebhookDeliveries(db, new Date()).catch((error: unknown) =>
      console.warn("throughline: pruning webhook deliveries failed:", error instanceof Error ? error.message : error),
    );
  state.timers.push(setInterval(() => void pruneDeliveries(), reconcileEveryMs).unref());
  setTimeout(() => {
    kickTaskRunner();
    void reconcileAll().catch(() => undefined);
  }, 1000).unref();
}
