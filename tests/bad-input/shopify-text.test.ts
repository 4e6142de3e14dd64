/**
 * Text from Shopify holding what PostgreSQL can't store (a NUL) or what has no UTF-8 form (a lone
 * surrogate): a product title or a UTM campaign like that once failed its task for good on
 * PostgreSQL, and every later reconciliation of the shop failed the same way. Copied by the bulk
 * export, the paged queries and a webhook's task alike, it is stored with U+FFFD in their place, the
 * same on SQLite and PostgreSQL, and the orders are counted.
 */
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DevStore, loadFixture, startDevstore, type DevstoreData, type RunningDevstore } from "@throughline/devstore";
import { createAdminClient } from "~/admin-api/client.server";
import { databaseUrl } from "~/lib/database-url";
import { storableText } from "~/lib/storable-text";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { pagedSync } from "~/sync/paged-sync.server";
import { db, resetDatabase } from "../helpers/database";
import { storeSnapshot } from "../helpers/store-snapshot";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
const ODD = { nul: "Mug\u0000Deluxe", lowSurrogate: "Tea \udc00 cup", highSurrogate: "camp\ud83d", both: "\u0000\ud800x\udfff" };

type Loose = Record<string, unknown>;

/** The sample store with odd text in the fields the app stores as text: titles, sku, vendor, codes, UTM campaign. */
async function storeWithOddText(): Promise<{ data: DevstoreData; orderId: string; productId: string }> {
  const data = await loadFixture(FIXTURE);
  const product = data.products[0]! as unknown as Loose & { variants: Loose[] };
  product.title = ODD.nul;
  product.vendor = ODD.lowSurrogate;
  product.variants[0]!.title = ODD.both;
  product.variants[0]!.sku = ODD.highSurrogate;
  const order = data.orders.find(
    (candidate) => (candidate as Loose & { customerJourneySummary?: { lastVisit?: unknown } }).customerJourneySummary?.lastVisit,
  )! as unknown as Loose & {
    lineItems: Loose[];
    customerJourneySummary: { lastVisit: { utmParameters: Loose } };
  };
  order.discountCodes = [ODD.nul, "plain"];
  order.customerJourneySummary.lastVisit.utmParameters.campaign = ODD.highSurrogate;
  order.lineItems[0]!.title = ODD.both;
  order.lineItems[0]!.sku = ODD.nul;
  return { data, orderId: order.id as string, productId: product.id as string };
}

describe("text from Shopify that a database can't take as it is", () => {
  let devstore: RunningDevstore;
  let shop: string;
  let ids: { orderId: string; productId: string };
  let orders: number;
  const client = () =>
    createAdminClient({
      shop,
      accessToken: "devstore-token",
      adminOrigin: devstore.origin,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    });

  beforeAll(async () => {
    const odd = await storeWithOddText();
    ids = { orderId: odd.orderId, productId: odd.productId };
    shop = odd.data.shop.myshopifyDomain;
    orders = odd.data.orders.length;
    devstore = await startDevstore({ store: new DevStore(odd.data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
  });
  afterAll(() => devstore.close());
  beforeEach(resetDatabase);

  async function expectStoredAsReplacement() {
    const product = await db.product.findUniqueOrThrow({ where: { shop_id: { shop, id: ids.productId } } });
    expect([product.title, product.vendor]).toEqual([storableText(ODD.nul), storableText(ODD.lowSurrogate)]);
    expect(product.title).toBe("Mug\uFFFDDeluxe");
    const variant = (await db.variant.findMany({ where: { shop, productId: ids.productId }, orderBy: { id: "asc" } }))[0]!;
    expect([variant.title, variant.sku]).toEqual(["\uFFFD\uFFFDx\uFFFD", "camp\uFFFD"]);
    const order = await db.order.findUniqueOrThrow({ where: { shop_id: { shop, id: ids.orderId } } });
    expect(order.utmCampaign).toBe("camp\uFFFD");
    const codes = await db.orderDiscountCode.findMany({ where: { shop, orderId: ids.orderId }, orderBy: { code: "asc" } });
    expect(codes.map((code) => [code.code, code.codeLower])).toEqual([
      ["Mug\uFFFDDeluxe", "mug\uFFFDdeluxe"],
      ["plain", "plain"],
    ]);
    const line = (await db.orderLine.findMany({ where: { shop, orderId: ids.orderId }, orderBy: { id: "asc" } }))[0]!;
    expect([line.title, line.sku]).toEqual(["\uFFFD\uFFFDx\uFFFD", "Mug\uFFFDDeluxe"]);
    expect(await db.order.count({ where: { shop } })).toBe(orders);
  }

  it("GIVEN a NUL and lone surrogates in titles, sku, vendor, a code and a UTM campaign WHEN the store is backfilled THEN each is stored as U+FFFD and every order is there", async () => {
    const run = await runBackfill({ db, client: client(), databaseUrl: databaseUrl(), maxPollMs: 50, batchLines: 300 });
    expect(run.status).toBe("succeeded");
    await expectStoredAsReplacement();
  }, 60_000);

  it("GIVEN the same store WHEN copied by paged queries (as reconciliations and webhook tasks read) THEN the copy is the bulk copy's, value for value", async () => {
    await runBackfill({ db, client: client(), databaseUrl: databaseUrl(), maxPollMs: 50, batchLines: 300 });
    const bulk = await storeSnapshot(db, shop);
    await resetDatabase();
    await pagedSync({ client: client(), db, now: () => new Date() });
    await expectStoredAsReplacement();
    expect(await storeSnapshot(db, shop)).toEqual(bulk);
    // A reconciliation after it succeeds too (it failed for good on PostgreSQL, every 15 minutes).
    await expect(pagedSync({ client: client(), db, now: () => new Date() })).resolves.toBeTruthy();
  }, 60_000);
});
