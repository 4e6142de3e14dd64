import { beforeEach, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parseDay } from "~/lib/calendar";
import { action as targetsAction, loader as targetsLoader } from "~/routes/app.targets";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { createTarget, rollForward, updateTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

const SHOP = "strategy-shop.myshopify.com";
const OWNER = "1";
const STAFF = "2";
const COLLABORATOR = "3";
type Result = { intent: string; ok: boolean; message?: string; errors?: Record<string, string> };

const post = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/targets", SHOP, fields, { userId }).then((request) => callAction<Result>(targetsAction, request));
const open = (userId = OWNER) => embeddedRequest("/app/targets", SHOP, { userId }).then((request) => callLoader(targetsLoader, request));
const aovTarget = { intent: "create_target", indicator: "aov", periodKind: "month", from: "2026-11-10", value: "60" };

describe("goals and targets, as each role", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Strategy Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date("2026-11-03T10:00:00Z") })]);
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN the account owner WHEN they set a target THEN it is saved with its history, and the page shows it with its pacing", async () => {
    const saved = await post(aovTarget);
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    const target = await db.target.findFirstOrThrow({ where: { shop: SHOP } });
    expect(target).toMatchObject({ indicator: "aov", from: "2026-11-01", to: "2026-11-30", value: "60", direction: "at_least", createdBy: OWNER });
    const history = await db.strategyChange.findMany({ where: { shop: SHOP, entity: "target" } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: OWNER, actorName: "Store Owner", action: "created", before: null });
    expect(JSON.parse(history[0]!.after!)).toMatchObject({ indicator: "aov", value: "60" });

    const page = await open();
    expect(page.canEdit).toBe(true);
    expect(page.targets).toHaveLength(1);
    expect(page.targets[0]).toMatchObject({ title: "Average order value ≥ €60.00", period: "Nov 1, 2026 – Nov 30, 2026 (month)" });
    expect(page.history[0]!.what).toBe("set the target Average order value ≥ €60.00 (Nov 1, 2026 – Nov 30, 2026)");
  });

  it("GIVEN a staff member WHEN they post the owner's actions THEN each is refused with 403 and a reason, and nothing changes", async () => {
    await post(aovTarget);
    const before = await db.target.findMany();
    const actions: Record<string, string>[] = [
      aovTarget,
      { intent: "delete_target", id: String(before[0]!.id) },
      { intent: "create_goal", name: "Grow", from: "2026-10-01", to: "2026-12-31" },
      { intent: "set_role", userId: STAFF, role: "strategist" },
    ];
    for (const fields of actions) {
      const refused = await post(fields, STAFF);
      expect(refused.status).toBe(403);
      expect(refused.body.errors?.form).toMatch(/Only the store owner/);
    }
    expect(await db.target.findMany()).toEqual(before);
    expect(await db.goal.count()).toBe(0);
    expect(await db.strategyChange.count()).toBe(1);
    const page = await open(STAFF);
    expect(page).toMatchObject({ canEdit: false, canManageRoles: false, actor: { name: "Sam Rivera", role: "staff" } });
    expect(page.targets).toHaveLength(1);
  });

  it("GIVEN the owner makes a staff member a strategist THEN the strategist may set targets, and the change of role is in the history", async () => {
    await open(STAFF); // staff appear once they open the app
    expect(await post({ intent: "set_role", userId: STAFF, role: "strategist" })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post(aovTarget, STAFF)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post({ intent: "set_role", userId: STAFF, role: "staff" }, STAFF)).toMatchObject({ status: 403 });
    const roleChange = await db.strategyChange.findFirstOrThrow({ where: { entity: "staff" } });
    expect(JSON.parse(roleChange.before!)).toEqual({ name: "Sam Rivera", role: "staff" });
    expect(JSON.parse(roleChange.after!)).toEqual({ name: "Sam Rivera", role: "strategist" });
  });

  it("GIVEN a collaborator account THEN it is staff, cannot be made a strategist, and cannot set targets", async () => {
    const page = await open(COLLABORATOR);
    expect(page.actor).toMatchObject({ name: "Casey Agency", role: "staff" });
    const promoted = await post({ intent: "set_role", userId: COLLABORATOR, role: "strategist" });
    expect(promoted).toMatchObject({ status: 400, body: { errors: { role: expect.stringMatching(/Collaborator accounts stay Staff/) } } });
    expect(await post(aovTarget, COLLABORATOR)).toMatchObject({ status: 403 });
    expect(await post({ intent: "set_role", userId: OWNER, role: "staff" })).toMatchObject({
      status: 400,
      body: { errors: { role: expect.stringMatching(/always an Owner/) } },
    });
  });

  it.each([
    ["an unknown indicator", { indicator: "happiness" }, "indicator"],
    ["a negative count", { indicator: "orders", value: "-3" }, "value"],
    ["a ratio above 100%", { indicator: "repurchase_rate", value: "125" }, "value"],
    ["a value that isn't a number", { value: "lots" }, "value"],
    ["an empty period", { periodKind: "custom", from: "2026-11-20", to: "2026-11-10" }, "to"],
  ])("GIVEN %s THEN the form gets 400 with the error on its field, and nothing is saved", async (_, change, field) => {
    const result = await post({ ...aovTarget, ...change });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[field]).toBeTruthy();
    expect(await db.target.count()).toBe(0);
    expect(await db.strategyChange.count()).toBe(0);
  });

  it("GIVEN a target WHEN another on the same indicator overlaps it THEN it is refused, while another indicator or a later period is fine", async () => {
    await post(aovTarget);
    const overlap = await post({ ...aovTarget, periodKind: "custom", from: "2026-11-25", to: "2026-12-05" });
    expect(overlap).toMatchObject({
      status: 400,
      body: { errors: { from: expect.stringMatching(/Overlaps the target on the same indicator for Nov 1, 2026 – Nov 30, 2026/) } },
    });
    expect(await post({ ...aovTarget, indicator: "orders", value: "100" })).toMatchObject({ status: 200 });
    expect(await post({ ...aovTarget, from: "2026-12-01" })).toMatchObject({ status: 200 });
    expect(await db.target.count()).toBe(3);
  });

  it("GIVEN a repurchase rate target typed as a percentage WHEN the owner changes its value on the page THEN it is stored as a fraction and the history shows from what to what", async () => {
    expect(await post({ intent: "create_target", indicator: "repurchase_rate", periodKind: "quarter", from: "2026-11-01", value: "25" })).toMatchObject({
      status: 200,
    });
    const target = await db.target.findFirstOrThrow({ where: { indicator: "repurchase_rate" } });
    expect([target.value, target.from, target.to]).toEqual(["0.25", "2026-10-01", "2026-12-31"]);
    expect(await post({ intent: "update_target", id: String(target.id), value: "30" }, STAFF)).toMatchObject({ status: 403 });
    expect(await post({ intent: "update_target", id: String(target.id), value: "130" })).toMatchObject({
      status: 400,
      body: { errors: { value: "Repurchase rate is a percentage from 0 to 100." } },
    });
    expect(await post({ intent: "update_target", id: String(target.id), value: "30" })).toMatchObject({ status: 200, body: { message: "Target changed." } });
    expect((await db.target.findUniqueOrThrow({ where: { id: target.id } })).value).toBe("0.3");
    const page = await open();
    expect(page.history[0]!.what).toBe(
      "changed the target Repurchase rate ≥ 25.0% (Oct 1, 2026 – Dec 31, 2026) to Repurchase rate ≥ 30.0% (Oct 1, 2026 – Dec 31, 2026)",
    );
    expect(page.targets[0]!.valueInput).toBe("30");
  });

  it("GIVEN a target changed THEN the history keeps who changed it from what to what", async () => {
    const owner = { shop: SHOP, userId: OWNER, name: "Store Owner", role: "owner" as const, accountOwner: true, collaborator: false, locale: "en" };
    const created = await createTarget(db, owner, { indicator: "discount_rate", periodKind: "month", from: "2026-11-01", value: "0.08" }, new Date());
    const id = (created as { value: { id: number } }).value.id;
    const updated = await updateTarget(db, owner, id, { indicator: "discount_rate", periodKind: "month", from: "2026-11-01", value: "0.06" }, new Date());
    expect(updated.ok).toBe(true);
    const change = await db.strategyChange.findFirstOrThrow({ where: { action: "updated" } });
    expect([JSON.parse(change.before!).value, JSON.parse(change.after!).value, change.actorName]).toEqual(["0.08", "0.06", "Store Owner"]);
  });

  it("GIVEN a recurring monthly target WHEN its month has passed THEN the next months get the same target, once", async () => {
    await createTarget(db, systemActor(SHOP), { indicator: "orders", periodKind: "month", from: "2026-09-01", value: "40", recurring: true }, new Date());
    expect(await rollForward(db, SHOP, parseDay("2026-11-25")!, new Date())).toHaveLength(2);
    const all = await db.target.findMany({ where: { shop: SHOP }, orderBy: { from: "asc" } });
    // Only the newest one repeats on.
    expect(all.map((target) => [target.from, target.to, target.value, target.recurring])).toEqual([
      ["2026-09-01", "2026-09-30", "40", false],
      ["2026-10-01", "2026-10-31", "40", false],
      ["2026-11-01", "2026-11-30", "40", true],
    ]);
    expect(await rollForward(db, SHOP, parseDay("2026-11-25")!, new Date())).toEqual([]);
    expect(await db.strategyChange.count({ where: { action: "rolled_forward" } })).toBe(2);
  });

  it("GIVEN a goal with a target WHEN the owner changes it, moves the target out and back, archives and restores it THEN each step is kept in the history and staff can do none of it", async () => {
    expect(await post({ intent: "create_goal", name: "Grow profit", why: "Fund the new range", from: "2026-10-01", to: "2026-12-31" })).toMatchObject({
      status: 200,
    });
    const goal = await db.goal.findFirstOrThrow({ where: { shop: SHOP } });
    expect(await post({ ...aovTarget, goalId: String(goal.id) })).toMatchObject({ status: 200 });
    const target = await db.target.findFirstOrThrow({ where: { shop: SHOP } });

    expect(
      await post(
        { intent: "update_goal", id: String(goal.id), name: "Grow profit this quarter", why: "Fund the new range", from: "2026-10-01", to: "2026-12-31" },
        STAFF,
      ),
    ).toMatchObject({ status: 403 });
    expect(await post({ intent: "update_goal", id: String(goal.id), name: "", from: "2026-10-01", to: "2026-12-31" })).toMatchObject({
      status: 400,
      body: { errors: { name: expect.stringMatching(/Name the goal/) } },
    });
    expect(
      await post({
        intent: "update_goal",
        id: String(goal.id),
        name: "Grow profit this quarter",
        why: "Fund the new range",
        from: "2026-10-01",
        to: "2026-12-31",
      }),
    ).toMatchObject({ status: 200, body: { message: "Goal changed." } });
    expect((await open()).history[0]!.what).toBe("changed goal “Grow profit” to “Grow profit this quarter” (name)");

    expect(await post({ intent: "move_target", id: String(target.id), goalId: "" }, STAFF)).toMatchObject({ status: 403 });
    expect(await post({ intent: "move_target", id: String(target.id), goalId: "999999" })).toMatchObject({
      status: 400,
      body: { errors: { goalId: expect.stringMatching(/doesn't exist/) } },
    });
    expect(await post({ intent: "move_target", id: String(target.id), goalId: "" })).toMatchObject({ status: 200 });
    expect((await db.target.findUniqueOrThrow({ where: { id: target.id } })).goalId).toBeNull();
    expect(await post({ intent: "move_target", id: String(target.id), goalId: String(goal.id) })).toMatchObject({ status: 200 });
    expect((await db.target.findUniqueOrThrow({ where: { id: target.id } })).goalId).toBe(goal.id);

    expect(await post({ intent: "archive_goal", id: String(goal.id) }, STAFF)).toMatchObject({ status: 403 });
    expect(await post({ intent: "archive_goal", id: String(goal.id) })).toMatchObject({ status: 200 });
    let page = await open();
    expect(page.goals).toEqual([]);
    expect(page.archivedGoals.map((archived) => archived.name)).toEqual(["Grow profit this quarter"]);
    // Its target stays, shown outside any goal while the goal is archived.
    expect(page.targets.map((card) => card.id)).toEqual([target.id]);
    expect(await post({ intent: "archive_goal", id: String(goal.id) })).toMatchObject({ status: 400 });
    expect(await post({ intent: "restore_goal", id: String(goal.id) })).toMatchObject({ status: 200, body: { message: "Goal restored, with its targets." } });
    page = await open();
    expect(page.goals.map((live) => live.id)).toEqual([goal.id]);
    expect(page.history.slice(0, 4).map((change) => change.what)).toEqual([
      "restored goal “Grow profit this quarter”",
      "archived goal “Grow profit this quarter”",
      "moved the target Average order value ≥ €60.00 (Nov 1, 2026 – Nov 30, 2026) under a goal",
      "moved the target Average order value ≥ €60.00 (Nov 1, 2026 – Nov 30, 2026) out of its goal",
    ]);
  });

  it("GIVEN goals WHEN the owner names what each is for (net sales, repeat customers, any indicator) THEN it is kept, offered by the form, shown on the page and in the history, and a goal that names none is for net profit", async () => {
    expect(await post({ intent: "create_goal", name: "Grow", from: "2026-10-01", to: "2026-12-31" })).toMatchObject({ status: 200 });
    expect(await post({ intent: "create_goal", name: "Regulars", outcome: "repeat_customers", from: "2027-01-01", to: "2027-03-31" })).toMatchObject({
      status: 200,
    });
    const [grow, regulars] = await db.goal.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
    expect([grow!.outcome, regulars!.outcome]).toEqual(["net_profit", "repeat_customers"]);

    expect(await post({ intent: "update_goal", id: String(grow!.id), name: "Grow", outcome: "net_sales", from: "2026-10-01", to: "2026-12-31" })).toMatchObject(
      {
        status: 200,
      },
    );
    // A change that doesn't name the outcome keeps it.
    expect(await post({ intent: "update_goal", id: String(regulars!.id), name: "Regulars first", from: "2027-01-01", to: "2027-03-31" })).toMatchObject({
      status: 200,
    });
    expect((await db.goal.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } })).map((goal) => goal.outcome)).toEqual(["net_sales", "repeat_customers"]);
    expect(
      await post({ intent: "update_goal", id: String(regulars!.id), name: "Regulars", outcome: "mer", from: "2027-01-01", to: "2027-03-31" }),
    ).toMatchObject({
      status: 200,
    });

    const page = await open();
    expect(page.goals.map((goal) => [goal.name, goal.outcome])).toEqual([
      ["Regulars", "mer"],
      ["Grow", "net_sales"],
    ]);
    // The form offers the three outcomes a bridge splits, then every indicator the app reports.
    expect(page.outcomes.slice(0, 3)).toEqual([
      { value: "net_profit", label: "Net profit" },
      { value: "net_sales", label: "Net sales" },
      { value: "repeat_customers", label: "Repeat customers" },
    ]);
    expect(page.outcomes).toContainEqual({ value: "mer", label: "Marketing efficiency" });
    expect(page.history.slice(0, 3).map((change) => change.what)).toEqual([
      "changed goal “Regulars first” to “Regulars” (name, what it is for)",
      "changed goal “Regulars” to “Regulars first” (name)",
      "changed goal “Grow” (what it is for)",
    ]);
    const changed = await db.strategyChange.findFirstOrThrow({ where: { shop: SHOP, entity: "goal", entityId: String(grow!.id), action: "updated" } });
    expect([JSON.parse(changed.before!).outcome, JSON.parse(changed.after!).outcome]).toEqual(["net_profit", "net_sales"]);
  });

  it("GIVEN an outcome nobody offers WHEN a goal is set or changed THEN it is refused on the field, in the reader's language, and nothing changes", async () => {
    expect(await post({ intent: "create_goal", name: "Grow", outcome: "happiness", from: "2026-10-01", to: "2026-12-31" })).toMatchObject({
      status: 400,
      body: { errors: { outcome: "Choose what the goal is for: net profit, net sales, repeat customers or one of the indicators." } },
    });
    expect(await db.goal.count()).toBe(0);
    await post({ intent: "create_goal", name: "Grow", from: "2026-10-01", to: "2026-12-31" });
    const goal = await db.goal.findFirstOrThrow({ where: { shop: SHOP } });
    const history = await db.strategyChange.count();
    const inChinese = await embeddedAction(
      "/app/targets?locale=zh-CN",
      SHOP,
      { intent: "update_goal", id: String(goal.id), name: "Grow", outcome: "net_profit; drop table", from: "2026-10-01", to: "2026-12-31" },
      { userId: OWNER },
    ).then((request) => callAction<Result>(targetsAction, request));
    expect(inChinese).toMatchObject({ status: 400, body: { errors: { outcome: expect.stringMatching(/^请选择经营目标的结果指标/) } } });
    expect(await db.goal.findFirstOrThrow({ where: { shop: SHOP } })).toEqual(goal);
    expect(await db.strategyChange.count()).toBe(history);
  });

  it("GIVEN a goal ending on 20 December WHEN a December target is set under it, a target moved in, the goal shortened, or a recurring target rolls past it THEN each is refused with the reason (or repeats outside the goal) and nothing else changes", async () => {
    expect(await post({ intent: "create_goal", name: "Christmas push", from: "2026-11-01", to: "2026-12-20" })).toMatchObject({ status: 200 });
    const goal = await db.goal.findFirstOrThrow({ where: { shop: SHOP } });
    const before = await db.strategyChange.count();
    // The form: December is past the goal's end.
    expect(
      await post({ intent: "create_target", indicator: "orders", periodKind: "month", from: "2026-12-05", value: "300", goalId: String(goal.id) }),
    ).toMatchObject({
      status: 400,
      body: {
        errors: {
          goalId:
            "This target runs to Dec 31, 2026, past the end of its goal “Christmas push” (Dec 20, 2026): choose a period that ends by then, or another goal.",
        },
      },
    });
    expect(
      await post({
        intent: "create_target",
        indicator: "orders",
        periodKind: "custom",
        from: "2026-10-20",
        to: "2026-11-10",
        value: "300",
        goalId: String(goal.id),
      }),
    ).toMatchObject({ status: 400, body: { errors: { goalId: expect.stringMatching(/^This target starts on Oct 20, 2026, before its goal/) } } });
    expect(await db.target.count()).toBe(0);
    expect(await db.strategyChange.count()).toBe(before);

    // Within the goal it is saved; a December target outside any goal can't be moved in.
    expect(await post({ ...aovTarget, goalId: String(goal.id) })).toMatchObject({ status: 200 });
    expect(await post({ intent: "create_target", indicator: "orders", periodKind: "month", from: "2026-12-05", value: "300" })).toMatchObject({ status: 200 });
    const december = await db.target.findFirstOrThrow({ where: { shop: SHOP, indicator: "orders" } });
    expect(await post({ intent: "move_target", id: String(december.id), goalId: String(goal.id) })).toMatchObject({
      status: 400,
      body: { errors: { goalId: expect.stringMatching(/^This target runs to Dec 31, 2026, past the end of its goal/) } },
    });
    expect((await db.target.findUniqueOrThrow({ where: { id: december.id } })).goalId).toBeNull();

    // The goal can't end before the November target it holds does.
    expect(await post({ intent: "update_goal", id: String(goal.id), name: "Christmas push", from: "2026-11-01", to: "2026-11-20" })).toMatchObject({
      status: 400,
      body: {
        errors: {
          to: "The goal would end before its Average order value target (Nov 1, 2026 – Nov 30, 2026) does: change that target or move it out of the goal first.",
        },
      },
    });
    expect(await db.goal.findUniqueOrThrow({ where: { id: goal.id } })).toMatchObject({ from: "2026-11-01", to: "2026-12-20" });

    // A monthly target of the goal repeating into December repeats outside it.
    await db.target.update({ where: { shop: SHOP, id: (await db.target.findFirstOrThrow({ where: { indicator: "aov" } })).id }, data: { recurring: true } });
    const [rolled] = await rollForward(db, SHOP, parseDay("2026-12-03")!, new Date());
    expect(rolled).toMatchObject({ indicator: "aov", from: "2026-12-01", to: "2026-12-31", goalId: null, recurring: true });
  });

  it("GIVEN staff members whose Shopify admin is in Simplified Chinese THEN the page, its history, a form's errors and a refusal are in Chinese; the stored target is the same", async () => {
    const inChinese = (path: string, userId: string) => embeddedRequest(`${path}${path.includes("?") ? "&" : "?"}locale=zh-CN`, SHOP, { userId });
    // Admin's page load says the language; the form posts that follow don't, and get it all the same.
    await callLoader(targetsLoader, await inChinese("/app/targets", OWNER));
    const saved = await post(aovTarget);
    expect(saved.body).toMatchObject({ ok: true, message: "目标已保存。" });
    const page = await inChinese("/app/targets", OWNER).then((request) => callLoader(targetsLoader, request));
    expect(page.targets[0]).toMatchObject({ title: "平均订单价值 ≥ €60.00", period: "2026年11月1日 – 2026年11月30日（月）" });
    expect(page.history[0]!.what).toBe("设定了目标 平均订单价值 ≥ €60.00（2026年11月1日 – 2026年11月30日）");
    expect(page.actor.roleLabel).toBe("店主");
    expect(await post({ ...aovTarget, from: "2027-01-05", value: "-5" })).toMatchObject({ status: 400, body: { errors: { value: "目标值不能为负数。" } } });
    await inChinese("/app/targets", STAFF).then((request) => callLoader(targetsLoader, request));
    expect(await post({ ...aovTarget, from: "2027-02-05" }, STAFF)).toMatchObject({
      status: 403,
      body: { errors: { form: "只有店主或策略负责人可以更改经营目标和目标。" } },
    });
    expect(await db.target.count({ where: { shop: SHOP } })).toBe(1);
  });
});
