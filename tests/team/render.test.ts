/**
 * The pages as they are served to each person, in English and in Chinese: the promotion form at the
 * Follow stage (a tactic asked for, its fields shown read-only with why), a card asking its runner to
 * answer and telling others whose answer it awaits, the Team page's stages, record and proposals, and
 * the weekly review's answers beside the verdict. Remix's hooks give each loader's answer.
 */
import { AppProvider } from "@shopify/polaris";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { WeekPromotions } from "~/components/review/WeekPromotions";
import { POLARIS_TRANSLATIONS } from "~/i18n/polaris";
import { LocaleProvider } from "~/i18n/react";
import type { Language } from "~/i18n/languages";
import { localizer } from "~/i18n/localizer";
import { BUILT_IN_TACTICS, builtInTactic } from "~/playbooks/built-in-tactics";
import { action as promotionsAction } from "~/routes/app.promotions";
import { loader as reviewLoader } from "~/routes/app.review";
import { action as teamAction } from "~/routes/app.team";
import { db } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { memberAtStage } from "../helpers/stages";
import { served } from "../helpers/served-page";
import { teamShop } from "../helpers/team-shop";

vi.mock("@remix-run/react", async (original) => (await import("../helpers/served-page")).servedRemix(await original()));

const SHOP = "team-render.myshopify.com";
const OWNER = "1";
const SAM = "2";
const bundle = builtInTactic(
  BUILT_IN_TACTICS.find((tactic) => tactic.key === "aov.bundle")!,
  localizer("en"),
);

const within = (language: Language, page: ReactNode) =>
  renderToString(
    createElement(LocaleProvider, {
      language,
      locale: language === "en" ? "en-US" : "zh-CN",
      children: createElement(AppProvider, { i18n: [...POLARIS_TRANSLATIONS[language]], children: page }),
    }),
  );

