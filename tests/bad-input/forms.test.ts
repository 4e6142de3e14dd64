/**
 * Every form action of every page, posted with hostile values the way a browser, a script or a
 * curious staff member could send them (with a real session token): each answers 4xx with a message
 * that says what is wrong, and no table of the database changes (every row compared before and after).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "~/env.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { MAX_FIELD_LENGTH, MAX_FORM_BYTES } from "~/lib/form.server";
import { adminHostParam, mintSessionToken } from "~/preview/session-token.server";
import { localizer } from "~/i18n/localizer";
import { BUILT_IN_TACTICS, builtInTactic } from "~/playbooks/built-in-tactics";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { action as homeAction, loader as homeLoader } from "~/routes/app._index";
import { action as firstGoalAction } from "~/routes/app.first-goal";
import { action as lessonsAction } from "~/routes/app.lessons";
import { action as promotionsAction, loader as promotionsLoader } from "~/routes/app.promotions";
import { action as reviewAction, loader as reviewLoader } from "~/routes/app.review";
import { loader as reviewCsvLoader } from "~/routes/app.review[.]csv";
import { action as targetsAction, loader as targetsLoader } from "~/routes/app.targets";
import { action as teamAction, loader as teamLoader } from "~/routes/app.team";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor, type Actor } from "~/staff/staff.server";
import { createGoal, createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { callLoader, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";
import { databaseSnapshot, expectDatabaseUnchanged } from "./database-snapshot";

const SHOP = "hostile-shop.myshopify.com";
const OTHER_SHOP = "neighbour-shop.myshopify.com";
const OWNER = "1";
const STAFF = "2";

type RouteAction = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;
type Page = { name: string; path: string; action: RouteAction };
const PROMOTIONS: Page = { name: "Promotions", path: "/app/promotions", action: promotionsAction as RouteAction };
const TARGETS: Page = { name: "Targets", path: "/app/targets", action: targetsAction as RouteAction };
const REVIEW: Page = { name: "Weekly review", path: "/app/review", action: reviewAction as RouteAction };
const HOME: Page = { name: "Home", path: "/app", action: homeAction as RouteAction };
const LESSONS: Page = { name: "Lessons", path: "/app/lessons", action: lessonsAction as RouteAction };
const TEAM: Page = { name: "Team", path: "/app/team", action: teamAction as RouteAction };

interface Answer {
  status: number;
  /** Every message the answer carries, field by field ("form" for the whole post, "text" for a plain-text answer). */
  errors: Record<string, string>;
}

