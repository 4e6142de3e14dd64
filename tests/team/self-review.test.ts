/**
 * Staff answer before they are judged: once a promotion has ended, whoever runs it says whether it
 * moved its indicator, what they learned and what next; only they may, only once it has ended, and
 * only until the verdict. The verdict waits for the answer unless whoever gives it runs the promotion,
 * nobody on the team runs it, or its last day ended more than 14 days ago.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { localizer } from "~/i18n/localizer";
import { formatDay } from "~/lib/calendar";
import { formatDate } from "~/lib/dates";
import { action as promotionsAction, loader as promotionsLoader } from "~/routes/app.promotions";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";
import { db } from "../helpers/database";
import { teamShop } from "../helpers/team-shop";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { memberAtStage } from "../helpers/stages";

const SHOP = "answers-shop.myshopify.com";
const ZONE = "Pacific/Auckland";
const OWNER = "1";
const SAM = "2";
const CASEY = "3";
/** The preview's people have admins in English: dates as Intl writes them for "en". */
const ENGLISH = localizer("en").locale;
type Result = { ok: boolean; message?: string; errors?: Record<string, string> };
const post = (fields: Record<string, string>, userId = SAM) =>
  embeddedAction("/app/promotions", SHOP, fields, { userId }).then((request) => callAction<Result>(promotionsAction, request));
const open = (userId = SAM) => embeddedRequest("/app/promotions", SHOP, { userId }).then((request) => callLoader(promotionsLoader, request));
/** The shop's local day now, give or take whole days. */
const day = (offset: number) => formatDay(timeZone(ZONE).localDay(Date.now()) + offset);
const answer = { selfMoved: "yes", selfLearned: "Regulars took the bundle; new buyers didn't.", selfNext: "Show it on the home page." };
const verdict = { intent: "review_promotion", verdict: "worked", learned: "Bundles lift AOV here." };

/** Logs a promotion as `userId` ending `endOffset` days from today (run by them, or by `owner`), and returns its id. */
async function logged(endOffset: number, userId = SAM, owner = "") {
  const title = `Bundle ending ${endOffset} by ${userId}${owner ? ` for ${owner}` : ""}`;
  const result = await post(
    { intent: "create_promotion", title, type: "bundle", start: day(endOffset - 6), end: day(endOffset), spend: "10", indicator: "aov", owner },
    userId,
  );
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return String((await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title } })).id);
}

