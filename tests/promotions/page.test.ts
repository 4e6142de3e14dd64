import { beforeEach, describe, expect, it } from "vitest";
import { localizer } from "~/i18n/localizer";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parseDay } from "~/lib/calendar";
import { promotionStatus } from "~/promotions/promotion-status";
import { action as promotionsAction, loader as promotionsLoader } from "~/routes/app.promotions";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { formatValue } from "~/indicators/format";
import { dashboardView } from "~/home/dashboard.server";
import { loader as productSearch } from "~/routes/app.product-search";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";
import { runCli } from "../helpers/cli";

const ENGLISH = localizer("en-GB");

const SHOP = "promo-shop.myshopify.com";
type Result = { ok: boolean; message?: string; errors?: Record<string, string> };
const post = (fields: Record<string, string>, userId = "2") =>
  embeddedAction("/app/promotions", SHOP, fields, { userId }).then((request) => callAction<Result>(promotionsAction, request));
const open = (query = "", userId = "2") =>
  embeddedRequest(`/app/promotions${query}`, SHOP, { userId }).then((request) => callLoader(promotionsLoader, request));
const ended = {
  intent: "create_promotion",
  title: "Autumn email",
  type: "email",
  start: "2026-10-01",
  end: "2026-10-07",
  spend: "120",
  utmCampaign: "autumn",
  indicator: "aov",
};