/** Posts a body as App Bridge would (bearer session token) and reads the answer, whatever its shape. */
async function send(page: Page, body: BodyInit | null, contentType: string | null, userId = OWNER, locale?: string): Promise<Answer> {
  const { apiKey, apiSecret, appUrl } = env();
  const token = await mintSessionToken({ shop: SHOP, userId, apiKey, apiSecret });
  const headers = new Headers({ Authorization: `Bearer ${token}` });
  if (contentType) headers.set("content-type", contentType);
  const url = new URL(page.path, appUrl);
  url.searchParams.set("shop", SHOP);
  url.searchParams.set("host", adminHostParam(SHOP));
  if (locale) url.searchParams.set("locale", locale);
  let result: unknown;
  try {
    result = await page.action({ request: new Request(url, { method: "POST", headers, body }), params: {}, context: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {}
    const errors = (parsed as { errors?: Record<string, string> } | null)?.errors ?? { text };
    return { status: result.status, errors };
  }
  const value = result as { type?: string; data?: { errors?: Record<string, string> }; init?: { status?: number } };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, errors: value.data?.errors ?? {} };
  throw new Error(`unexpected answer: ${String(result)}`);
}

const post = (page: Page, fields: Record<string, string>, userId = OWNER) =>
  send(page, new URLSearchParams(fields), "application/x-www-form-urlencoded", userId);

/** The post is refused with a 4xx whose message matches, and nothing in the database changed. */
async function expectRefused(answer: () => Promise<Answer>, message: RegExp, status = 400): Promise<Answer> {
  const result = await expectDatabaseUnchanged(db, answer);
  expect(result.status, JSON.stringify(result.errors)).toBe(status);
  const words = Object.values(result.errors).join(" | ");
  expect(words).toMatch(message);
  return result;
}

const staff: Actor = { shop: SHOP, userId: STAFF, name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" };
const ids = { promotion: 0, staffPromotion: 0, target: 0, goal: 0, otherPromotion: 0, otherTarget: 0, otherGoal: 0, proposal: 0, otherProposal: 0 };
const GOOD_PROMOTION = { title: "Autumn email", type: "email", start: "2026-10-01", end: "2026-10-07", spend: "120", utmCampaign: "autumn", indicator: "aov" };

async function logPromotion(actor: Actor, title: string) {
  const parsed = parsePromotion({ ...GOOD_PROMOTION, title });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return (await createPromotions(db, actor, [parsed.value], new Date()))[0]!.id;
}

beforeAll(async () => {
  await resetDatabase();
  for (const shop of [SHOP, OTHER_SHOP]) {
    await connectDevstoreShop(db, sessionStorage, {
      shop,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop, name: shop, email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop }, data: { lastSyncAt: new Date() } });
    await saveOrders(db, shop, [orderRecord({ processedAt: new Date("2026-10-03T10:00:00Z"), utmCampaign: "autumn" })]);
    await rebuildRollups(db, shop);
  }
  // Sam logs promotions of his own (the Create stage); Casey, the collaborator, is at Follow (below: what a stage refuses).
  await memberAtStage(db, SHOP, STAFF, "create", staff.name);
  ids.promotion = await logPromotion(systemActor(SHOP), "Owner's promotion");
  ids.staffPromotion = await logPromotion(staff, "Staff promotion");
  ids.otherPromotion = await logPromotion(systemActor(OTHER_SHOP), "Neighbour's promotion");
  const goal = await createGoal(db, systemActor(SHOP), { name: "Grow", from: "2026-10-01", to: "2026-12-31" }, new Date());
  const otherGoal = await createGoal(db, systemActor(OTHER_SHOP), { name: "Theirs", from: "2026-10-01", to: "2026-12-31" }, new Date());
  if (!goal.ok || !otherGoal.ok) throw new Error("goal refused");
  [ids.goal, ids.otherGoal] = [goal.value.id, otherGoal.value.id];
  const target = await createTarget(db, systemActor(SHOP), { indicator: "net_sales", periodKind: "month", from: "2026-10-01", value: "5000" }, new Date());
  const otherTarget = await createTarget(
    db,
    systemActor(OTHER_SHOP),
    { indicator: "net_sales", periodKind: "month", from: "2026-10-01", value: "5000" },
    new Date(),
  );
  if (!target.ok || !otherTarget.ok) throw new Error("target refused");
  [ids.target, ids.otherTarget] = [target.value.id, otherTarget.value.id];
  // A proposal waiting in each shop (a tactic Sam proposed), for the Team page's decisions.
  for (const [shop, key] of [
    [SHOP, "proposal"],
    [OTHER_SHOP, "otherProposal"],
  ] as const) {
    const proposal = await db.proposal.create({
      data: {
        shop,
        kind: "tactic",
        payload: JSON.stringify({ indicator: "aov", title: "Mugs", how: "Sell mugs.", type: "bundle", hypothesis: "Mugs." }),
        proposedBy: STAFF,
        proposedByName: "Sam Rivera",
        proposedAt: new Date(),
      },
    });
    ids[key] = proposal.id;
  }
  // Both staff members open the app once, so their records exist before anything is compared.
  for (const userId of [OWNER, STAFF]) {
    await callLoader(promotionsLoader, await embeddedRequest("/app/promotions", SHOP, { userId }));
    await callLoader(targetsLoader, await embeddedRequest("/app/targets", SHOP, { userId }));
    await callLoader(reviewLoader, await embeddedRequest("/app/review", SHOP, { userId }));
  }
}, 120_000);

describe("the database check itself", () => {
  it("GIVEN a post that writes THEN the snapshot sees it (so an unchanged snapshot means something)", async () => {
    const before = await databaseSnapshot(db);
    expect((await post(PROMOTIONS, { intent: "add_note", id: String(ids.promotion), body: "A note" })).status).toBe(200);
    const after = await databaseSnapshot(db);
    expect(after.PromotionNote).toHaveLength(before.PromotionNote!.length + 1);
    await db.promotionNote.deleteMany({ where: { body: "A note" } });
    await expect(expectDatabaseUnchanged(db, () => post(PROMOTIONS, { intent: "add_note", id: String(ids.promotion), body: "Another" }))).rejects.toThrow(
      /tables written: PromotionNote/,
    );
    await db.promotionNote.deleteMany({ where: { body: "Another" } });
  });
});

/** Every action of every page, with fields that would be accepted (so each hostile case changes one thing). */
const ACTIONS: { page: Page; intent: string | null; fields: () => Record<string, string> }[] = [
  { page: PROMOTIONS, intent: "create_promotion", fields: () => ({ ...GOOD_PROMOTION }) },
  { page: PROMOTIONS, intent: "update_promotion", fields: () => ({ ...GOOD_PROMOTION, id: String(ids.promotion) }) },
  { page: PROMOTIONS, intent: "duplicate_promotion", fields: () => ({ id: String(ids.promotion) }) },
  { page: PROMOTIONS, intent: "archive_promotion", fields: () => ({ id: String(ids.promotion) }) },
  { page: PROMOTIONS, intent: "show_in_shopify", fields: () => ({ id: String(ids.promotion) }) },
  { page: PROMOTIONS, intent: "remove_from_shopify", fields: () => ({ id: String(ids.promotion) }) },
  { page: PROMOTIONS, intent: "review_promotion", fields: () => ({ id: String(ids.promotion), verdict: "worked", learned: "It worked" }) },
  { page: PROMOTIONS, intent: "add_note", fields: () => ({ id: String(ids.promotion), body: "Looks good" }) },
  { page: PROMOTIONS, intent: "self_review", fields: () => ({ id: String(ids.promotion), selfMoved: "yes", selfLearned: "It worked" }) },
  { page: TARGETS, intent: "create_target", fields: () => ({ indicator: "aov", periodKind: "month", from: "2026-11-01", value: "60" }) },
  { page: TARGETS, intent: "update_target", fields: () => ({ id: String(ids.target), value: "6000" }) },
  { page: TARGETS, intent: "delete_target", fields: () => ({ id: String(ids.target) }) },
  { page: TARGETS, intent: "publish_target", fields: () => ({ id: String(ids.target) }) },
  { page: TARGETS, intent: "unpublish_target", fields: () => ({ id: String(ids.target) }) },
  { page: TARGETS, intent: "create_goal", fields: () => ({ name: "Profit", from: "2026-10-01", to: "2026-12-31" }) },
  { page: TARGETS, intent: "set_role", fields: () => ({ userId: STAFF, role: "strategist" }) },
  { page: REVIEW, intent: null, fields: () => ({ week: "2026-10-05", comments: "Fine week" }) },
  { page: HOME, intent: "sync", fields: () => ({}) },
  { page: LESSONS, intent: "assign_lesson", fields: () => ({ userId: STAFF, indicator: "aov" }) },
  { page: LESSONS, intent: "unassign_lesson", fields: () => ({ userId: STAFF, indicator: "aov" }) },
  { page: TEAM, intent: "set_stage", fields: () => ({ userId: STAFF, stage: "adapt" }) },
  {
    page: TEAM,
    intent: "propose_tactic",
    fields: () => ({ indicator: "aov", title: "Gift wrap", how: "At checkout.", type: "content", hypothesis: "Gifts." }),
  },
  { page: TEAM, intent: "propose_target", fields: () => ({ indicator: "aov", periodKind: "month", from: "2027-01-01", value: "60" }) },
  { page: TEAM, intent: "approve_proposal", fields: () => ({ id: String(ids.proposal) }) },
  { page: TEAM, intent: "return_proposal", fields: () => ({ id: String(ids.proposal), comment: "Not now" }) },
  { page: TEAM, intent: "withdraw_proposal", fields: () => ({ id: String(ids.proposal) }) },
];
const label = (action: (typeof ACTIONS)[number]) => `${action.page.name} ${action.intent ?? "sign-off"}`;
const withIntent = (action: (typeof ACTIONS)[number], extra: Record<string, string> = {}) => ({
  ...(action.intent ? { intent: action.intent } : {}),
  ...action.fields(),
  ...extra,
});

describe.each(ACTIONS.map((action) => [label(action), action] as const))("%s", (_, action) => {
  it("GIVEN a JSON body THEN 400: the page takes a form post", async () => {
    await expectRefused(() => send(action.page, JSON.stringify(withIntent(action)), "application/json"), /takes a form post .* not "application\/json"/);
  });

  it("GIVEN a JSON body from a staff member whose admin is in Chinese THEN the refusal is in Chinese", async () => {
    await expectRefused(
      () => send(action.page, JSON.stringify(withIntent(action)), "application/json", OWNER, "zh-CN"),
      /^此页面接受表单提交（.*），而不是“application\/json”。/,
    );
  });

  it("GIVEN plain text, or no content type THEN 400", async () => {
    await expectRefused(() => send(action.page, new URLSearchParams(withIntent(action)).toString(), "text/plain"), /takes a form post/);
    await expectRefused(() => send(action.page, new URLSearchParams(withIntent(action)).toString(), null), /takes a form post/);
  });

  it("GIVEN a broken multipart body, or a file THEN 400", async () => {
    await expectRefused(() => send(action.page, "--x\r\ngarbage", "multipart/form-data; boundary=x"), /not valid form data/);
    const form = new FormData();
    for (const [name, value] of Object.entries(withIntent(action))) form.set(name, value);
    form.set("upload", new Blob(["<html>"], { type: "text/html" }), "page.html");
    await expectRefused(() => send(action.page, form, null), /"upload" is a file/);
  });

  it("GIVEN a NUL character (%00) in any of its fields, or in a field's name THEN 400 naming the field, nothing saved", async () => {
    for (const name of Object.keys(withIntent(action))) {
      const fields: Record<string, string> = withIntent(action);
      await expectRefused(() => post(action.page, { ...fields, [name]: `${fields[name]}\u0000` }), new RegExp(`"${name}" holds a NUL character`));
    }
    await expectRefused(() => post(action.page, withIntent(action, { "note\u0000": "x" })), /"note\uFFFD" holds a NUL character/);
  });

  it("GIVEN a field longer than any form sends, or a body over the limit THEN 400", async () => {
    await expectRefused(() => post(action.page, withIntent(action, { title: "x".repeat(MAX_FIELD_LENGTH + 1) })), /"title" is too long/);
    await expectRefused(() => post(action.page, withIntent(action, { padding: "x".repeat(MAX_FORM_BYTES) })), /too large/);
  });
});

const PAGES_WITH_INTENTS = [PROMOTIONS, TARGETS, HOME, LESSONS, TEAM];
describe.each(PAGES_WITH_INTENTS.map((page) => [page.name, page] as const))("%s, whatever the action", (_, page) => {
  it.each([
    ["an unknown intent", { intent: "drop_tables" }, /Unknown action "drop_tables"/],
    ["no intent", {}, /names no action|Unknown action ""/],
    ["HTML as the intent", { intent: "<script>alert(1)</script>" }, /Unknown action/],
  ])("GIVEN %s THEN 400 saying so", async (_, fields, message) => {
    await expectRefused(() => post(page, fields as Record<string, string>), message);
  });
});

const WITH_ID = ACTIONS.filter((action) => "id" in action.fields());
describe.each(WITH_ID.map((action) => [label(action), action] as const))("%s names its record", (_, action) => {
  it.each([
    ["abc", /not a (promotion|target|proposal)'s id/],
    ["-1", /not a (promotion|target|proposal)'s id/],
    ["1.5", /not a (promotion|target|proposal)'s id/],
    ["1e3", /not a (promotion|target|proposal)'s id/],
    ["99999999999", /not a (promotion|target|proposal)'s id/],
    ["", /Say which (promotion|target|proposal)/],
  ])("GIVEN id=%j THEN 400", async (id, message) => {
    await expectRefused(() => post(action.page, withIntent(action, { id })), message);
  });

  it("GIVEN another shop's id THEN 400: no such record here, and the other shop's is untouched", async () => {
    const other = String(action.page === PROMOTIONS ? ids.otherPromotion : action.page === TEAM ? ids.otherProposal : ids.otherTarget);
    await expectRefused(() => post(action.page, withIntent(action, { id: other })), /doesn't exist/);
  });
});

describe("Promotions: hostile values in a new or changed promotion", () => {
  const manyCodes = (count: number) => Array.from({ length: count }, (_, i) => `C${i}`).join(";");
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ["a start date in year 100", { start: "0100-01-01" }, "start", /between 2000-01-01 and 2099-12-31/],
    ["an end date in year 9999", { end: "9999-12-31" }, "end", /between 2000-01-01 and 2099-12-31/],
    ["30 February", { start: "2026-02-30" }, "start", /calendar date/],
    ["a span over three years", { start: "2026-01-01", end: "2029-12-31" }, "end", /at most three years/],
    ["33,000 codes", { discountCodes: manyCodes(33_000) }, "form", /"discountCodes" is too long/],
    ["251 codes", { discountCodes: manyCodes(251) }, "discountCodes", /at most 250 codes/],
    ["a code of 256 characters", { discountCodes: "C".repeat(256) }, "discountCodes", /at most 255 characters/],
    ["a spend of 10^15", { spend: "1000000000000000" }, "spend", /too large: at most 1,000,000,000/],
    ["a budget of 10^15", { budget: "1000000000000000" }, "budget", /too large/],
    ["a spend of 400 digits", { spend: "9".repeat(400) }, "spend", /too large/],
    ["a spend with five decimals", { spend: "1.00001" }, "spend", /at most 4 decimals/],
    ["a spend in words", { spend: "a lot" }, "spend", /must be an amount/],
    ["a negative spend", { spend: "-1" }, "spend", /can't be negative/],
    ["a title of 10,000 characters", { title: "x".repeat(10_000) }, "title", /too long \(10,000 characters/],
    ["an empty title", { title: "   " }, "title", /Give the promotion a title/],
    ["HTML as the indicator", { indicator: "<script>alert(1)</script>" }, "indicator", /not an indicator/],
    ["HTML as the type", { type: "<img src=x onerror=alert(1)>" }, "type", /Choose a type/],
    ["HTML as linked products", { productIds: "<b>mug</b>" }, "productIds", /chosen from the store's products/],
    ["a product of another store", { productIds: "gid://shopify/Product/999999" }, "productIds", /no longer in the store/],
    ["51 linked products", { productIds: Array.from({ length: 51 }, (_, i) => `gid://shopify/Product/${i + 1}`).join(",") }, "productIds", /at most 50/],
    ["HTML as the owner", { owner: "<script>alert(1)</script>" }, "owner", /someone on the team/],
    ["a hypothesis of 2,001 characters", { hypothesis: "h".repeat(2001) }, "hypothesis", /too long/],
    ["a UTM campaign of 256 characters", { utmCampaign: "u".repeat(256) }, "utmCampaign", /too long/],
  ];
  describe.each([["create_promotion"], ["update_promotion"]])("%s", (intent) => {
    it.each(cases)("GIVEN %s THEN 400 on its field, nothing saved", async (_, change, field, message) => {
      const result = await expectRefused(
        () => post(PROMOTIONS, { intent, ...GOOD_PROMOTION, ...(intent === "update_promotion" ? { id: String(ids.promotion) } : {}), ...change }),
        message,
      );
      expect(Object.keys(result.errors)).toContain(field);
    });
  });

  it.each([
    ["a verdict nobody offers", { verdict: "<b>great</b>", learned: "x" }, /Choose a verdict/],
    ["nothing learned", { verdict: "worked", learned: "   " }, /what was learned/],
    ["a lesson of 2,001 characters", { verdict: "worked", learned: "l".repeat(2001) }, /under 2,000/],
    ["a next step of 2,001 characters", { verdict: "worked", learned: "x", nextStep: "n".repeat(2001) }, /under 2,000/],
  ])("GIVEN a review with %s THEN 400", async (_, fields, message) => {
    await expectRefused(() => post(PROMOTIONS, { intent: "review_promotion", id: String(ids.promotion), ...fields }), message);
  });

  it.each([
    ["an empty note", "   ", /Write the note first/],
    ["a note of 2,001 characters", "n".repeat(2001), /too long \(2,001 characters/],
  ])("GIVEN %s THEN 400", async (_, body, message) => {
    await expectRefused(() => post(PROMOTIONS, { intent: "add_note", id: String(ids.promotion), body }), message);
  });

  it("GIVEN staff editing, archiving or showing someone else's promotion THEN 403 with the reason", async () => {
    for (const intent of ["update_promotion", "archive_promotion", "show_in_shopify", "remove_from_shopify"]) {
      await expectRefused(
        () => post(PROMOTIONS, { intent, ...GOOD_PROMOTION, id: String(ids.promotion) }, STAFF),
        /Only whoever logged or runs this promotion/,
        403,
      );
    }
  });
});

describe("Targets: hostile values", () => {
  const TARGET = { intent: "create_target", indicator: "aov", periodKind: "month", from: "2026-11-01", value: "60" };
  it.each([
    ["a value of 400 digits", { value: "9".repeat(400) }, "value", /too large/],
    ["a count of 10^15", { indicator: "orders", value: "1000000000000000" }, "value", /too large: at most 1,000,000,000/],
    ["a money target of 10^15", { indicator: "net_sales", value: "1000000000000000" }, "value", /too large/],
    ["a value in scientific notation", { value: "1e3" }, "value", /Enter a number/],
    ["a negative value", { value: "-5" }, "value", /can't be negative/],
    ["a ratio above 100%", { indicator: "discount_rate", value: "250" }, "value", /Discount rate is a percentage from 0 to 100\.$/],
    ["a ratio written as words", { indicator: "discount_rate", value: "ten" }, "value", /Enter a percentage, like 25 or 12.5/],
    ["HTML as the indicator", { indicator: "<script>alert(1)</script>" }, "indicator", /not an indicator/],
    ["a period kind nobody offers", { periodKind: "century" }, "periodKind", /Choose week, month, quarter or custom/],
    ["a start in year 100", { from: "0100-01-01" }, "from", /between 2000-01-01 and 2099-12-31/],
    ["30 February", { from: "2026-02-30" }, "from", /calendar date/],
    ["a custom end in year 9999", { periodKind: "custom", from: "2026-01-01", to: "9999-12-31" }, "to", /between 2000-01-01 and 2099-12-31/],
    ["a custom period over three years", { periodKind: "custom", from: "2026-01-01", to: "2030-01-01" }, "to", /at most three years/],
    ["a direction nobody offers", { direction: "sideways" }, "direction", /at least or at most/],
    [
      "a custom period that repeats",
      { periodKind: "custom", from: "2026-11-01", to: "2026-11-20", recurring: "on" },
      "recurring",
      /Only weekly, monthly or quarterly/,
    ],
    ["goalId=abc", { goalId: "abc" }, "goalId", /Choose one of the goals/],
    ["goalId=99999999999", { goalId: "99999999999" }, "goalId", /Choose one of the goals/],
    ["another shop's goal", { goalId: "OTHER_GOAL" }, "goalId", /doesn't exist/],
  ])("GIVEN create_target with %s THEN 400 on its field, nothing saved", async (_, change, field, message) => {
    const fields = { ...TARGET, ...change } as Record<string, string>;
    if (fields.goalId === "OTHER_GOAL") fields.goalId = String(ids.otherGoal);
    const result = await expectRefused(() => post(TARGETS, fields), message);
    expect(Object.keys(result.errors)).toContain(field);
  });

  it.each([
    ["a value of 400 digits", { value: "9".repeat(400) }, /too large/],
    ["no value", { value: "" }, /Enter the target value/],
    ["a direction nobody offers", { value: "5000", direction: "<b>up</b>" }, /at least or at most/],
  ])("GIVEN update_target with %s THEN 400", async (_, change, message) => {
    await expectRefused(() => post(TARGETS, { intent: "update_target", id: String(ids.target), ...change }), message);
  });

  it.each([
    ["no name", { name: "" }, /Name the goal/],
    ["a name of 121 characters", { name: "g".repeat(121) }, /under 120 characters/],
    ["a why of 2,001 characters", { why: "w".repeat(2001) }, /under 2,000 characters/],
    ["a start in year 100", { from: "0100-01-01" }, /between 2000-01-01 and 2099-12-31/],
    ["an end in year 9999", { to: "9999-12-31" }, /between 2000-01-01 and 2099-12-31/],
    ["30 February", { to: "2026-02-30" }, /calendar date/],
    ["an end before the start", { from: "2026-12-31", to: "2026-01-01" }, /last day is before its first/],
    ["an outcome nobody offers", { outcome: "<b>profit</b>" }, /Choose what the goal is for/],
    ["an outcome in the wrong case", { outcome: "NET_PROFIT" }, /Choose what the goal is for/],
  ])("GIVEN create_goal with %s THEN 400", async (_, change, message) => {
    await expectRefused(() => post(TARGETS, { intent: "create_goal", name: "Profit", from: "2026-10-01", to: "2026-12-31", ...change }), message);
  });

  it.each([
    ["an outcome nobody offers", { outcome: "revenue" }, /Choose what the goal is for/],
    ["an outcome of 5,000 characters", { outcome: "n".repeat(5000) }, /Choose what the goal is for/],
  ])("GIVEN update_goal with %s THEN 400", async (_, change, message) => {
    await expectRefused(
      () => post(TARGETS, { intent: "update_goal", id: String(ids.goal), name: "Grow", from: "2026-10-01", to: "2026-12-31", ...change }),
      message,
    );
  });

  it("GIVEN the first goal saved for an outcome nobody offers THEN 400", async () => {
    const FIRST_GOAL: Page = { name: "First goal", path: "/app/first-goal", action: firstGoalAction as RouteAction };
    // Its errors are grouped: the goal's own, then each target's.
    const result = await expectDatabaseUnchanged(db, () =>
      post(FIRST_GOAL, { name: "Regulars", period: "next_month", outcome: "<script>", include_aov: "on", target_aov: "50" }),
    );
    expect(result.status).toBe(400);
    expect(result.errors.goal).toEqual({ outcome: expect.stringMatching(/Choose what the goal is for/) });
  });

  it.each([
    ["someone who never opened the app", { userId: "999" }, /No staff member with that id/],
    ["HTML as the user id", { userId: "<script>alert(1)</script>" }, /No staff member with that id/],
    ["a role nobody offers", { userId: STAFF, role: "king" }, /"king" is not a role/],
    ["the account owner made staff", { userId: OWNER, role: "staff" }, /account owner is always an Owner/],
  ])("GIVEN set_role for %s THEN 400", async (_, change, message) => {
    await expectRefused(() => post(TARGETS, { intent: "set_role", role: "strategist", ...change }), message);
  });

  it("GIVEN staff setting a target, a goal or a role THEN 403 with the reason", async () => {
    await expectRefused(() => post(TARGETS, TARGET, STAFF), /Staff can't|owner|strategist/i, 403);
    await expectRefused(() => post(TARGETS, { intent: "create_goal", name: "Mine", from: "2026-10-01", to: "2026-12-31" }, STAFF), /owner|strategist/i, 403);
    await expectRefused(() => post(TARGETS, { intent: "set_role", userId: STAFF, role: "strategist" }, STAFF), /owner/i, 403);
  });
});

describe("Lessons: hostile assignments", () => {
  it.each([
    ["HTML as the lesson", { indicator: "<script>alert(1)</script>" }, /no lesson on “<script>alert\(1\)<\/script>”/],
    ["a lesson nobody has", { indicator: "vibes" }, /no lesson on “vibes”/],
    ["no lesson", { indicator: "" }, /Say which lesson/],
    ["someone who never opened the app", { userId: "999" }, /No staff member with that id/],
    ["HTML as the person", { userId: "<b>Sam</b>" }, /No staff member with that id/],
    ["no person", { userId: "" }, /Choose who to assign it to/],
  ])("GIVEN an assignment of %s THEN 400", async (_, change, message) => {
    for (const intent of ["assign_lesson", "unassign_lesson"])
      await expectRefused(() => post(LESSONS, { intent, userId: STAFF, indicator: "aov", ...change }), message);
  });

  it("GIVEN taking back a lesson nobody assigned THEN 400", async () => {
    await expectRefused(
      () => post(LESSONS, { intent: "unassign_lesson", userId: STAFF, indicator: "net_profit" }),
      /has no assignment of the lesson on Net profit/,
    );
  });

  it("GIVEN staff assigning a lesson, or taking one back THEN 403 with the reason", async () => {
    for (const intent of ["assign_lesson", "unassign_lesson"])
      await expectRefused(
        () => post(LESSONS, { intent, userId: STAFF, indicator: "aov" }, STAFF),
        /Only the store owner or a strategist can assign lessons/,
        403,
      );
  });
});

describe("Stages: a promotion beyond its member's stage", () => {
  const CASEY = "3";
  const casey: Actor = { shop: SHOP, userId: CASEY, name: "Casey Agency", role: "staff", accountOwner: false, collaborator: true, locale: "en" };
  /** The playbook's "Bundles" as it has it (its type, indicator and hypothesis). */
  const bundle = builtInTactic(
    BUILT_IN_TACTICS.find((tactic) => tactic.key === "aov.bundle")!,
    localizer("en"),
  );
  const BUNDLE = { ...GOOD_PROMOTION, type: bundle.type, indicator: bundle.indicator, tactic: bundle.key, hypothesis: bundle.hypothesis };
  let caseys = 0;
  beforeAll(async () => {
    await memberAtStage(db, SHOP, CASEY, "follow", casey.name);
    await callLoader(promotionsLoader, await embeddedRequest("/app/promotions", SHOP, { userId: CASEY }));
    const parsed = parsePromotion({ ...BUNDLE, title: "Casey's bundle" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    caseys = (await createPromotions(db, casey, [parsed.value], new Date()))[0]!.id;
  });

  it.each([
    ["follow", "a promotion without a tactic", { tactic: "" }, "tactic"],
    ["follow", "the tactic's type changed", { type: "discount" }, "type"],
    ["follow", "the tactic's hypothesis changed", { hypothesis: "Mugs sell themselves." }, "hypothesis"],
    ["follow", "the tactic's indicator changed", { indicator: "orders" }, "indicator"],
    ["adapt", "a promotion without a tactic", { tactic: "" }, "tactic"],
    ["adapt", "the tactic's indicator changed", { indicator: "orders" }, "indicator"],
  ])("GIVEN Casey at %s and %s THEN logging or changing it is refused on its field, nothing saved", async (stage, _, change, field) => {
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: CASEY } }, data: { stage } });
    for (const fields of [
      { intent: "create_promotion", ...BUNDLE, ...change },
      { intent: "update_promotion", id: String(caseys), ...BUNDLE, ...change },
    ]) {
      const result = await expectRefused(
        () => post(PROMOTIONS, fields, CASEY),
        new RegExp(`Casey Agency is at the ${stage === "follow" ? "Follow" : "Adapt"} stage`),
      );
      expect(Object.keys(result.errors)).toContain(field);
    }
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: CASEY } }, data: { stage: "follow" } });
  });

  it("GIVEN Casey at Follow copying the owner's promotion (no tactic), or the owner logging one Casey would run without a tactic THEN 400, nothing saved", async () => {
    await expectRefused(() => post(PROMOTIONS, { intent: "duplicate_promotion", id: String(ids.promotion) }, CASEY), /Follow stage/);
    await expectRefused(() => post(PROMOTIONS, { intent: "create_promotion", ...GOOD_PROMOTION, owner: CASEY }), /Casey Agency is at the Follow stage/);
  });
});

describe("Self-reviews: answered only by whoever runs the promotion, once it has ended, until the verdict", () => {
  it.each([
    ["no answer to the question", { selfMoved: "", selfLearned: "x" }, /yes, no or not sure/],
    ["HTML as the answer", { selfMoved: "<b>yes</b>", selfLearned: "x" }, /yes, no or not sure/],
    ["nothing learned", { selfMoved: "yes", selfLearned: "   " }, /Say what you learned/],
    ["a lesson of 2,001 characters", { selfMoved: "yes", selfLearned: "l".repeat(2001) }, /under 2,000 characters/],
    ["a next step of 2,001 characters", { selfMoved: "yes", selfLearned: "x", selfNext: "n".repeat(2001) }, /under 2,000 characters/],
  ])("GIVEN Sam's answer with %s THEN 400", async (_, fields, message) => {
    await expectRefused(() => post(PROMOTIONS, { intent: "self_review", id: String(ids.staffPromotion), ...fields }, STAFF), message);
  });

  it("GIVEN the owner answering for Sam's promotion, or Sam for the owner's THEN 403", async () => {
    const answer = { intent: "self_review", selfMoved: "yes", selfLearned: "x" };
    await expectRefused(() => post(PROMOTIONS, { ...answer, id: String(ids.staffPromotion) }), /Only Sam Rivera, who runs this promotion, answers for it/, 403);
    await expectRefused(() => post(PROMOTIONS, { ...answer, id: String(ids.promotion) }, STAFF), /who runs this promotion, answers for it/, 403);
  });

  it("GIVEN a promotion still running, or one already judged THEN Sam's answer is refused; GIVEN one that ended yesterday unanswered THEN the owner's verdict waits", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const log = async (title: string, end: string) => {
      const parsed = parsePromotion({ ...GOOD_PROMOTION, title, start: "2026-10-01", end });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return String((await createPromotions(db, staff, [parsed.value], new Date()))[0]!.id);
    };
    const [running, judged, recent] = [
      await log("Still running", new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)),
      await log("Judged", "2026-10-07"),
      await log("Ended yesterday", yesterday),
    ];
    await db.promotion.update({ where: { id: Number(judged) }, data: { verdict: "worked", learned: "x", reviewedAt: new Date() } });
    const answer = { intent: "self_review", selfMoved: "yes", selfLearned: "x" };
    await expectRefused(() => post(PROMOTIONS, { ...answer, id: running }, STAFF), /once it has ended/);
    await expectRefused(() => post(PROMOTIONS, { ...answer, id: judged }, STAFF), /verdict has been given/);
    await expectRefused(() => post(PROMOTIONS, { intent: "review_promotion", id: recent, verdict: "worked", learned: "x" }), /Sam Rivera hasn't answered yet/);
  });
});

describe("Team: what a stage or a role doesn't allow", () => {
  const CASEY = "3";
  const TACTIC = { intent: "propose_tactic", indicator: "aov", title: "Gift wrap", how: "At checkout.", type: "content", hypothesis: "Gifts." };
  const TARGET = { intent: "propose_target", indicator: "aov", periodKind: "month", from: "2027-01-01", value: "60" };
  beforeAll(async () => {
    await memberAtStage(db, SHOP, CASEY, "follow", "Casey Agency");
    await callLoader(promotionsLoader, await embeddedRequest("/app/promotions", SHOP, { userId: CASEY }));
  });

  it.each([["follow"], ["adapt"]])("GIVEN Casey at %s proposing a tactic or a target THEN 403 saying the Create stage, nothing saved", async (stage) => {
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: CASEY } }, data: { stage } });
    for (const fields of [TACTIC, TARGET]) await expectRefused(() => post(TEAM, fields, CASEY), /comes at the Create stage/, 403);
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: CASEY } }, data: { stage: "follow" } });
  });

  it("GIVEN staff setting a stage, deciding on a proposal or withdrawing someone else's THEN 403 with the reason", async () => {
    await expectRefused(() => post(TEAM, { intent: "set_stage", userId: CASEY, stage: "create" }, STAFF), /owner/i, 403);
    await expectRefused(() => post(TEAM, { intent: "approve_proposal", id: String(ids.proposal) }, STAFF), /owner|strategist/i, 403);
    await expectRefused(() => post(TEAM, { intent: "return_proposal", id: String(ids.proposal), comment: "No" }, STAFF), /owner|strategist/i, 403);
    await expectRefused(() => post(TEAM, { intent: "withdraw_proposal", id: String(ids.proposal) }, CASEY), /Only Sam Rivera, who proposed it/, 403);
    await expectRefused(() => post(TEAM, TACTIC), /set tactics and targets themselves/, 403);
  });

  it("GIVEN Sam opening someone else's record THEN 403, nothing written", async () => {
    const refused = await expectDatabaseUnchanged(db, () =>
      embeddedRequest(`/app/team?member=${OWNER}`, SHOP, { userId: STAFF }).then((request) =>
        callLoader(teamLoader, request).then(
          () => null,
          (thrown: unknown) => thrown as { init?: { status?: number } },
        ),
      ),
    );
    expect(refused).toMatchObject({ init: { status: 403 } });
  });

  it.each([
    ["a stage nobody offers", { userId: STAFF, stage: "<b>master</b>" }, /is not a stage/],
    ["the account owner", { userId: OWNER, stage: "follow" }, /account owner acts beyond any stage/],
    ["someone who never opened the app", { userId: "999", stage: "create" }, /No staff member with that id/],
  ])("GIVEN set_stage for %s THEN 400", async (_, fields, message) => {
    await expectRefused(() => post(TEAM, { intent: "set_stage", ...fields }), message);
  });

  it.each([
    ["a tactic without a title", { ...TACTIC, title: " " }, /title/i],
    ["a tactic of a type nobody offers", { ...TACTIC, type: "<script>" }, /Choose/],
    ["a target in year 9999", { ...TARGET, from: "9999-01-01" }, /between 2000-01-01 and 2099-12-31/],
    ["a target of 400 digits", { ...TARGET, value: "9".repeat(400) }, /too large/],
  ])("GIVEN Sam at Create proposing %s THEN 400 on its field", async (_, fields, message) => {
    await expectRefused(() => post(TEAM, fields, STAFF), message);
  });

  it("GIVEN a return without a comment or with one of 2,001 characters, or a decision on a decided proposal THEN 400", async () => {
    await expectRefused(() => post(TEAM, { intent: "return_proposal", id: String(ids.proposal), comment: " " }), /Say why it goes back/);
    await expectRefused(() => post(TEAM, { intent: "return_proposal", id: String(ids.proposal), comment: "c".repeat(2001) }), /under 2,000 characters/);
    const decided = await db.proposal.create({
      data: { shop: SHOP, kind: "tactic", payload: "{}", proposedBy: STAFF, proposedByName: "Sam Rivera", proposedAt: new Date(), status: "withdrawn" },
    });
    for (const intent of ["approve_proposal", "return_proposal", "withdraw_proposal"])
      await expectRefused(
        () => post(TEAM, { intent, id: String(decided.id), comment: "Late" }, intent === "withdraw_proposal" ? STAFF : OWNER),
        /no longer waits/,
      );
    await db.proposal.delete({ where: { id: decided.id } });
  });
});

