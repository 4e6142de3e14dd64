import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, type DevstoreData, loadFixture, type RunningDevstore, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { parseMoney } from "@throughline/shopify-common/money";
import { createCustomCost, setDefaultCostRate, setGatewayFee, setShippingRule } from "~/costs/costs.server";
import { dashboardReport } from "~/indicators/dashboard-report.server";
import { jobQueue } from "~/jobs/jobs.server";
import { formatDay, parseDay } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { COUNT_SCALE, type GoalBridge } from "~/strategy/goal-bridge";
import { readGoals } from "~/strategy/goal-outcome.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";
import { oracleCostIndicators, oracleIndicators, oracleStore, type OracleCostSettings, type OracleStore } from "../helpers/metrics-oracle";

// A goal's outcome read from a generated store (synced from a devstore) with every kind of cost the
// owner sets: the outcome over the goal's days so far and the days before equals the naive reading
// of METRICS.md (tests/helpers/metrics-oracle.ts) and the dashboard's figure for the same days, the
// parts add up to its change exactly, and each part is the one the identity gives from the oracle's
// figures (Shapley's closed form, written here), to the cent.

const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };
const SHOP = "goal-outcome-store.myshopify.com";
const ZONE = "America/Chicago";
const SETTINGS: OracleCostSettings = {
  defaultCostRate: "0.35",
  gatewayFees: [{ gateway: "paypal", rate: "0.0349", flatFee: "0.49" }],
  shippingRules: [{ countries: "all", perOrder: "4.5", perUnit: "0.75" }],
  customCosts: [
    { kind: "monthly", amount: "910" },
    { kind: "percent_of_net_sales", rate: "0.0125" },
  ],
  promotions: [
    { start: "2026-05-20", end: "2026-06-19", spend: "1234.56" },
    { start: "2026-07-01", end: "2026-07-10", spend: "777" },
  ],
};

/** Goals over the store's year (it ends on 2026-10-31), each read as of a day, and what its days then are. */
const GOALS = [
  { name: "Summer profit", outcome: "net_profit", from: "2026-06-01", to: "2026-08-31", through: "2026-07-15" },
  { name: "March sales", outcome: "net_sales", from: "2026-03-10", to: "2026-03-31", through: "2026-10-30" },
  { name: "Regulars", outcome: "repeat_customers", from: "2026-09-01", to: "2026-12-31", through: "2026-10-20" },
  { name: "Spring profit", outcome: "net_profit", from: "2026-04-01", to: "2026-04-30", through: "2026-04-30" },
  { name: "Autumn sales", outcome: "net_sales", from: "2026-10-01", to: "2026-10-31", through: "2026-10-09" },
] as const;

/** Shapley's parts of a product of two or three factors, closed form, in plain numbers (the oracle's figures are numbers). */
function shapley(before: number[], after: number[]): number[] {
  const delta = (i: number) => after[i]! - before[i]!;
  if (before.length === 2) return [delta(0) * ((before[1]! + after[1]!) / 2), delta(1) * ((before[0]! + after[0]!) / 2)];
  return [0, 1, 2].map((i) => {
    const [j, k] = [0, 1, 2].filter((other) => other !== i) as [number, number];
    const weight = (before[j]! * before[k]! + after[j]! * after[k]!) / 3 + (before[j]! * after[k]! + after[j]! * before[k]!) / 6;
    return delta(i) * weight;
  });
}

