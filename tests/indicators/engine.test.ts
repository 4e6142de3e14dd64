import { describe, expect, it } from "vitest";
import {
  addTotals,
  cancellationReversals,
  computeIndicators,
  computeProductIndicators,
  countCustomers,
  emptyTotals,
  rollupByDay,
  ruleFee,
  shippingCost,
  type LineFact,
  type OrderFact,
  type ReversalFact,
} from "~/indicators/engine";
import { indicatorsJson } from "~/indicators/json";
import { parseDay } from "~/lib/calendar";
import { parseMoney } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";

const berlin = timeZone("Europe/Berlin");
const m = (amount: string) => parseMoney(amount);

function line(price: string, quantity = 1, { discount = "0", cost = null as string | null, product = "P1" as string | null } = {}): LineFact {
  return { productId: product, quantity, originalUnitPrice: m(price), totalDiscount: m(discount), unitCost: cost === null ? null : m(cost) };
}
function order(at: string, lines: LineFact[], { customer = null as number | null, first = false, discounts = "0" } = {}): OrderFact {
  return { processedAt: Date.parse(at), customerKey: customer, firstOrder: first, totalDiscounts: m(discounts), lines };
}
function refund(at: string, of: LineFact, quantity: number, amount: string): ReversalFact {
  return { at: Date.parse(at), line: of, quantity, amount: m(amount) };
}

/** Indicators of [from, to] (local dates in Berlin) from the facts, through day rollups as the app does. */
function indicators(orders: OrderFact[], reversals: ReversalFact[], from: string, to: string) {
  const days = [...rollupByDay(orders, reversals, (ms) => berlin.localDay(ms)).values()].filter((d) => d.day >= parseDay(from)! && d.day <= parseDay(to)!);
  const totals = days.reduce((sum, d) => addTotals(sum, d.totals), emptyTotals());
  return indicatorsJson(computeIndicators(totals, countCustomers(days.map((d) => d.customerKeys))));
}

const shirt = line("20.00", 2, { cost: "8.00" });
const mug = line("10.00", 1, { cost: "4.00", discount: "1.00", product: "P2" });

describe("store indicators, by definition", () => {
  it.each([
    {
      name: "an order a second before local midnight is on that day, one at midnight on the next",
      orders: [order("2026-03-01T22:59:59Z", [line("10")]), order("2026-03-01T23:00:00Z", [line("30")])],
      reversals: [],
      period: ["2026-03-01", "2026-03-01"],
      expected: { orders: 1, gross_sales: 10 },
    },
    {
      name: "on the day clocks spring forward, 23 hours are one day",
      orders: [order("2026-03-28T23:00:00Z", [line("10")]), order("2026-03-29T21:59:59Z", [line("5")]), order("2026-03-29T22:00:00Z", [line("7")])],
      reversals: [],
      period: ["2026-03-29", "2026-03-29"],
      expected: { orders: 2, gross_sales: 15 },
    },
    {
      name: "a refund in a later period counts when it happens, not on the order's date",
      orders: [order("2026-03-10T10:00:00Z", [shirt], { customer: 1, first: true })],
      reversals: [refund("2026-04-02T10:00:00Z", shirt, 1, "20.00")],
      period: ["2026-03-01", "2026-03-31"],
      expected: { gross_sales: 40, returns: 0, net_sales: 40, cogs: 16, gross_profit: 24, return_rate: 0 },
    },
    {
      name: "…and in the refund's period, returns and their cost are taken back with no order at all",
      orders: [order("2026-03-10T10:00:00Z", [shirt], { customer: 1, first: true })],
      reversals: [refund("2026-04-02T10:00:00Z", shirt, 1, "20.00")],
      period: ["2026-04-01", "2026-04-30"],
      expected: { orders: 0, gross_sales: 0, returns: 20, net_sales: -20, cogs: -8, gross_profit: -12, aov: null, return_rate: null, gross_margin: 0.6 },
    },
    {
      name: "an order cancelled without a refund is reversed in full (price less discount) on the day it was cancelled",
      orders: [order("2026-03-10T10:00:00Z", [mug], { discounts: "1.00" })],
      reversals: cancellationReversals([mug], Date.parse("2026-03-12T10:00:00Z")),
      period: ["2026-03-01", "2026-03-31"],
      expected: { gross_sales: 10, discounts: 1, returns: 9, net_sales: 0, cogs: 0, gross_profit: 0, gross_margin: null, aov: 9 },
    },
    {
      name: "a line with unknown cost is in sales but out of cost, profit and margin; coverage says how much is covered",
      orders: [order("2026-03-10T10:00:00Z", [shirt, line("60", 1, { cost: null })])],
      reversals: [],
      period: ["2026-03-10", "2026-03-10"],
      expected: { gross_sales: 100, cogs: 16, gross_profit: 24, gross_margin: 0.6, cost_coverage: 0.4 },
    },
    {
      name: "guest orders count as orders but not as customers",
      orders: [order("2026-03-10T10:00:00Z", [line("10")]), order("2026-03-11T10:00:00Z", [line("10")], { customer: 3, first: true })],
      reversals: [],
      period: ["2026-03-01", "2026-03-31"],
      expected: { orders: 2, customers: 1, new_customers: 1, returning_customer_rate: 0, repurchase_rate: 0 },
    },
    {
      name: "a customer with two orders in the period repurchased; one who ordered before the period is returning",
      orders: [
        order("2026-02-10T10:00:00Z", [line("10")], { customer: 1, first: true }),
        order("2026-03-02T10:00:00Z", [line("10")], { customer: 1 }),
        order("2026-03-03T10:00:00Z", [line("10")], { customer: 2, first: true }),
        order("2026-03-20T10:00:00Z", [line("10")], { customer: 2 }),
        order("2026-03-21T10:00:00Z", [line("10")], { customer: 3, first: true }),
      ],
      reversals: [],
      period: ["2026-03-01", "2026-03-31"],
      expected: { customers: 3, new_customers: 2, returning_customer_rate: 1 / 3, repurchase_rate: 1 / 3, units_per_order: 1 },
    },
    {
      name: "a period without orders has null ratios, never 0 or NaN",
      orders: [],
      reversals: [],
      period: ["2026-03-01", "2026-03-31"],
      expected: {
        orders: 0,
        aov: null,
        units_per_order: null,
        returning_customer_rate: null,
        repurchase_rate: null,
        gross_margin: null,
        cost_coverage: null,
        discount_rate: null,
        return_rate: null,
      },
    },
    {
      name: "AOV is gross less discounts per order (returns not deducted); discount rate over gross sales",
      orders: [order("2026-03-10T10:00:00Z", [line("30", 2)], { discounts: "6.00" }), order("2026-03-11T10:00:00Z", [line("15")])],
      reversals: [],
      period: ["2026-03-01", "2026-03-31"],
      expected: { gross_sales: 75, discounts: 6, aov: 34.5, discount_rate: 0.08, units: 3, units_per_order: 1.5 },
    },
  ])("$name", ({ orders, reversals, period, expected }) => {
    expect(indicators(orders, reversals, period[0]!, period[1]!)).toMatchObject(expected);
  });

  it("sums are exact: a thousand orders of 0.10 make 100.00, not 99.99999", () => {
    const orders = Array.from({ length: 1000 }, (_, i) => order(`2026-03-10T10:00:${String(i % 60).padStart(2, "0")}Z`, [line("0.10")]));
    expect(indicators(orders, [], "2026-03-10", "2026-03-10").gross_sales).toBe(100);
  });
});

