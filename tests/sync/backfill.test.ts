import path from "node:path";
import { localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, type DevstoreData, loadFixture, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { databaseUrl } from "~/lib/database-url";
import { BulkOperationFailed, runBackfill } from "~/sync/bulk/backfill.server";
import { pagedSync } from "~/sync/paged-sync.server";
import { syncStep } from "~/sync/sync-status.server";
import type { SyncStep } from "~/sync/sync-steps";
import { db, resetDatabase } from "../helpers/database";
import { expectStoreMatchesFixture, storeSnapshot } from "../helpers/store-snapshot";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");

describe("bulk backfill from the devstore serving the sample store", () => {
  let data: DevstoreData;
  let devstore: RunningDevstore;
  let shop: string;
  const client = () =>
    createAdminClient({
      shop,
      accessToken: "devstore-token",
      adminOrigin: devstore.origin,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    });
  const backfill = (extra: Partial<Parameters<typeof runBackfill>[0]> = {}) =>
    runBackfill({ db, client: client(), databaseUrl: databaseUrl(), maxPollMs: 50, batchLines: 300, ...extra });

  beforeAll(async () => {
    data = await loadFixture(FIXTURE);
    shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
  });
  afterAll(() => devstore.close());
  beforeEach(resetDatabase);

  it("GIVEN a blank database WHEN the store is backfilled THEN every order, line, refund and product holds the values of the file", async () => {
    const run = await backfill();
    expect(run.status).toBe("succeeded");
    expect(run.ordersDone).toBe(data.orders.length);
    expect(run.productsDone).toBe(data.products.length);
    expect(run.ordersExpected).toBe(data.orders.length);
    await expectStoreMatchesFixture(db, data);
    expect((await db.shop.findUniqueOrThrow({ where: { shop } })).lastSyncAt).toEqual(run.startedAt);
  }, 60_000);

  it("GIVEN the same store WHEN copied by bulk and by paged queries THEN both databases are identical", async () => {
    await backfill();
    const bulk = await storeSnapshot(db, shop);
    await resetDatabase();
    await pagedSync({ client: client(), db, now: () => new Date() });
    const paged = await storeSnapshot(db, shop);
    expect(bulk).toEqual(paged);
  }, 60_000);

  it("GIVEN parsing in this thread (no worker) WHEN backfilled THEN the copy is the same as with the parse worker", async () => {
    await backfill();
    const withWorker = await storeSnapshot(db, shop);
    await resetDatabase();
    await backfill({ fetch: (input, init) => fetch(input, init) }); // a custom fetch keeps parsing in this thread
    expect(await storeSnapshot(db, shop)).toEqual(withWorker);
  }, 60_000);

  it("GIVEN a backfilled store WHEN backfilled again THEN nothing is duplicated or changed", async () => {
    await backfill();
    const first = await storeSnapshot(db, shop);
    await backfill();
    expect(await storeSnapshot(db, shop)).toEqual(first);
  }, 60_000);

  it("GIVEN Shopify times out reading the orders WHEN backfilling THEN the partial data is kept, the export is asked again, and the owner is told", async () => {
    devstore.bulk.planFailure({ errorCode: "TIMEOUT", afterObjects: 150, root: "orders" });
    const run = await backfill();
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(1);
    expect(storedWords(run.warning, localizer("en"))).toMatch(/took too long reading your orders\. Throughline asked again\.$/);
    await expectStoreMatchesFixture(db, data);
  }, 60_000);

  it("GIVEN the orders exported in spans of creation dates, one of them timing out WHEN backfilling THEN each span is its own export, every order is in exactly one, and the copy is the one a single export makes", async () => {
    await backfill();
    const single = await storeSnapshot(db, shop);
    await resetDatabase();
    devstore.bulk.planFailure({ errorCode: "TIMEOUT", afterObjects: 20, root: "orders" });
    const perExport = Math.ceil(data.orders.length / 5);
    const run = await backfill({ ordersPerExport: perExport });
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(1);
    const spans = await db.syncExport.findMany({ where: { runId: run.id, kind: "orders" }, orderBy: { position: "asc" } });
    expect(spans).toHaveLength(5);
    expect(spans.every((span) => span.stored)).toBe(true);
    // The spans' own counts add up to the store's orders: none missed, none in two.
    expect(spans.reduce((sum, span) => sum + span.exportedRoots, 0)).toBe(data.orders.length);
    expect(spans[0]!.search).toMatch(/^created_at:<'[^']+'$/);
    expect(spans[4]!.search).toMatch(/^created_at:>='[^']+'$/);
    expect(await storeSnapshot(db, shop)).toEqual(single);
    await expectStoreMatchesFixture(db, data);
  }, 60_000);

  it("GIVEN Shopify denies access WHEN backfilling THEN the run fails with words the owner can act on", async () => {
    devstore.bulk.planFailure({ errorCode: "ACCESS_DENIED", afterObjects: 0, root: "products" });
    await expect(backfill()).rejects.toBeInstanceOf(BulkOperationFailed);
    const run = await db.syncRun.findFirstOrThrow({ where: { shop } });
    expect(run.status).toBe("failed");
    expect(storedWords(run.error, localizer("en"))).toMatch(/refused to let Throughline read your products/);
    expect(storedWords(run.error, localizer("zh-CN"))).toMatch(/Shopify 拒绝让 Throughline 读取您的商品/);
  }, 60_000);
});

describe("bulk backfill against a throttled devstore", () => {
  it("GIVEN a refund with more lines than its order has WHEN backfilling THEN the query that asked one line more than the order has is followed by a whole read, and every line is stored", async () => {
    await resetDatabase();
    const data = await loadFixture(FIXTURE);
    type Refund = { refundLineItems: unknown[] };
    const orders = data.orders as unknown as { lineItems: unknown[]; refunds: Refund[] }[];
    const order = orders.find((o) => o.refunds.some((r) => r.refundLineItems.length > 0))!;
    const refund = order.refunds.find((r) => r.refundLineItems.length > 0)!;
    // Shopify doesn't document that a refund holds at most one line per line item of its order. More
    // lines than any order has, so no query's `first` covers them.
    const most = Math.max(...orders.map((o) => o.lineItems.length));
    refund.refundLineItems = Array.from({ length: most + 2 }, () => refund.refundLineItems[0]);
    const devstore = await startDevstore({ store: new DevStore(data) });
    try {
      const client = createAdminClient({ shop: data.shop.myshopifyDomain, accessToken: "devstore-token", adminOrigin: devstore.origin });
      expect((await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 50 })).status).toBe("succeeded");
      await expectStoreMatchesFixture(db, data);
    } finally {
      await devstore.close();
    }
  }, 60_000);

  it("GIVEN a small cost bucket WHEN backfilling THEN it slows down but completes", async () => {
    await resetDatabase();
    const data = await loadFixture(FIXTURE);
    // Half a Standard store's bucket: it still holds the dearest query (1,000 points requested), and
    // the refund-line queries wait for it to fill again.
    const devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 1000, restoreRate: 100 } });
    // The client waits for the bucket before it runs dry: the waits are the slowdown.
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return new Promise<void>((resolve) => setTimeout(resolve, ms));
    };
    try {
      const client = createAdminClient({ shop: data.shop.myshopifyDomain, accessToken: "devstore-token", adminOrigin: devstore.origin, sleep });
      const run = await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 50 });
      expect(run.status).toBe("succeeded");
      expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(500);
      await expectStoreMatchesFixture(db, data);
    } finally {
      await devstore.close();
    }
  }, 120_000);

  it("GIVEN Shopify's exports taking their time WHEN backfilling THEN the owner's steps follow in order: the export counted as Shopify writes it, the storing, the indicators, then every refund's details", async () => {
    await resetDatabase();
    const data = await loadFixture(FIXTURE);
    const devstore = await startDevstore({
      store: new DevStore(data),
      throttle: { maximumAvailable: 100_000, restoreRate: 100_000 },
      bulk: { objectsPerSecond: 1500 },
    });
    const steps: SyncStep[] = [];
    try {
      const client = createAdminClient({ shop: data.shop.myshopifyDomain, accessToken: "devstore-token", adminOrigin: devstore.origin });
      const run = await runBackfill({
        db,
        client,
        databaseUrl: databaseUrl(),
        maxPollMs: 50,
        onProgress: (current) => void steps.push(syncStep(current, new Date())!),
      });
      expect(run.status).toBe("succeeded");
    } finally {
      await devstore.close();
    }
    const numbers = steps.filter((step) => step !== null).map((step) => step.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers)).toEqual(new Set([1, 2, 3, 4, 5]));
    // Part of the orders exported, none stored yet: the export's own count.
    expect(steps.some((step) => step?.key === "export_orders" && step.done! > 0 && step.done! < data.orders.length && step.total === data.orders.length)).toBe(
      true,
    );
    const refunds = (data.orders as unknown as { refunds: unknown[] }[]).reduce((sum, order) => sum + order.refunds.length, 0);
    const last = await db.syncRun.findFirstOrThrow({ where: { kind: "backfill" }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ refundsExpected: refunds, refundsDone: refunds });
  }, 60_000);
});
