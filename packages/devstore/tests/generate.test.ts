import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateStore, writeStoreFixture, type FixtureOrder } from "../src/generate";
import { loadFixture } from "../src/fixture";
import { STEADY_LOYAL_DAYS } from "../src/generate/order-plan";
import { parseMoney } from "@throughline/shopify-common/money";

const orders = (options: Parameters<typeof generateStore>[0]) => [...generateStore(options)].filter((o): o is FixtureOrder => o.__typename === "Order");

describe("devstore generator", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("is deterministic for a seed and differs across seeds", () => {
    const a = JSON.stringify([...generateStore({ orders: 200, seed: 7 })]);
    expect(JSON.stringify([...generateStore({ orders: 200, seed: 7 })])).toBe(a);
    expect(JSON.stringify([...generateStore({ orders: 200, seed: 8 })])).not.toBe(a);
  });

  it("writes a fixture the devstore loads, with the requested counts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "generate-"));
    dirs.push(dir);
    const path = join(dir, "store.jsonl");
    const summary = await writeStoreFixture(path, { orders: 300, seed: 3, shopDomain: "gen.myshopify.com", products: 12 });
    expect(summary.orders).toBe(300);
    expect(summary.products).toBe(12);
    expect(summary.bytes).toBe((await readFile(path)).byteLength);
    const data = await loadFixture(path);
    expect(data.shop.myshopifyDomain).toBe("gen.myshopify.com");
    expect(data.orders).toHaveLength(300);
    expect(data.products).toHaveLength(12);
    expect(data.customers).toHaveLength(summary.customers);
  });

  it.each(["typical", "heavy"] as const)("keeps order money consistent with %s returns: lines, discounts, refunds never exceed what was paid", (returns) => {
    for (const order of orders({ orders: 400, seed: 11, returns })) {
      const gross = order.lineItems.reduce((sum, line) => sum + parseMoney(line.originalUnitPriceSet.shopMoney.amount) * BigInt(line.quantity), 0n);
      expect(parseMoney(order.subtotalPriceSet.shopMoney.amount)).toBe(gross - parseMoney(order.totalDiscountsSet.shopMoney.amount));
      const refunded = new Map<string, number>();
      for (const refund of order.refunds) {
        expect(Date.parse(refund.createdAt)).toBeGreaterThanOrEqual(Date.parse(order.processedAt));
        for (const r of refund.refundLineItems) refunded.set(r.lineItem.id, (refunded.get(r.lineItem.id) ?? 0) + r.quantity);
      }
      for (const line of order.lineItems) expect(refunded.get(line.id) ?? 0).toBeLessThanOrEqual(line.quantity);
      const refundedMoney = order.refunds.reduce((sum, refund) => sum + parseMoney(refund.totalRefundedSet.shopMoney.amount), 0n);
      expect(refundedMoney).toBe(parseMoney(order.totalRefundedSet.shopMoney.amount));
      expect(refundedMoney).toBeLessThanOrEqual(parseMoney(order.totalPriceSet.shopMoney.amount));
      for (const refund of order.refunds) {
        const lines = refund.refundLineItems.reduce((sum, line) => sum + parseMoney(line.subtotalSet.shopMoney.amount), 0n);
        if (refund.refundLineItems.length > 0) expect(parseMoney(refund.totalRefundedSet.shopMoney.amount)).toBe(lines);
        else expect(parseMoney(refund.totalRefundedSet.shopMoney.amount)).toBeGreaterThan(0n);
      }
    }
  });

  it("gives typical returns unless asked for heavy ones, and refuses an unknown kind", () => {
    const refundsOf = (list: FixtureOrder[]) => list.flatMap((order) => order.refunds);
    const typical = refundsOf(orders({ orders: 400, seed: 11 }));
    const heavy = refundsOf(orders({ orders: 400, seed: 11, returns: "heavy" }));
    expect(typical.every((refund) => refund.refundLineItems.length > 0)).toBe(true);
    expect(heavy.length).toBeGreaterThan(3 * typical.length);
    expect(heavy.some((refund) => refund.refundLineItems.length === 0)).toBe(true);
    expect(() => orders({ orders: 1, returns: "some" as never })).toThrow(/returns must be "typical" or "heavy"/);
  });

  it("GIVEN steady demand THEN every quarter sells about the same, and a customer comes back only in the days after their first order; the seasonal store's November outsells its July", () => {
    const DAY = 86_400_000;
    const options = { orders: 6000, seed: 9, ianaTimezone: "UTC", end: new Date("2026-11-01T00:00:00Z"), days: 720 };
    const quarterTotals = (list: FixtureOrder[]) => {
      const totals = new Map<string, number>();
      for (const order of list) {
        const at = new Date(order.processedAt);
        const quarter = `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
        totals.set(quarter, (totals.get(quarter) ?? 0) + 1);
      }
      // Whole quarters only (the range starts and ends inside one).
      return [...totals.values()].slice(1, -1);
    };
    const steady = orders({ ...options, demand: "steady" });
    const counts = quarterTotals(steady);
    expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(1.1);
    const first = new Map<string, number>();
    for (const order of steady) {
      const customer = order.customer?.id;
      if (!customer) continue;
      const at = Date.parse(order.processedAt);
      if (!first.has(customer)) first.set(customer, at);
      expect(at - first.get(customer)!).toBeLessThan(STEADY_LOYAL_DAYS * DAY);
    }
    const seasonal = orders(options);
    const month = (list: FixtureOrder[], prefix: string) => list.filter((order) => order.processedAt.startsWith(prefix)).length;
    expect(month(seasonal, "2025-11") / month(seasonal, "2025-07")).toBeGreaterThan(1.4);
    expect(() => orders({ orders: 1, demand: "flat" as never })).toThrow(/demand must be "seasonal" or "steady"/);
  });

  it("formats money with the currency's decimals and dates orders inside the window", () => {
    const end = new Date("2026-06-01T00:00:00Z");
    const list = orders({ orders: 150, seed: 5, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", end, days: 30 });
    for (const order of list) {
      expect(order.totalPriceSet.shopMoney.currencyCode).toBe("JPY");
      expect(order.totalPriceSet.shopMoney.amount).toMatch(/^\d+(\.0)?$/);
      const at = Date.parse(order.processedAt);
      expect(at).toBeLessThan(end.getTime());
      expect(at).toBeGreaterThanOrEqual(end.getTime() - 31 * 86_400_000);
    }
    const processed = list.map((o) => o.processedAt);
    expect([...processed].sort()).toEqual(processed);
  });
});