describe("the Promotions page", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Promo Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date("2026-10-03T10:00:00Z"), utmCampaign: "Autumn" })]);
    await rebuildRollups(db, SHOP);
    // The staff member logs promotions of their own: the Create stage (tests/team covers the others).
    await memberAtStage(db, SHOP, "2", "create");
  });

  it("GIVEN a staff member WHEN they log a promotion THEN it is saved with its results, and one without an indicator is flagged", async () => {
    expect(await post(ended)).toMatchObject({ status: 200, body: { ok: true, message: "Promotion logged." } });
    expect(await post({ ...ended, title: "Mystery", indicator: "" })).toMatchObject({
      status: 200,
      body: { message: expect.stringMatching(/has no indicator yet/) },
    });
    const page = await open();
    const autumn = page.promotions.find((promotion) => promotion.title === "Autumn email")!;
    expect(autumn).toMatchObject({ ownerName: "Sam Rivera", indicatorLabel: "Average order value", results: { orders: 1, newCustomers: expect.any(Number) } });
    expect(page.counts.withoutIndicator).toBe(1);
    expect((await open("?indicator=none")).promotions.map((promotion) => promotion.title)).toEqual(["Mystery"]);
    expect((await open("?q=autumn")).promotions.map((promotion) => promotion.title)).toEqual(["Autumn email"]);
  });

  it.each([
    ["end before start", { start: "2026-10-07", end: "2026-10-01" }, "end"],
    ["negative spend", { spend: "-1" }, "spend"],
    ["an unknown indicator", { indicator: "vibes" }, "indicator"],
    ["a code list with empty entries", { discountCodes: "A;;B" }, "discountCodes"],
    ["a title of 10,000 characters", { title: "x".repeat(10_000) }, "title"],
  ])("GIVEN %s THEN 400 with the error on its field, and nothing saved", async (_, change, field) => {
    const result = await post({ ...ended, ...change });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[field]).toBeTruthy();
    expect(await db.promotion.count()).toBe(0);
  });

  it("GIVEN an ended promotion THEN it awaits review, becomes overdue after a week, and a review records verdict, lesson and next step (on the page and in the CLI)", async () => {
    expect(promotionStatus({ start: "2026-10-01", end: "2026-10-07", verdict: null }, parseDay("2026-10-05")!)).toBe("running");
    expect(promotionStatus({ start: "2026-10-01", end: "2026-10-07", verdict: null }, parseDay("2026-10-14")!)).toBe("awaiting_review");
    expect(promotionStatus({ start: "2026-10-01", end: "2026-10-07", verdict: null }, parseDay("2026-10-15")!)).toBe("overdue");
    await post(ended);
    const id = String((await db.promotion.findFirstOrThrow()).id);
    expect(await post({ intent: "review_promotion", id, verdict: "maybe", learned: "" })).toMatchObject({
      status: 400,
      body: { errors: { verdict: expect.any(String), learned: expect.any(String) } },
    });
    expect(await post({ intent: "review_promotion", id, verdict: "worked", learned: "Email buyers spend more", nextStep: "Repeat in spring" })).toMatchObject({
      status: 200,
    });
    const page = await open();
    expect(page.promotions[0]).toMatchObject({
      status: "reviewed",
      review: { verdict: "Worked", learned: "Email buyers spend more", nextStep: "Repeat in spring", by: "Sam Rivera" },
    });
    const { stdout } = await runCli(["promotions", "list", "--shop", SHOP, "--json"]);
    expect(JSON.parse(stdout).promotions[0]).toMatchObject({
      title: "Autumn email",
      attributed_orders: 1,
      review: { verdict: "worked", learned: "Email buyers spend more", next_step: "Repeat in spring", reviewed_by: "Sam Rivera" },
    });
  });

  it("GIVEN a running promotion THEN it can't be reviewed yet", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await post({ ...ended, start: day(-10), end: day(30), title: "Always on" });
    const id = String((await db.promotion.findFirstOrThrow()).id);
    expect(await post({ intent: "review_promotion", id, verdict: "worked", learned: "Too early" })).toMatchObject({
      status: 400,
      body: { errors: { verdict: "A promotion is reviewed once it has ended." } },
    });
  });

  it("GIVEN a promotion logged from a playbook tactic THEN it is kept, and the playbook shows it under that tactic with its results; an unknown tactic is refused", async () => {
    expect(await post({ ...ended, tactic: "made-up" })).toMatchObject({
      status: 400,
      body: { errors: { tactic: expect.stringMatching(/playbook's tactics/) } },
    });
    expect(await post({ ...ended, indicator: "aov", tactic: "aov.bundle" })).toMatchObject({ status: 200 });
    expect((await db.promotion.findFirstOrThrow()).tactic).toBe("aov.bundle");
    const page = await open();
    const bundle = page.playbook.find((tactic) => tactic.key === "aov.bundle")!;
    expect(bundle).toMatchObject({ indicator: "aov", title: "Bundles", type: "bundle" });
    expect(bundle.past).toEqual([expect.objectContaining({ title: "Autumn email", orders: 1, verdict: null })]);
    expect(page.playbook.find((tactic) => tactic.key === "aov.upsell")!.past).toEqual([]);
  });

  it("GIVEN a note with HTML THEN it is kept as text; GIVEN someone else's promotion THEN staff can't archive it but the owner can", async () => {
    await post(ended, "1");
    const id = String((await db.promotion.findFirstOrThrow()).id);
    expect(await post({ intent: "add_note", id, body: "<script>alert(1)</script> worked well" })).toMatchObject({ status: 200 });
    expect((await open()).promotions[0]!.notes[0]).toMatchObject({ author: "Sam Rivera", body: "<script>alert(1)</script> worked well" });
    expect(await post({ intent: "archive_promotion", id })).toMatchObject({
      status: 403,
      body: { errors: { form: expect.stringMatching(/Only whoever logged or runs this promotion/) } },
    });
    expect(await post({ intent: "archive_promotion", id }, "1")).toMatchObject({ status: 200 });
    expect((await open()).promotions).toHaveLength(0);
    // Archived, it is listed under Archived, and can be brought back (by the owner, not by staff).
    const archived = await open("?status=archived");
    expect(archived).toMatchObject({ archivedView: true, counts: { archived: 1 } });
    expect(archived.promotions.map((promotion) => promotion.title)).toEqual(["Autumn email"]);
    expect(await post({ intent: "restore_promotion", id })).toMatchObject({ status: 403 });
    expect(await post({ intent: "restore_promotion", id }, "1")).toMatchObject({ status: 200, body: { message: "Promotion restored." } });
    expect((await open()).promotions.map((promotion) => promotion.title)).toEqual(["Autumn email"]);
    expect(await post({ intent: "restore_promotion", id }, "1")).toMatchObject({
      status: 400,
      body: { errors: { id: "That promotion isn't archived (any more)." } },
    });
  });

  it("GIVEN a promotion the owner logged for a staff member THEN that staff member may change it (and the page says so), someone else on the team may not", async () => {
    await open("", "2"); // Sam opens the app: now on the team, and can be chosen
    await open("", "3");
    await post({ ...ended, owner: "2" }, "1");
    const id = String((await db.promotion.findFirstOrThrow()).id);
    expect((await open("", "2")).promotions[0]).toMatchObject({ ownerId: "2", canManage: true });
    expect((await open("", "3")).promotions[0]).toMatchObject({ canManage: false });
    expect(await post({ intent: "archive_promotion", id }, "3")).toMatchObject({ status: 403 });
    expect(await post({ intent: "archive_promotion", id }, "2")).toMatchObject({ status: 200 });
  });

  it("GIVEN a promotion WHEN whoever logged it edits it THEN fields and codes are replaced and results recomputed; bad input changes nothing; someone else's is refused", async () => {
    await post(ended);
    const id = String((await db.promotion.findFirstOrThrow()).id);
    const editing = await open(`?edit=${id}`);
    expect(editing.form).toMatchObject({
      mode: "edit",
      values: { title: "Autumn email", spend: "120", utmCampaign: "autumn", discountCodes: "", indicator: "aov" },
    });

    const changed = {
      ...editing.form.values,
      intent: "update_promotion",
      id,
      title: "Autumn email, week 1",
      spend: "99.5",
      utmCampaign: "",
      discountCodes: "NOPE; other",
    };
    expect(await post(changed)).toMatchObject({ status: 200, body: { ok: true, message: "Promotion updated." } });
    const after = (await open()).promotions[0]!;
    expect(after).toMatchObject({ title: "Autumn email, week 1", codes: ["NOPE", "other"], utmCampaign: null, results: { orders: 0 } });
    expect((await open(`?edit=${id}`)).form.values).toMatchObject({ spend: "99.5", discountCodes: "NOPE; other" });

    const before = await db.promotion.findFirstOrThrow();
    expect(await post({ ...changed, end: "2026-09-01" })).toMatchObject({ status: 400, body: { errors: { end: "The end is before the start." } } });
    expect(await post({ ...changed, spend: "-5" })).toMatchObject({ status: 400, body: { errors: { spend: expect.any(String) } } });
    expect(await db.promotion.findFirstOrThrow()).toEqual(before);
    expect(await db.promotionCode.count()).toBe(2);

    await post({ ...ended, title: "Owner's own" }, "1");
    const owners = String((await db.promotion.findFirstOrThrow({ where: { title: "Owner's own" } })).id);
    expect((await open(`?edit=${owners}`)).form.mode).toBe("create");
    expect(await post({ ...changed, id: owners })).toMatchObject({
      status: 403,
      body: { errors: { form: expect.stringMatching(/Only whoever logged or runs this promotion/) } },
    });
    expect((await db.promotion.findFirstOrThrow({ where: { id: Number(owners) } })).title).toBe("Owner's own");
  });

  it('GIVEN the page opened from a discount\'s "Track as promotion" action THEN the new promotion form has its codes filled in', async () => {
    const page = await open("?codes=SPRING25%3Bspring-vip&title=Spring%20sale");
    expect(page.form).toEqual({ mode: "create", values: { type: "discount", discountCodes: "SPRING25;spring-vip", title: "Spring sale" } });
    expect((await open()).form).toEqual({ mode: "create", values: null });
  });

  it('GIVEN the page opened from a playbook\'s "Log a promotion with it" THEN the form starts from that tactic; an unknown tactic fills nothing', async () => {
    const page = await open("?tactic=aov.bundle");
    const bundle = page.playbook.find((tactic) => tactic.key === "aov.bundle")!;
    expect(page.form).toEqual({
      mode: "create",
      values: { tactic: "aov.bundle", indicator: "aov", type: bundle.type, title: bundle.title, hypothesis: bundle.hypothesis },
    });
    expect((await open("?tactic=made-up")).form).toEqual({ mode: "create", values: null });
  });

  it("GIVEN an owner chosen from the team and linked products THEN both are kept, each product's sales show against the days before, and products are found by title; an unknown owner or product is refused and nothing saved", async () => {
    await saveProducts(db, SHOP, [
      productRecord(),
      productRecord({ id: "gid://shopify/Product/2", title: "Blue Teapot", handle: "blue-teapot", variants: [] }),
    ]);
    await open("", "1"); // the owner opens the app, so they are on the team
    const owner = await db.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop: SHOP, userId: "1" } } });
    expect(await post({ ...ended, owner: "1", productIds: "gid://shopify/Product/1,gid://shopify/Product/2" })).toMatchObject({ status: 200 });

    const page = await open();
    expect(page.team.map((member) => member.userId).sort()).toEqual(["1", "2"]);
    const [promotion] = page.promotions;
    expect(promotion).toMatchObject({ ownerName: owner.name });
    expect(promotion!.products).toEqual([
      {
        id: "gid://shopify/Product/1",
        title: "Mug",
        days: 7,
        units: 2,
        unitsBefore: 0,
        netSales: formatValue("money", 100, "EUR"),
        netSalesBefore: formatValue("money", 0, "EUR"),
      },
      {
        id: "gid://shopify/Product/2",
        title: "Blue Teapot",
        days: 7,
        units: 0,
        unitsBefore: 0,
        netSales: formatValue("money", 0, "EUR"),
        netSalesBefore: formatValue("money", 0, "EUR"),
      },
    ]);
    expect(page.productTitles).toEqual({ "gid://shopify/Product/1": "Mug", "gid://shopify/Product/2": "Blue Teapot" });

    const search = (q: string) =>
      embeddedRequest(`/app/product-search?q=${encodeURIComponent(q)}`, SHOP, { userId: "2" }).then((request) => callLoader(productSearch, request));
    expect((await search("teapot BLUE")).products).toEqual([{ id: "gid://shopify/Product/2", title: "Blue Teapot" }]);
    expect((await search("mug")).products).toEqual([{ id: "gid://shopify/Product/1", title: "Mug" }]);
    expect((await search("kettle")).products).toEqual([]);

    expect(await post({ ...ended, title: "Bad owner", owner: "999" })).toMatchObject({
      status: 400,
      body: { errors: { owner: expect.stringMatching(/someone on the team/) } },
    });
    expect(await post({ ...ended, title: "Gone product", productIds: "gid://shopify/Product/404" })).toMatchObject({
      status: 400,
      body: { errors: { productIds: expect.stringMatching(/no longer in the store/) } },
    });
    expect(await post({ ...ended, title: "Not a product", productIds: "<b>mug</b>" })).toMatchObject({
      status: 400,
      body: { errors: { productIds: expect.any(String) } },
    });
    expect(await db.promotion.count()).toBe(1);

    // Editing with the owner left empty keeps them; the products are replaced.
    const id = String(promotion!.id);
    expect(
      await post({ ...(await open(`?edit=${id}`)).form.values, owner: "", productIds: "gid://shopify/Product/2", intent: "update_promotion", id }),
    ).toMatchObject({ status: 200 });
    expect((await open()).promotions[0]).toMatchObject({ ownerName: owner.name, products: [{ title: "Blue Teapot" }] });
  });

  it("GIVEN promotions THEN the home dashboard shows marketing spend, cost ratio and ROAS for the period against the one before; without promotions it shows none", async () => {
    const period = new URLSearchParams({ period: "custom", from: "2026-10-01", to: "2026-10-07" });
    expect(await dashboardView(db, SHOP, period, new Date(), undefined, ENGLISH)).toMatchObject({ state: "ready", marketing: null });
    await post(ended);
    const view = await dashboardView(db, SHOP, period, new Date(), undefined, ENGLISH);
    if (view.state !== "ready") throw new Error(`dashboard ${view.state}`);
    // 120 spent over the 7 days; the one order (100.00, campaign "Autumn") is attributed; net sales 100.00.
    // Without ad platforms or Shopify's reports, ad spend is nothing and marketing spend is the promotions'.
    expect(view.marketing![0]).toMatchObject({ key: "ad_spend", label: "Ad spend", display: formatValue("money", 0, "EUR") });
    expect(view.marketing!.slice(1, 4)).toEqual([
      {
        key: "marketing_spend",
        label: "Marketing spend",
        description: expect.any(String),
        display: formatValue("money", 120, "EUR"),
        previous: expect.objectContaining({ display: formatValue("money", 0, "EUR") }),
      },
      {
        key: "marketing_cost_ratio",
        label: "Marketing cost ratio",
        description: "Marketing spend / net sales.",
        display: formatValue("ratio", 1.2, "EUR"),
        previous: expect.objectContaining({ display: formatValue("ratio", null, "EUR") }),
      },
      {
        key: "roas",
        label: "Return on ad spend",
        description: expect.any(String),
        // Revenue ÷ spend, read as a multiple.
        display: "0.83×",
        previous: expect.objectContaining({ display: "—" }),
      },
    ]);
  });

  it("GIVEN a staff member whose admin is in Simplified Chinese THEN messages, errors, statuses, verdicts and the lift read in Chinese; what is stored is the same", async () => {
    await open("?locale=zh-CN");
    expect(await post(ended)).toMatchObject({ status: 200, body: { ok: true, message: "推广活动已记录。" } });
    expect(await post({ ...ended, spend: "-1" })).toMatchObject({ status: 400, body: { errors: { spend: "花费不能为负数。" } } });
    const id = String((await db.promotion.findFirstOrThrow()).id);
    expect(await post({ intent: "review_promotion", id, verdict: "worked", learned: "邮件买家花得更多" })).toMatchObject({
      status: 200,
      body: { message: "复盘已保存。" },
    });
    const page = await open();
    expect(page.promotions[0]).toMatchObject({ statusLabel: "已复盘", indicatorLabel: "平均订单价值", review: { verdict: "有效" } });
    for (const lift of page.promotions[0]!.lift) expect(lift.words).toMatch(/^平均订单价值/);
    expect(await db.promotion.findFirstOrThrow()).toMatchObject({ verdict: "worked", spend: 120_0000n });
  });
});
