import { beforeEach, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { action as playbooksAction, loader as playbooksLoader } from "~/routes/app.playbooks";
import { action as promotionsAction, loader as promotionsLoader } from "~/routes/app.promotions";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";

const SHOP = "playbook-shop.myshopify.com";
const OWNER = "1";
const STAFF = "2";
type Result = { ok: boolean; message?: string; errors?: Record<string, string> };
const post = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/playbooks", SHOP, fields, { userId }).then((request) => callAction<Result>(playbooksAction, request));
const open = (userId = OWNER) => embeddedRequest("/app/playbooks", SHOP, { userId }).then((request) => callLoader(playbooksLoader, request));
const logPromotion = (fields: Record<string, string>) =>
  embeddedAction(
    "/app/promotions",
    SHOP,
    {
      intent: "create_promotion",
      title: "Gift wrap weekend",
      type: "content",
      start: "2026-11-01",
      end: "2026-11-02",
      spend: "0",
      indicator: "aov",
      ...fields,
    },
    { userId: STAFF },
  ).then((request) => callAction<Result>(promotionsAction, request));
const newTactic = {
  intent: "save_tactic",
  indicator: "aov",
  title: "Gift wrap upsell",
  how: "Offer gift wrap at checkout in December.",
  type: "content",
  hypothesis: "Gift buyers add wrapping and a card.",
};

describe("the store's playbook", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Playbook Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    // Indicators ready, so the Promotions page starts no rebuild of its own in the background.
    await rebuildRollups(db, SHOP);
    // The staff member logs promotions of their own: the Create stage (tests/team covers the others).
    await memberAtStage(db, SHOP, "2", "create");
  });

  it("GIVEN the owner THEN they add a tactic, edit a built-in one and hide one; staff read the playbook, change nothing, and log a promotion from the added tactic but not from a hidden one", async () => {
    expect(await post(newTactic, STAFF)).toMatchObject({ status: 403 });
    expect(await post(newTactic)).toMatchObject({ status: 200, body: { message: "Tactic added to the playbook." } });
    const added = (await open()).tactics.find((tactic) => tactic.title === "Gift wrap upsell")!;
    expect(added).toMatchObject({ indicator: "aov", builtIn: false, key: expect.stringMatching(/^aov\.custom-[0-9a-f]{8}$/) });

    expect(
      await post({
        intent: "save_tactic",
        key: "aov.bundle",
        title: "Bundles of our roasts",
        how: "Two roasts and a mug at 10% off.",
        type: "bundle",
        hypothesis: "Regulars take the bundle.",
      }),
    ).toMatchObject({ status: 200 });
    expect((await open()).tactics.find((tactic) => tactic.key === "aov.bundle")).toMatchObject({ title: "Bundles of our roasts", edited: true, builtIn: true });

    expect(await post({ intent: "hide_tactic", key: "aov.upsell" })).toMatchObject({ status: 200 });
    expect((await open()).tactics.find((tactic) => tactic.key === "aov.upsell")).toMatchObject({ hidden: true });
    expect((await open(STAFF)).tactics.some((tactic) => tactic.key === "aov.upsell")).toBe(false);
    expect((await open(STAFF)).canEdit).toBe(false);

    // The promotion form offers the store's playbook: the added tactic, the edit, not the hidden one.
    const form = await callLoader(promotionsLoader, await embeddedRequest("/app/promotions", SHOP, { userId: STAFF }));
    const offered = form.playbook.filter((tactic) => tactic.indicator === "aov").map((tactic) => tactic.title);
    expect(offered).toEqual(["Bundles of our roasts", "Free-shipping threshold", "Gift wrap upsell"]);
    expect(await logPromotion({ tactic: added.key })).toMatchObject({ status: 200 });
    expect(await logPromotion({ tactic: "aov.upsell" })).toMatchObject({
      status: 400,
      body: { errors: { tactic: expect.stringMatching(/playbook's tactics/) } },
    });
  });

  it.each([
    ["an empty title", { title: "  " }, "title", /can't be empty/],
    ["a description of 5,000 characters", { how: "x".repeat(5000) }, "how", /too long \(5,000 characters; at most 600\)/],
    ["a type nobody offers", { type: "magic" }, "type", /Choose a type/],
    ["an unknown indicator", { indicator: "vibes" }, "indicator", /Choose the indicator/],
    ["a tactic that doesn't exist", { key: "aov.custom-00000000" }, "key", /isn't in the playbook/],
  ])("GIVEN %s THEN 400 on its field, nothing saved", async (_, change, field, message) => {
    const result = await post({ ...newTactic, ...change });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[field]).toMatch(message);
    expect(await db.storeTactic.count()).toBe(0);
  });

  it("GIVEN an owner whose admin is in Simplified Chinese THEN the built-in tactics read in Chinese, the store's own tactics in the words they were written in, and errors in Chinese", async () => {
    expect(await post(newTactic)).toMatchObject({ status: 200 });
    await embeddedRequest("/app/playbooks?locale=zh-CN", SHOP, { userId: OWNER }).then((request) => callLoader(playbooksLoader, request));
    const page = await open();
    expect(page.tactics.find((tactic) => tactic.key === "aov.bundle")).toMatchObject({ title: "组合套装", how: expect.stringMatching(/马克杯/) });
    expect(page.tactics.find((tactic) => !tactic.builtIn)).toMatchObject({ title: "Gift wrap upsell" });
    expect(page.indicators.find((indicator) => indicator.key === "aov")!.label).toBe("平均订单价值");
    expect(await post({ ...newTactic, title: " " })).toMatchObject({ status: 400, body: { errors: { title: "标题不能为空。" } } });
  });
});