/** The parts the identity gives for a goal's outcome from the oracle's figures of both periods, in the bridge's order (the unexplained rest is 0). */
function oracleParts(store: OracleStore, outcome: string, previous: [string, string], period: [string, string]): number[] {
  const figures = ([from, to]: [string, string]) =>
    ({ ...oracleIndicators(store, from, to), ...oracleCostIndicators(store, from, to, SETTINGS) }) as Record<string, number>;
  const [a, b] = [figures(previous), figures(period)];
  if (outcome === "repeat_customers") {
    const factors = (f: Record<string, number>) => [f.customers!, (f.customers! - f.new_customers!) / f.customers!];
    return [...shapley(factors(a), factors(b)), 0];
  }
  const sales = (f: Record<string, number>) => f.gross_sales! - f.discounts!;
  if (outcome === "net_sales") {
    const factors = (f: Record<string, number>) => [f.orders!, sales(f) / f.orders!];
    return [...shapley(factors(a), factors(b)), a.returns! - b.returns!, 0];
  }
  const factors = (f: Record<string, number>) => [f.orders!, sales(f) / f.orders!, (f.net_sales! - f.cogs_all!) / sales(f)];
  const costs = ["transaction_fees", "shipping_costs", "marketing_spend", "custom_costs"].map((key) => a[key]! - b[key]!);
  return [...shapley(factors(a), factors(b)), ...costs, 0];
}

/** The outcome in currency units (or customers) from the oracle. */
function oracleOutcome(store: OracleStore, outcome: string, [from, to]: [string, string]): number {
  if (outcome === "net_profit") return oracleCostIndicators(store, from, to, SETTINGS).net_profit!;
  const indicators = oracleIndicators(store, from, to);
  return outcome === "net_sales" ? indicators.net_sales! : indicators.customers! - indicators.new_customers!;
}

const units = (outcome: string, value: bigint) => Number(value) / Number(outcome === "repeat_customers" ? COUNT_SCALE : 10_000n);