describe("Weekly review: hostile sign-offs", () => {
  it.each([
    ["a week in year 100", { week: "0100-01-04" }, /between 2000-01-01 and 2099-12-31/],
    ["a week in year 9999", { week: "9999-12-27" }, /between 2000-01-01 and 2099-12-31/],
    ["30 February", { week: "2026-02-30" }, /not a date/],
    ["a week in words", { week: "<script>alert(1)</script>" }, /not a date/],
    ["a week that hasn't begun", { week: "2099-12-28" }, /once it has ended/],
    ["comments of 5,001 characters", { week: "2026-10-05", comments: "c".repeat(5001) }, /under 5,000 characters/],
  ])("GIVEN %s THEN 400", async (_, fields, message) => {
    await expectRefused(() => post(REVIEW, fields as Record<string, string>), message);
  });

  it("GIVEN staff signing a week off THEN 403", async () => {
    await expectRefused(() => post(REVIEW, { week: "2026-10-05" }, STAFF), /owner|strategist/i, 403);
  });
});

describe("bytes that aren't text", () => {
  // A browser never sends these; a script can. The form decoder turns each broken UTF-8 sequence into
  // U+FFFD, so both databases store the same well-formed text.
  it.each([
    ["an overlong NUL (0xC0 0x80)", "%C0%80"],
    ["an overlong slash (0xE0 0x80 0xAF)", "%E0%80%AF"],
    ["a lone surrogate as UTF-8 would write it (0xED 0xA0 0x80)", "%ED%A0%80"],
    ["a sequence cut off", "%E2%82"],
  ])("GIVEN %s in a title and a note THEN they are saved as the replacement character, the same on both databases", async (_, encoded) => {
    const raw = `Sale ${encoded} end`;
    const expected = decodeURIComponentLossy(raw);
    expect(expected).toContain("\uFFFD");
    const { title: _good, ...rest } = GOOD_PROMOTION;
    const body = `${new URLSearchParams({ intent: "create_promotion", ...rest }).toString()}&title=${raw.replaceAll(" ", "+")}`;
    expect((await send(PROMOTIONS, body, "application/x-www-form-urlencoded")).status).toBe(200);
    const created = await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title: expected } });
    expect(created.title.isWellFormed()).toBe(true);
    const note = `intent=add_note&id=${created.id}&body=${raw.replaceAll(" ", "+")}`;
    expect((await send(PROMOTIONS, note, "application/x-www-form-urlencoded")).status).toBe(200);
    expect((await db.promotionNote.findFirstOrThrow({ where: { promotionId: created.id } })).body).toBe(expected);
    await db.promotionNote.deleteMany({ where: { promotionId: created.id } });
    await db.promotion.delete({ where: { id: created.id } });
  });
});

