import type { SyncRun } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { describeSyncStatus } from "~/sync/status.server";

const NOW = new Date("2026-11-25T12:00:00Z");
const run = (overrides: Partial<SyncRun>): SyncRun => ({
  id: 1,
  shop: "s.myshopify.com",
  kind: "backfill",
  status: "running",
  phase: "orders",
  startedAt: new Date(NOW.getTime() - 100_000),
  heartbeatAt: new Date(NOW.getTime() - 1000),
  finishedAt: null,
  productsOperation: null,
  productsCheckpoint: 0n,
  ordersOperation: null,
  ordersCheckpoint: 0n,
  objectsDone: 0,
  ordersDone: 0,
  productsDone: 0,
  ordersExpected: null,
  productsExpected: null,
  attempts: 0,
  warning: null,
  error: null,
  ...overrides,
});

describe("sync status shown to the owner", () => {
  it("GIVEN nothing synced yet THEN it says so", () => {
    expect(describeSyncStatus(null, null, NOW).state).toBe("never");
  });

  it("GIVEN a backfill halfway through the orders THEN it shows progress and the time left at the current pace", () => {
    const view = describeSyncStatus(null, run({ ordersDone: 5000, ordersExpected: 10_000, productsDone: 40 }), NOW);
    expect(view.state).toBe("running");
    expect(view.running).toMatchObject({ percent: 50, secondsLeft: 100, ordersDone: 5000, productsDone: 40 });
  });

  it("GIVEN a run whose process stopped (no heartbeat for minutes) THEN it is shown as interrupted, resuming at the next sync", () => {
    const view = describeSyncStatus(null, run({ heartbeatAt: new Date(NOW.getTime() - 10 * 60_000) }), NOW);
    expect(view.state).toBe("interrupted");
    expect(view.problem).toMatch(/picks up where it stopped/);
  });

  it("GIVEN the last run failed THEN its words are the problem, and the last success stays known", () => {
    const lastSyncAt = new Date("2026-11-24T08:00:00Z");
    const view = describeSyncStatus({ lastSyncAt, lastSyncError: null }, run({ status: "failed", error: "Shopify took too long reading your orders." }), NOW);
    expect(view).toMatchObject({ state: "failed", problem: "Shopify took too long reading your orders.", lastSuccessAt: lastSyncAt.toISOString() });
  });

  it("GIVEN a finished run THEN the store is synced", () => {
    const view = describeSyncStatus({ lastSyncAt: NOW, lastSyncError: null }, run({ status: "succeeded", phase: "done" }), NOW);
    expect(view.state).toBe("synced");
  });
});
