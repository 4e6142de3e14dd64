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

describe("devstore generator: shipping and payments", () => {
  type Transaction = FixtureOrder["transactions"][number];
  const bagOf = (order: FixtureOrder) => order.totalPriceSet;
  const isPayment = (t: Transaction) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS";
  /** amount × rate rounded half away from zero to the currency's minor unit, plus the flat fee: a second reading of the fee rule, in 1/10,000s. */
  const expectedFee = (amount: string, rate: string, flat: string, decimals: number) => {
    const exact = parseMoney(amount) * parseMoney(rate); // 1/10^8 of the currency
    const step = 10n ** BigInt(8 - decimals);
    const magnitude = ((exact < 0n ? -exact : exact) + step / 2n) / step;
    return (exact < 0n ? -magnitude : magnitude) * 10n ** BigInt(4 - decimals) + parseMoney(flat);
  };

  it.each([
    { currencyCode: "USD", ianaTimezone: "America/New_York", decimals: 2, returns: "typical" as const },
    { currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", decimals: 0, returns: "typical" as const },
    { currencyCode: "KWD", ianaTimezone: "Asia/Kuwait", decimals: 3, returns: "heavy" as const },
  ])(
    "GIVEN a store in $currencyCode WHEN its orders' transactions are read THEN each paid order took its total once, every refund went back through the same gateway at the refund's time, and every fee is amount × rate + flat fee rounded to the currency's unit",
    ({ currencyCode, ianaTimezone, decimals, returns }) => {
      const end = new Date("2026-11-01T00:00:00Z");
      const amountFormat = decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${decimals}}$`);
      for (const order of orders({ orders: 1500, seed: 21, currencyCode, ianaTimezone, returns, end })) {
        const total = bagOf(order);
        const payments = order.transactions.filter(isPayment);
        if (parseMoney(total.shopMoney.amount) === 0n) expect(order.transactions).toEqual([]);
        expect(payments.length).toBeLessThanOrEqual(1);
        const paid = payments[0];
        if (paid) expect(paid.amountSet).toEqual(total);
        else {
          // Unpaid: a manual payment still pending, or an authorization never captured; then nothing was refunded.
          expect(order.refunds).toEqual([]);
          expect(order.transactions.some((t) => (t.gateway === "manual" && t.status === "PENDING") || t.kind === "AUTHORIZATION")).toBe(true);
        }
        const refunds = order.transactions.filter((t) => t.kind === "REFUND");
        expect(refunds.map((t) => [t.processedAt, t.amountSet.shopMoney.amount])).toEqual(
          order.refunds.map((r) => [r.createdAt, r.totalRefundedSet.shopMoney.amount]),
        );
        for (const refund of refunds) {
          expect(refund.parentTransaction).toEqual({ id: paid!.id });
          expect(refund.gateway).toBe(paid!.gateway);
        }
        order.transactions.forEach((transaction, index) => {
          expect(transaction.test).toBe(order.test);
          expect(Date.parse(transaction.processedAt)).toBeGreaterThanOrEqual(Date.parse(order.processedAt));
          expect(Date.parse(transaction.processedAt)).toBeLessThan(end.getTime());
          expect(transaction.amountSet.shopMoney.currencyCode).toBe(currencyCode);
          expect(transaction.amountSet.shopMoney.amount).toMatch(amountFormat);
          if (transaction.parentTransaction) {
            const parent = order.transactions.findIndex((t) => t.id === transaction.parentTransaction!.id);
            expect(parent).toBeGreaterThanOrEqual(0);
            expect(parent).toBeLessThan(index);
            if (transaction.kind !== "REFUND") expect(order.transactions[parent]!.kind).toBe("AUTHORIZATION");
          }
          const feesAllowed =
            transaction.gateway === "shopify_payments" && transaction.status === "SUCCESS" && ["SALE", "CAPTURE", "REFUND"].includes(transaction.kind);
          if (!feesAllowed) expect(transaction.fees).toEqual([]);
          if (feesAllowed && transaction.kind !== "REFUND") expect(transaction.fees).toHaveLength(1);
          for (const fee of transaction.fees) {
            for (const money of [fee.amount, fee.flatFee, fee.taxAmount]) {
              expect(money.currencyCode).toBe(currencyCode);
              expect(money.amount).toMatch(amountFormat);
            }
            const expected = expectedFee(transaction.amountSet.shopMoney.amount, fee.rate, fee.flatFee.amount, decimals);
            expect(parseMoney(fee.amount.amount)).toBe(
              transaction.kind === "REFUND" ? -expectedFee(transaction.amountSet.shopMoney.amount, fee.rate, "0", decimals) : expected,
            );
          }
        });
        if (parseMoney(order.totalShippingPriceSet.shopMoney.amount) > 0n) expect(order.shippingAddress?.countryCodeV2).toMatch(/^[A-Z]{2}$/);
      }
    },
  );

  it("GIVEN a year of a store WHEN its payments are counted THEN it holds every case the cost indicators meet: gateways with and without fees, captures after authorizations, voids, declined and pending payments, fees given back on refunds, test orders and orders that ship nowhere", () => {
    const list = orders({ orders: 20_000, seed: 1 });
    const transactions = list.flatMap((order) => order.transactions);
    const seen = (predicate: (t: Transaction) => boolean) => transactions.filter(predicate).length;
    for (const gateway of ["shopify_payments", "paypal", "manual", "cash", "bogus"])
      expect(
        seen((t) => t.gateway === gateway),
        gateway,
      ).toBeGreaterThan(0);
    for (const kind of ["SALE", "AUTHORIZATION", "CAPTURE", "VOID", "REFUND"])
      expect(
        seen((t) => t.kind === kind),
        kind,
      ).toBeGreaterThan(0);
    expect(seen((t) => t.status === "FAILURE" && t.kind === "SALE")).toBeGreaterThan(0);
    expect(seen((t) => t.status === "FAILURE" && t.kind === "CAPTURE")).toBeGreaterThan(0);
    expect(seen((t) => t.status === "PENDING")).toBeGreaterThan(0);
    expect(seen((t) => t.kind === "REFUND" && t.fees.length > 0)).toBeGreaterThan(0);
    expect(seen((t) => t.kind === "REFUND" && t.gateway === "shopify_payments" && t.fees.length === 0)).toBeGreaterThan(0);
    expect(seen((t) => isPayment(t) && t.gateway !== "shopify_payments" && !t.test)).toBeGreaterThan(0);
    expect(list.filter((order) => order.test).every((order) => order.transactions.every((t) => t.test && t.gateway === "bogus"))).toBe(true);
    expect(list.filter((order) => order.test).length).toBeGreaterThan(0);
    // Captured on another day than the order was placed: fees are dated by the transaction.
    expect(list.some((order) => order.transactions.some((t) => t.kind === "CAPTURE" && t.processedAt.slice(0, 10) !== order.processedAt.slice(0, 10)))).toBe(
      true,
    );
    const shipped = list.filter((order) => order.shippingAddress);
    expect(list.length - shipped.length).toBeGreaterThan(0);
    expect(new Set(shipped.map((order) => order.shippingAddress!.countryCodeV2)).size).toBeGreaterThan(3);
    expect(list.filter((order) => order.sourceName === "pos" && order.shippingAddress === null).length).toBeGreaterThan(0);
  });
});
