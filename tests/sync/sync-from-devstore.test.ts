import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { loadFixture, type DevstoreData } from "~/devstore/fixture";
import { startDevstore, type RunningDevstore } from "~/devstore/server";
import { DevStore } from "~/devstore/store";
import { formatMoney } from "~/lib/money";
import { syncShop } from "~/sync/sync-shop.server";
import { db, resetDatabase } from "../helpers/database";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
type Bag = { shopMoney: { amount: string } };
const cents = (bag: unknown) => Number((bag as Bag).shopMoney.amount).toFixed(2);

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
    const result = await syncShop({ client, db, now: () => new Date() });

    expect(result.orders).toBe(data.orders.length);
    expect(result.products).toBe(data.products.length);
    const stored = await db.shop.findUniqueOrThrow({ where: { shop } });
    expect([stored.currencyCode, stored.ianaTimezone]).toEqual([data.shop.currencyCode, data.shop.ianaTimezone]);

    // Children are read with their own queries (one include per query keeps the rows exact).
    const [orders, allLines, allRefunds, allRefundLines, allCodes] = await Promise.all([
      db.order.findMany({ where: { shop } }),
      db.orderLine.findMany({ where: { shop } }),
      db.refund.findMany({ where: { shop } }),
      db.refundLine.findMany({ where: { shop } }),
      db.orderDiscountCode.findMany({ where: { shop } }),
    ]);
    const byId = new Map(
      orders.map((order) => [
        order.id,
        {
          ...order,
          lines: allLines.filter((line) => line.orderId === order.id),
          discountCodes: allCodes.filter((code) => code.orderId === order.id),
          refunds: allRefunds
            .filter((refund) => refund.orderId === order.id)
            .map((refund) => ({ ...refund, lines: allRefundLines.filter((line) => line.refundId === refund.id) })),
        },
      ]),
    );
    for (const expected of data.orders) {
      const order = byId.get(expected.id)!;
      expect(order, expected.id).toBeDefined();
      expect(order.processedAt.toISOString().replace(".000", "")).toBe(expected.processedAt);
      expect(order.test).toBe(expected.test);
      expect(order.customerId).toBe((expected.customer as { id: string } | null)?.id ?? null);
      expect(formatMoney(order.totalDiscounts)).toBe(cents(expected.totalDiscountsSet));
      expect(formatMoney(order.totalPrice)).toBe(cents(expected.totalPriceSet));
      expect(order.discountCodes.map((code) => code.code).sort()).toEqual([...new Set(expected.discountCodes as string[])].sort());
      const journey = expected.customerJourneySummary as { lastVisit?: { utmParameters?: { campaign?: string } } | null } | null;
      expect(order.utmCampaign).toBe(journey?.lastVisit?.utmParameters?.campaign ?? null);
      const lines = expected.lineItems as { id: string; quantity: number; originalUnitPriceSet: Bag; totalDiscountSet: Bag }[];
      expect(order.lines.map((line) => line.id).sort(), expected.id).toEqual(lines.map((line) => line.id).sort());
      for (const line of lines) {
        const storedLine = order.lines.find((candidate) => candidate.id === line.id)!;
        expect(storedLine.quantity).toBe(line.quantity);
        expect(formatMoney(storedLine.originalUnitPrice)).toBe(cents(line.originalUnitPriceSet));
        expect(formatMoney(storedLine.totalDiscount)).toBe(cents(line.totalDiscountSet));
      }
      const refunds = expected.refunds as { id: string; refundLineItems: { subtotalSet: Bag }[] }[];
      expect(order.refunds.map((refund) => refund.id).sort()).toEqual(refunds.map((refund) => refund.id).sort());
      for (const refund of refunds) {
        const storedRefund = order.refunds.find((candidate) => candidate.id === refund.id)!;
        expect(storedRefund.lines.map((line) => formatMoney(line.subtotal)).sort()).toEqual(refund.refundLineItems.map((line) => cents(line.subtotalSet)).sort());
      }
    }
  }, 120_000);

  it("GIVEN a synced shop WHEN synced again THEN nothing is duplicated", async () => {
    const shop = data.shop.myshopifyDomain;
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await syncShop({ client, db, now: () => new Date() });
    const lines = await db.orderLine.count({ where: { shop } });
    await syncShop({ client, db, now: () => new Date() });
    expect(await db.order.count({ where: { shop } })).toBe(data.orders.length);
    expect(await db.orderLine.count({ where: { shop } })).toBe(lines);
  }, 120_000);
});
