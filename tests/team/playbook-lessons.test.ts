/**
 * The playbook keeps the lessons with the tactic: under each tactic, what its runners answered and
 * what the verdicts taught, from the store's promotions that followed it, with who and when.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { formatDate } from "~/lib/dates";
import { localizer } from "~/i18n/localizer";
import { loader as playbooksLoader } from "~/routes/app.playbooks";
import { action as promotionsAction } from "~/routes/app.promotions";
import { BUILT_IN_TACTICS, builtInTactic } from "~/playbooks/built-in-tactics";
import { db } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { memberAtStage } from "../helpers/stages";
import { teamShop } from "../helpers/team-shop";

const SHOP = "lessons-shop.myshopify.com";
const OWNER = "1";
const SAM = "2";
const post = (fields: Record<string, string>, userId = SAM) =>
  embeddedAction("/app/promotions", SHOP, fields, { userId }).then((request) => callAction<{ ok: boolean }>(promotionsAction, request));
const bundle = builtInTactic(
  BUILT_IN_TACTICS.find((tactic) => tactic.key === "aov.bundle")!,
  localizer("en"),
);

/** Sam runs a promotion of the Bundles tactic that has ended, answers for it, and the owner judges it (when `learned`). */
async function bundlePromotion(title: string, end: string, selfLearned: string, learned?: string) {
  expect(
    await post({
      intent: "create_promotion",
      title,
      start: "2026-10-01",
      end,
      spend: "0",
      tactic: bundle.key,
      type: bundle.type,
      indicator: bundle.indicator,
      hypothesis: bundle.hypothesis,
    }),
  ).toMatchObject({ status: 200 });
  const id = String((await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title } })).id);
  expect(await post({ intent: "self_review", id, selfMoved: "yes", selfLearned })).toMatchObject({ status: 200 });
  if (learned) expect(await post({ intent: "review_promotion", id, verdict: "worked", learned }, OWNER)).toMatchObject({ status: 200 });
  return id;
}

describe("lessons kept with the tactic", () => {
  beforeEach(async () => {
    await teamShop(SHOP, { opened: [OWNER, SAM] });
    await memberAtStage(db, SHOP, SAM, "follow");
  });

  it("GIVEN promotions that followed a tactic, answered and judged THEN the tactic lists each runner's lesson and each verdict's, latest first, with who and when; an archived one and other tactics show none", async () => {
    await bundlePromotion("Mugs in October", "2026-10-10", "Mugs sell with coffee.", "Bundles lift AOV by a few euros.");
    await bundlePromotion("Beans in October", "2026-10-20", "Beans alone don't.");
    const archived = await bundlePromotion("Archived bundle", "2026-10-15", "Nobody should read this.");
    await db.promotion.update({ where: { id: Number(archived) }, data: { archivedAt: new Date() } });

    const page = await callLoader(playbooksLoader, await embeddedRequest("/app/playbooks", SHOP, { userId: SAM }));
    const rows = await db.promotion.findMany({ where: { shop: SHOP, archivedAt: null, tactic: bundle.key }, orderBy: { end: "desc" } });
    const day = (at: Date | null) => formatDate(at!.toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" }), localizer("en").locale);
    expect(page.lessons[bundle.key]).toEqual(
      rows.flatMap((row) => [
        { promotionId: row.id, title: row.title, kind: "self", verdict: null, text: row.selfLearned, by: "Sam Rivera", on: day(row.selfReviewedAt) },
        ...(row.learned
          ? [{ promotionId: row.id, title: row.title, kind: "verdict", verdict: "Worked", text: row.learned, by: "Store Owner", on: day(row.reviewedAt) }]
          : []),
      ]),
    );
    expect(page.lessons[bundle.key]!.map((lesson) => lesson.text)).toEqual([
      "Beans alone don't.",
      "Mugs sell with coffee.",
      "Bundles lift AOV by a few euros.",
    ]);
    expect(Object.entries(page.lessons).filter(([key, lessons]) => key !== bundle.key && lessons.length > 0)).toEqual([]);
  });

  it("GIVEN a reader whose admin is in Simplified Chinese THEN the verdict reads in Chinese and the lessons stay in the words they were written in", async () => {
    await bundlePromotion("Mugs in October", "2026-10-10", "Mugs sell with coffee.", "Bundles lift AOV.");
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: SAM } }, data: { locale: "zh-CN" } });
    const page = await callLoader(playbooksLoader, await embeddedRequest("/app/playbooks", SHOP, { userId: SAM }));
    expect(page.lessons[bundle.key]!.map((lesson) => [lesson.text, lesson.verdict, lesson.on])).toEqual([
      ["Mugs sell with coffee.", null, expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/)],
      ["Bundles lift AOV.", "有效", expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/)],
    ]);
  });
});
