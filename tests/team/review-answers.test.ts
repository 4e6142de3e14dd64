/**
 * The weekly review shows each promotion's self-review beside its figures and its verdict, as they
 * stood at the week's end; `review --json` and `promotions list --json` give it as `self_review`; a
 * signed-off week keeps the answer it was signed off with.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { action as promotionsAction } from "~/routes/app.promotions";
import { action as reviewAction, loader as reviewLoader } from "~/routes/app.review";
import { cli } from "../bad-input/cli";
import { db } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { memberAtStage } from "../helpers/stages";
import { teamShop } from "../helpers/team-shop";

const SHOP = "answers-review.myshopify.com";
const WEEK = "2026-11-16"; // Monday of 2026-W47, a week that has ended
const OWNER = "1";
const SAM = "2";
type Result = { ok: boolean; errors?: Record<string, string> };
const post = (path: string, action: typeof promotionsAction, fields: Record<string, string>, userId = SAM) =>
  embeddedAction(path, SHOP, fields, { userId }).then((request) => callAction<Result>(action, request));
const open = (userId = OWNER) => embeddedRequest(`/app/review?week=${WEEK}`, SHOP, { userId }).then((request) => callLoader(reviewLoader, request));
const answer = { intent: "self_review", selfMoved: "yes", selfLearned: "Regulars took the bundle; new buyers didn't.", selfNext: "Show it on the home page." };
/** During the week: before its end, when the review's figures stand. */
const IN_WEEK = new Date("2026-11-20T10:00:00Z");

async function logged(title: string, start: string, end: string) {
  expect(
    await post("/app/promotions", promotionsAction, { intent: "create_promotion", title, type: "bundle", start, end, spend: "20", indicator: "aov" }),
  ).toMatchObject({
    status: 200,
  });
  return String((await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title } })).id);
}

describe("the self-review in the weekly review", () => {
  let bundle = "";
  let late = "";
  beforeEach(async () => {
    await teamShop(SHOP, { opened: [OWNER, SAM] });
    await memberAtStage(db, SHOP, SAM, "create");
    bundle = await logged("AOV bundle", "2026-11-14", "2026-11-18");
    late = await logged("Answered late", "2026-11-16", "2026-11-17");
    for (const id of [bundle, late]) expect(await post("/app/promotions", promotionsAction, { ...answer, id })).toMatchObject({ status: 200 });
    // The bundle was answered during the week; the other only now, after the week's end.
    await db.promotion.update({ where: { id: Number(bundle) }, data: { selfReviewedAt: IN_WEEK } });
  });

  it("GIVEN an answer and a verdict given during the week THEN the week shows both beside the figures, and review --json and promotions list --json give the answer; one answered after the week's end isn't in it", async () => {
    expect(
      await post("/app/promotions", promotionsAction, { intent: "review_promotion", id: bundle, verdict: "worked", learned: "Bundles lift AOV." }, OWNER),
    ).toMatchObject({
      status: 200,
    });
    await db.promotion.update({ where: { id: Number(bundle) }, data: { reviewedAt: new Date("2026-11-21T09:00:00Z") } });
    const promotions = (await open()).content.promotions;
    expect(promotions.find((promotion) => promotion.title === "AOV bundle")).toMatchObject({
      selfReview: { moved: "Yes", learned: answer.selfLearned, next: answer.selfNext, by: "Sam Rivera" },
      verdict: { verdict: "Worked", learned: "Bundles lift AOV.", by: "Store Owner" },
    });
    expect(promotions.find((promotion) => promotion.title === "Answered late")).toMatchObject({ selfReview: null, verdict: null });

    const stored = await db.promotion.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
    const expected = (row: (typeof stored)[number]) => ({
      moved: row.selfMoved,
      learned: row.selfLearned,
      next: row.selfNext,
      by: row.selfReviewedByName,
      at: row.selfReviewedAt!.toISOString(),
    });
    const week = await cli("review", "--shop", SHOP, "--week", "2026-W47", "--json");
    expect(week.code, week.stderr).toBe(0);
    const weekJson = JSON.parse(week.stdout) as { promotions: { title: string; self_review: unknown }[] };
    expect(Object.fromEntries(weekJson.promotions.map((promotion) => [promotion.title, promotion.self_review]))).toEqual({
      "AOV bundle": expected(stored[0]!),
      "Answered late": null,
    });
    const list = await cli("promotions", "list", "--shop", SHOP, "--json");
    expect(list.code, list.stderr).toBe(0);
    const listJson = JSON.parse(list.stdout) as { promotions: { title: string; self_review: unknown }[] };
    expect(Object.fromEntries(listJson.promotions.map((promotion) => [promotion.title, promotion.self_review]))).toEqual({
      "AOV bundle": expected(stored[0]!),
      "Answered late": expected(stored[1]!),
    });
  });

  it("GIVEN a week signed off with Sam's answer WHEN he changes it before the verdict THEN the signed-off week keeps the answer it was signed with, on the page and in review --json", async () => {
    expect(await post("/app/review", reviewAction as typeof promotionsAction, { week: WEEK, comments: "Answers in" }, OWNER)).toMatchObject({ status: 200 });
    expect(
      await post("/app/promotions", promotionsAction, { ...answer, id: bundle, selfMoved: "no", selfLearned: "On second look, it didn't." }),
    ).toMatchObject({
      status: 200,
    });
    expect((await open()).content.promotions.find((promotion) => promotion.title === "AOV bundle")!.selfReview).toMatchObject({
      moved: "Yes",
      learned: answer.selfLearned,
    });
    const week = JSON.parse((await cli("review", "--shop", SHOP, "--week", "2026-W47", "--json")).stdout) as {
      promotions: { title: string; self_review: { moved: string; learned: string } | null }[];
    };
    expect(week.promotions.find((promotion) => promotion.title === "AOV bundle")!.self_review).toMatchObject({ moved: "yes", learned: answer.selfLearned });
  });
});