/** Percent-decoding as a form decoder does it: the bytes, then UTF-8 with U+FFFD for what isn't. */
function decodeURIComponentLossy(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "%") {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

describe("text is text", () => {
  it("GIVEN HTML and script in a title and a note THEN they are kept and shown as the same text (never as markup)", async () => {
    const title = `<img src=x onerror=alert(1)> "quoted" & <script>alert(2)</script>`;
    expect((await post(PROMOTIONS, { intent: "create_promotion", ...GOOD_PROMOTION, title })).status).toBe(200);
    const created = await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title } });
    expect((await post(PROMOTIONS, { intent: "add_note", id: String(created.id), body: title })).status).toBe(200);
    const page = await callLoader(promotionsLoader, await embeddedRequest(`/app/promotions?q=${encodeURIComponent("<img")}`, SHOP, { userId: OWNER }));
    expect(page.promotions[0]).toMatchObject({ title, notes: [{ body: title }] });
    await db.promotionNote.deleteMany({ where: { promotionId: created.id } });
    await db.promotion.delete({ where: { id: created.id } });
  });
});

describe("pages given hostile query parameters", () => {
  const open = <T>(loader: Parameters<typeof callLoader<T>>[0], path: string) =>
    embeddedRequest(path, SHOP, { userId: OWNER }).then((request) => callLoader(loader, request));

  it.each([
    "?page=-1",
    "?page=abc",
    "?page=1e9",
    "?page=99999999999999999999",
    "?edit=abc",
    "?edit=99999999999",
    `?edit=OTHER`,
    "?status=<script>&indicator=<b>&type=%00&q=" + "x".repeat(5000),
    "?codes=" + "C;".repeat(20_000) + "&title=" + "t".repeat(5000),
  ])("GIVEN /app/promotions%s THEN the page answers, showing what it can, and writes nothing", async (query) => {
    const page = await expectDatabaseUnchanged(db, () => open(promotionsLoader, `/app/promotions${query.replace("OTHER", String(ids.otherPromotion))}`));
    expect(page.form.mode).toBe("create");
    expect(page.pagination.page).toBeGreaterThanOrEqual(1);
    if (/page=/.test(query)) expect(page.pagination.error).toMatch(/page/);
  });

  it.each(["?member=<script>alert(1)</script>", `?member=${"9".repeat(5000)}`, "?member=", "?member=%00"])(
    "GIVEN /app/team%s as the owner THEN the page answers with their own record, saying nobody has that id when one was given, and writes nothing",
    async (query) => {
      const page = await expectDatabaseUnchanged(db, () => open(teamLoader, `/app/team${query}`));
      expect(page.member.userId).toBe(OWNER);
      expect(page.unknownMember).toBe(query !== "?member=");
    },
  );

  it.each([
    ["?week=9999-12-27", /between 2000-01-01 and 2099-12-31/],
    ["?week=0100-01-04", /between 2000-01-01 and 2099-12-31/],
    ["?week=2026-02-30", /is not a date/],
    ["?week=<script>", /is not a date/],
  ])("GIVEN /app/review%s THEN this week is shown with a note saying why, and the CSV download answers 400 with the same reason", async (query, note) => {
    const page = await expectDatabaseUnchanged(db, () => open(reviewLoader, `/app/review${query}`));
    expect(page.error).toMatch(note);
    const download = await expectDatabaseUnchanged(db, () => open(reviewCsvLoader, `/app/review.csv${query}`));
    expect(download.status).toBe(400);
    expect(await download.text()).toMatch(note);
  });

  it.each([
    ["?from=abc&to=2026-10-31", /calendar dates/],
    ["?from=2026-10-31&to=2026-10-01", /start date is after the end date/],
    ["?from=2000-01-01&to=2099-12-31", /ten years or less/],
    ["?period=forever", /Unknown period "forever"/],
    ["?from=0100-01-01&to=0100-12-31&by=<script>", /between 2000-01-01 and 2099-12-31/],
  ])("GIVEN /app%s THEN the home page answers with its dashboard, saying what it did instead", async (query, note) => {
    const page = await expectDatabaseUnchanged(db, () => open(homeLoader, `/app${query}`));
    expect(page.dashboard.state).toBe("ready");
    if (note && page.dashboard.state === "ready") expect(page.dashboard.choice.error).toMatch(note);
  });
});
