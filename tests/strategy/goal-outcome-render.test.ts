import { createElement, type ComponentType, type ReactNode } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Language } from "~/i18n/languages";
import { db, resetDatabase } from "../helpers/database";
import { chineseFlag, discountedAovStore, englishFlag, expectedBridge, today } from "../helpers/discounted-aov-store";
import { callLoader, embeddedRequest } from "../helpers/embedded-request";
import { pageText, renderPage } from "../helpers/render-page";

// The goal beside its targets as the Targets page and the home page serve it: their loaders' answers
// rendered by their components, in English and in Chinese, for the store whose AOV rose through
// discounts (tests/helpers/discounted-aov-store.ts). Remix's hooks give the loader's answer.

let loaderData: unknown;
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@remix-run/react")>();
  const form = (props: Record<string, unknown>) => createElement("form", props);
  return {
    ...actual,
    useLoaderData: () => loaderData,
    useActionData: () => undefined,
    useNavigation: () => ({ state: "idle" }),
    useSubmit: () => () => {},
    useSearchParams: () => [new URLSearchParams(), () => {}],
    useFetcher: () => ({ state: "idle", data: undefined, Form: form, load: () => {}, submit: () => {} }),
    useLocation: () => ({ pathname: "/app", search: "", hash: "", state: null, key: "default" }),
    useRevalidator: () => ({ state: "idle", revalidate: () => {} }),
    Form: form,
    Link: ({ to, children, ...rest }: { to: string; children: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  };
});

const SHOP = "goal-outcome-render.myshopify.com";
const OWNER = "1";
let goalId = 0;

const ROUTES = { targets: () => import("~/routes/app.targets"), home: () => import("~/routes/app._index") };
type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

/** A page's HTML for the owner in that language. */
async function page(route: keyof typeof ROUTES, path: string, language: Language): Promise<string> {
  const { default: Page, loader } = await ROUTES[route]();
  loaderData = await callLoader(loader as Loader, await embeddedRequest(`${path}?locale=${language}`, SHOP, { userId: OWNER }));
  return renderPage(Page as ComponentType, language);
}

const text = pageText;

describe("a goal's outcome on the page", () => {
  beforeAll(async () => {
    await resetDatabase();
    goalId = (await discountedAovStore(SHOP, OWNER)).goal;
  });

  it.each([
    ["en", "What moved Net profit", "Net profit", englishFlag],
    ["zh-CN", "净利润的变化来自哪里", "净利润", chineseFlag],
  ] as const)(
    "GIVEN the Targets page in %s THEN the goal says what it is for, warns of the flagged target, and its bridge is a table named for screen readers, a row a part, its bars hidden",
    async (language, title, outcome, flag) => {
      const html = await page("targets", "/app/targets", language);
      const card = html.slice(html.indexOf(`id="goal-${goalId}"`));
      expect(text(card)).toContain(flag(expectedBridge(today - 1)));
      const start = card.indexOf(`id="goal-${goalId}-bridge"`);
      expect(start).toBeGreaterThan(-1);
      const table = card.slice(card.lastIndexOf("<div", start), card.indexOf("</table>", start));
      expect(table).toMatch(new RegExp(`role="region" aria-label="${title}" tabindex="0"`));
      expect(table).toMatch(/<caption/);
      expect([...table.matchAll(/<tr[^>]*data-step="([a-z_]+)"/g)].map((match) => match[1])).toEqual([
        "orders",
        "aov",
        "margin",
        "fees",
        "shipping",
        "marketing",
        "other_costs",
        "unexplained",
        "total",
      ]);
      expect(text(table)).toContain(outcome);
      // A bar a part (the total says the change in words only).
      expect(table.match(/aria-hidden="true"/g)).toHaveLength(8);
    },
  );

  it.each([
    ["en", englishFlag],
    ["zh-CN", chineseFlag],
  ] as const)("GIVEN the home page in %s THEN the goal's card warns of the flagged target", async (language, flag) => {
    const html = await page("home", "/app", language);
    const card = html.slice(html.indexOf(`id="home-goal-${goalId}"`));
    expect(card.indexOf(`id="home-goal-${goalId}-flags"`)).toBeGreaterThan(-1);
    expect(text(card)).toContain(flag(expectedBridge(today - 1)));
  });
});
