import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, type DevstoreData, loadFixture, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { rebuildRollups, rollupsReady } from "~/indicators/rollups.server";
import { pagedSync } from "~/sync/paged-sync.server";
import { db, resetDatabase } from "../helpers/database";
import { expectStoreMatchesFixture } from "../helpers/store-snapshot";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");

describe("sync from the devstore serving the sample store", () => {
  let data: DevstoreData;
  let devstore: RunningDevstore;

  beforeAll(async () => {
    data = await loadFixture(FIXTURE);
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
  });
  afterAll(() => devstore.close());
  beforeEach(resetDatabase);

  it("GIVEN a blank database WHEN the shop is synced THEN every order, line, refund and product holds the values of the file", async () => {
    const shop = data.shop.myshopifyDomain;
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    const result = await pagedSync({ client, db, now: () => new Date() });

    expect(result.orders).toBe(data.orders.length);
    expect(result.products).toBe(data.products.length);
    const stored = await db.shop.findUniqueOrThrow({ where: { shop } });
    expect([stored.currencyCode, stored.ianaTimezone]).toEqual([data.shop.currencyCode, data.shop.ianaTimezone]);
    // Shopify's id of the shop, which webhooks naming the shop by id are checked against.
    expect(`gid://shopify/Shop/${stored.shopifyId}`).toBe(devstore.store.shop.id);

    await expectStoreMatchesFixture(db, data);
  }, 120_000);

  it("GIVEN a synced shop WHEN synced again THEN nothing is duplicated", async () => {
    const shop = data.shop.myshopifyDomain;
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await pagedSync({ client, db, now: () => new Date() });
    const lines = await db.orderLine.count({ where: { shop } });
    await pagedSync({ client, db, now: () => new Date() });
    expect(await db.order.count({ where: { shop } })).toBe(data.orders.length);
    expect(await db.orderLine.count({ where: { shop } })).toBe(lines);
  }, 120_000);

  it("GIVEN the shop moves to another time zone WHEN the next sync reads it THEN that sync rebuilds the daily totals for it (no page has to)", async () => {
    const shop = data.shop.myshopifyDomain;
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await pagedSync({ client, db, now: () => new Date() });
    await rebuildRollups(db, shop);
    const zone = devstore.store.shop.ianaTimezone;
    const elsewhere = zone === "Asia/Tokyo" ? "America/Los_Angeles" : "Asia/Tokyo";
    (devstore.store.shop as { ianaTimezone: string }).ianaTimezone = elsewhere;
    try {
      await pagedSync({ client, db, now: () => new Date() });
    } finally {
      (devstore.store.shop as { ianaTimezone: string }).ianaTimezone = zone;
    }
    expect(await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true, rollupTimeZone: true } })).toEqual({
      ianaTimezone: elsewhere,
      rollupTimeZone: elsewhere,
    });
    expect(await rollupsReady(db, shop)).toBe(true);
  }, 120_000);
});
