/**
 * Does the indicator serve the goal? A store whose average order value rose through bigger
 * discounts (tests/helpers/discounted-aov-store.ts) under a goal for net profit: the AOV target is on
 * track with its part against the goal (flagged), the orders target on track with its part exactly 0
 * in the past week, or for the goal since (not flagged), the discount-rate target off track (not
 * flagged). Every figure expected is recomputed from the orders the test stores; the Targets page,
 * the home page, the weekly review (a past week as of its own end, then from its signed-off record),
 * `cli review --json` and goalFlags show the flag, in English and in Chinese.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { localizer } from "~/i18n/localizer";
import { withLocalizer } from "~/i18n/scope.server";
import { formatDay, isoWeekLabel } from "~/lib/calendar";
import { loader as homeLoader } from "~/routes/app._index";
import { loader as reviewLoader } from "~/routes/app.review";
import { loader as targetsLoader } from "~/routes/app.targets";
import { systemActor } from "~/staff/staff.server";
import { goalFlags } from "~/strategy/goal-outcome.server";
import { createGoal } from "~/strategy/targets.server";
import { signOffWeek } from "~/review/weekly-review.server";
import { div, mul, q, same, sub, type Q } from "../helpers/bridge-identity";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { chineseFlag, discountedAovStore, englishFlag, euros, expectedBridge, PAST_WEEK, today, totalsOver } from "../helpers/discounted-aov-store";
import { callLoader, embeddedRequest } from "../helpers/embedded-request";

const SHOP = "goal-flags-shop.myshopify.com";
const OWNER = "1";

/** A page as admin opens it, in the language its locale says (admin says it on every page load). */
const open = <T>(
  loader: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<T>,
  path: string,
  locale = "en",
) => embeddedRequest(`${path}${path.includes("?") ? "&" : "?"}locale=${locale}`, SHOP, { userId: OWNER }).then((request) => callLoader(loader, request));

let ids: { goal: number; aov: number; orders: number; discountRate: number };

