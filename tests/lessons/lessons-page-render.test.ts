import { timeZone } from "@throughline/shopify-common/time-zone";
import { createElement, type ReactNode } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Language } from "~/i18n/languages";
import { rebuildRollups } from "~/indicators/rollups.server";
import { LESSON_TEXTS } from "~/lessons/lesson-texts";
import { formatDay, presetPeriod } from "~/lib/calendar";
import { action as lessonsAction } from "~/routes/app.lessons";
import { saveOrders } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";
import { pageText, renderPage } from "../helpers/render-page";
import { syncedShop } from "../helpers/synced-shop";

// The Lessons page as it is served: its loader's answer rendered by its component, for the owner
// and for staff, in English and in Chinese, every section of the lesson read to the end.

let loaderData: unknown;
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@remix-run/react")>();
  const form = (props: Record<string, unknown>) => createElement("form", props);
  return {
    ...actual,
    useLoaderData: () => loaderData,
    useActionData: () => undefined,
    useNavigation: () => ({ state: "idle" }),
    Form: form,
    Link: ({ to, children, ...rest }: { to: string; children: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  };
});

const SHOP = "lessons-render.myshopify.com";
const ZONE = "America/New_York";
const OWNER = "1";
const STAFF = "2";

async function lessonsPage(language: Language, userId = OWNER, query = ""): Promise<string> {
  const { default: Lessons, loader } = await import("~/routes/app.lessons");
  loaderData = await callLoader(loader, await embeddedRequest(`/app/lessons?locale=${language}${query ? `&${query}` : ""}`, SHOP, { userId }));
  return renderPage(Lessons, language);
}

/** "October 2026" or "2026年10月": the month the page works its examples on. */
const month = (language: Language) =>
  new Intl.DateTimeFormat(language, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(presetPeriod("last_month", timeZone(ZONE).localDay(Date.now())).from * 86_400_000),
  );

describe("the Lessons page as served", () => {
  beforeAll(async () => {
    await resetDatabase();
    await syncedShop(SHOP, { currencyCode: "USD", ianaTimezone: ZONE, ownerUserId: OWNER });
    const day = formatDay(presetPeriod("last_month", timeZone(ZONE).localDay(Date.now())).from + 9);
    await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date(`${day}T16:00:00Z`) }), orderRecord({ processedAt: new Date(`${day}T17:00:00Z`) })]);
    await rebuildRollups(db, SHOP);
    for (const userId of [OWNER, STAFF])
      await callLoader((await import("~/routes/app.lessons")).loader, await embeddedRequest("/app/lessons", SHOP, { userId }));
    const assigned = await callAction(lessonsAction, await embeddedAction("/app/lessons", SHOP, { intent: "assign_lesson", userId: STAFF, indicator: "aov" }));
    expect(assigned.status).toBe(200);
  });

  it("GIVEN the owner in English WHEN the lesson on average order value opens THEN every section reads to the end, worked on last month's own figures, with the assignment form and who has read what", async () => {
    const html = await lessonsPage("en", OWNER, "indicator=aov");
    const page = pageText(html);
    const lesson = LESSON_TEXTS.en.aov;
    for (const words of [
      "Lessons",
      "Average order value",
      "What it means",
      ...lesson.meaning,
      "How it is worked out",
      ...lesson.computed,
      `Worked on ${month("en")}`,
      "Average order value = (gross sales $200.00 − discounts $0.00) ÷ orders 2 = $100.00",
      "What moves it",
      ...lesson.levers,
      "Playbook tactics, and how they went in this store",
      "Bundles",
      "Not run in this store yet.",
      "Usual mistakes",
      ...lesson.mistakes,
      "Assign this lesson",
      "Sam Rivera",
      "Who has read what",
      "Not yet",
      "All lessons",
      "The whole cost of a sale",
      "Return on ad spend",
    ])
      expect(page).toContain(words);
    expect(page).not.toMatch(/lessons\.[a-z]+\.[a-zA-Z]+|\{\{/);
    // Sam's lessons are a table region named for him, the open lesson marked in the list.
    expect(html).toContain('aria-label="Lessons of Sam Rivera"');
    expect(html).toMatch(/<a href="\/app\/lessons\?indicator=aov" aria-current="page"/);
  });

  it("GIVEN staff whose admin is in Chinese WHEN they open Lessons THEN their assigned lesson opens in Chinese with its worked example, and there is nothing to assign", async () => {
    const page = pageText(await lessonsPage("zh-CN", STAFF));
    const lesson = LESSON_TEXTS["zh-CN"].aov;
    for (const words of [
      "课程",
      "你的课程",
      "Store Owner 于",
      "平均订单价值",
      "它是什么意思",
      ...lesson.meaning,
      ...lesson.computed,
      `用${month("zh-CN")}的数字算一遍`,
      "平均订单价值 =（总销售额 US$200.00 − 折扣 US$0.00）÷ 订单 2 = US$100.00",
      ...lesson.levers,
      "打法手册中的打法，以及在本店的效果",
      "组合套装",
      ...lesson.mistakes,
      "全部课程",
    ])
      expect(page).toContain(words);
    expect(page).not.toContain("分配这门课程");
    expect(page).not.toContain("谁读了什么");
    expect(page).not.toMatch(/lessons\.[a-z]+\.[a-zA-Z]+|\{\{|What it means|Worked on/);
  });

  it("GIVEN a lesson with no playbook tactic, in Chinese THEN it says so and points to the Playbooks page", async () => {
    const page = pageText(await lessonsPage("zh-CN", OWNER, "indicator=net_profit"));
    expect(page).toContain("打法手册中还没有针对净利润的打法");
    expect(page).toContain("净利润 = 净销售额 US$200.00 − 全部商品成本");
  });
});