describe("a goal's outcome on a generated store", () => {
  let devstore: RunningDevstore;
  let data: DevstoreData;

  beforeAll(async () => {
    await resetDatabase();
    const dir = path.resolve("tmp/test-stores");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `goal-outcome-${process.env.VITEST_POOL_ID ?? 0}.jsonl`);
    await writeStoreFixture(file, {
      orders: 900,
      seed: 27,
      days: 365,
      ianaTimezone: ZONE,
      currencyCode: "EUR",
      shopDomain: SHOP,
      products: 12,
      marketing: "none",
    });
    data = await loadFixture(file);
    devstore = await startDevstore({ store: new DevStore(data), throttle: FAST });
    const now = new Date();
    await connectDevstoreShop(db, sessionStorage, { shop: SHOP, adminOrigin: devstore.origin, accessToken: "devstore-token", ownerUserId: "1", now });
    // The owner's costs before the sync: its daily totals are built with them.
    const owner = systemActor(SHOP);
    const queue = jobQueue(db);
    await setDefaultCostRate(db, queue, owner, SETTINGS.defaultCostRate!, now);
    await setGatewayFee(db, queue, owner, { gateway: "paypal", rate: "0.0349", fixedFee: parseMoney("0.49") }, now);
    await setShippingRule(db, queue, owner, { destination: "rest_of_world", perOrder: parseMoney("4.5"), perUnit: parseMoney("0.75") }, now);
    await createCustomCost(db, queue, owner, { name: "Rent", kind: "monthly", amount: parseMoney("910"), fromMonth: null, toMonth: null }, now);
    await createCustomCost(db, queue, owner, { name: "Packaging", kind: "percent_of_net_sales", rate: "0.0125" }, now);
    await createPromotions(
      db,
      owner,
      SETTINGS.promotions!.map((promotion, i) => {
        const parsed = parsePromotion({ title: `Promotion ${i}`, type: "discount", start: promotion.start, end: promotion.end, spend: promotion.spend });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        return parsed.value;
      }),
      now,
    );
    const client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  }, 120_000);
  afterAll(() => devstore.close());

  it.each(GOALS)(
    "GIVEN the goal $name ($outcome, $from – $to) read through $through THEN its outcome is the definition's and the dashboard's for its days and the days before, and its parts are the identity's, adding up to its change exactly",
    async (goal) => {
      const [reading] = await readGoals(db, SHOP, [{ id: 1, ...goal }], parseDay(goal.through)!);
      const { days, bridge } = reading!;
      const period: [string, string] = [goal.from, goal.through < goal.to ? goal.through : goal.to];
      const length = parseDay(period[1])! - parseDay(period[0])! + 1;
      const previous: [string, string] = [formatDay(parseDay(goal.from)! - length), formatDay(parseDay(goal.from)! - 1)];
      expect([formatDay(days!.previous.from), formatDay(days!.previous.to), formatDay(days!.period.from), formatDay(days!.period.to)]).toEqual([
        ...previous,
        ...period,
      ]);
      const { before, after, change, lines } = bridge as GoalBridge;

      // The definition's figure (net profit rounded once from exact parts: within half a money unit).
      const store = oracleStore(data);
      expect(Math.abs(units(goal.outcome, before) - oracleOutcome(store, goal.outcome, previous))).toBeLessThanOrEqual(0.00005 + 1e-9);
      expect(Math.abs(units(goal.outcome, after) - oracleOutcome(store, goal.outcome, period))).toBeLessThanOrEqual(0.00005 + 1e-9);
      // The dashboard's, to the money unit.
      const dashboard = await dashboardReport(db, SHOP, days!.period);
      if (goal.outcome === "repeat_customers") {
        expect(after).toBe(BigInt((dashboard.current.indicators.customers as number) - (dashboard.current.indicators.new_customers as number)) * COUNT_SCALE);
        expect(before).toBe(
          BigInt((dashboard.previous.indicators.customers as number) - (dashboard.previous.indicators.new_customers as number)) * COUNT_SCALE,
        );
      } else {
        expect(after).toBe(dashboard.current.indicators[goal.outcome]);
        expect(before).toBe(dashboard.previous.indicators[goal.outcome]);
      }

      // Exact: the parts add up to the change, and nothing is unexplained (both periods had sales).
      expect(change).toBe(after - before);
      expect(lines.reduce((sum, line) => sum + line.effect, 0n)).toBe(change);
      expect(lines.at(-1)).toMatchObject({ part: "unexplained", effect: 0n });
      expect(lines.some((line) => line.effect !== 0n)).toBe(true);
      // The owner's costs are in the figures (else the comparisons would prove less than they say).
      if (goal.outcome === "net_profit")
        for (const part of ["fees", "shipping", "other_costs"]) expect(lines.find((line) => line.part === part)!.after!.num, part).toBeGreaterThan(0n);
      // Each part is the identity's from the oracle's figures, to the cent (the oracle's figures are numbers).
      const expected = oracleParts(store, goal.outcome, previous, period);
      lines.forEach((line, i) =>
        expect(Math.abs(units(goal.outcome, line.effect) - expected[i]!), `${line.part}: ${units(goal.outcome, line.effect)} vs ${expected[i]}`).toBeLessThan(
          0.01,
        ),
      );
    },
  );

  it("GIVEN a goal for an indicator that isn't split into parts THEN it is read as the dashboard shows it in both periods, with no bridge", async () => {
    const goal = { id: 2, name: "Margin", outcome: "gross_margin", from: "2026-06-01", to: "2026-06-30" };
    const [reading] = await readGoals(db, SHOP, [goal], parseDay("2026-10-30")!);
    expect(reading!.bridge).toBeNull();
    const store = oracleStore(data);
    expect(reading!.values!.after).toBeCloseTo(oracleIndicators(store, "2026-06-01", "2026-06-30").gross_margin!, 9);
    expect(reading!.values!.before).toBeCloseTo(oracleIndicators(store, "2026-05-02", "2026-05-31").gross_margin!, 9);
    // Before the goal's first day has ended there is nothing to read.
    expect((await readGoals(db, SHOP, [goal], parseDay("2026-05-31")!))[0]).toMatchObject({ days: null, bridge: null, values: null });
  });
});
