import { describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { exact, type Exact } from "~/indicators/profit";
import { add, div, mul, q, round, shapley, sub, withinOne, type Q } from "../helpers/bridge-identity";
import { BRIDGE_PARTS, COUNT_SCALE, flagTargets, goalBridge, type BridgedOutcome, type GoalBridge, type OutcomeFigures } from "~/strategy/goal-bridge";

// The bridge of a goal's outcome (net profit, net sales, repeat customers) between two periods,
// checked against the identities written out again with plain fractions (tests/helpers/bridge-identity.ts):
// the Shapley parts of a product of two or three factors in closed form, the summed parts by
// difference, and the running-total rounding that makes the parts add up to the change of the
// outcome as reported.

const m = parseMoney;

interface Period {
  orders: number;
  gross: string;
  discounts: string;
  returns?: string;
  cogs?: string;
  /** The default rate's cost of sales without one, as a fraction of money units. */
  defaultCost?: Q;
  fees?: string;
  shipping?: string;
  marketing?: string;
  /** The owner's other costs, a fraction of money units. */
  other?: Q;
  customers?: number;
  newCustomers?: number;
}

function figures(period: Period): OutcomeFigures {
  const netSales = m(period.gross) - m(period.discounts) - m(period.returns ?? "0");
  const toExact = (value: Q | undefined): Exact => (value ? exact(value.n, value.d) : exact(0n));
  return {
    orders: period.orders,
    grossSales: m(period.gross),
    discounts: m(period.discounts),
    customers: period.customers ?? 0,
    newCustomers: period.newCustomers ?? 0,
    profit: {
      netSales,
      knownCostNet: netSales,
      cogs: m(period.cogs ?? "0"),
      defaultCost: toExact(period.defaultCost),
      transactionFees: m(period.fees ?? "0"),
      shippingCosts: m(period.shipping ?? "0"),
      marketingSpend: m(period.marketing ?? "0"),
      customCosts: toExact(period.other),
      defaultCostRate: null,
    },
  };
}

/** The outcome, exact, as METRICS.md defines it. */
function outcomeOf(outcome: BridgedOutcome, period: Period): Q {
  const netSales = q(m(period.gross) - m(period.discounts) - m(period.returns ?? "0"));
  if (outcome === "net_sales") return netSales;
  if (outcome === "repeat_customers") return q(BigInt((period.customers ?? 0) - (period.newCustomers ?? 0)) * COUNT_SCALE);
  const costs = [
    add(q(m(period.cogs ?? "0")), period.defaultCost ?? q(0n)),
    q(m(period.fees ?? "0")),
    q(m(period.shipping ?? "0")),
    q(m(period.marketing ?? "0")),
    period.other ?? q(0n),
  ];
  return costs.reduce(sub, netSales);
}

/** The exact parts the identity gives (products by Shapley, sums by difference), in the bridge's order, the unexplained rest last. */
function expectedParts(outcome: BridgedOutcome, before: Period, after: Period): Q[] {
  const sales = (p: Period) => q(m(p.gross) - m(p.discounts));
  const factors = (p: Period): Q[] | null => {
    if (outcome === "repeat_customers") {
      const customers = p.customers ?? 0;
      return customers === 0 ? null : [q(BigInt(customers)), q(BigInt(customers - (p.newCustomers ?? 0)), BigInt(customers))];
    }
    if (p.orders === 0 || sales(p).n === 0n) return null;
    const orders = q(BigInt(p.orders));
    const aov = div(sales(p), orders);
    if (outcome === "net_sales") return [orders, aov];
    const margin = div(sub(sub(sales(p), q(m(p.returns ?? "0"))), add(q(m(p.cogs ?? "0")), p.defaultCost ?? q(0n))), sales(p));
    return [orders, aov, margin];
  };
  const scale = outcome === "repeat_customers" ? q(COUNT_SCALE) : q(1n);
  const [f0, f1] = [factors(before), factors(after)];
  const size = outcome === "net_profit" ? 3 : 2;
  const product = (f: Q[] | null) => (f ? f.reduce(mul, q(1n)) : q(0n));
  const products =
    f0 && f1 ? shapley(f0, f1).map((part) => mul(part, scale)) : [mul(sub(product(f1), product(f0)), scale), ...Array.from({ length: size - 1 }, () => q(0n))];
  const taken = (p: Period): Q[] =>
    outcome === "net_profit"
      ? [q(m(p.fees ?? "0")), q(m(p.shipping ?? "0")), q(m(p.marketing ?? "0")), p.other ?? q(0n)]
      : outcome === "net_sales"
        ? [q(m(p.returns ?? "0"))]
        : [];
  const [t0, t1] = [taken(before), taken(after)];
  const parts = [...products, ...t0.map((earlier, i) => sub(earlier, t1[i]!))];
  const change = sub(outcomeOf(outcome, after), outcomeOf(outcome, before));
  return [...parts, parts.reduce(sub, change)];
}

function expectExact(outcome: BridgedOutcome, before: Period, after: Period): GoalBridge {
  const bridge = goalBridge(outcome, figures(before), figures(after));
  expect(bridge.lines.map((line) => line.part)).toEqual(BRIDGE_PARTS[outcome]);
  // The outcome as reported, and the parts adding up to its change exactly.
  expect(bridge.before).toBe(round(outcomeOf(outcome, before)));
  expect(bridge.after).toBe(round(outcomeOf(outcome, after)));
  expect(bridge.change).toBe(bridge.after - bridge.before);
  expect(bridge.lines.reduce((sum, line) => sum + line.effect, 0n)).toBe(bridge.change);
  // Each part is the identity's exact part, rounded by the running total: within one unit.
  const expected = expectedParts(outcome, before, after);
  bridge.lines.forEach((line, i) =>
    expect(withinOne(expected[i]!, line.effect), `${line.part}: ${line.effect} vs ${expected[i]!.n}/${expected[i]!.d}`).toBe(true),
  );
  // The running total: the parts so far are the rounded exact total so far.
  let total = outcomeOf(outcome, before);
  let sum = bridge.before;
  bridge.lines.forEach((line, i) => {
    total = add(total, expected[i]!);
    sum += line.effect;
    expect(sum).toBe(round(total));
  });
  return bridge;
}

const effect = (bridge: GoalBridge, part: string) => bridge.lines.find((line) => line.part === part)!.effect;

const BASE: Period = {
  orders: 120,
  gross: "9000",
  discounts: "450.5",
  returns: "310.25",
  cogs: "3200.1234",
  defaultCost: q(12345678n, 7n),
  fees: "260.31",
  shipping: "540",
  marketing: "800",
  other: q(1_000_000_0000n, 31n),
  customers: 95,
  newCustomers: 40,
};

describe("a goal's bridge, exact", () => {
  it.each([
    ["more orders at a higher AOV, margin down", { orders: 150, gross: "12400", discounts: "1900", returns: "420" }],
    ["fewer orders, costs up (a negative change)", { orders: 90, gross: "7000", discounts: "300", fees: "300.99", shipping: "610", marketing: "1500" }],
    [
      "odd amounts in fractions of a money unit",
      { orders: 7, gross: "1234.5677", discounts: "12.3401", cogs: "345.6789", defaultCost: q(99991n, 3n), other: q(777n, 13n) },
    ],
    ["the same figures (no change)", {}],
  ] as [string, Partial<Period>][])(
    "GIVEN %s WHEN net profit is bridged THEN the parts are the identity's, add up to the change and leave nothing unexplained",
    (_, change) => {
      const bridge = expectExact("net_profit", BASE, { ...BASE, ...change });
      expect(effect(bridge, "unexplained")).toBe(0n);
    },
  );

  it.each([
    ["net sales up on orders and AOV, returns up", "net_sales", { orders: 150, gross: "12400", discounts: "1900", returns: "620" }],
    ["net sales down", "net_sales", { orders: 60, gross: "4000", discounts: "120" }],
    ["repeat customers up on more customers, share down", "repeat_customers", { customers: 130, newCustomers: 70 }],
    ["repeat customers down on a lower share", "repeat_customers", { customers: 90, newCustomers: 61 }],
    ["repeat customers in thirds of a customer", "repeat_customers", { customers: 7, newCustomers: 2 }],
  ] as [string, BridgedOutcome, Partial<Period>][])(
    "GIVEN %s WHEN bridged THEN the parts are the identity's and add up to the change exactly",
    (_, outcome, change) => {
      const bridge = expectExact(outcome, BASE, { ...BASE, ...change });
      expect(effect(bridge, "unexplained")).toBe(0n);
    },
  );

  it("GIVEN only the number of orders changes (same AOV, same margin, same costs) THEN the whole change is in orders", () => {
    const half = { ...BASE, orders: 60, gross: "4500", discounts: "225.25", returns: "155.125", cogs: "1600.0617", defaultCost: q(12345678n, 14n) };
    const bridge = expectExact("net_profit", half, BASE);
    expect(effect(bridge, "orders")).toBe(bridge.change);
    for (const part of ["aov", "margin", "fees", "shipping", "marketing", "other_costs", "unexplained"]) expect(effect(bridge, part), part).toBe(0n);
  });

  it("GIVEN only a cost changes THEN its line is the cost's change, taken away, and every other part is 0", () => {
    const bridge = expectExact("net_profit", BASE, { ...BASE, shipping: "612.5" });
    expect(effect(bridge, "shipping")).toBe(-m("72.5"));
    expect(bridge.lines.filter((line) => line.part !== "shipping").every((line) => line.effect === 0n)).toBe(true);
  });

  it.each([
    [
      "no orders before the goal",
      { orders: 0, gross: "0", discounts: "0", returns: "0", cogs: "0", defaultCost: q(0n), customers: 0, newCustomers: 0 },
      "before",
    ],
    [
      "no orders in the goal's days",
      { orders: 0, gross: "0", discounts: "0", returns: "0", cogs: "0", defaultCost: q(0n), customers: 0, newCustomers: 0 },
      "after",
    ],
  ] as [string, Partial<Period>, "before" | "after"][])(
    "GIVEN %s, nothing else either WHEN each outcome is bridged THEN the whole product change goes to orders (or customers) and nothing is unexplained",
    (_, empty, side) => {
      const zero = { ...BASE, ...empty };
      const [before, after] = side === "before" ? [zero, BASE] : [BASE, zero];
      for (const outcome of ["net_profit", "net_sales", "repeat_customers"] as const) {
        const bridge = expectExact(outcome, before, after);
        const [first, ...rest] = bridge.lines.filter(
          (line) => line.part !== "unexplained" && !["fees", "shipping", "marketing", "other_costs", "returns"].includes(line.part),
        );
        const product = (p: Period) =>
          outcome === "repeat_customers"
            ? outcomeOf(outcome, p)
            : outcome === "net_sales"
              ? q(m(p.gross) - m(p.discounts))
              : sub(outcomeOf("net_sales", p), add(q(m(p.cogs ?? "0")), p.defaultCost ?? q(0n)));
        expect(withinOne(sub(product(after), product(before)), first!.effect), `${outcome} ${first!.part}`).toBe(true);
        expect(rest.every((line) => line.effect === 0n)).toBe(true);
        expect(effect(bridge, "unexplained"), outcome).toBe(0n);
        // The period without orders has no AOV and no margin to show.
        const undefinedSide = side === "before" ? bridge.lines[1]!.before : bridge.lines[1]!.after;
        expect(undefinedSide).toBeNull();
      }
    },
  );

  it("GIVEN a period without sales but with returns of earlier orders and their cost given back WHEN net profit is bridged THEN the product change goes to orders and what the identity doesn't cover is unexplained", () => {
    const quiet: Period = { ...BASE, orders: 0, gross: "0", discounts: "0", returns: "120", cogs: "-40", defaultCost: q(0n), customers: 0, newCustomers: 0 };
    const bridge = expectExact("net_profit", BASE, quiet);
    // Net sales − cost of goods the identity leaves out: −120 + 40.
    expect(effect(bridge, "unexplained")).toBe(-m("80"));
    expect(effect(bridge, "aov")).toBe(0n);
    expect(effect(bridge, "margin")).toBe(0n);
    // Free orders (every sale discounted away) have an AOV of 0 but no margin: also a product change to orders.
    const free = expectExact("net_profit", BASE, { ...BASE, orders: 3, gross: "90", discounts: "90", returns: "0", cogs: "30", defaultCost: q(0n) });
    expect(effect(free, "aov")).toBe(0n);
    expect(effect(free, "unexplained")).toBe(-m("30"));
  });
});

describe("flags: an on-track target whose part went against the goal", () => {
  /** A bridge whose lines are given outright: the flags read nothing else. */
  const bridgeOf = (outcome: BridgedOutcome, effects: Record<string, bigint>): GoalBridge => {
    const lines = BRIDGE_PARTS[outcome].map((part) => ({ part, before: null, after: null, effect: effects[part] ?? 0n }));
    const change = lines.reduce((sum, line) => sum + line.effect, 0n);
    return { outcome, before: 0n, after: change, change, lines };
  };

  it.each([
    ["AOV on track, its line up, margin down more", "net_profit", { aov: 500n, margin: -900n }, "aov", "on_track", { part: -400n, tradeOff: "margin" }],
    ["AOV met, its own line down", "net_profit", { aov: -10n, margin: 5n }, "aov", "met", { part: -5n, tradeOff: null }],
    ["AOV on track, its line up, margin down as much (a part of exactly 0)", "net_profit", { aov: 500n, margin: -500n }, "aov", "on_track", null],
    ["AOV at risk, its part against", "net_profit", { aov: 500n, margin: -900n }, "aov", "at_risk", null],
    ["AOV off track, its part against", "net_profit", { aov: -500n }, "aov", "off_track", null],
    ["AOV not started", "net_profit", { aov: -500n }, "aov", "not_started", null],
    ["AOV on track, its part for the goal", "net_profit", { aov: 500n, margin: -499n }, "aov", "on_track", null],
    [
      "ROAS on track, orders up, marketing down more",
      "net_profit",
      { orders: 100n, marketing: -101n },
      "roas",
      "on_track",
      { part: -1n, tradeOff: "marketing" },
    ],
    ["fees on track, fees up one money unit", "net_profit", { fees: -1n }, "transaction_fees", "on_track", { part: -1n, tradeOff: null }],
    ["coverage on track (it drives no part)", "net_profit", { margin: -900n }, "cost_coverage", "on_track", null],
    ["return rate on track, returns took net sales", "net_sales", { returns: -300n }, "return_rate", "on_track", { part: -300n, tradeOff: null }],
    ["discount rate on track, AOV down", "net_sales", { aov: -20n }, "discount_rate", "on_track", { part: -20n, tradeOff: null }],
    ["new customers on track, fewer customers", "repeat_customers", { customers: -5000n }, "new_customers", "on_track", { part: -5000n, tradeOff: null }],
    [
      "repurchase rate on track, the returning share down",
      "repeat_customers",
      { returning_share: -1n },
      "repurchase_rate",
      "met",
      { part: -1n, tradeOff: null },
    ],
    ["repurchase rate on track, the returning share unchanged", "repeat_customers", { customers: -80000n }, "repurchase_rate", "on_track", null],
  ] as [string, BridgedOutcome, Record<string, bigint>, string, string, { part: bigint; tradeOff: string | null } | null][])(
    "GIVEN %s THEN it is flagged exactly when its part is against the goal and it is on track or met",
    (_, outcome, effects, indicator, status, expected) => {
      const flags = flagTargets(bridgeOf(outcome, effects), [{ id: 7, indicator, status }]);
      if (expected === null) {
        expect(flags).toEqual([]);
        return;
      }
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({ targetId: 7, indicator, status, ...expected });
      expect(flags[0]!.lines.reduce((sum, line) => sum + line.effect, 0n)).toBe(expected.part);
    },
  );
});