describe("a target on track that works against its goal", () => {
  beforeAll(async () => {
    await resetDatabase();
    ids = await discountedAovStore(SHOP, OWNER);
  });

  it("GIVEN the Targets page THEN the goal shows net profit over its days so far against the days before, each part of its change (adding up to it), and only the AOV target flagged, in English and in Chinese", async () => {
    const bridge = expectedBridge(today - 1);
    const page = await open(targetsLoader, "/app/targets");
    const goal = page.goals.find((live) => live.id === ids.goal)!;
    const statuses = Object.fromEntries(page.targets.map((card) => [card.indicator, card.status]));
    expect(statuses).toEqual({ aov: "on_track", orders: "on_track", discount_rate: "off_track" });
    const view = goal.outcomeView!;
    expect(view.label).toBe("Net profit");
    const rows = Object.fromEntries(view.bridge!.rows.map((row) => [row.part, row.effect]));
    expect(rows).toMatchObject({
      orders: euros(bridge.orders, "en"),
      aov: euros(bridge.aov, "en"),
      margin: euros(bridge.margin, "en"),
      fees: euros(0n, "en"),
      unexplained: euros(0n, "en"),
      total: euros(bridge.change, "en"),
    });
    expect(bridge.orders + bridge.aov + bridge.margin).toBe(bridge.change);
    expect(view.summary).toMatch(/^Net profit, .+: €[\d,.]+, against €[\d,.]+ in the \d+ days before \([+−]\d+\.\d%\)\.$/);
    // The orders target is on track with its part for the goal, the discount rate's off track: neither is flagged.
    expect(bridge.orders).toBeGreaterThan(0n);
    expect(view.flags).toEqual([englishFlag(bridge)]);

    const chinese = await open(targetsLoader, "/app/targets", "zh-CN");
    const inChinese = chinese.goals.find((live) => live.id === ids.goal)!.outcomeView!;
    expect(inChinese.flags).toEqual([chineseFlag(bridge)]);
    expect(inChinese.bridge!.rows.map((row) => row.label)).toEqual([
      "订单",
      "平均订单价值",
      "扣除折扣、退货和商品成本后的利润率",
      "支付手续费",
      "运费成本",
      "营销支出",
      "其他成本",
      "无法归因的部分",
      "净利润",
    ]);
  });

  it("GIVEN the home page THEN the goal's card carries the same flag", async () => {
    const home = await open(homeLoader, "/app");
    const dashboard = (home as { dashboard: { state: string; targets: { goals: { id: number; flags: string[] }[] } } }).dashboard;
    expect(dashboard.state).toBe("ready");
    expect(dashboard.targets.goals.find((goal) => goal.id === ids.goal)!.flags).toEqual([englishFlag(expectedBridge(today - 1))]);
  });

  it("GIVEN the week two weeks ago THEN its review, `cli review --json` and goalFlags as of its Sunday flag the AOV target with the figures of the goal's days to that Sunday only, never the days after", async () => {
    const asOfSunday = expectedBridge(PAST_WEEK.to);
    // Orders came after that week (five a day): figures through today differ, so the week shows its own.
    expect(asOfSunday.aov).not.toBe(expectedBridge(today - 1).aov);
    const review = await open(reviewLoader, `/app/review?week=${formatDay(PAST_WEEK.from)}`);
    expect(review.content.goalFlags).toEqual([{ goal: "Profitable growth", words: englishFlag(asOfSunday) }]);
    // As of that Sunday the orders target was on track with a part of exactly 0 (as many orders as in the days before): not flagged.
    expect(asOfSunday.orders).toBe(0n);
    expect(Object.fromEntries(review.content.targets.map((target) => [target.id, target.status]))).toEqual({
      [ids.aov]: "on_track",
      [ids.orders]: "on_track",
      [ids.discountRate]: "off_track",
    });

    const run = await runCli(["review", "--shop", SHOP, "--week", isoWeekLabel(PAST_WEEK.from), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).goal_flags).toEqual([
      {
        goal: "Profitable growth",
        outcome: "net_profit",
        indicator: "aov",
        target_id: ids.aov,
        part: Number(asOfSunday.aov + asOfSunday.margin) / 10_000,
        words: englishFlag(asOfSunday),
      },
    ]);

    // The review's text (its CSV's rows) says it too.
    const text = await runCli(["review", "--shop", SHOP, "--week", isoWeekLabel(PAST_WEEK.from)]);
    expect(text.stdout.split("\n")).toContain(`Working against its goal · Profitable growth · ${englishFlag(asOfSunday)}`);

    const english = await goalFlags(db, SHOP, PAST_WEEK.to);
    expect(english).toEqual([
      {
        goal: "Profitable growth",
        goalId: ids.goal,
        outcome: "net_profit",
        indicator: "aov",
        targetId: ids.aov,
        part: Number(asOfSunday.aov + asOfSunday.margin) / 10_000,
        words: englishFlag(asOfSunday),
      },
    ]);
    const chinese = await withLocalizer(localizer("zh-CN"), () => goalFlags(db, SHOP, PAST_WEEK.to));
    expect(chinese.map((flag) => flag.words)).toEqual([chineseFlag(asOfSunday)]);
  });

  it("GIVEN the past week signed off THEN it reads its flags from its record, in each reader's language, even once the target that was flagged has changed", async () => {
    const asOfSunday = expectedBridge(PAST_WEEK.to);
    expect(await signOffWeek(db, systemActor(SHOP), formatDay(PAST_WEEK.from), null, new Date())).toBeNull();
    // The AOV target raised out of reach: computed again, the week would flag nothing.
    await db.target.update({ where: { id: ids.aov }, data: { value: "500" } });
    expect(await goalFlags(db, SHOP, PAST_WEEK.to)).toEqual([]);
    const review = await open(reviewLoader, `/app/review?week=${formatDay(PAST_WEEK.from)}`);
    expect(review.content.goalFlags).toEqual([{ goal: "Profitable growth", words: englishFlag(asOfSunday) }]);
    const chinese = await open(reviewLoader, `/app/review?week=${formatDay(PAST_WEEK.from)}`, "zh-CN");
    expect(chinese.content.goalFlags).toEqual([{ goal: "Profitable growth", words: chineseFlag(asOfSunday) }]);
    const run = await runCli(["review", "--shop", SHOP, "--week", isoWeekLabel(PAST_WEEK.from), "--json"]);
    expect(JSON.parse(run.stdout).goal_flags[0].words).toBe(englishFlag(asOfSunday));
    await db.target.update({ where: { id: ids.aov }, data: { value: "60" } });
  });

  it("GIVEN goals for net sales, for gross margin and one starting next month THEN net sales is split into orders, AOV and returns, gross margin is shown beside its targets with no bridge, and the later one says when it starts", async () => {
    const owner = systemActor(SHOP);
    const now = new Date();
    for (const goal of [
      { name: "Sales", outcome: "net_sales", from: formatDay(today - 7), to: formatDay(today + 20) },
      { name: "Margin", outcome: "gross_margin", from: formatDay(today - 7), to: formatDay(today + 20) },
      { name: "Next", outcome: "repeat_customers", from: formatDay(today + 40), to: formatDay(today + 70) },
    ])
      expect((await createGoal(db, owner, goal, now)).ok).toBe(true);
    const page = await open(targetsLoader, "/app/targets");
    const view = (name: string) => page.goals.find((goal) => goal.name === name)!.outcomeView!;
    // The last 7 days against the 7 before, every order a discounted pair (€65): only the number of orders moved net sales.
    const [before, after] = [totalsOver({ from: today - 14, to: today - 8 }), totalsOver({ from: today - 7, to: today - 1 })];
    expect(before.sales * after.orders).toBe(after.sales * before.orders);
    expect(after.orders).toBeGreaterThan(before.orders);
    expect(view("Sales").bridge!.rows.map((row) => [row.part, row.effect])).toEqual([
      ["orders", euros(after.sales - before.sales, "en")],
      ["aov", euros(0n, "en")],
      ["returns", euros(0n, "en")],
      ["unexplained", euros(0n, "en")],
      ["total", euros(after.sales - before.sales, "en")],
    ]);
    expect(view("Margin")).toMatchObject({
      label: "Gross margin",
      bridge: null,
      note: "Only net profit, net sales and repeat customers are split into what moved them: Gross margin is shown beside the targets.",
      summary: expect.stringMatching(/^Gross margin, .+: 38\.5%, against 38\.5% in the 7 days before \(±0\.0 pts\)\.$/),
      flags: [],
    });
    expect(view("Next")).toMatchObject({ label: "Repeat customers", summary: null, bridge: null, note: expect.stringMatching(/^The goal starts on /) });
  });

  it("GIVEN the store as built WHEN the goal is read to the past week's Sunday THEN each order kept €30 before the goal and €25 during it: net profit fell while AOV rose", () => {
    const bridge = expectedBridge(PAST_WEEK.to);
    const perOrder = (value: Q, orders: bigint) => div(value, q(orders * 10_000n));
    expect(same(perOrder(bridge.before, 42n), q(30n))).toBe(true);
    expect(same(perOrder(bridge.after, 42n), q(25n))).toBe(true);
    expect(same(sub(bridge.after, bridge.before), mul(q(-5n * 10_000n), q(42n)))).toBe(true);
    expect(bridge.change).toBeLessThan(0n);
    expect(bridge.aov).toBeGreaterThan(0n);
  });
});
