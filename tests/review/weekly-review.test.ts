import { beforeEach, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { loader as csvLoader } from "~/routes/app.review[.]csv";
import { action as reviewAction, loader as reviewLoader } from "~/routes/app.review";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor, type Actor } from "~/strategy/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

const SHOP = "review-shop.myshopify.com";
const WEEK = "2026-11-16"; // a Monday, before "today" (2026-11-25)
const open = (userId = "1", week = WEEK) => embeddedRequest(`/app/review?week=${week}`, SHOP, { userId }).then((request) => callLoader(reviewLoader, request));
const signOff = (userId: string, comments = "Good week") =>
  embeddedAction("/app/review", SHOP, { week: WEEK, comments }, { userId }).then((request) => callAction<{ ok: boolean; errors: Record<string, string> }>(reviewAction, request));
const staff: Actor = { shop: SHOP, userId: "2", name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false };

async function promotion(title: string, start: string, end: string, indicator: string | null) {
  const parsed = parsePromotion({ title, start, end, indicator, spend: "50" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await createPromotions(db, staff, [parsed.value], new Date());
}

describe("the weekly review", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, { shop: SHOP, adminOrigin: "http://127.0.0.1:4999", accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
    await saveShopDetails(db, { shop: SHOP, name: "Review Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date("2026-11-17T10:00:00Z") })]);
    await rebuildRollups(db, SHOP);
    const owner = systemActor(SHOP);
    await createTarget(db, owner, { indicator: "orders", periodKind: "week", from: WEEK, value: "1000" }, new Date()); // missed, nobody acting
    await createTarget(db, owner, { indicator: "aov", periodKind: "week", from: WEEK, value: "100000" }, new Date()); // missed, but a promotion acts on AOV
    await promotion("AOV bundle", "2026-11-14", "2026-11-18", "aov");
    await promotion("Mystery flyer", "2026-11-20", "2026-11-21", null);
    await promotion("October email", "2026-10-01", "2026-11-08", "net_sales"); // ended long before: overdue review
  });

  it("GIVEN a past week THEN it lists every target's status, the week's promotions, and the three lists", async () => {
    const page = await open();
    expect(page.content).toMatchObject({ weekStart: "2026-11-16", weekEnd: "2026-11-22", asOf: "2026-11-22" });
    expect(page.content.targets.map((target) => [target.title, target.statusLabel])).toEqual([
      ["Average order value ≥ €100,000.00", "Missed"],
      ["Orders ≥ 1,000", "Missed"],
    ]);
    expect(page.content.promotions.map((item) => item.title).sort()).toEqual(["AOV bundle", "Mystery flyer"]);
    expect(page.content.offTrackWithoutAction).toEqual([{ title: "Orders ≥ 1,000", statusLabel: "Missed" }]);
    expect(page.content.actionsWithoutIndicator).toEqual([{ title: "Mystery flyer", start: "2026-11-20", end: "2026-11-21" }]);
    expect(page.content.awaitingReview).toEqual([
      { title: "Mystery flyer", end: "2026-11-21", overdue: false },
      { title: "AOV bundle", end: "2026-11-18", overdue: false },
      { title: "October email", end: "2026-11-08", overdue: true },
    ]);
    expect(page.canSignOff).toBe(true);
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
    expect(csv.split("\n")[0]).toBe("section,item,status,detail");
    expect(csv).toContain("off track without action,\"Orders ≥ 1,000\",Missed,");
    expect(csv).not.toContain("Late addition");
  });

  it("GIVEN a bad week parameter THEN this week is shown with a message; GIVEN a future week THEN it can't be signed off", async () => {
    const page = await open("1", "next-tuesday");
    expect(page.error).toMatch(/"next-tuesday" is not a date/);
    const future = await embeddedAction("/app/review", SHOP, { week: "2027-03-01", comments: "" }).then((request) => callAction<{ errors: Record<string, string> }>(reviewAction, request));
    expect(future).toMatchObject({ status: 400, body: { errors: { week: "A week is signed off once it has begun." } } });
  });
});