/** A page rendered as `userId` sees it, in `language`. */
async function rendered(route: "app.promotions" | "app.team", path: string, userId: string, language: Language): Promise<string> {
  const module = (await import(`~/routes/${route}`)) as { default: () => ReactNode; loader: Parameters<typeof callLoader>[0] };
  const separator = path.includes("?") ? "&" : "?";
  served.data = await callLoader(module.loader, await embeddedRequest(`${path}${separator}locale=${language}`, SHOP, { userId }));
  return within(language, createElement(module.default));
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("the team's pages as served", () => {
  beforeAll(async () => {
    await teamShop(SHOP, { opened: [OWNER, SAM] });
    await memberAtStage(db, SHOP, SAM, "create");
    const post = (path: string, action: typeof promotionsAction, fields: Record<string, string>, userId = SAM) =>
      embeddedAction(path, SHOP, fields, { userId }).then((request) => callAction<{ ok: boolean }>(action, request));
    const follows = { type: bundle.type, indicator: bundle.indicator, tactic: bundle.key, hypothesis: bundle.hypothesis, spend: "0" };
    expect(
      await post("/app/promotions", promotionsAction, { intent: "create_promotion", title: "Awaiting", start: "2026-11-10", end: "2026-11-18", ...follows }),
    ).toMatchObject({ status: 200 });
    expect(
      await post("/app/promotions", promotionsAction, { intent: "create_promotion", title: "Answered", start: "2026-11-14", end: "2026-11-18", ...follows }),
    ).toMatchObject({ status: 200 });
    const answered = await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title: "Answered" } });
    expect(
      await post("/app/promotions", promotionsAction, {
        intent: "self_review",
        id: String(answered.id),
        selfMoved: "unsure",
        selfLearned: "Mugs sold, beans didn't.",
      }),
    ).toMatchObject({
      status: 200,
    });
    await db.promotion.update({ where: { id: answered.id }, data: { selfReviewedAt: new Date("2026-11-20T10:00:00Z") } });
    expect(
      await post(
        "/app/promotions",
        promotionsAction,
        { intent: "review_promotion", id: String(answered.id), verdict: "worked", learned: "Bundles lift AOV." },
        OWNER,
      ),
    ).toMatchObject({
      status: 200,
    });
    await db.promotion.update({ where: { id: answered.id }, data: { reviewedAt: new Date("2026-11-21T10:00:00Z") } });
    expect(
      await post("/app/team", teamAction as typeof promotionsAction, {
        intent: "propose_tactic",
        indicator: "aov",
        title: "Gift wrap",
        how: "At checkout.",
        type: "content",
        hypothesis: "Gifts.",
      }),
    ).toMatchObject({
      status: 200,
    });
    // The last run of the awaiting promotion's verdict waiting: it ended days ago, unanswered.
    await db.promotion.updateMany({
      where: { shop: SHOP, title: "Awaiting" },
      data: { end: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10) },
    });
  });

  it.each([
    ["en", ["You are at the Follow stage: your promotions follow a tactic of the playbook", "The tactic's, as you follow it at the Follow stage."]],
    ["zh-CN", ["你处于“照做”阶段", "沿用打法的设定：你处于“照做”阶段。"]],
  ] as const)(
    "GIVEN Sam at Follow logging from a tactic (%s) THEN the form says his stage, and the tactic's type, indicator and hypothesis are shown, not changeable",
    async (language, words) => {
      await memberAtStage(db, SHOP, SAM, "follow");
      const html = await rendered("app.promotions", `/app/promotions?tactic=${bundle.key}`, SAM, language);
      for (const phrase of words) expect(text(html)).toContain(phrase);
      expect(html).toMatch(/<select[^>]*disabled=""[^>]*>[\s\S]*?<\/select>[\s\S]*?<input type="hidden" name="type" value="bundle"/);
      expect(html).toMatch(/<input type="hidden" name="indicator" value="aov"/);
      expect(html).toMatch(/<textarea[^>]*name="hypothesis"[^>]*readonly=""/);
      await memberAtStage(db, SHOP, SAM, "create");
    },
  );

  it.each([
    ["en", "Your answer, before the verdict", "Did it move its indicator?", "Awaiting Sam Rivera's answer", "Sam Rivera hasn't answered yet"],
    ["zh-CN", "复盘前，先说说你的看法", "它推动了目标指标吗？", "等待Sam Rivera的回答", "Sam Rivera尚未回答"],
  ] as const)(
    "GIVEN an ended promotion Sam hasn't answered for (%s) THEN his card asks him, and the owner's says whose answer it awaits and why the verdict waits",
    async (language, title, question, awaiting, waits) => {
      const sams = text(await rendered("app.promotions", "/app/promotions?q=Awaiting", SAM, language));
      expect(sams).toContain(title);
      expect(sams).toContain(question);
      const owners = text(await rendered("app.promotions", "/app/promotions?q=Awaiting", OWNER, language));
      expect(owners).toContain(awaiting);
      expect(owners).toContain(waits);
      expect(owners).not.toContain(question);
    },
  );

  it.each([
    [
      "en",
      [
        "Sam Rivera's record",
        "Lift against what they expected",
        "From imitation to creation",
        "Proposals waiting for a decision",
        "Tactic: Gift wrap",
        "Approve",
        "Return",
        "Stage history",
      ],
    ],
    ["zh-CN", ["Sam Rivera的记录", "提升与预期对比", "从模仿到创新", "等待决定的提议", "打法：Gift wrap", "批准", "退回", "阶段变更记录"]],
  ] as const)(
    "GIVEN the owner on the Team page (%s) THEN each member's stage can be set, Sam's record shows, and the waiting proposal can be approved or returned",
    async (language, words) => {
      const html = await rendered("app.team", `/app/team?member=${SAM}`, OWNER, language);
      for (const phrase of words) expect(text(html)).toContain(phrase);
      expect(html).toMatch(/<select[^>]*>(?=[\s\S]*?<option value="follow")(?=[\s\S]*?<option value="adapt")(?=[\s\S]*?<option value="create")/);
      expect(html).toContain('name="intent" value="return_proposal"');
    },
  );

  it.each([
    ["en", ["Propose a tactic", "Propose a target", "Send the proposal", "Waiting"]],
    ["zh-CN", ["提出打法", "提出目标", "提交提议", "待定"]],
  ] as const)(
    "GIVEN Sam at Create on the Team page (%s) THEN he proposes tactics and targets, and sees his proposal waiting with a way to withdraw it",
    async (language, words) => {
      const html = await rendered("app.team", "/app/team", SAM, language);
      for (const phrase of words) expect(text(html)).toContain(phrase);
      expect(html).toContain('name="intent" value="propose_tactic"');
      expect(html).toContain('name="intent" value="propose_target"');
      expect(html).toContain('name="intent" value="withdraw_proposal"');
      expect(html).not.toContain('name="intent" value="approve_proposal"');
    },
  );

  it.each([
    [
      "en",
      ["Sam Rivera's answer", "Moved its indicator: Not sure. Learned: Mugs sold, beans didn't.", "The verdict, by Store Owner", "Worked: Bundles lift AOV."],
    ],
    ["zh-CN", ["Sam Rivera的回答", "推动了指标：不确定。学到：Mugs sold, beans didn't.", "Store Owner给出的结论", "有效：Bundles lift AOV."]],
  ] as const)("GIVEN the week Sam answered and the owner judged in (%s) THEN the review shows the answer beside the verdict", async (language, words) => {
    const page = await callLoader(reviewLoader, await embeddedRequest(`/app/review?week=2026-11-16&locale=${language}`, SHOP, { userId: OWNER }));
    const html = within(language, createElement(WeekPromotions, { promotions: page.content.promotions, week: { from: "2026-11-16", to: "2026-11-22" } }));
    for (const phrase of words) expect(text(html)).toContain(phrase);
  });
});
