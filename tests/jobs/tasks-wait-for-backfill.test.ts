import { Session } from "@shopify/shopify-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JOB } from "~/jobs/names";
import { jobRegistry, TASK_WAIT_FOR_BACKFILL_MS } from "~/jobs/registry.server";
import { SqliteJobQueue } from "~/jobs/sqlite-queue.server";
import { STALE_RUN_MS } from "~/sync/heartbeat";
import { sessionStorage } from "~/shopify.server";
import { taskJob } from "~/sync/tasks.server";
import { db, resetDatabase } from "../helpers/database";

// A shop's backfill spends its bucket on refund details for minutes; the shop's webhook tasks wait
// for it instead of taking the bucket a query at a time (bench:soak: a concurrent `cli sync --full`
// was throttled to failure while the server's tasks ran).

const SHOP = "busy.myshopify.com";
let clock = new Date("2026-11-30T10:00:00Z");
const now = () => clock;
let clientsAsked = 0;
let queue: SqliteJobQueue;

describe("webhook tasks while their shop's backfill runs", () => {
  beforeEach(async () => {
    await resetDatabase();
    // Installed (a shop's tasks run only while the app is).
    await sessionStorage.storeSession(
      new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "s", isOnline: false, scope: "read_orders", accessToken: "shpat_test" }),
    );
    clock = new Date("2026-11-30T10:00:00Z");
    clientsAsked = 0;
    const registry = jobRegistry({
      clientFor: async () => {
        clientsAsked++;
        throw new Error("the test's shop has no Admin API");
      },
    });
    queue = new SqliteJobQueue(db, registry, { now, pollMs: 5 });
    await queue.start();
  });
  afterEach(() => queue.stop(1000));

  const backfill = (heartbeatAt: Date, status = "running") =>
    db.syncRun.create({ data: { shop: SHOP, kind: "backfill", status, phase: "refunds", startedAt: heartbeatAt, heartbeatAt } });
  const task = () => queue.enqueue(taskJob({ shop: SHOP, kind: "order", resourceId: "gid://shopify/Order/1" }, clock));
  const tasks = async () => (await queue.list()).filter((job) => job.name === JOB.webhookTask);

  it("GIVEN the shop's backfill running THEN its task waits, queued again for later without asking Shopify; once the backfill is done THEN it runs", async () => {
    const run = await backfill(clock);
    await task();
    await queue.drain();
    expect(clientsAsked).toBe(0);
    const [waiting, done] = await tasks();
    expect(done).toMatchObject({ state: "completed" });
    expect(waiting).toMatchObject({ state: "queued", attempts: 0, data: { shop: SHOP, kind: "order", resourceId: "gid://shopify/Order/1" } });
    expect(waiting!.runAfter.getTime() - clock.getTime()).toBe(TASK_WAIT_FOR_BACKFILL_MS);

    await db.syncRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: clock } });
    clock = new Date(clock.getTime() + TASK_WAIT_FOR_BACKFILL_MS);
    await queue.drain();
    expect(clientsAsked).toBe(1);
  });

  it("GIVEN a backfill whose process stopped (its heartbeat stale) or another shop's backfill THEN the task runs at once", async () => {
    await backfill(new Date(clock.getTime() - STALE_RUN_MS - 1000));
    await db.syncRun.create({
      data: { shop: "other.myshopify.com", kind: "backfill", status: "running", phase: "refunds", startedAt: clock, heartbeatAt: clock },
    });
    await task();
    await queue.drain();
    expect(clientsAsked).toBe(1);
    expect(await tasks()).toHaveLength(1);
  });
});
