import { beforeEach, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { formatDay, parseDay } from "~/lib/calendar";
import { formatDateRange } from "~/lib/dates";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { action as firstGoalAction, loader as firstGoalLoader } from "~/routes/app.first-goal";
import { loader as homeLoader } from "~/routes/app._index";
import { loader as suggestionLoader } from "~/routes/app.target-suggestion";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { defaultHorizon, firstGoalPage, horizonPeriod, offersFirstGoal, saveFirstGoal } from "~/strategy/first-goal.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { systemActor } from "~/staff/staff.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

// The guided first goal: pick what to grow, see targets suggested from the store's history, adjust,
// save the goal and its targets in one step; or "Not now".

const SHOP = "first-goal-shop.myshopify.com";
const OWNER = "1";
const STAFF = "2";
const ZONE = "Europe/Berlin";
type Result = { ok: boolean; redirect?: string; errors?: { form?: string; goal?: Record<string, string>; targets?: Record<string, Record<string, string>> } };
const open = (query: string, userId = OWNER) =>
  embeddedRequest(`/app/first-goal${query}`, SHOP, { userId }).then((request) => callLoader(firstGoalLoader, request));
const post = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/first-goal", SHOP, fields, { userId }).then((request) => callAction<Result>(firstGoalAction, request));

describe("the guided first goal", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "First Goal Shop", email: null, currencyCode: "EUR", ianaTimezone: ZONE });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    // Sixty days of orders, three a day.
    const now = Date.now();
    await saveOrders(
      db,
      SHOP,
      Array.from({ length: 180 }, (_, n) =>
        orderRecord({ processedAt: new Date(now - (Math.floor(n / 3) + 1) * 86_400_000), customerId: `gid://shopify/Customer/${n % 50}` }),
      ),
    );
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN an owner who wants more revenue next month THEN each target is suggested with its reasoning; saved, the goal holds them all", async () => {
    expect(await offersFirstGoal(db, systemActor(SHOP))).toBe(true);
    const page = await open("?aim=revenue&period=next_month");
    const next = horizonPeriod("next_month", timeZone(ZONE).localDay(Date.now()));
    expect(page.period).toMatchObject({ from: formatDay(next.from), to: formatDay(next.to) });
    expect(page.suggestions.map((item) => item.indicator)).toEqual(["net_sales", "orders", "aov"]);
    for (const item of page.suggestions) expect(item.reasoning).toMatch(/\d/);
    const fields: Record<string, string> = { name: page.goalName, period: "next_month" };
    for (const item of page.suggestions) Object.assign(fields, { [`include_${item.indicator}`]: "on", [`target_${item.indicator}`]: item.valueInput });
    expect(await post(fields)).toMatchObject({ status: 200, body: { ok: true, redirect: "/app/targets?saved=goal&count=3" } });
    const goal = await db.goal.findFirstOrThrow({ where: { shop: SHOP } });
    const month = new Date(next.from * 86_400_000).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
    expect(goal).toMatchObject({ name: `Grow revenue, ${month}`, from: formatDay(next.from), to: formatDay(next.to) });
    const targets = await db.target.findMany({ where: { shop: SHOP }, orderBy: { indicator: "asc" } });
    expect(targets.map((target) => [target.indicator, target.goalId, target.periodKind])).toEqual([
      ["aov", goal.id, "month"],
      ["net_sales", goal.id, "month"],
      ["orders", goal.id, "month"],
    ]);
    expect(targets.find((target) => target.indicator === "orders")!.value).toBe(page.suggestions.find((item) => item.indicator === "orders")!.valueInput);
    expect(await db.strategyChange.count({ where: { shop: SHOP } })).toBe(4);
    expect(await offersFirstGoal(db, systemActor(SHOP))).toBe(false);
  });

  it("GIVEN each aim THEN the goal is offered for the outcome the aim serves; saved, the goal is for the outcome the owner kept, and an outcome nobody offers is refused with nothing saved", async () => {
    const offered = await Promise.all(["profit", "revenue", "repeat", "margin"].map((aim) => open(`?aim=${aim}&period=next_month`)));
    expect(offered.map((page) => page.outcome)).toEqual(["net_profit", "net_sales", "repeat_customers", "net_profit"]);
    expect(offered[0]!.outcomes.slice(0, 3).map((choice) => choice.label)).toEqual(["Net profit", "Net sales", "Repeat customers"]);
    const fields = { name: "Regulars", period: "next_month", include_repurchase_rate: "on", target_repurchase_rate: "20" };
    expect(await post({ ...fields, outcome: "repeat_customer" })).toMatchObject({
      status: 400,
      body: { ok: false, errors: { goal: { outcome: "Choose what the goal is for: net profit, net sales, repeat customers or one of the indicators." } } },
    });
    expect(await db.goal.count()).toBe(0);
    expect(await db.target.count()).toBe(0);
    expect(await post({ ...fields, outcome: "repeat_customers" })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await db.goal.findFirstOrThrow({ where: { shop: SHOP } })).toMatchObject({ name: "Regulars", outcome: "repeat_customers" });
    const history = await db.strategyChange.findFirstOrThrow({ where: { shop: SHOP, entity: "goal" } });
    expect(JSON.parse(history.after!)).toMatchObject({ name: "Regulars", outcome: "repeat_customers" });
  });

  it("GIVEN the new-target form's indicator and period THEN the suggestion for them is offered, and nothing for an unknown indicator", async () => {
    const ask = (query: string) =>
      embeddedRequest(`/app/target-suggestion?${query}`, SHOP, { userId: OWNER }).then((request) => callLoader(suggestionLoader, request));
    const today = formatDay(timeZone(ZONE).localDay(Date.now()));
    const { suggestion } = await ask(`indicator=orders&periodKind=week&from=${today}`);
    expect(suggestion).toMatchObject({ reasoning: expect.stringMatching(/^Less than a year of history/), valueInput: expect.stringMatching(/^\d+$/) });
    expect((await ask("indicator=vibes&periodKind=month")).suggestion).toBeNull();
    expect((await ask("indicator=aov&periodKind=custom&from=2026-12-10&to=2026-12-01")).suggestion).toBeNull();
  });

  it.each([
    ["2026-12-06", "this_month", "2026-12-01", "2026-12-31"],
    ["2026-12-16", "this_month", "2026-12-01", "2026-12-31"],
    ["2026-12-20", "next_month", "2027-01-01", "2027-01-31"],
    ["2026-02-14", "this_month", "2026-02-01", "2026-02-28"],
  ])("GIVEN the %s THEN the period offered first is %s, from %s to %s (this month while half of it is to come)", (today, horizon, from, to) => {
    const day = parseDay(today)!;
    expect(defaultHorizon(day)).toBe(horizon);
    expect(horizonPeriod(defaultHorizon(day), day)).toEqual({ from: parseDay(from)!, to: parseDay(to)! });
  });

  it("GIVEN the 6th of a month WHEN the owner sets a goal for repeat business THEN it is for this month and named after it, its targets start from keep pace with grow a point above, and they are paced from today, not waiting for next month", async () => {
    const sixth = new Date();
    sixth.setUTCDate(6);
    sixth.setUTCHours(12, 0, 0, 0);
    const today = timeZone(ZONE).localDay(sixth.getTime());
    const owner = systemActor(SHOP);
    const page = await firstGoalPage(db, owner, new URLSearchParams("aim=repeat"), sixth);
    expect(page.horizon).toBe("this_month");
    const month = horizonPeriod("this_month", today);
    expect(page.period).toMatchObject({ from: formatDay(month.from), to: formatDay(month.to) });
    expect(page.horizons.map((horizon) => horizon.key)).toEqual(["this_month", "next_month", "this_quarter", "next_quarter"]);
    expect(page.horizons[0]!.label).toBe(`This month (${formatDateRange(month.from, month.to, "en")})`);
    const name = sixth.toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
    expect(page.goalName).toBe(`More customers coming back, ${name}`);
    const repurchase = page.suggestions.find((item) => item.indicator === "repurchase_rate")!;
    expect(repurchase.valueInput).toBe(repurchase.inputs.keepPace);
    expect(Number(repurchase.inputs.grow) - Number(repurchase.inputs.keepPace)).toBeCloseTo(1, 9);
    const form = new FormData();
    form.set("name", page.goalName);
    form.set("period", page.horizon);
    for (const item of page.suggestions) {
      form.set(`include_${item.indicator}`, "on");
      form.set(`target_${item.indicator}`, item.valueInput);
    }
    expect(await saveFirstGoal(db, owner, form, sixth)).toMatchObject({ ok: true });
    expect(await db.goal.findFirstOrThrow({ where: { shop: SHOP } })).toMatchObject({ from: formatDay(month.from), to: formatDay(month.to) });
    const statuses = await targetStatuses(db, SHOP, today);
    expect(statuses.length).toBe(page.suggestions.length);
    expect(statuses.filter((status) => status.status === "not_started")).toEqual([]);
  });

  it('GIVEN a form naming a period the page doesn\'t offer (the old "month") THEN it is refused with a clear error and nothing is saved', async () => {
    expect(await post({ name: "Healthier margin", period: "month", include_aov: "on", target_aov: "50" })).toMatchObject({
      status: 400,
      body: { ok: false, errors: { form: "Choose the period: this month or the next, this quarter or the next." } },
    });
    expect(await db.goal.count()).toBe(0);
    expect(await db.target.count()).toBe(0);
  });

  it("GIVEN one target value that can't be saved THEN nothing is saved, and the error names that target", async () => {
    const fields = {
      name: "Healthier margin",
      period: "next_quarter",
      include_gross_margin: "on",
      target_gross_margin: "35",
      include_discount_rate: "on",
      target_discount_rate: "250",
    };
    const refused = await post(fields);
    expect(refused).toMatchObject({
      status: 400,
      body: { ok: false, errors: { targets: { discount_rate: { value: "Discount rate is a percentage from 0 to 100." } } } },
    });
    expect(await db.goal.count()).toBe(0);
    expect(await db.target.count()).toBe(0);
    expect(await post({ name: "", period: "next_month", include_aov: "on", target_aov: "50" })).toMatchObject({
      status: 400,
      body: { errors: { goal: { name: expect.stringMatching(/Name the goal/) } } },
    });
    expect(await db.goal.count()).toBe(0);
  });

  it("GIVEN staff THEN the page says who sets goals and saving is refused; GIVEN the owner's Not now THEN the home page stops offering it", async () => {
    expect((await open("?aim=profit", STAFF)).canEdit).toBe(false);
    expect(await post({ name: "Mine", period: "next_month", include_aov: "on", target_aov: "50" }, STAFF)).toMatchObject({ status: 403 });
    expect(await db.goal.count()).toBe(0);
    expect(await post({ intent: "dismiss" })).toMatchObject({ status: 200, body: { ok: true, redirect: "/app" } });
    expect(await offersFirstGoal(db, systemActor(SHOP))).toBe(false);
  });

  it("GIVEN the first sync still copying the store (indicators shown from the orders so far) THEN neither the home page nor the first-goal page suggests targets yet; once it has finished, both do", async () => {
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: null } });
    const home = () => embeddedRequest("/app", SHOP, { userId: OWNER }).then((request) => callLoader(homeLoader, request));
    expect((await home()).dashboard.state).toBe("ready");
    expect((await home()).firstGoal).toBe(false);
    expect(await open("?aim=revenue&period=next_month")).toMatchObject({ ready: false, suggestions: [] });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    expect((await home()).firstGoal).toBe(true);
    expect((await open("?aim=revenue&period=next_month")).suggestions.length).toBeGreaterThan(0);
  });

  it("GIVEN an owner whose admin is in Simplified Chinese THEN the aims, the goal's name, each suggestion's reasoning and range are in Chinese, with amounts in Chinese formats", async () => {
    const page = await embeddedRequest("/app/first-goal?aim=revenue&period=next_month&locale=zh-CN", SHOP, { userId: OWNER }).then((request) =>
      callLoader(firstGoalLoader, request),
    );
    expect(page.aims.map((aim) => aim.label)).toEqual(["利润", "收入", "复购", "毛利率"]);
    expect(page.goalName).toMatch(/^提升收入（\d{4}年\d{1,2}月）$/);
    expect(page.horizons.map((horizon) => horizon.label)).toEqual([
      expect.stringMatching(/^本月（\d{4}年/),
      expect.stringMatching(/^下个月（\d{4}年/),
      expect.stringMatching(/^本季度（\d{4}年/),
      expect.stringMatching(/^下个季度（\d{4}年/),
    ]);
    const net = page.suggestions.find((item) => item.indicator === "net_sales")!;
    expect(net.label).toBe("净销售额");
    expect(net.reasoning).toMatch(/^历史数据不足一年：按最近 \d+ 天的速度（€[\d,.]+），\d+ 天约可达到 €[\d,.]+。$/);
    expect(page.period.label).toMatch(/^\d{4}年\d{1,2}月1日 – \d{4}年\d{1,2}月\d{1,2}日$/);
  });
});