describe("per-product indicators, by definition", () => {
  it("GIVEN orders with a product on two lines, and new customers WHEN rolled up THEN orders count it once and attraction counts first orders", () => {
    const orders = [
      order("2026-03-10T10:00:00Z", [shirt, line("5", 1, { product: "P1" }), mug], { customer: 1, first: true }),
      order("2026-03-11T10:00:00Z", [mug], { customer: 2, first: true }),
      order("2026-03-12T10:00:00Z", [shirt], { customer: 1 }),
      order("2026-03-13T10:00:00Z", [line("3", 1, { product: null })]),
    ];
    const days = [...rollupByDay(orders, [refund("2026-03-14T10:00:00Z", mug, 1, "9.00")], (ms) => berlin.localDay(ms)).values()];
    const store = days.reduce((sum, d) => addTotals(sum, d.totals), emptyTotals());
    const product = (id: string) =>
      computeProductIndicators(
        { id, title: id },
        days.reduce((sum, d) => (d.products.get(id) ? addTotals(sum, d.products.get(id)!) : sum), emptyTotals()),
        store,
      );

    expect(product("P1")).toMatchObject({ orders: 2, units: 5, gross_sales: m("85"), attach_rate: 0.5, attraction_rate: 0.5, new_customers: 1 });
    expect(product("P2")).toMatchObject({
      orders: 2,
      units: 2,
      gross_sales: m("20"),
      discounts: m("2"),
      returns: m("9"),
      net_sales: m("9"),
      attraction_rate: 1,
    });
    // The custom item is in the store's figures only.
    expect(store.grossSales).toBe(m("108"));
    expect(days.some((d) => d.products.has("null"))).toBe(false);
  });
});

describe("distinct customers over days", () => {
  it.each([
    [
      [
        [1, 2],
        [2, 3],
        [3, 3],
      ],
      { customers: 3, repeatCustomers: 2 },
    ],
    [[[], []], { customers: 0, repeatCustomers: 0 }],
    [[[7, 7, 7]], { customers: 1, repeatCustomers: 1 }],
  ])("GIVEN day keys %j THEN %j", (days, expected) => {
    expect(countCustomers(days.map((keys) => Int32Array.from(keys)))).toEqual(expected);
  });
});

