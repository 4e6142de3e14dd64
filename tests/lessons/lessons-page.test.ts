import { beforeEach, describe, expect, it } from "vitest";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { rebuildRollups } from "~/indicators/rollups.server";
import { lessonsOf } from "~/lessons/lessons.server";
import { formatDay, presetPeriod } from "~/lib/calendar";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { memberAtStage } from "../helpers/stages";
import { action as lessonsAction, loader as lessonsLoader } from "~/routes/app.lessons";
import { setRole, systemActor, type Actor } from "~/staff/staff.server";
import { saveOrders } from "~/sync/store-records.server";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";
import { syncedShop } from "../helpers/synced-shop";

// The Lessons page: a staff member sees first the lessons assigned to them and those of the
// indicators their promotions aim at; opening one records the read (first and last); the owner or a
// strategist assigns a lesson to a person (kept in the strategy history) and sees who has read what;
// staff can't assign, and an unknown lesson or person changes nothing.

const SHOP = "lessons-page.myshopify.com";
const ZONE = "Europe/Berlin";
const OWNER = "1";
const STAFF = "2";
const COLLABORATOR = "3";
type Result = { ok: boolean; message?: string; errors?: Record<string, string> };

const open = (query = "", userId = OWNER) => embeddedRequest(`/app/lessons${query}`, SHOP, { userId }).then((request) => callLoader(lessonsLoader, request));
const post = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/lessons", SHOP, fields, { userId }).then((request) => callAction<Result>(lessonsAction, request));
const staffActor: Actor = { shop: SHOP, userId: STAFF, name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" };

/** The last full month in the shop's time zone, as the page works its examples on it. */
const lastMonth = () => presetPeriod("last_month", timeZone(ZONE).localDay(Date.now()));

describe("the Lessons page", () => {
  beforeEach(async () => {
    await resetDatabase();
    await syncedShop(SHOP, { currencyCode: "EUR", ianaTimezone: ZONE, ownerUserId: OWNER });
    // Four orders on the 15th of last month: two with the loyalty code, 100.00 each (two mugs of 50.00).
    const day = formatDay(lastMonth().from + 14);
    const at = new Date(`${day}T11:00:00Z`);
    await saveOrders(db, SHOP, [
      orderRecord({ processedAt: at, discountCodes: ["LOYAL"], customerId: "gid://shopify/Customer/1" }),
      orderRecord({ processedAt: at, discountCodes: ["LOYAL"], customerId: "gid://shopify/Customer/1" }),
      orderRecord({ processedAt: at, customerId: "gid://shopify/Customer/2" }),
      orderRecord({ processedAt: at }),
    ]);
    await rebuildRollups(db, SHOP);
    // Everyone opens the app once, so the team is known.
    for (const userId of [OWNER, STAFF, COLLABORATOR]) await open("?indicator=orders", userId);
    await db.lessonRead.deleteMany();
    // Sam may log a promotion that keeps the tactic's name but not its words (stages: tests/team/stages.test.ts).
    await memberAtStage(db, SHOP, STAFF, "create");
    // Sam runs a promotion on repurchase rate, from the playbook's loyalty tactic.
    const promotion = parsePromotion({
      title: "Loyalty code",
      type: "discount",
      start: formatDay(lastMonth().from),
      end: formatDay(lastMonth().to),
      spend: "20",
      discountCodes: "LOYAL",
      indicator: "repurchase_rate",
      tactic: "repurchase_rate.loyalty",
    });
    if (!promotion.ok) throw new Error(JSON.stringify(promotion.errors));
    await createPromotions(db, staffActor, [promotion.value], new Date());
  });

  it("GIVEN a staff member with a promotion on repurchase rate and aov assigned to them WHEN they open Lessons THEN theirs come first (the assignment, then their promotions' indicator) and the assigned one opens, with its read recorded", async () => {
    expect(await post({ intent: "assign_lesson", userId: STAFF, indicator: "aov" })).toMatchObject({
      status: 200,
      body: { message: "Lesson on Average order value assigned to Sam Rivera." },
    });
    const page = await open("", STAFF);
    expect(page.forYou.map((item) => [item.indicator, item.why])).toEqual([
      ["aov", expect.stringMatching(/^Assigned by Store Owner on /)],
      ["repurchase_rate", "Your promotions aim at it"],
    ]);
    expect(page.lesson!.indicator).toBe("aov");
    expect(page.canAssign).toBe(false);
    expect([page.people, page.readers]).toEqual([null, null]);
    // Every lesson is reachable from the list.
    expect(page.groups.flatMap((group) => group.items).length).toBe(32);
    const reads = await db.lessonRead.findMany({ where: { shop: SHOP, userId: STAFF } });
    expect(reads).toEqual([expect.objectContaining({ indicator: "aov" })]);
    expect(reads[0]!.firstReadAt).toEqual(reads[0]!.lastReadAt);

    // Opened again: the first read stays, the last moves on.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await open("?indicator=aov", STAFF);
    const again = await db.lessonRead.findUniqueOrThrow({ where: { shop_userId_indicator: { shop: SHOP, userId: STAFF, indicator: "aov" } } });
    expect(again.firstReadAt).toEqual(reads[0]!.firstReadAt);
    expect(again.lastReadAt.getTime()).toBeGreaterThan(reads[0]!.lastReadAt.getTime());

    // The lesson of their promotion's indicator: its tactics with this store's results.
    const repurchase = (await open("?indicator=repurchase_rate", STAFF)).lesson!;
    const loyalty = repurchase.tactics.find((tactic) => tactic.key === "repurchase_rate.loyalty")!;
    expect(loyalty).toMatchObject({ count: 1, verdicts: "not reviewed yet 1", latest: [{ title: "Loyalty code" }] });
    expect(loyalty.latest[0]!.lift).toMatch(/Repurchase rate/);
    expect(repurchase.tactics.find((tactic) => tactic.key === "repurchase_rate.post-purchase-flow")).toMatchObject({ count: 0, latest: [] });
    // Worked on last month's own figures: one of two customers ordered twice.
    expect(repurchase.worked).toMatchObject({ result: "50.0%" });
    expect(repurchase.worked!.text).toBe("Repurchase rate = customers who ordered twice or more in the month 1 ÷ customers 2 = 50.0%");
  });

  it("GIVEN the owner WHEN they assign a lesson, assign it again, then take it back twice THEN each change is kept in the history once, and taking back what isn't assigned is refused with nothing changed", async () => {
    expect(await post({ intent: "assign_lesson", userId: STAFF, indicator: "net_profit" })).toMatchObject({ status: 200 });
    expect(await db.lessonAssignment.findMany()).toEqual([
      expect.objectContaining({ shop: SHOP, userId: STAFF, indicator: "net_profit", assignedBy: OWNER, assignedByName: "Store Owner" }),
    ]);
    expect(await post({ intent: "assign_lesson", userId: STAFF, indicator: "net_profit" })).toMatchObject({
      status: 200,
      body: { message: "Sam Rivera already has the lesson on Net profit." },
    });
    expect(await post({ intent: "unassign_lesson", userId: STAFF, indicator: "net_profit" })).toMatchObject({ status: 200 });
    expect(await db.lessonAssignment.count()).toBe(0);
    const history = await db.strategyChange.findMany({ where: { shop: SHOP, entity: "lesson" }, orderBy: { id: "asc" } });
    expect(history.map(({ entityId, action, actorId, actorName, before, after }) => ({ entityId, action, actorId, actorName, before, after }))).toEqual([
      {
        entityId: "net_profit",
        action: "assigned",
        actorId: OWNER,
        actorName: "Store Owner",
        before: null,
        after: JSON.stringify({ userId: STAFF, name: "Sam Rivera", indicator: "net_profit" }),
      },
      {
        entityId: "net_profit",
        action: "unassigned",
        actorId: OWNER,
        actorName: "Store Owner",
        before: JSON.stringify({ userId: STAFF, name: "Sam Rivera", indicator: "net_profit" }),
        after: null,
      },
    ]);
    await expectDatabaseUnchanged(db, async () =>
      expect(await post({ intent: "unassign_lesson", userId: STAFF, indicator: "net_profit" })).toMatchObject({
        status: 400,
        body: { errors: { userId: "Sam Rivera has no assignment of the lesson on Net profit." } },
      }),
    );
  });

  it("GIVEN staff WHEN they assign or take back a lesson THEN 403 saying who may, and nothing changes; a strategist may", async () => {
    await post({ intent: "assign_lesson", userId: COLLABORATOR, indicator: "aov" });
    for (const intent of ["assign_lesson", "unassign_lesson"])
      await expectDatabaseUnchanged(db, async () =>
        expect(await post({ intent, userId: COLLABORATOR, indicator: "aov" }, STAFF)).toMatchObject({
          status: 403,
          body: { errors: { form: "Only the store owner or a strategist can assign lessons." } },
        }),
      );
    expect(await setRole(db, systemActor(SHOP), STAFF, "strategist", new Date())).toBeNull();
    expect(await post({ intent: "assign_lesson", userId: COLLABORATOR, indicator: "roas" }, STAFF)).toMatchObject({ status: 200 });
    expect((await open("", STAFF)).canAssign).toBe(true);
  });

  it.each([
    ["an indicator nobody reports", { indicator: "vibes" }, { indicator: "There is no lesson on “vibes”: choose one from the list." }],
    ["no lesson", { indicator: "" }, { indicator: "Say which lesson." }],
    ["a person who never opened the app", { userId: "999" }, { userId: "No staff member with that id has opened the app in this store." }],
    ["no person", { userId: "" }, { userId: "Choose who to assign it to." }],
  ])("GIVEN an assignment of %s THEN 400 saying what is wrong, nothing changed", async (_, change, errors) => {
    await expectDatabaseUnchanged(db, async () =>
      expect(await post({ intent: "assign_lesson", userId: STAFF, indicator: "aov", ...change })).toMatchObject({ status: 400, body: { errors } }),
    );
  });

  it("GIVEN a link to a lesson nobody has WHEN it is opened THEN the page says so, shows no lesson and records no read", async () => {
    const page = await open("?indicator=%3Cb%3Evibes%3C%2Fb%3E", STAFF);
    expect(page).toMatchObject({ notice: "There is no lesson on “<b>vibes</b>”: choose one from the list.", lesson: null });
    expect(await db.lessonRead.count()).toBe(0);
  });

  it("GIVEN lessons assigned and read WHEN the owner opens Lessons THEN each person's record says what is assigned and read, and when; lessonsOf gives the same record for the Team page", async () => {
    await post({ intent: "assign_lesson", userId: STAFF, indicator: "aov" });
    await post({ intent: "assign_lesson", userId: STAFF, indicator: "net_margin" });
    await open("?indicator=aov", STAFF);
    await open("?indicator=gross_sales", STAFF);
    const page = await open("?indicator=net_margin");
    expect(page.people!.map((person) => person.name)).toEqual(["Store Owner", "Casey Agency", "Sam Rivera"]);
    expect(page.lesson!.assignedTo).toEqual([{ userId: STAFF, name: "Sam Rivera", at: expect.any(String) }]);
    const sam = page.readers!.find((reader) => reader.userId === STAFF)!;
    expect(sam.lessons.map(({ indicator, assigned, readAt, promotions }) => ({ indicator, assigned, read: readAt !== null, promotions }))).toEqual([
      { indicator: "net_margin", assigned: true, read: false, promotions: false },
      { indicator: "aov", assigned: true, read: true, promotions: false },
      { indicator: "repurchase_rate", assigned: false, read: false, promotions: true },
      { indicator: "gross_sales", assigned: false, read: true, promotions: false },
    ]);
    expect(sam.lessons.find((lesson) => lesson.indicator === "aov")).toMatchObject({ assignedByName: "Store Owner", title: "Average order value" });
    expect(await lessonsOf(db, SHOP, STAFF)).toEqual(sam.lessons);
    // The owner's own reads are theirs.
    expect(page.readers!.find((reader) => reader.userId === OWNER)!.lessons.map((lesson) => lesson.indicator)).toEqual(["net_margin"]);
  });

  it("GIVEN the app opened before its first sync has stored the shop THEN the lesson reads, and its worked example waits for the figures", async () => {
    await db.shop.delete({ where: { shop: SHOP } });
    const page = await open("?indicator=aov", STAFF);
    expect(page.lesson).toMatchObject({ indicator: "aov", label: "Average order value", worked: null });
    expect(page.lesson!.meaning.length).toBeGreaterThan(0);
  });
});
