/**
 * The owner's cost settings as typed (rates, money, destinations, months, kinds) and as the whole
 * cost of a sale reads them: stored rows map onto the oracle's settings, checked through the oracle.
 */
import { GraphQLEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import type { DevstoreData } from "@throughline/devstore";
import { formatMoney, parseMoney } from "@throughline/shopify-common/money";
import { loadAdminSchema } from "@throughline/shopify-common/admin-schema";
import { fractionToPercent, parseCustomCost, parseDefaultCostRate, parseGatewayFee, parseShippingRule, readRate } from "~/costs/cost-input";
import { costSettingsOf, suggestedDefaultCostRate, type CostSettings, type StoredCostSettings } from "~/costs/cost-settings";
import { SHOPIFY_COUNTRY_CODES } from "~/costs/countries";
import { oracleCostIndicators, oracleStore, type OracleCostSettings } from "../helpers/metrics-oracle";

describe("cost settings as typed", () => {
  it.each([
    ["3.49", "percent", "0.0349"],
    ["0", "percent", "0"],
    ["99.9999", "percent", "0.999999"],
    ["12.50", "percent", "0.125"],
    ["0.0349", "fraction", "0.0349"],
    ["0.350000", "fraction", "0.35"],
    [" 0.2 ", "fraction", "0.2"],
  ] as const)("GIVEN the rate %s written as a %s THEN it is stored as the exact fraction %s", (text, unit, fraction) => {
    expect(readRate(text, unit)).toEqual({ value: fraction });
  });

  it.each([
    ["", "percent", /Enter a rate, like 3.49/],
    ["-2", "percent", /can't be negative/],
    ["3,49", "percent", /as a number, like 3.49/],
    ["100", "percent", /from 0 to under 100/],
    ["1", "fraction", /from 0 to under 1/],
    ["1.5", "fraction", /from 0 to under 1/],
    ["3.12345", "percent", /at most 4 decimals/],
    ["0.1234567", "fraction", /at most 6 decimals/],
    ["1e-3", "fraction", /as a number, like 0.0349/],
    ["NaN", "percent", /as a number/],
  ] as const)("GIVEN the rate %j as a %s THEN it is refused: %s", (text, unit, message) => {
    const read = readRate(text, unit);
    expect("error" in read && read.error).toMatch(message);
  });

  it.each(["0.0349", "0", "0.5", "0.999999", "0.1"])("GIVEN the fraction %s THEN written as a percentage and read back it is the same", (fraction) => {
    expect(readRate(fractionToPercent(fraction), "percent")).toEqual({ value: fraction });
  });

  it("GIVEN a gateway fee THEN its rate and fixed fee are exact, and a blank fixed fee is none", () => {
    expect(parseGatewayFee({ gateway: " paypal ", rate: "3.49", fixedFee: "0.49" }, "percent")).toEqual({
      ok: true,
      value: { gateway: "paypal", rate: "0.0349", fixedFee: parseMoney("0.49") },
    });
    expect(parseGatewayFee({ gateway: "manual", rate: "0", fixedFee: "" }, "percent")).toMatchObject({ ok: true, value: { fixedFee: 0n } });
    expect(parseGatewayFee({ gateway: "", rate: "x", fixedFee: "-1" }, "percent")).toEqual({
      ok: false,
      errors: {
        gateway: expect.stringMatching(/Name the gateway/),
        rate: expect.stringMatching(/as a number/),
        fixedFee: expect.stringMatching(/can't be negative/),
      },
    });
  });

  it("GIVEN shipping rules' destinations THEN Shopify's country codes in any case and rest_of_world are taken, anything else refused", () => {
    expect(parseShippingRule({ destination: "de", perOrder: "4.5", perUnit: "" })).toEqual({
      ok: true,
      value: { destination: "DE", perOrder: parseMoney("4.5"), perUnit: 0n },
    });
    expect(parseShippingRule({ destination: "Rest_of_World", perOrder: "9", perUnit: "1" })).toMatchObject({
      ok: true,
      value: { destination: "rest_of_world" },
    });
    for (const destination of ["UK", "EU", "Germany", "D", ""])
      expect(parseShippingRule({ destination, perOrder: "1" }), destination).toMatchObject({ ok: false, errors: { destination: expect.any(String) } });
    expect(parseShippingRule({ destination: "FR", perOrder: "" })).toMatchObject({
      ok: false,
      errors: { perOrder: expect.stringMatching(/must be an amount/) },
    });
  });

  it("GIVEN the country codes a rule may name THEN they are exactly the values of Shopify's CountryCode enum in the committed Admin schema", () => {
    const values = (loadAdminSchema().getType("CountryCode") as GraphQLEnumType).getValues().map((value) => value.name);
    expect([...SHOPIFY_COUNTRY_CODES].sort()).toEqual([...values].sort());
  });

  it("GIVEN custom costs of each kind THEN each reads the fields of its kind, and bad months, dates and kinds are refused field by field", () => {
    expect(parseCustomCost({ name: "Rent", kind: "monthly", amount: "1200", fromMonth: "2027-01", toMonth: "", rate: "ignored" }, "percent")).toEqual({
      ok: true,
      value: { name: "Rent", kind: "monthly", amount: parseMoney("1200"), fromMonth: "2027-01", toMonth: null },
    });
    expect(parseCustomCost({ name: "Trade fair", kind: "one_off", amount: "800", date: "2027-03-04" }, "percent")).toEqual({
      ok: true,
      value: { name: "Trade fair", kind: "one_off", amount: parseMoney("800"), date: "2027-03-04" },
    });
    expect(parseCustomCost({ name: "Royalty", kind: "percent_of_net_sales", rate: "2" }, "percent")).toEqual({
      ok: true,
      value: { name: "Royalty", kind: "percent_of_net_sales", rate: "0.02" },
    });
    expect(parseCustomCost({ name: "Rent", kind: "monthly", amount: "1", fromMonth: "2027-05", toMonth: "2027-02" }, "percent")).toMatchObject({
      ok: false,
      errors: { toMonth: expect.stringMatching(/before the first/) },
    });
    expect(parseCustomCost({ name: "Rent", kind: "monthly", amount: "1", fromMonth: "2027-13" }, "percent")).toMatchObject({
      ok: false,
      errors: { fromMonth: expect.stringMatching(/YYYY-MM/) },
    });
    expect(parseCustomCost({ name: "Fair", kind: "one_off", amount: "1", date: "2027-02-30" }, "percent")).toMatchObject({
      ok: false,
      errors: { date: expect.stringMatching(/calendar date/) },
    });
    expect(parseCustomCost({ name: "", kind: "weekly" }, "percent")).toMatchObject({
      ok: false,
      errors: { name: expect.stringMatching(/Name the cost/), kind: expect.stringMatching(/Choose monthly/) },
    });
    expect(parseCustomCost({ name: "x".repeat(101), kind: "percent_of_net_sales", rate: "1" }, "percent")).toMatchObject({
      ok: false,
      errors: { name: expect.stringMatching(/under 100 characters/) },
    });
  });

  it("GIVEN a default cost rate THEN empty clears it and anything else must be a rate under 1", () => {
    expect(parseDefaultCostRate("", "percent")).toEqual({ ok: true, value: null });
    expect(parseDefaultCostRate("35", "percent")).toEqual({ ok: true, value: "0.35" });
    expect(parseDefaultCostRate("1", "fraction")).toMatchObject({ ok: false, errors: { rate: expect.any(String) } });
  });
});

/** The domain's settings in the oracle's shape: money as decimal text. */
function asOracle(settings: CostSettings): OracleCostSettings {
  const money = (value: bigint) => formatMoney(value, 4);
  return {
    gatewayFees: settings.gatewayFees.map((fee) => ({ gateway: fee.gateway, rate: fee.rate, flatFee: money(fee.flatFee) })),
    shippingRules: settings.shippingRules.map((rule) => ({ countries: rule.countries, perOrder: money(rule.perOrder), perUnit: money(rule.perUnit) })),
    shippingCosts: settings.shippingCosts.map((row) => ({ orderName: row.orderName, cost: money(row.cost) })),
    customCosts: settings.customCosts.map((cost) =>
      cost.kind === "percent_of_net_sales"
        ? cost
        : cost.kind === "one_off"
          ? { kind: "one_off", date: cost.date, amount: money(cost.amount) }
          : {
              kind: "monthly",
              amount: money(cost.amount),
              ...(cost.fromMonth ? { fromMonth: cost.fromMonth } : {}),
              ...(cost.toMonth ? { toMonth: cost.toMonth } : {}),
            },
    ),
    ...(settings.defaultCostRate === null ? {} : { defaultCostRate: settings.defaultCostRate }),
  };
}

/** A store of three orders in March 2026 (EUR, Berlin): to Germany, to France (PayPal, no fee listed), and #1003 to Germany whose cost was imported. */
function threeOrders(): DevstoreData {
  const bag = (amount: string) => ({ shopMoney: { amount, currencyCode: "EUR" }, presentmentMoney: { amount, currencyCode: "EUR" } });
  const order = (n: number, country: string, gateway: string, units: number) => ({
    __typename: "Order",
    id: `gid://shopify/Order/${n}`,
    name: `#${1000 + n}`,
    createdAt: `2026-03-0${n}T10:00:00Z`,
    updatedAt: `2026-03-0${n}T10:00:00Z`,
    processedAt: `2026-03-0${n}T10:00:00Z`,
    cancelledAt: null,
    test: false,
    customer: null,
    totalDiscountsSet: bag("0"),
    lineItems: [
      {
        id: `gid://shopify/LineItem/${n}`,
        quantity: units,
        title: "Mug",
        variant: { id: "gid://shopify/ProductVariant/1" },
        product: { id: "gid://shopify/Product/1" },
        originalUnitPriceSet: bag("20.00"),
        totalDiscountSet: bag("0"),
      },
    ],
    refunds: [],
    shippingAddress: { countryCodeV2: country },
    transactions: [
      {
        id: `gid://shopify/OrderTransaction/${n}`,
        kind: "SALE",
        status: "SUCCESS",
        gateway,
        processedAt: `2026-03-0${n}T10:00:00Z`,
        test: false,
        amountSet: bag(String(20 * units)),
        fees: [],
        parentTransaction: null,
      },
    ],
  });
  return {
    shop: { __typename: "Shop", myshopifyDomain: "mapped.myshopify.com", name: "Mapped", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" },
    products: [
      {
        __typename: "Product",
        id: "gid://shopify/Product/1",
        title: "Mug",
        variants: [{ id: "gid://shopify/ProductVariant/1", inventoryItem: { unitCost: null } }],
      },
    ],
    customers: [],
    orders: [order(1, "DE", "paypal", 2), order(2, "FR", "paypal", 3), order(3, "DE", "manual", 1)],
  } as unknown as DevstoreData;
}

describe("stored cost settings as the whole cost of a sale reads them", () => {
  // Stored in the database's order, the rest of the world first: a country's rule must still win.
  const stored: StoredCostSettings = {
    settings: { defaultCostRate: "0.35" },
    gatewayFeeRules: [{ gateway: "paypal", rate: "0.0349", fixedFee: parseMoney("0.35") }],
    shippingRules: [
      { destination: "rest_of_world", perOrder: parseMoney("9.00"), perUnit: parseMoney("1.00") },
      { destination: "DE", perOrder: parseMoney("4.50"), perUnit: parseMoney("0.50") },
    ],
    shippingCosts: [{ orderName: "#1003", cost: parseMoney("12.34") }],
    customCosts: [
      { kind: "monthly", amount: parseMoney("310"), rate: null, fromMonth: "2026-03", toMonth: null, date: null },
      { kind: "one_off", amount: parseMoney("50"), rate: null, fromMonth: null, toMonth: null, date: "2026-03-02" },
      { kind: "percent_of_net_sales", amount: null, rate: "0.02", fromMonth: null, toMonth: null, date: null },
    ],
  };

  it("GIVEN stored settings THEN they map onto the oracle's shape: country rules before the rest of the world's, every cost kind, the default rate", () => {
    const settings = costSettingsOf(stored);
    expect(settings.shippingRules.map((rule) => rule.countries)).toEqual([["DE"], "all"]);
    expect(settings.customCosts.map((cost) => cost.kind)).toEqual(["monthly", "one_off", "percent_of_net_sales"]);
    expect(settings.defaultCostRate).toBe("0.35");
    expect(costSettingsOf({ settings: null, gatewayFeeRules: [], shippingRules: [], shippingCosts: [], customCosts: [] })).toEqual({
      gatewayFees: [],
      shippingRules: [],
      shippingCosts: [],
      customCosts: [],
      defaultCostRate: null,
    });
  });

  it("GIVEN the mapped settings THEN the oracle prices each order as the owner meant: Germany by its rule, France by the rest of the world's, #1003 by its imported cost", () => {
    const store = oracleStore(threeOrders());
    const mapped = asOracle(costSettingsOf(stored));
    const perOrder = (name: string, settings: OracleCostSettings) =>
      oracleCostIndicators(
        oracleStore({ ...threeOrders(), orders: threeOrders().orders.filter((order) => order.name === name) } as DevstoreData),
        "2026-03-01",
        "2026-03-31",
        { ...settings, customCosts: [] },
      ).shipping_costs;
    // What the owner set, read by hand: DE 4.50 + 0.50 a unit, elsewhere 9.00 + 1.00 a unit, #1003's own cost.
    expect(perOrder("#1001", mapped)).toBeCloseTo(4.5 + 0.5 * 2, 9);
    expect(perOrder("#1002", mapped)).toBeCloseTo(9 + 1 * 3, 9);
    expect(perOrder("#1003", mapped)).toBeCloseTo(12.34, 9);
    // Stored in the database's order and read without the mapping's ordering, the rest of the world would price Germany.
    const unordered = { ...mapped, shippingRules: [...mapped.shippingRules!].reverse() };
    expect(perOrder("#1001", unordered)).not.toBeCloseTo(perOrder("#1001", mapped)!, 9);
    const figures = oracleCostIndicators(store, "2026-03-01", "2026-03-31", mapped);
    // PayPal's rule on #1001 (40.00) and #1002 (60.00): 3.49% + 0.35 each; #1003 is a manual payment with no rule.
    expect(figures.transaction_fees).toBeCloseTo(40 * 0.0349 + 0.35 + 60 * 0.0349 + 0.35, 9);
    expect(figures.fee_coverage).toBeCloseTo(100 / 120, 9);
    // March's rent in full, the one-off, and 2% of net sales (120.00); no product has a cost, so all of it at 35%.
    expect(figures.custom_costs).toBeCloseTo(310 + 50 + 0.02 * 120, 9);
    expect(figures.cogs_all).toBeCloseTo(0.35 * 120, 9);
  });
});

describe("the default cost rate suggested from the products that have a cost", () => {
  it("GIVEN net sales of 1,000.00 of which 600.00 have a cost of 210.00 THEN the suggestion is their cost rate, to four decimals, filling the other 40% of sales", () => {
    const suggested = suggestedDefaultCostRate({ netSales: parseMoney("1000"), knownCostNet: parseMoney("600"), cogs: parseMoney("210") });
    expect(suggested.rate).toBe(String(210 / 600));
    expect(suggested.fills).toBeCloseTo(400 / 1000, 12);
  });

  it("GIVEN a rate that isn't a short decimal THEN it is rounded half up to four decimals", () => {
    expect(suggestedDefaultCostRate({ netSales: parseMoney("3"), knownCostNet: parseMoney("3"), cogs: parseMoney("1") }).rate).toBe("0.3333");
    expect(suggestedDefaultCostRate({ netSales: parseMoney("3"), knownCostNet: parseMoney("3"), cogs: parseMoney("2") }).rate).toBe("0.6667");
  });

  it("GIVEN nothing with a cost sold, or costs at or above sales THEN there is no suggestion; without net sales nothing is filled", () => {
    expect(suggestedDefaultCostRate({ netSales: parseMoney("100"), knownCostNet: 0n, cogs: 0n })).toEqual({ rate: null, fills: 1 });
    expect(suggestedDefaultCostRate({ netSales: parseMoney("100"), knownCostNet: parseMoney("50"), cogs: parseMoney("60") }).rate).toBeNull();
    expect(suggestedDefaultCostRate({ netSales: 0n, knownCostNet: 0n, cogs: 0n })).toEqual({ rate: null, fills: null });
  });
});
