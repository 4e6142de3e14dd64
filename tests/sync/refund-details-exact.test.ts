import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "~/admin-api/client.server";
import {
  DevStore,
  type DevstoreData,
  EDITED_LINE_ITEM_ID_BASE,
  type FixtureOrder,
  type GenerateOptions,
  loadFixture,
  type RunningDevstore,
  startDevstore,
  writeStoreFixture,
} from "@throughline/devstore";
import { rebuildRollups } from "~/indicators/rollups.server";
import { databaseUrl } from "~/lib/database-url";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { MAX_QUERY_COST, REFUND_COST } from "~/sync/bulk/refund-lines.server";
import { REFUND_LINES, REFUND_LINES_SIZED } from "~/sync/bulk/bulk-documents";
import { pagedSync } from "~/sync/paged-sync.server";
import { db, resetDatabase } from "../helpers/database";
import { expectStoreMatchesFixture, storeSnapshot } from "../helpers/store-snapshot";

// The first sync reads refund details with sized queries (several refunds a query, each asking one
// line more than its order has, newest first) and refreshes the indicators of their days as they
// arrive. On stores made to be hard for that (several refunds an order, partial quantities, order
// edits, refunds without lines, orders of hundreds of lines), the copy and its indicators must be
// exactly those of the paged path, which reads every order with its refunds whole.

const STORES: (GenerateOptions & { label: string })[] = [
  { label: "USD, New York", orders: 500, seed: 21, returns: "heavy", shopDomain: "heavy-usd.myshopify.com" },
  {
    label: "JPY, Tokyo, 90 days",
    orders: 300,
    seed: 5,
    returns: "heavy",
    shopDomain: "heavy-jpy.myshopify.com",
    currencyCode: "JPY",
    ianaTimezone: "Asia/Tokyo",
    days: 90,
  },
];

const lineNumber = (gid: string) => Number(gid.slice(gid.lastIndexOf("/") + 1));

/**
 * The shop's daily rollups, their customers named by id: the small integer keys a rollup stores are
 * given in the order customers are first met, which differs between a progressive refresh and a
 * rebuild (and between databases); who ordered is what must be equal.
 */
async function rollups(shop: string) {
  const [days, products, customers] = await Promise.all([
    db.dailyRollup.findMany({ where: { shop }, orderBy: { day: "asc" } }),
    db.dailyProductRollup.findMany({ where: { shop }, orderBy: [{ day: "asc" }, { productId: "asc" }] }),
    db.rollupCustomer.findMany({ where: { shop }, select: { key: true, customerId: true } }),
  ]);
  const idOf = new Map(customers.map((customer) => [customer.key, customer.customerId]));
  const named = days.map(({ customerKeys, ...day }) => {
    const keys = new DataView(customerKeys.buffer, customerKeys.byteOffset, customerKeys.byteLength);
    const ids = Array.from({ length: customerKeys.byteLength / 4 }, (_, i) => idOf.get(keys.getInt32(i * 4, true)));
    return { ...day, customers: ids.sort() };
  });
  return { days: named, products };
}

/** A client that counts the refund-detail queries and what each asked for. */
function counted(client: AdminClient) {
  const sized: { ids: number; first: number }[] = [];
  let whole = 0;
  const wrapped: AdminClient = {
    shop: client.shop,
    request(document, variables) {
      if (document === REFUND_LINES_SIZED) {
        const { ids, first } = variables as { ids: string[]; first: number };
        sized.push({ ids: ids.length, first });
      }
      if (document === REFUND_LINES) whole++;
      return client.request(document, variables);
    },
  };
  return { client: wrapped, sized, whole: () => whole };
}

describe.each(STORES)("refund details on a store with hard returns ($label)", (options) => {
  let dir: string;
  let data: DevstoreData;
  let devstore: RunningDevstore;
  const client = () =>
    createAdminClient({
      shop: data.shop.myshopifyDomain,
      accessToken: "devstore-token",
      adminOrigin: devstore.origin,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "heavy-returns-"));
    const { label: _label, ...generate } = options;
    await writeStoreFixture(join(dir, "store.jsonl"), generate);
    data = await loadFixture(join(dir, "store.jsonl"));
    // Shopify's cost rules and the single-query maximum hold; the bucket is large so the test is quick.
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
  });
  afterAll(async () => {
    await devstore?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN several refunds an order, partial quantities, edits, refunds without lines and orders of hundreds of lines THEN the sized path stores what the paged path stores, and its indicators are those of a full rebuild", async () => {
    // The store holds every hard case (the generator is asked for them; this says it gave them).
    const orders = data.orders as unknown as FixtureOrder[];
    const refunds = orders.flatMap((order) => order.refunds);
    expect(orders.filter((order) => order.refunds.length >= 3).length).toBeGreaterThan(0);
    expect(refunds.filter((refund) => refund.refundLineItems.length === 0).length).toBeGreaterThan(0);
    const partial = orders.filter((order) =>
      order.refunds.some((refund) =>
        refund.refundLineItems.some((line) => line.quantity < order.lineItems.find((item) => item.id === line.lineItem.id)!.quantity),
      ),
    );
    expect(partial.length).toBeGreaterThan(0);
    const edited = orders.filter((order) => order.lineItems.some((line) => lineNumber(line.id) >= EDITED_LINE_ITEM_ID_BASE));
    expect(refunds.filter((refund) => refund.refundLineItems.some((line) => lineNumber(line.lineItem.id) >= EDITED_LINE_ITEM_ID_BASE)).length).toBeGreaterThan(
      0,
    );
    expect(edited.length).toBeGreaterThan(0);
    expect(refunds.filter((refund) => refund.refundLineItems.length > 100).length).toBeGreaterThan(0);

    await resetDatabase();
    const { client: bulkClient, sized, whole } = counted(client());
    expect((await runBackfill({ db, client: bulkClient, databaseUrl: databaseUrl(), maxPollMs: 20 })).status).toBe("succeeded");
    await expectStoreMatchesFixture(db, data);
    const bulk = await storeSnapshot(db, data.shop.myshopifyDomain);
    const progressive = await rollups(data.shop.myshopifyDomain);
    // Several refunds a query; a refund of more lines than one query holds is read whole, page by page.
    expect(sized.length).toBeLessThan(refunds.length / 2);
    const most = Math.max(...refunds.map((refund) => refund.refundLineItems.length));
    if (REFUND_COST(most + 1) > MAX_QUERY_COST) expect(whole()).toBeGreaterThan(0);

    await resetDatabase();
    await pagedSync({ client: client(), db, now: () => new Date() });
    expect(await storeSnapshot(db, data.shop.myshopifyDomain)).toEqual(bulk);
    await rebuildRollups(db, data.shop.myshopifyDomain);
    const rebuilt = await rollups(data.shop.myshopifyDomain);
    expect(rebuilt.days.length).toBeGreaterThan(0);
    expect(progressive).toEqual(rebuilt);
  }, 120_000);
});
