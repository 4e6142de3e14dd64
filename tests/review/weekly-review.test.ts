import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, loadFixture, readFlowTriggerDeclarations, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { formatDay, isoWeekLabel, parseDay } from "~/lib/calendar";
import { notifyWeekReady } from "~/review/review-ready.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { loader as csvLoader } from "~/routes/app.review[.]csv";
import { action as reviewAction, loader as reviewLoader } from "~/routes/app.review";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor, type Actor } from "~/staff/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

const SHOP = "review-shop.myshopify.com";
const WEEK = "2026-11-16"; // a Monday, before "today" (2026-11-25)
const open = (userId = "1", week = WEEK) => embeddedRequest(`/app/review?week=${week}`, SHOP, { userId }).then((request) => callLoader(reviewLoader, request));
const signOff = (userId: string, comments = "Good week") =>
  embeddedAction("/app/review", SHOP, { week: WEEK, comments }, { userId }).then((request) =>
    callAction<{ ok: boolean; errors: Record<string, string> }>(reviewAction, request),
  );
const staff: Actor = { shop: SHOP, userId: "2", name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" };

async function promotion(title: string, start: string, end: string, indicator: string | null) {
  const parsed = parsePromotion({ title, start, end, indicator, spend: "50" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await createPromotions(db, staff, [parsed.value], new Date());
}

describe("the weekly review", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Review Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date("2026-11-17T10:00:00Z") })]);
    await rebuildRollups(db, SHOP);
    // The staff member logs promotions of their own: the Create stage (tests/team covers the others).
    await memberAtStage(db, SHOP, staff.userId, "create", staff.name);
    const owner = systemActor(SHOP);
    await createTarget(db, owner, { indicator: "orders", periodKind: "week", from: WEEK, value: "1000" }, new Date()); // missed, nobody acting
    await createTarget(db, owner, { indicator: "aov", periodKind: "week", from: WEEK, value: "100000" }, new Date()); // missed, but a promotion acts on AOV
    await promotion("AOV bundle", "2026-11-14", "2026-11-18", "aov");
    await promotion("Mystery flyer", "2026-11-20", "2026-11-21", null);
    await promotion("October email", "2026-10-01", "2026-11-08", "net_sales"); // ended long before: overdue review
  });

  it("GIVEN a past week THEN it lists every target's status, the week's promotions, and the three lists", async () => {
    const page = await open();
    expect(page.content).toMatchObject({ weekStart: "2026-11-16", weekEnd: "2026-11-22", through: "2026-11-22" });
    expect(page.content.targets.map((target) => [target.title, target.statusLabel])).toEqual([
      ["Average order value ≥ €100,000.00", "Missed"],
      ["Orders ≥ 1,000", "Missed"],
    ]);
    // Each target's trend runs through the week: the orders so far day by day against the expected line.
    const orders = page.content.targets.find((target) => target.title === "Orders ≥ 1,000")!;
    expect(orders.trend!.map((point) => point.day)).toEqual(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]);
    expect(orders.trend!.map((point) => point.actual)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    expect(orders.trend!.at(-1)!.expected).toBeCloseTo(1000, 6);
    expect(page.content.promotions.map((item) => item.title).sort()).toEqual(["AOV bundle", "Mystery flyer"]);
    expect(page.content.offTrackWithoutAction).toEqual([{ title: "Orders ≥ 1,000", statusLabel: "Missed" }]);
    expect(page.content.actionsWithoutIndicator).toEqual([{ title: "Mystery flyer", start: "2026-11-20", end: "2026-11-21" }]);
    expect(page.content.awaitingReview).toEqual([
      { title: "Mystery flyer", end: "2026-11-21", overdue: false },
      { title: "AOV bundle", end: "2026-11-18", overdue: false },
      { title: "October email", end: "2026-11-08", overdue: true },
    ]);
    expect(page.canSignOff).toBe(true);
    // The week opens with its headline figures against the week before (one order, none the week before).
    const orderFigures = page.content.indicators!.find((indicator) => indicator.key === "orders")!;
    expect(orderFigures).toMatchObject({ label: "Orders", display: "1", previous: "0" });
    expect(page.content.indicators!.map((indicator) => indicator.key)).toEqual([
      "net_sales",
      "orders",
      "aov",
      "gross_margin",
      "net_profit",
      "new_customers",
      "repurchase_rate",
    ]);
  });

  it("GIVEN staff THEN they can read the week but not sign it off; GIVEN the owner THEN the week is signed off once, and reads as it was afterwards", async () => {
    expect((await open("2")).canSignOff).toBe(false);
    expect(await signOff("2")).toMatchObject({ status: 403, body: { errors: { form: "Only the store owner or a strategist can sign off a review." } } });
    expect(await db.weeklyReview.count()).toBe(0);

    expect(await signOff("1", "Orders target needs an action")).toMatchObject({ status: 200, body: { ok: true } });
    const before = await open();
    expect(before.signOff).toMatchObject({ by: "Store Owner", comments: "Orders target needs an action" });

    // Later changes don't rewrite the signed week.
    await promotion("Late addition", "2026-11-16", "2026-11-22", null);
    await db.target.updateMany({ data: { deletedAt: new Date() } });
    const after = await open();
    expect(after.content).toEqual(before.content);
    expect(after.canSignOff).toBe(false);
    expect(await signOff("1")).toMatchObject({ status: 400, body: { errors: { week: "This week is already signed off." } } });

    const csv = await (await csvLoader({ request: await embeddedRequest(`/app/review.csv?week=${WEEK}`, SHOP), params: {}, context: {} })).text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("Section,Item,Status,Detail");
    expect(csv).toContain('off track without action,"Orders ≥ 1,000",Missed,');
    expect(csv).not.toContain("Late addition");
    // The sign-off and its comments end the file, its moment in the shop's time zone.
    expect(lines.at(-1)).toMatch(/^sign-off,Signed off by Store Owner,signed off,\d{4}-\d{2}-\d{2} \d{2}:\d{2}: Orders target needs an action$/);
  });

  it("GIVEN no week asked THEN the last week that has ended is shown, the one to review, with this week a link away; GIVEN a bad week parameter THEN the same, with a message", async () => {
    const today = parseDay(new Date().toLocaleDateString("en-CA", { timeZone: "Europe/Berlin" }))!;
    const lastMonday = formatDay(today - ((today + 3) % 7) - 7);
    const page = await embeddedRequest("/app/review", SHOP, { userId: "1" }).then((request) => callLoader(reviewLoader, request));
    expect(page.content.weekStart).toBe(lastMonday);
    expect(page).toMatchObject({ canSignOff: true, nextIsThisWeek: true, error: null });
    const bad = await open("1", "next-tuesday");
    expect(bad.error).toBe('"next-tuesday" is not a date (YYYY-MM-DD). Showing last week.');
    expect(bad.content.weekStart).toBe(lastMonday);
  });

  it("GIVEN a future week or this week, still under way, THEN it can't be signed off", async () => {
    const signWeek = (week: string) =>
      embeddedAction("/app/review", SHOP, { week, comments: "" }).then((request) => callAction<{ errors: Record<string, string> }>(reviewAction, request));
    expect(await signWeek("2027-03-01")).toMatchObject({
      status: 400,
      body: { errors: { week: "A week is signed off once it has ended: this one from 2027-03-08." } },
    });
    // No day of it has ended: the page says so instead of six empty figures.
    const future = await open("1", "2027-03-01");
    expect(future.content.through).toBeNull();
    expect(future.subtitle).toBe("No day of this week has ended yet (Europe/Berlin)");
    expect((await open()).content.through).toBe("2026-11-22");
    // This week (today is in it) would be frozen with days still to come.
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/Berlin" });
    const thisWeek = await open("1", today);
    expect(thisWeek.canSignOff).toBe(false);
    expect(thisWeek.signOffFrom).toBe(formatDay(parseDay(thisWeek.content.weekStart)! + 7));
    expect(await signWeek(thisWeek.content.weekStart)).toMatchObject({ status: 400, body: { errors: { week: expect.stringMatching(/once it has ended/) } } });
    expect(await db.weeklyReview.count()).toBe(0);
  });

  it("GIVEN an owner whose admin is in Simplified Chinese THEN the week's figures, targets, promotions and lists read in Chinese, and so does a refused sign-off", async () => {
    const page = await embeddedRequest(`/app/review?week=${WEEK}&locale=zh-CN`, SHOP, { userId: "1" }).then((request) => callLoader(reviewLoader, request));
    expect(page.content.indicators!.map((indicator) => indicator.label)).toEqual(["净销售额", "订单", "平均订单价值", "毛利率", "净利润", "新客户", "复购率"]);
    expect(page.content.targets.map((target) => target.statusLabel)).toEqual(["未达成", "未达成"]);
    expect(page.content.offTrackWithoutAction).toEqual([{ title: expect.stringMatching(/^订单 ≥ /), statusLabel: "未达成" }]);
    expect(page.content.promotions.map((promotion) => promotion.status)).toContain("待复盘");
    const thisWeek = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/Berlin" });
    const refused = await embeddedAction("/app/review", SHOP, { week: thisWeek, comments: "" }).then((request) =>
      callAction<{ errors: Record<string, string> }>(reviewAction, request),
    );
    expect(refused).toMatchObject({ status: 400, body: { errors: { week: expect.stringMatching(/^一周结束后才能签署/) } } });
  });

  it("GIVEN a net sales target missed while the week's promotions act on AOV and on units per order THEN nobody acting doesn't list it: its row names each action and the driver of net sales it acts through", async () => {
    await createTarget(db, systemActor(SHOP), { indicator: "net_sales", periodKind: "week", from: WEEK, value: "100000" }, new Date());
    await promotion("Upsell at checkout", "2026-11-19", "2026-11-22", "units_per_order");
    const page = await open();
    const acting = Object.fromEntries(page.content.targets.map((target) => [target.title.split(" ≥ ")[0], [target.statusLabel, target.acting]]));
    expect(acting).toEqual({
      "Net sales": [
        "Missed",
        [
          "AOV bundle, on Average order value (a driver of Net sales)",
          "Upsell at checkout, on Units per order (which drives Average order value, a driver of Net sales)",
        ],
      ],
      "Average order value": ["Missed", ["AOV bundle", "Upsell at checkout, on Units per order (a driver of Average order value)"]],
      Orders: ["Missed", []],
    });
    expect(page.content.offTrackWithoutAction).toEqual([{ title: "Orders ≥ 1,000", statusLabel: "Missed" }]);
    const csv = await (await csvLoader({ request: await embeddedRequest(`/app/review.csv?week=${WEEK}`, SHOP), params: {}, context: {} })).text();
    expect(csv).toContain("Acting on it: AOV bundle, on Average order value (a driver of Net sales); Upsell at checkout, on Units per order");
  });

  it("GIVEN a net profit target missed while a promotion acts on gross margin THEN nobody acting doesn't list it: the action acts through gross profit, a step of net profit's bridge", async () => {
    await createTarget(db, systemActor(SHOP), { indicator: "net_profit", periodKind: "week", from: WEEK, value: "100000" }, new Date());
    await promotion("Price rise on mugs", "2026-11-17", "2026-11-22", "gross_margin");
    const page = await open();
    const target = page.content.targets.find((candidate) => candidate.title.startsWith("Net profit"))!;
    expect([target.statusLabel, target.acting]).toEqual([
      "Missed",
      ["Price rise on mugs, on Gross margin (which drives Gross profit, a driver of Net profit)"],
    ]);
    expect(page.content.offTrackWithoutAction).toEqual([{ title: "Orders ≥ 1,000", statusLabel: "Missed" }]);
  });

  it("GIVEN a week signed off by an owner whose admin is in English WHEN a staff member reads it in Simplified Chinese THEN it reads as the open week did in Chinese: the record keeps figures and facts, and words are the reader's", async () => {
    // A regular who ordered once the week before and twice in it: the repurchase rate moves by points.
    const regular = "gid://shopify/Customer/regular";
    await saveOrders(db, SHOP, [
      orderRecord({ processedAt: new Date("2026-11-10T10:00:00Z"), customerId: regular }),
      orderRecord({ processedAt: new Date("2026-11-18T10:00:00Z"), customerId: regular }),
      orderRecord({ processedAt: new Date("2026-11-19T10:00:00Z"), customerId: regular }),
    ]);
    await rebuildRollups(db, SHOP);
    const chinese = () => embeddedRequest(`/app/review?week=${WEEK}&locale=zh-CN`, SHOP, { userId: "2" }).then((request) => callLoader(reviewLoader, request));
    const unsigned = await chinese();
    const repurchase = (page: typeof unsigned) => page.content.indicators!.find((indicator) => indicator.key === "repurchase_rate")!.change;
    expect(repurchase(await open("1"))).toMatch(/ pts$/);
    expect(await signOff("1", "Orders target needs an action")).toMatchObject({ status: 200 });
    const signed = await chinese();
    expect(signed.signOff).toMatchObject({ by: "Store Owner", comments: "Orders target needs an action" });
    expect(signed.content).toEqual(unsigned.content);
    expect(repurchase(signed)).toMatch(/ 个百分点$/);
    expect(signed.content.targets.map((target) => [target.title, target.statusLabel, target.figures])).toEqual([
      ["平均订单价值 ≥ €100,000.00", "未达成", expect.stringMatching(/^当前 €\d+\.\d\d，目标 €100,000\.00$/)],
      ["订单 ≥ 1,000", "未达成", expect.stringMatching(/^目前 3 · /)],
    ]);
    const words = (value: unknown): string[] =>
      typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(words) : [];
    expect(words(signed.content).filter((text) => /Missed|Awaiting|So far|heading for|pts|Orders|Net sales|vs the/.test(text))).toEqual([]);
    // What is stored names things by key and keeps numbers: no one's words.
    const stored = JSON.parse((await db.weeklyReview.findFirstOrThrow()).snapshot) as { version: number; targets: { status: string; value: number }[] };
    expect(stored).toMatchObject({
      version: 2,
      targets: [
        { status: "missed", value: 100000 },
        { status: "missed", value: 1000 },
      ],
    });
    expect(JSON.stringify(stored)).not.toMatch(/Missed|Orders ≥|So far|€/);
    // The English reader reads the same record in English.
    expect((await open("1")).content.targets.map((target) => target.statusLabel)).toEqual(["Missed", "Missed"]);
  });

  it("GIVEN a week signed off before reviews were kept as figures THEN it still shows, in the words it was signed in, and says they can't be translated", async () => {
    const recorded = {
      weekStart: WEEK,
      weekEnd: "2026-11-22",
      asOf: "2026-11-22",
      targets: [
        {
          id: 1,
          title: "Orders ≥ 1,000",
          period: "Nov 16, 2026 – Nov 22, 2026 (week)",
          status: "missed",
          statusLabel: "Missed",
          figures: "So far 1 · expected by now 1,000 · heading for 1",
        },
      ],
      promotions: [
        {
          id: 9,
          title: "AOV bundle",
          start: "2026-11-14",
          end: "2026-11-18",
          indicator: "Average order value",
          status: "Awaiting review",
          orders: 3,
          revenue: "€300.00",
          spend: "€50.00",
          roas: "6.00×",
        },
      ],
      offTrackWithoutAction: [{ title: "Orders ≥ 1,000", statusLabel: "Missed" }],
      actionsWithoutIndicator: [],
      awaitingReview: [],
      indicators: [{ key: "orders", label: "Orders", display: "1", previous: "0", change: null }],
      figuresNote: null,
    };
    await db.weeklyReview.create({
      data: {
        shop: SHOP,
        weekStart: WEEK,
        signedOffBy: "1",
        signedOffByName: "Store Owner",
        signedOffAt: new Date("2026-11-24T09:00:00Z"),
        comments: "Old",
        snapshot: JSON.stringify(recorded),
      },
    });
    const page = await embeddedRequest(`/app/review?week=${WEEK}&locale=zh-CN`, SHOP, { userId: "2" }).then((request) => callLoader(reviewLoader, request));
    expect(page.content.recordedInWords).toEqual({ asOf: "2026-11-22" });
    expect(page.subtitle).toBe("数据截至 2026年11月22日 结束（Europe/Berlin）· 已签署，按签署时的样子显示");
    expect(page.content.targets).toMatchObject([{ title: "Orders ≥ 1,000", statusLabel: "Missed", acting: [] }]);
    expect(page.content.indicators).toEqual([{ key: "orders", label: "订单", display: "1", previous: "0", change: null }]);
    expect(page.content.promotions).toMatchObject([
      { title: "AOV bundle", week: null, toDate: null, recorded: { orders: "3", revenue: "€300.00", spend: "€50.00", roas: "6.00×" } },
    ]);
    expect(page.content.offTrackWithoutAction).toEqual(recorded.offTrackWithoutAction);
    const csv = await (await csvLoader({ request: await embeddedRequest(`/app/review.csv?week=${WEEK}`, SHOP), params: {}, context: {} })).text();
    expect(csv).toContain(
      'promotion,AOV bundle (2026-11-14 – 2026-11-18),Awaiting review,"Average order value; 3 orders, revenue €300.00, spend €50.00, ROAS 6.00×"',
    );
  });

  describe("the Weekly review ready Flow trigger", () => {
    let devstore: RunningDevstore;
    beforeAll(async () => {
      devstore = await startDevstore({
        store: new DevStore(await loadFixture(path.resolve("../shared/fixtures/sample-store.jsonl"))),
        flowTriggers: readFlowTriggerDeclarations(),
      });
    });
    afterAll(() => devstore.close());
    const client = () => createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });

    it("GIVEN a week has ended in the shop's time zone THEN the trigger fires once for it, with the week's lists and a link to its review", async () => {
      devstore.apps.flowTriggers.length = 0;
      // Sunday 23:30 in Berlin: the week of the 16th hasn't ended yet, so the one before is the last ended.
      expect(await notifyWeekReady(db, client(), new Date("2026-11-22T22:30:00Z"))).toEqual({ fired: "2026-11-09" });
      // Monday 00:30 in Berlin (still Sunday in UTC): now the week of the 16th has ended.
      expect(await notifyWeekReady(db, client(), new Date("2026-11-22T23:30:00Z"))).toEqual({ fired: "2026-11-16" });
      expect(await notifyWeekReady(db, client(), new Date("2026-11-25T09:00:00Z"))).toEqual({ skipped: "already_sent" });
      expect(devstore.apps.flowTriggers.map((call) => call.handle)).toEqual(["weekly-review-ready", "weekly-review-ready"]);
      expect(devstore.apps.flowTriggers[1]!.payload).toEqual({
        Week: "2026-W47",
        "Week start": "2026-11-16",
        "Week end": "2026-11-22",
        "Review URL": expect.stringMatching(new RegExp(`^https://${SHOP}/admin/apps/[^/]+/app/review\\?week=2026-11-16$`)),
        Targets: 2,
        "Targets off track or at risk": 2,
        "Off track indicators without action": "Orders ≥ 1,000 (Missed)",
        "Actions without an indicator": 1,
        "Promotions awaiting review": 3,
      });
    });

    it("GIVEN Shopify can't be reached THEN the week isn't marked as sent and the next run tries again; GIVEN a shop with no targets and no promotions THEN nothing is sent", async () => {
      const unreachable = createAdminClient({
        shop: SHOP,
        accessToken: "devstore-token",
        adminOrigin: devstore.origin,
        maxAttempts: 1,
        fetch: () => Promise.reject(new TypeError("fetch failed")),
      });
      expect(await notifyWeekReady(db, unreachable, new Date("2026-11-25T09:00:00Z"))).toMatchObject({
        failed: expect.stringMatching(/^Shopify Flow couldn.t be reached: /),
      });
      expect((await db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).reviewReadyWeek).toBeNull();
      expect(await notifyWeekReady(db, client(), new Date("2026-11-25T09:00:00Z"))).toEqual({ fired: "2026-11-16" });

      await db.target.deleteMany();
      await db.promotion.deleteMany();
      await db.shop.update({ where: { shop: SHOP }, data: { reviewReadyWeek: null } });
      expect(await notifyWeekReady(db, client(), new Date("2026-11-25T09:00:00Z"))).toEqual({ skipped: "nothing_to_review" });
    });

    it.each([
      ["2026-11-16", "2026-W47"],
      ["2021-01-03", "2020-W53"],
      ["2024-12-30", "2025-W01"],
      ["2026-01-01", "2026-W01"],
    ])("GIVEN %s THEN its ISO week is %s", (day, label) => {
      expect(isoWeekLabel(parseDay(day)!)).toBe(label);
    });
  });
});
