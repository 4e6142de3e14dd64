import type { SyncRun } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { localizer } from "~/i18n/localizer";
import { describeFailedJobs, describeSyncStatus } from "~/sync/sync-status.server";
import { stepWords } from "~/sync/sync-steps";

const ENGLISH = localizer("en");
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
  objectsDone: 0,
  ordersDone: 0,
  productsDone: 0,
  ordersExpected: null,
  productsExpected: null,
  stepStartedAt: null,
  exportedRoots: 0,
  refundsExpected: null,
  refundsDone: 0,
  attempts: 0,
  warning: null,
  error: null,
  ...overrides,
});

describe("sync status shown to the owner", () => {
  it("GIVEN nothing synced yet THEN it says so", () => {
    expect(describeSyncStatus(null, null, NOW).state).toBe("never");
  });

  it("GIVEN a backfill storing its orders, halfway after 40 s THEN it shows step 3 of 5 and the time left at that step's pace", () => {
    const view = describeSyncStatus(
      null,
      run({ ordersDone: 5000, ordersExpected: 10_000, productsDone: 40, stepStartedAt: new Date(NOW.getTime() - 40_000) }),
      NOW,
    );
    expect(view.state).toBe("running");
    expect(view.running?.step).toEqual({ key: "store_orders", number: 3, done: 5000, total: 10_000, percent: 50, secondsLeft: 40 });
    expect(stepWords(view.running!.step!, ENGLISH)).toBe("Step 3 of 5 · Storing your orders: 5,000 of 10,000 orders stored · under a minute left");
  });

  it("GIVEN Shopify still exporting the orders (none stored yet) THEN the step is its export, counted by the rows Shopify has exported since the run began", () => {
    const view = describeSyncStatus(
      null,
      run({ ordersExpected: 10_000, productsDone: 40, exportedRoots: 2500, stepStartedAt: new Date(NOW.getTime() - 5000) }),
      NOW,
    );
    expect(view.running?.step).toEqual({ key: "export_orders", number: 2, done: 2500, total: 10_000, percent: 25, secondsLeft: 300 });
    expect(stepWords(view.running!.step!, ENGLISH)).toBe(
      "Step 2 of 5 · Shopify is exporting your orders: 2,500 of 10,000 orders exported · about 5 minutes left",
    );
  });

  it("GIVEN the products' export or their storing THEN step 1; the indicators step 4, without a count", () => {
    expect(describeSyncStatus(null, run({ phase: "products", productsExpected: 200, exportedRoots: 50 }), NOW).running?.step).toMatchObject({
      key: "export_products",
      number: 1,
      done: 50,
      percent: 25,
    });
    expect(describeSyncStatus(null, run({ phase: "products", productsExpected: 200, productsDone: 150 }), NOW).running?.step).toMatchObject({
      key: "store_products",
      number: 1,
      percent: 75,
    });
    const indicators = describeSyncStatus(null, run({ phase: "indicators" }), NOW).running!.step!;
    expect(indicators).toMatchObject({ key: "indicators", number: 4, done: null, percent: null, secondsLeft: null });
    expect(stepWords(indicators, ENGLISH)).toBe("Step 4 of 5 · Computing your indicators");
  });

  it("GIVEN refund details being read, 600 of 6,000 in a minute THEN step 5 says how many are read and the hours left at that pace", () => {
    const view = describeSyncStatus(
      null,
      run({ phase: "refunds", refundsExpected: 6000, refundsDone: 600, stepStartedAt: new Date(NOW.getTime() - 60_000) }),
      NOW,
    );
    expect(view.running?.step).toMatchObject({ key: "refunds", number: 5, percent: 10, secondsLeft: 540 });
    expect(stepWords(view.running!.step!, ENGLISH)).toBe(
      "Step 5 of 5 · Reading refund details, newest first: 600 of 6,000 refunds read · about 9 minutes left",
    );
  });

  it("GIVEN a Chinese admin THEN the steps read in Chinese, with the time left in its words", () => {
    const view = describeSyncStatus(
      null,
      run({ phase: "refunds", refundsExpected: 6000, refundsDone: 600, stepStartedAt: new Date(NOW.getTime() - 60_000) }),
      NOW,
    );
    expect(stepWords(view.running!.step!, localizer("zh-CN"))).toBe(
      "第 5 步，共 5 步 · 正在读取退款明细（从最新的开始）：已读取 600 / 6,000 笔退款 · 大约还需 9 分钟",
    );
  });

  it("GIVEN work that failed for good THEN it is said in the owner's language, counted in its plural forms", () => {
    const failed = [
      { name: "webhook-task", lastError: "timeout" },
      { name: "webhook-task", lastError: null },
      { name: "sync", lastError: null },
    ];
    expect(describeFailedJobs(failed, ENGLISH)).toBe(
      "2 changes Shopify sent could not be copied after several tries (timeout). The next sync reads changed orders and products again. A sync failed after several tries (no reason given). Sync now to try again.",
    );
    expect(describeFailedJobs(failed, localizer("zh-CN"))).toBe(
      "Shopify 发来的 2 项变更多次尝试后仍未能复制（timeout）。下次同步会重新读取有变更的订单和商品。同步多次尝试后失败（未说明原因）。请点击“立即同步”重试。",
    );
  });

  it("GIVEN a check for changes THEN it has no steps (its counts are shown as they are)", () => {
    expect(describeSyncStatus(null, run({ kind: "reconcile", phase: "orders", ordersDone: 12 }), NOW).running?.step).toBeNull();
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