describe("the owner's fee rule on one payment (METRICS.md transaction_fees)", () => {
  it.each([
    // amount, rate, fixed fee, currency decimals, fee: amount × rate + fixed fee, rounded half away from zero to the minor unit
    ["1000", "0.0349", "40", 0, "75"],
    ["1010", "0.0349", "40", 0, "75"],
    ["100", "0.005", "0", 0, "1"],
    ["12.345", "0.0125", "0.1", 3, "0.254"],
    ["1.00", "0.005", "0", 2, "0.01"],
    ["-1.00", "0.005", "0", 2, "-0.01"],
    ["19.99", "0", "0.49", 2, "0.49"],
  ])("GIVEN %s at a rate of %s plus %s in a currency of %i decimals THEN the fee is %s", (amount, rate, fixedFee, decimals, fee) => {
    expect(ruleFee(parseMoney(amount), { rate, fixedFee: parseMoney(fixedFee) }, decimals)).toBe(parseMoney(fee));
  });

  it("GIVEN rules for two gateways WHEN a day's payments are rolled up THEN a rule prices only sales and captures without listed fees, each rounded on its own", () => {
    const at = Date.UTC(2026, 2, 1, 12);
    const payment = { at, refund: false, fees: 0n, feesListed: false };
    const rules = {
      byGateway: new Map([
        ["paypal", { rate: "0.0349", fixedFee: 0n }],
        ["shopify_payments", { rate: "0.5", fixedFee: 0n }],
      ]),
      decimals: 0,
    };
    const day = rollupByDay([], [], (ms) => Math.floor(ms / 86_400_000), {
      payments: [
        // 10 × 0.0349 = 0.349 → 0 each: rounded per payment, not on the day's sum (1.047 → 1).
        { ...payment, gateway: "paypal", amount: parseMoney("10") },
        { ...payment, gateway: "paypal", amount: parseMoney("10") },
        { ...payment, gateway: "paypal", amount: parseMoney("10") },
        // Listed fees stand; a refund without fees costs nothing; a gateway without a rule stays unknown.
        { ...payment, gateway: "shopify_payments", amount: parseMoney("100"), fees: parseMoney("3"), feesListed: true },
        { ...payment, gateway: "paypal", amount: parseMoney("10"), refund: true },
        { ...payment, gateway: "cash", amount: parseMoney("50") },
      ],
      feeRules: rules,
    });
    expect([...day.values()][0]!.payments).toEqual({ transactionFees: parseMoney("3"), payments: parseMoney("180"), paymentsFeeKnown: parseMoney("130") });
  });
});

describe("what shipping an order cost (METRICS.md shipping_costs)", () => {
  const rules = {
    byCountry: new Map([["JP", { perOrder: m("500"), perUnit: m("100") }]]),
    restOfWorld: { perOrder: m("2000"), perUnit: m("300") },
  };
  const shipment = { country: "JP" as string | null, units: 3, importedCost: null as bigint | null };

  it.each([
    // country, units, imported cost, rules, cost (null: unknown)
    ["JP", 3, null, "both", "800"],
    ["US", 2, null, "both", "2600"],
    [null, 2, null, "both", "2600"],
    ["US", 2, null, "Japan only", null],
    ["JP", 0, null, "Japan only", "500"],
    ["US", 2, "1234.5", "Japan only", "1234.5"],
    ["JP", 3, "0", "both", "0"],
  ] as const)("GIVEN an order to %s of %i units with imported cost %s and %s rules THEN it cost %s", (country, units, imported, which, cost) => {
    const used = which === "both" ? rules : { ...rules, restOfWorld: null };
    const priced = shippingCost({ country, units, importedCost: imported === null ? null : m(imported) }, used);
    expect(priced).toBe(cost === null ? null : m(cost));
  });

  it("GIVEN a day's shipments WHEN rolled up THEN costs count on the day processed, coverage counts the day's orders, and a full cancellation gives its cost back on its own day", () => {
    const day = (date: string) => parseDay(date)!;
    const at = (date: string) => Date.parse(`${date}T12:00:00Z`);
    const days = rollupByDay([], [], (ms) => Math.floor(ms / 86_400_000), {
      shipments: [
        { ...shipment, at: at("2026-03-01"), givenBack: false },
        { ...shipment, at: at("2026-03-01"), givenBack: false, country: "US", units: 1 },
        { ...shipment, at: at("2026-03-01"), givenBack: false, country: "US", importedCost: m("7.25") },
        // The first order, cancelled two days later without a refund: its cost comes back then, coverage unchanged.
        { ...shipment, at: at("2026-03-03"), givenBack: true },
        // Unknown cost: nothing to give back.
        { ...shipment, at: at("2026-03-03"), givenBack: true, country: "FR" },
      ],
      shippingRules: { ...rules, restOfWorld: null },
    });
    expect(days.get(day("2026-03-01"))!.shipping).toEqual({ shippingCosts: m("800") + m("7.25"), shipments: 3, shipmentsCostKnown: 2 });
    expect(days.get(day("2026-03-03"))!.shipping).toEqual({ shippingCosts: -m("800"), shipments: 0, shipmentsCostKnown: 0 });
  });
});
