import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { EXAMPLE, seedExampleData } from "~/demo/example-data.server";
import { DevStore, loadFixture, type RunningDevstore, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { databaseUrl } from "~/lib/database-url";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { promotionStatus } from "~/promotions/promotion-status";
import { targetStatuses } from "~/strategy/target-status.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";

// `npm run demo` adds example data so every page shows the loop at work: checked here on a store
// generated up to today, whatever day the suite runs.

describe("the demo's example data", () => {
  let dir: string;
  let devstore: RunningDevstore;
  let shop: string;
  beforeAll(async () => {
    await resetDatabase();
    dir = await mkdtemp(join(tmpdir(), "examples-"));
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000);
    await writeStoreFixture(join(dir, "store.jsonl"), { orders: 1500, seed: 3, end, shopDomain: "example-demo.myshopify.com" });
    const data = await loadFixture(join(dir, "store.jsonl"));
    shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    expect((await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 })).status).toBe("succeeded");
  }, 120_000);
  afterAll(async () => {
    await devstore?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN a synced store THEN a goal holds a target on track, one at risk and one met; promotions cover the last weeks; two weeks are signed off; all titled as examples; a second run adds nothing", async () => {
    const now = new Date();
    expect(await seedExampleData(db, shop, now)).toEqual({ seeded: true, goals: 1, targets: 3, promotions: 3, reviews: 2 });
    const record = await db.shop.findUniqueOrThrow({ where: { shop } });
    const today = timeZone(record.ianaTimezone).localDay(now.getTime());
    const statuses = await targetStatuses(db, shop, today);
    expect(Object.fromEntries(statuses.map((status) => [status.indicator, status.status]))).toEqual({ orders: "on_track", net_sales: "at_risk", aov: "met" });
    const goal = await db.goal.findFirstOrThrow({ where: { shop } });
    expect(goal.name.startsWith(EXAMPLE)).toBe(true);
    expect(statuses.every((status) => status.goalId === goal.id)).toBe(true);

    const promotions = await db.promotion.findMany({ where: { shop }, orderBy: { start: "asc" } });
    expect(promotions.every((promotion) => promotion.title.startsWith(EXAMPLE))).toBe(true);
    expect(promotions.map((promotion) => promotionStatus(promotion, today))).toEqual(["reviewed", "awaiting_review", "running"]);
    expect(await db.promotionNote.count({ where: { promotionId: { in: promotions.map((promotion) => promotion.id) } } })).toBe(2);
    expect(await db.weeklyReview.count({ where: { shop } })).toBe(2);

    expect(await seedExampleData(db, shop, now)).toEqual({ seeded: false, reason: "the store already has goals, promotions or reviews" });
    expect(await db.goal.count({ where: { shop } })).toBe(1);
  }, 60_000);
});
