import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { EXAMPLE, seedExampleData } from "~/demo/example-data.server";
import { seedExampleCosts } from "~/demo/example-costs.server";
import { defaultRateSuggestion } from "~/costs/cost-knowledge.server";
import { gatewaySuggestions } from "~/costs/gateway-suggestions";
import { profitIndicatorsOf } from "~/indicators/profit-report.server";
import { periodReport } from "~/indicators/report.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { jobQueue } from "~/jobs/jobs.server";
import { parseMoney } from "@throughline/shopify-common/money";
import { DevStore, loadFixture, type RunningDevstore, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { databaseUrl } from "~/lib/database-url";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { promotionStatus } from "~/promotions/promotion-status";
import { targetStatuses } from "~/strategy/target-status.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";

// `npm run demo` adds example data so every page shows the loop at work: checked here on a store
// generated up to today, whatever day the suite runs.

describe("the demo's example data", () => {
  let dir: string;
  let devstore: RunningDevstore;
  let shop: string;
  beforeAll(async () => {
    await resetDatabase();
    dir = await mkdtemp(join(tmpdir(), "examples-"));
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000);
    await writeStoreFixture(join(dir, "store.jsonl"), { orders: 1500, seed: 3, end, shopDomain: "example-demo.myshopify.com" });
    const data = await loadFixture(join(dir, "store.jsonl"));
    shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    expect((await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 })).status).toBe("succeeded");
  }, 120_000);
  afterAll(async () => {
    await devstore?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN a synced store THEN a goal holds a target on track, one at risk and one met; promotions cover the last weeks; two weeks are signed off; all titled as examples; a second run adds nothing", async () => {
    const now = new Date();
    expect(await seedExampleData(db, shop, now)).toEqual({ seeded: true, goals: 1, targets: 3, promotions: 4, reviews: 2 });
    const record = await db.shop.findUniqueOrThrow({ where: { shop } });
    const today = timeZone(record.ianaTimezone).localDay(now.getTime());
    const statuses = await targetStatuses(db, shop, today);
    expect(Object.fromEntries(statuses.map((status) => [status.indicator, status.status]))).toEqual({ orders: "on_track", net_sales: "at_risk", aov: "met" });
    const goal = await db.goal.findFirstOrThrow({ where: { shop } });
    expect(goal.name.startsWith(EXAMPLE)).toBe(true);
    expect(statuses.every((status) => status.goalId === goal.id)).toBe(true);

    const promotions = await db.promotion.findMany({ where: { shop }, orderBy: { start: "asc" } });
    expect(promotions.every((promotion) => promotion.title.startsWith(EXAMPLE))).toBe(true);
    expect(promotions.map((promotion) => promotionStatus(promotion, today))).toEqual(["reviewed", "awaiting_review", "running", "running"]);
    expect(await db.promotionNote.count({ where: { promotionId: { in: promotions.map((promotion) => promotion.id) } } })).toBe(2);
    expect(await db.weeklyReview.count({ where: { shop } })).toBe(2);

    // The team: one at each stage; the reviewed promotion answered by Sam before the verdict, the other ended one
    // awaiting his answer; Mei's promotion keeps its tactic as the playbook has it; Alex's tactic waits for the owner.
    const team = await db.staffMember.findMany({ where: { shop, accountOwner: false }, orderBy: { userId: "asc" } });
    expect(team.map((member) => [member.name, member.stage])).toEqual([
      ["Sam Rivera", "adapt"],
      ["Mei Chen", "follow"],
      ["Alex Kim", "create"],
    ]);
    expect(promotions.map((promotion) => [promotion.selfReviewedBy, promotion.verdict === null])).toEqual([
      ["2", false],
      [null, true],
      [null, true],
      [null, true],
    ]);
    expect(promotions.find((promotion) => promotion.ownerId === "4")?.tacticUse).toBe("followed");
    expect(await db.proposal.findMany({ where: { shop }, select: { proposedBy: true, kind: true, status: true } })).toEqual([
      { proposedBy: "5", kind: "tactic", status: "pending" },
    ]);
    expect(await db.lessonAssignment.findMany({ where: { shop }, select: { userId: true, indicator: true } })).toEqual([{ userId: "4", indicator: "aov" }]);
    expect(await db.lessonRead.findMany({ where: { shop }, select: { userId: true, indicator: true } })).toEqual([{ userId: "2", indicator: "new_customers" }]);
    expect(
      (await db.staffMember.findMany({ where: { shop, briefOptIn: true }, orderBy: { userId: "asc" } })).map((member) => [
        member.userId,
        member.email !== null,
      ]),
    ).toEqual([
      ["1", false],
      ["2", true],
      ["4", true],
    ]);

    expect(await seedExampleData(db, shop, now)).toEqual({ seeded: false, reason: "the store already has goals, promotions or reviews" });
    expect(await db.goal.count({ where: { shop } })).toBe(1);
  }, 60_000);

  it("GIVEN the synced store WHEN the demo sets its example costs THEN fee rules price every gateway of its payments that lists no fees, shipping rules cover its three commonest destinations and the rest of the world, carrier costs are imported for its latest shipped orders, fixed, one-off and percentage costs and the suggested default rate are set; all applied, so the last 30 days show every cost figure, as a full rebuild computes them; a second run adds nothing", async () => {
    const now = new Date();
    const record = await db.shop.findUniqueOrThrow({ where: { shop } });
    const today = timeZone(record.ianaTimezone).localDay(now.getTime());
    const since = new Date(timeZone(record.ianaTimezone).startOfDay(today - 89));
    const outcome = await seedExampleCosts(db, jobQueue(db), shop, now);
    expect(outcome.seeded).toBe(true);

    // The gateways whose payments list no fees, read from the copy, each priced by its suggested rule.
    const unlisted = await db.orderTransaction.findMany({
      where: { shop, test: false, status: "SUCCESS", kind: { in: ["SALE", "CAPTURE"] }, feesListed: false, processedAt: { gte: since } },
      distinct: ["gateway"],
      select: { gateway: true },
    });
    const suggested = gatewaySuggestions(record.currencyCode);
    const expectedFees = suggested.filter((suggestion) => unlisted.some((row) => row.gateway === suggestion.gateway));
    // The generated store pays through gateways the app suggests a rule for (PayPal, manual payments, cash at the counter).
    expect(unlisted.map((row) => row.gateway).sort()).toEqual(expectedFees.map((fee) => fee.gateway).sort());
    expect(await db.gatewayFeeRule.findMany({ where: { shop }, orderBy: { gateway: "asc" }, select: { gateway: true, rate: true, fixedFee: true } })).toEqual(
      expectedFees
        .map((fee) => ({ gateway: fee.gateway, rate: fee.rate, fixedFee: parseMoney(fee.fixedFee) }))
        .sort((a, b) => (a.gateway < b.gateway ? -1 : 1)),
    );

    // The three destinations most of the last 90 days' orders ship to, then the rest of the world.
    const shipped = await db.order.findMany({
      where: { shop, test: false, hasShippingAddress: true, processedAt: { gte: since } },
      select: { shippingCountry: true },
    });
    const counts = new Map<string, number>();
    for (const order of shipped) if (order.shippingCountry) counts.set(order.shippingCountry, (counts.get(order.shippingCountry) ?? 0) + 1);
    const commonest = [...counts]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 3)
      .map(([country]) => country);
    const rules = await db.shippingRule.findMany({ where: { shop } });
    expect(rules.map((rule) => rule.destination).sort()).toEqual([...commonest, "rest_of_world"].sort());
    expect(rules.every((rule) => rule.perOrder > 0n && rule.perUnit > 0n)).toBe(true);
    expect(await db.shippingCost.count({ where: { shop } })).toBe(5);
    expect((await db.customCost.findMany({ where: { shop }, orderBy: { id: "asc" } })).map((cost) => [cost.name.startsWith(EXAMPLE), cost.kind])).toEqual([
      [true, "monthly"],
      [true, "monthly"],
      [true, "one_off"],
      [true, "percent_of_net_sales"],
    ]);
    const settings = await db.costSettings.findUniqueOrThrow({ where: { shop } });
    expect(settings.defaultCostRate).toBe((await defaultRateSuggestion(db, shop, today)).rate);
    expect(settings.defaultCostRate).not.toBeNull();
    // Applied before anything else runs: no job needed for the figures to include them.
    expect(settings.appliedVersion).toBe(settings.version);

    const last30 = { from: today - 30, to: today - 1 };
    const report = await periodReport(db, shop, last30);
    const [profit] = await profitIndicatorsOf(db, shop, [report]);
    expect(Number(report.indicators.transaction_fees)).toBeGreaterThan(0);
    expect(report.indicators.fee_coverage).toBe(1);
    expect(Number(report.indicators.shipping_costs)).toBeGreaterThan(0);
    expect(report.indicators.shipping_coverage).toBe(1);
    expect(Number(profit!.custom_costs)).toBeGreaterThan(0);
    expect(Number(profit!.cogs_all)).toBeGreaterThan(Number(report.indicators.cogs));
    for (const key of ["net_profit", "net_margin", "mer", "cac"] as const) expect(profit![key], key).not.toBeNull();
    // The days the rules reach were recomputed exactly: a rebuild from scratch gives the same figures.
    await rebuildRollups(db, shop);
    expect((await periodReport(db, shop, last30)).indicators).toEqual(report.indicators);

    expect(await seedExampleCosts(db, jobQueue(db), shop, now)).toEqual({ seeded: false, reason: "the store already has costs set" });
    expect(await db.shippingCost.count({ where: { shop } })).toBe(5);
  }, 60_000);
});
