/**
 * The oracle's reading of "The whole cost of a sale" checked against figures worked out by hand on
 * two small stores, before anything in the app is compared with it.
 */
import { describe, expect, it } from "vitest";
import type { DevstoreData, FixtureRecord } from "@throughline/devstore";
import { oracleCostIndicators, oracleStore, type OracleCostSettings } from "../helpers/metrics-oracle";

type Json = Record<string, unknown>;

/** A tiny store-file builder in one currency: money as the shop's and the buyer's amount alike. */
function storeIn(currencyCode: string, ianaTimezone: string) {
  const money = (amount: string) => ({ amount, currencyCode });
  const bag = (amount: string) => ({ shopMoney: money(amount), presentmentMoney: money(amount) });
  let ids = 0;
  const gid = (type: string) => `gid://shopify/${type}/${++ids}`;
  const fee = (amount: string, flatFee: string, rate: string, taxAmount = "0") => ({
    id: gid("TransactionFee"),
    type: "processing_fee",
    amount: money(amount),
    flatFee: money(flatFee),
    rate,
    taxAmount: money(taxAmount),
  });
  const transaction = (kind: string, status: string, gateway: string, processedAt: string, amount: string, fees: Json[] = [], test = false) => ({
    id: gid("OrderTransaction"),
    kind,
    status,
    gateway,
    processedAt,
    test,
    amountSet: bag(amount),
    fees,
    parentTransaction: null,
  });
  const line = (variant: string | null, quantity: number, price: string, discount = "0") => ({
    id: gid("LineItem"),
    quantity,
    title: "Item",
    variant: variant ? { id: variant } : null,
    product: variant ? { id: "gid://shopify/Product/1" } : null,
    originalUnitPriceSet: bag(price),
    totalDiscountSet: bag(discount),
  });
  const order = (
    name: string,
    spec: {
      processedAt: string;
      customer: string | null;
      lines: Json[];
      discounts?: string;
      country: string | null;
      transactions: Json[];
      refunds?: Json[];
      cancelledAt?: string;
      test?: boolean;
    },
  ): FixtureRecord => ({
    __typename: "Order",
    id: gid("Order"),
    name,
    createdAt: spec.processedAt,
    updatedAt: spec.processedAt,
    processedAt: spec.processedAt,
    cancelledAt: spec.cancelledAt ?? null,
    test: spec.test ?? false,
    customer: spec.customer ? { id: spec.customer } : null,
    totalDiscountsSet: bag(spec.discounts ?? "0"),
    lineItems: spec.lines,
    refunds: spec.refunds ?? [],
    shippingAddress: spec.country ? { countryCodeV2: spec.country } : null,
    transactions: spec.transactions,
  });
  const refund = (createdAt: string, lineItem: Json, quantity: number, subtotal: string) => ({
    id: gid("Refund"),
    createdAt,
    totalRefundedSet: bag(subtotal),
    refundLineItems: [{ lineItem: { id: lineItem.id }, quantity, subtotalSet: bag(subtotal) }],
  });
  const data = (variants: { id: string; unitCost: string | null }[], orders: FixtureRecord[]): DevstoreData => ({
    shop: { __typename: "Shop", myshopifyDomain: "hand.myshopify.com", name: "Hand", currencyCode, ianaTimezone },
    products: [
      {
        __typename: "Product",
        id: "gid://shopify/Product/1",
        title: "Product",
        variants: variants.map((variant) => ({
          id: variant.id,
          inventoryItem: { id: gid("InventoryItem"), unitCost: variant.unitCost ? money(variant.unitCost) : null },
        })),
      },
    ],
    customers: [],
    orders,
  });
  return { fee, transaction, line, order, refund, data };
}