describe("a promotion's self-review", () => {
  beforeEach(async () => {
    await teamShop(SHOP, { zone: ZONE, currency: "NZD", opened: [OWNER, SAM, CASEY] });
    await memberAtStage(db, SHOP, SAM, "create");
    await memberAtStage(db, SHOP, CASEY, "create");
  });

  it("GIVEN a promotion Sam runs THEN only Sam answers (403 for the owner and a colleague), not before its last day has ended, with a choice and a lesson; nothing changes when refused", async () => {
    const running = await logged(0);
    const ended = await logged(-1);
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "self_review", id: running, ...answer }))).toMatchObject({
      status: 400,
      body: { errors: { selfMoved: `A promotion is answered for once it has ended: its last day, ${formatDate(day(0), ENGLISH)}, hasn't.` } },
    });
    for (const userId of [OWNER, CASEY])
      expect(await expectDatabaseUnchanged(db, () => post({ intent: "self_review", id: ended, ...answer }, userId))).toMatchObject({
        status: 403,
        body: { errors: { form: "Only Sam Rivera, who runs this promotion, answers for it." } },
      });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "self_review", id: ended, selfMoved: "maybe", selfLearned: " " }))).toMatchObject({
      status: 400,
      body: { errors: { selfMoved: expect.stringMatching(/yes, no or not sure/), selfLearned: "Say what you learned." } },
    });
    expect(await post({ intent: "self_review", id: ended, ...answer })).toMatchObject({ status: 200, body: { message: "Your answer is saved." } });
    const stored = await db.promotion.findUniqueOrThrow({ where: { id: Number(ended) } });
    expect(stored).toMatchObject({
      selfMoved: "yes",
      selfLearned: answer.selfLearned,
      selfNext: answer.selfNext,
      selfReviewedBy: SAM,
      selfReviewedByName: "Sam Rivera",
      selfReviewedAt: expect.any(Date),
    });
  });

  it("GIVEN Sam's answer THEN he may change it until the verdict; after the verdict it is locked and the card shows both side by side", async () => {
    const id = await logged(-2);
    await post({ intent: "self_review", id, ...answer });
    expect(await post({ intent: "self_review", id, ...answer, selfMoved: "unsure" })).toMatchObject({ status: 200 });
    expect(await post({ ...verdict, id }, OWNER)).toMatchObject({ status: 200 });
    expect(await expectDatabaseUnchanged(db, () => post({ intent: "self_review", id, ...answer, selfMoved: "no" }))).toMatchObject({
      status: 400,
      body: { errors: { selfMoved: "The verdict has been given: the answer can't change any more." } },
    });
    const card = (await open(OWNER)).promotions.find((promotion) => String(promotion.id) === id)!;
    expect(card.review).toMatchObject({ verdict: "Worked", learned: verdict.learned });
    expect(card.selfReview).toMatchObject({
      answer: { moved: "Not sure", learned: answer.selfLearned, next: answer.selfNext, by: "Sam Rivera" },
      mayAnswer: false,
      awaiting: false,
    });
  });

  it("GIVEN Sam hasn't answered THEN the owner's verdict waits, saying until when; the owner's card says whose answer it awaits and Sam's asks him; once he answers the verdict is taken", async () => {
    const id = await logged(-3);
    const waits = `Sam Rivera hasn't answered yet, and staff answer before they are judged: the verdict waits for their answer (or, if none comes, until ${formatDate(day(-3 + 15), ENGLISH)}).`;
    expect(await expectDatabaseUnchanged(db, () => post({ ...verdict, id }, OWNER))).toMatchObject({ status: 400, body: { errors: { verdict: waits } } });
    const owners = await open(OWNER);
    expect(owners.promotions[0]!.selfReview).toMatchObject({ runnerName: "Sam Rivera", answer: null, mayAnswer: false, awaiting: true, verdictWaits: waits });
    expect(owners.counts.awaitingYourAnswer).toBe(0);
    const sams = await open(SAM);
    expect(sams.promotions[0]!.selfReview).toMatchObject({ mayAnswer: true, awaiting: true });
    expect(sams.counts.awaitingYourAnswer).toBe(1);
    await post({ intent: "self_review", id, ...answer });
    expect((await open(SAM)).counts.awaitingYourAnswer).toBe(0);
    expect(await post({ ...verdict, id }, OWNER)).toMatchObject({ status: 200 });
  });

  it("GIVEN a verdict by whoever runs the promotion, on one nobody on the team runs, or on one whose last day ended more than 14 days ago THEN it doesn't wait; 14 days after, it still does", async () => {
    // The owner judges the promotion they run themselves.
    expect(await post({ ...verdict, id: await logged(-1, OWNER) }, OWNER)).toMatchObject({ status: 200 });
    // Run by someone the team doesn't have (left, or never opened the app).
    const departed = await logged(-1);
    await db.promotion.update({ where: { id: Number(departed) }, data: { ownerId: "99", ownerName: "Former Staff" } });
    expect(await post({ ...verdict, id: departed }, OWNER)).toMatchObject({ status: 200 });
    // Its last day ended 14 days ago: it waits; a day later it doesn't.
    expect(await post({ ...verdict, id: await logged(-14) }, OWNER)).toMatchObject({
      status: 400,
      body: { errors: { verdict: expect.stringMatching(/hasn't answered yet/) } },
    });
    expect(await post({ ...verdict, id: await logged(-15) }, OWNER)).toMatchObject({ status: 200 });
  });

  it("GIVEN Sam whose admin is in Simplified Chinese THEN the call to answer, the answer and the refusals read in Chinese", async () => {
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: SAM } }, data: { locale: "zh-CN" } });
    const id = await logged(-1);
    expect(await post({ intent: "self_review", id, selfMoved: "", selfLearned: "" })).toMatchObject({
      status: 400,
      body: { errors: { selfMoved: "请回答它是否推动了指标：是、否或不确定。", selfLearned: "请写下你学到了什么。" } },
    });
    expect(await post({ intent: "self_review", id, ...answer, selfMoved: "unsure" })).toMatchObject({ status: 200, body: { message: "你的回答已保存。" } });
    expect((await open(SAM)).promotions[0]!.selfReview.answer).toMatchObject({ moved: "不确定" });
  });
});