/** Money to a thousandth of a cent (the hand figures are exact), ratios to 1e-9. */
function expectFigures(actual: Record<string, number | null>, expected: Record<string, number | null>) {
  for (const [key, value] of Object.entries(expected)) {
    if (value === null) expect(actual[key], key).toBeNull();
    else expect(Math.abs((actual[key] as number) - value), `${key}: ${String(actual[key])} vs ${value}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(value)));
  }
}

describe("the oracle's whole cost of a sale", () => {
  // KWD: three decimals. Asia/Kuwait is UTC+3 all year.
  const kwd = storeIn("KWD", "Asia/Kuwait");
  const V1 = "gid://shopify/ProductVariant/1"; // unit cost 4.000
  const V2 = "gid://shopify/ProductVariant/2"; // no unit cost
  const line1 = kwd.line(V1, 2, "10.000");
  const kuwait = kwd.data(
    [
      { id: V1, unitCost: "4.000" },
      { id: V2, unitCost: null },
    ],
    [
      // #1001: C1's first order. Shopify Payments: fee 20 × 2.9% + 0.092 = 0.672 (its tax 0.050 left out);
      // half refunded on the 20th, the fee's rate part (0.290) given back.
      kwd.order("#1001", {
        processedAt: "2026-03-02T07:00:00Z",
        customer: "C1",
        lines: [line1],
        country: "KW",
        transactions: [
          kwd.transaction("SALE", "SUCCESS", "shopify_payments", "2026-03-02T07:00:05Z", "20.000", [kwd.fee("0.672", "0.092", "0.029", "0.050")]),
          kwd.transaction("REFUND", "SUCCESS", "shopify_payments", "2026-03-20T09:00:00Z", "10.000", [kwd.fee("-0.290", "0.000", "0.029")]),
        ],
        refunds: [kwd.refund("2026-03-20T09:00:00Z", line1, 1, "10.000")],
      }),
      // #1002: C2's first order, late on 5 March local time; lines without a cost; shipped to Saudi
      // Arabia (only the rule for every country covers it). Authorized, a capture that failed (its
      // listed fee doesn't count), then captured at 00:30 on 1 April local time: its fee is April's.
      kwd.order("#1002", {
        processedAt: "2026-03-05T20:30:00Z",
        customer: "C2",
        lines: [kwd.line(V2, 3, "5.500", "1.500")],
        discounts: "1.500",
        country: "SA",
        transactions: [
          kwd.transaction("AUTHORIZATION", "SUCCESS", "shopify_payments", "2026-03-05T20:30:00Z", "15.000"),
          kwd.transaction("CAPTURE", "FAILURE", "shopify_payments", "2026-03-06T10:00:00Z", "15.000", [kwd.fee("0.527", "0.092", "0.029")]),
          kwd.transaction("CAPTURE", "SUCCESS", "shopify_payments", "2026-03-31T21:30:00Z", "15.000", [kwd.fee("0.527", "0.092", "0.029")]),
        ],
      }),
      // #1003: a guest's custom item through PayPal, no fees listed: the owner's PayPal rule gives
      // 10.100 × 2.5% + 0.100 = 0.3525, rounded half away from zero to 0.353. Its shipping was imported: 2.750.
      kwd.order("#1003", {
        processedAt: "2026-03-10T10:00:00Z",
        customer: null,
        lines: [kwd.line(null, 1, "10.100")],
        country: "KW",
        transactions: [kwd.transaction("SALE", "SUCCESS", "paypal", "2026-03-10T10:00:01Z", "10.100")],
      }),
      // #1004: C3's first order, a bank deposit: pending, then paid on the 22nd; no rule for "manual",
      // so its fee is unknown. Shipped to Germany.
      kwd.order("#1004", {
        processedAt: "2026-03-18T10:00:00Z",
        customer: "C3",
        lines: [kwd.line(V1, 1, "10.000")],
        country: "DE",
        transactions: [
          kwd.transaction("SALE", "PENDING", "manual", "2026-03-18T10:00:00Z", "10.000"),
          kwd.transaction("SALE", "SUCCESS", "manual", "2026-03-22T10:00:00Z", "10.000"),
        ],
      }),
      // #1005: a test order: nothing of it counts, its fee neither.
      kwd.order("#1005", {
        processedAt: "2026-03-12T10:00:00Z",
        customer: "C4",
        lines: [kwd.line(V1, 1, "10.000")],
        country: "KW",
        test: true,
        transactions: [kwd.transaction("SALE", "SUCCESS", "shopify_payments", "2026-03-12T10:00:01Z", "10.000", [kwd.fee("0.382", "0.092", "0.029")], true)],
      }),
      // #1006: C5's first order, in February (fee 0.382, shipping to Kuwait 1.000 + 0.250), cancelled
      // without a refund at 11:00 on 1 March local time: its sale and its shipping are reversed in March.
      kwd.order("#1006", {
        processedAt: "2026-02-27T12:00:00Z",
        customer: "C5",
        lines: [kwd.line(V1, 1, "10.000")],
        country: "KW",
        cancelledAt: "2026-03-01T08:00:00Z",
        transactions: [kwd.transaction("SALE", "SUCCESS", "shopify_payments", "2026-02-27T12:00:02Z", "10.000", [kwd.fee("0.382", "0.092", "0.029")])],
      }),
      // #1007: C1 again, picked up in the shop (no shipping address), paid in cash: no fee rule for cash.
      kwd.order("#1007", {
        processedAt: "2026-03-15T09:00:00Z",
        customer: "C1",
        lines: [kwd.line(V1, 1, "10.000")],
        country: null,
        transactions: [kwd.transaction("SALE", "SUCCESS", "cash", "2026-03-15T09:00:00Z", "10.000")],
      }),
    ],
  );
  const kuwaitSettings: OracleCostSettings = {
    gatewayFees: [{ gateway: "paypal", rate: "0.025", flatFee: "0.100" }],
    shippingRules: [
      { countries: ["KW"], perOrder: "1.000", perUnit: "0.250" },
      { countries: ["DE", "KW"], perOrder: "4.000", perUnit: "0.500" }, // Kuwait's orders took the first rule
      { countries: "all", perOrder: "6.000", perUnit: "1.000" },
    ],
    shippingCosts: [{ orderName: "#1003", cost: "2.750" }],
    customCosts: [
      { kind: "monthly", amount: "310.000" },
      { kind: "one_off", date: "2026-03-15", amount: "50.000" },
      { kind: "one_off", date: "2026-04-02", amount: "7.000" },
      { kind: "percent_of_net_sales", rate: "0.05" },
    ],
    defaultCostRate: "0.4",
    promotions: [{ start: "2026-03-25", end: "2026-04-03", spend: "100.000" }], // ten days, 10.000 a day
  };

  it("GIVEN a KWD store with every kind of payment and cost WHEN the oracle reads March THEN its figures are the hand-worked ones", () => {
    const figures = oracleCostIndicators(oracleStore(kuwait), "2026-03-01", "2026-03-31", kuwaitSettings);
    // Gross 20 + 16.5 + 10.1 + 10 + 10 = 66.6; discounts 1.5; returns: #1001's refund 10 and #1006's
    // cancellation 10 = 20; net sales 45.1. Lines with a cost: 20 + 10 + 10 − 20 returned = 20 of net
    // sales, COGS 8 + 4 + 4 − 4 − 4 = 8. Without a cost: 45.1 − 20 = 25.1, at the default rate 0.4: 10.04.
    const netSales = 66.6 - 1.5 - 20;
    const cogsAll = 8 + 0.4 * (netSales - 20);
    // Fees: #1001's sale 0.672 and refund −0.290, #1003 by the PayPal rule 0.353; #1002's capture is
    // April's, its failed one never counts; #1004 (manual) and #1007 (cash) have no rule: unknown.
    const fees = 0.672 - 0.29 + 0.353;
    // Shipping: #1001 1 + 2 × 0.25 (the first rule matching Kuwait) = 1.5; #1002 to Saudi Arabia 6 + 3 × 1 = 9;
    // #1003 imported 2.75; #1004 to Germany 4 + 0.5 = 4.5; #1007 none; #1006 given back: −(1 + 0.25).
    const shipping = 1.5 + 9 + 2.75 + 4.5 - 1.25;
    // Other costs: 310 a month is 10 a day × 31 days, the one-off of the 15th, 5% of net sales.
    const custom = 310 + 50 + 0.05 * netSales;
    const marketing = 7 * 10; // 25..31 March of the promotion's ten days
    const netProfit = netSales - cogsAll - fees - shipping - marketing - custom;
    expectFigures(figures, {
      transaction_fees: fees,
      fee_coverage: (20 + 10.1) / (20 + 10.1 + 10 + 10), // sales with a known fee / all sales and captures
      shipping_costs: shipping,
      custom_costs: custom,
      marketing_spend: marketing,
      cogs_all: cogsAll,
      net_profit: netProfit,
      net_margin: netProfit / netSales,
      mer: netSales / marketing,
      cac: marketing / 3, // new customers C1, C2, C3 (C5's first order was February's; guests don't count)
    });
    expect(netProfit).toBeCloseTo(-422.43, 9);
  });

  it("GIVEN the same store WHEN the oracle reads April and February THEN the late capture's fee is April's, and the cancelled order's shipping and fee are February's", () => {
    const store = oracleStore(kuwait);
    const april = oracleCostIndicators(store, "2026-04-01", "2026-04-30", kuwaitSettings);
    // No sales in April: net sales 0, so no margin; the capture's fee 0.527 on 15 of 15 captured.
    expectFigures(april, {
      transaction_fees: 0.527,
      fee_coverage: 1,
      shipping_costs: 0,
      custom_costs: 310 + 7, // 310 over April's 30 days, the one-off of the 2nd; 5% of nothing
      marketing_spend: 30,
      cogs_all: 0,
      net_profit: -0.527 - 310 - 7 - 30,
      net_margin: null,
      mer: 0,
      cac: null,
    });
    const february = oracleCostIndicators(store, "2026-02-01", "2026-02-28", kuwaitSettings);
    expectFigures(february, { transaction_fees: 0.382, fee_coverage: 1, shipping_costs: 1.25, marketing_spend: 0, mer: null });
  });

  it("GIVEN a period across two months WHEN the oracle spreads the monthly cost and the promotion THEN each day takes its own month's share", () => {
    const figures = oracleCostIndicators(oracleStore(kuwait), "2026-03-25", "2026-04-03", kuwaitSettings);
    // 7 days of March at 310/31 and 3 of April at 310/30, the one-off of 2 April; no net sales then.
    expectFigures(figures, { custom_costs: (7 * 310) / 31 + (3 * 310) / 30 + 7, marketing_spend: 100, transaction_fees: 0.527 });
  });

  it("GIVEN no settings WHEN the oracle reads March THEN every owner's part is unknown and counts as 0, and listed fees still count", () => {
    const figures = oracleCostIndicators(oracleStore(kuwait), "2026-03-01", "2026-03-31");
    const netSales = 66.6 - 1.5 - 20;
    expectFigures(figures, {
      transaction_fees: 0.672 - 0.29,
      fee_coverage: 20 / (20 + 10.1 + 10 + 10),
      shipping_costs: 0,
      custom_costs: 0,
      marketing_spend: 0,
      cogs_all: 8,
      net_profit: netSales - 8 - (0.672 - 0.29),
      mer: null,
      cac: 0,
    });
  });

  it("GIVEN a JPY store WHEN the oracle reads March THEN rule fees round half away from zero to the yen, a kept fee on a refund costs nothing, and a country no rule covers has no shipping cost", () => {
    const jpy = storeIn("JPY", "Asia/Tokyo");
    const J1 = "gid://shopify/ProductVariant/1"; // 1,234 yen, cost 500
    const J2 = "gid://shopify/ProductVariant/2"; // 970 yen, no cost
    const sold = jpy.line(J1, 1, "1234");
    const store = oracleStore(
      jpy.data(
        [
          { id: J1, unitCost: "500" },
          { id: J2, unitCost: null },
        ],
        [
          // 1,234 × 3.55% = 43.807: Shopify listed 44. Refunded in full on the 25th; Shopify Payments kept its fee.
          jpy.order("#2001", {
            processedAt: "2026-03-01T00:10:00Z",
            customer: "C1",
            lines: [sold],
            country: "JP",
            transactions: [
              jpy.transaction("SALE", "SUCCESS", "shopify_payments", "2026-03-01T00:10:02Z", "1234", [jpy.fee("44", "0", "0.0355")]),
              jpy.transaction("REFUND", "SUCCESS", "shopify_payments", "2026-03-25T01:00:00Z", "1234"),
            ],
            refunds: [jpy.refund("2026-03-25T01:00:00Z", sold, 1, "1234")],
          }),
          // PayPal: 1,940 × 2.5% + 40 = 88.5 yen, 89 rounded half away from zero (88 half to even). Shipped to
          // the United States, which no rule covers.
          jpy.order("#2002", {
            processedAt: "2026-03-10T03:00:00Z",
            customer: null,
            lines: [jpy.line(J2, 2, "970")],
            country: "US",
            transactions: [jpy.transaction("SALE", "SUCCESS", "paypal", "2026-03-10T03:00:00Z", "1940")],
          }),
        ],
      ),
    );
    const figures = oracleCostIndicators(store, "2026-03-01", "2026-03-31", {
      gatewayFees: [{ gateway: "paypal", rate: "0.025", flatFee: "40" }],
      shippingRules: [{ countries: ["JP"], perOrder: "500", perUnit: "120" }],
      customCosts: [{ kind: "percent_of_net_sales", rate: "0.1" }],
    });
    // Net sales 1,234 + 1,940 − 1,234 returned = 1,940; COGS 500 − 500 = 0 (no default rate).
    const netProfit = 1940 - 0 - (44 + 89) - (500 + 120) - 0 - 194;
    expectFigures(figures, {
      transaction_fees: 44 + 89,
      fee_coverage: 1,
      shipping_costs: 500 + 120,
      custom_costs: 194,
      marketing_spend: 0,
      cogs_all: 0,
      net_profit: netProfit,
      net_margin: netProfit / 1940,
      mer: null,
      cac: 0,
    });
  });

  it("GIVEN a default cost rate of 1 or more WHEN the oracle reads a period THEN it refuses the settings", () => {
    expect(() => oracleCostIndicators(oracleStore(kuwait), "2026-03-01", "2026-03-31", { defaultCostRate: "1" })).toThrow(/below 1/);
  });
});
