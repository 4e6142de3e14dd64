import { createElement, type ReactNode } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Language } from "~/i18n/languages";
import { rebuildRollups } from "~/indicators/rollups.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { formatDay } from "~/lib/calendar";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { action as targetsAction } from "~/routes/app.targets";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";
import { pageText, renderPage } from "../helpers/render-page";

// The home page as it is served: its loader's answer rendered by its component, read in the order
// a person reads it, in English and in Chinese. Remix's hooks give the loader's answer; everything
// else is the app's own.

let loaderData: unknown;
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@remix-run/react")>();
  const form = (props: Record<string, unknown>) => createElement("form", props);
  return {
    ...actual,
    useLoaderData: () => loaderData,
    useFetcher: () => ({ state: "idle", data: undefined, Form: form, load: () => {}, submit: () => {} }),
    useLocation: () => ({ pathname: "/app", search: "", hash: "", state: null, key: "default" }),
    useRevalidator: () => ({ state: "idle", revalidate: () => {} }),
    useNavigation: () => ({ state: "idle" }),
    useSubmit: () => () => {},
    Form: form,
    Link: ({ to, children, ...rest }: { to: string; children: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  };
});

const SHOP = "home-answer.myshopify.com";
const OWNER = "1";
const ZONE = "Europe/Berlin";
const NOW = new Date();
const DAY_MS = 86_400_000;

/** The home page's HTML for the owner in that language. */
async function homePage(language: Language): Promise<string> {
  const { default: Home, loader } = await import("~/routes/app._index");
  loaderData = await callLoader(loader, await embeddedRequest(`/app?locale=${language}`, SHOP, { userId: OWNER }));
  return renderPage(Home, language);
}

/** Text of the page without its tags, for reading what it says. */
const text = pageText;

describe("the home page opens on the answer", () => {
  beforeAll(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: NOW,
    });
    await saveShopDetails(db, { shop: SHOP, name: "Home Answer", email: null, currencyCode: "USD", ianaTimezone: ZONE });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: NOW } });
    await saveProducts(db, SHOP, [productRecord()]);
    // Seventy days of trade, three orders a day: less than a year of history.
    await saveOrders(
      db,
      SHOP,
      Array.from({ length: 70 * 3 }, (_, i) =>
        orderRecord({ processedAt: new Date(NOW.getTime() - (70 - Math.floor(i / 3)) * DAY_MS), customerId: `gid://shopify/Customer/${i % 40}` }),
      ),
    );
    await rebuildRollups(db, SHOP);
    const post = (fields: Record<string, string>) =>
      embeddedAction("/app/targets", SHOP, fields, { userId: OWNER }).then((request) => callAction(targetsAction, request));
    const today = timeZone(ZONE).localDay(NOW.getTime());
    const [from, to] = [formatDay(today - 10), formatDay(today + 20)];
    expect(await post({ intent: "create_goal", name: "Grow repeat business", why: "Fund the new range", from, to })).toMatchObject({ status: 200 });
    const goal = await db.goal.findFirstOrThrow({ where: { shop: SHOP } });
    expect(await post({ intent: "create_target", indicator: "orders", periodKind: "custom", from, to, value: "90", goalId: String(goal.id) })).toMatchObject({
      status: 200,
    });
  }, 60_000);

  it.each(["en", "zh-CN"] as const)(
    "GIVEN a goal with a target running WHEN the owner opens Home in %s THEN the goal and its targets come before the period's figures",
    async (language) => {
      const html = await homePage(language);
      const goal = html.indexOf("Grow repeat business");
      const targets = html.indexOf('id="home-targets"');
      const figures = html.indexOf('id="period-label"');
      const firstFigure = html.indexOf('id="indicator-net_sales"');
      expect(targets).toBeGreaterThan(-1);
      expect(goal).toBeGreaterThan(targets);
      expect(figures).toBeGreaterThan(goal);
      expect(firstFigure).toBeGreaterThan(figures);
    },
  );

  it("GIVEN seventy days of history WHEN Home shows the last 30 days THEN nothing is compared with a year earlier: no badge, no line, no column, and one sentence says why", async () => {
    const page = text(await homePage("en"));
    expect(page).not.toMatch(/n\/a/);
    expect(page).not.toMatch(/vs a year earlier/);
    expect(page).not.toMatch(/A year earlier/);
    expect(page.match(/Compared with the previous period only: the store's history starts on/g)).toHaveLength(1);
    expect(page).toMatch(/vs previous period/);
  });

  it.each([
    [
      "en",
      "What moved net profit",
      ["Step", "Gross profit", "Sales without a product cost", "Payment fees", "Shipping costs", "Marketing spend", "Other costs", "Net profit"],
    ],
    ["zh-CN", "净利润变化的原因", ["项目", "毛利润", "没有商品成本的销售额", "支付手续费", "运费", "营销支出", "其他成本", "净利润"]],
  ] as const)(
    "GIVEN a period and the one before WHEN Home is shown in %s THEN what moved net profit is a table named for screen readers, a row a step, its bars hidden",
    async (language, title, words) => {
      const html = await homePage(language);
      const start = html.indexOf('id="profit-bridge"');
      expect(start).toBeGreaterThan(-1);
      const table = html.slice(html.lastIndexOf("<div", start), html.indexOf("</table>", start));
      expect(html.slice(0, start)).toContain(title);
      expect(table).toMatch(new RegExp(`aria-label="${title}"`));
      expect(table).toMatch(/<caption/);
      expect([...table.matchAll(/<tr[^>]*data-step="([a-z_]+)"/g)].map((match) => match[1])).toEqual([
        "gross_profit",
        "uncosted_sales",
        "default_cost",
        "transaction_fees",
        "shipping_costs",
        "marketing_spend",
        "custom_costs",
        "net_profit",
      ]);
      const said = text(table);
      let at = 0;
      for (const word of words) {
        const found = said.indexOf(word, at);
        expect([word, found]).not.toEqual([word, -1]);
        at = found;
      }
      // The bars are pictures of the effects the table says in words.
      expect(table.match(/aria-hidden="true"/g)).toHaveLength(7);
    },
  );

  it('GIVEN products with a known cost WHEN the product table is shown THEN margin and the share of sales with a known cost are two columns, each named, not "68.3% (cost 42.9%)"', async () => {
    const page = text(await homePage("en"));
    expect(page).toMatch(/Gross margin .*Sales with a known cost/);
    expect(page).not.toMatch(/\(cost \d/);
  });

  it("GIVEN a Chinese admin WHEN the product table's sort buttons are read THEN each says its column and which way it sorts in Chinese, with no English direction", async () => {
    const html = await homePage("zh-CN");
    const table = html.slice(html.indexOf('id="product-table"'));
    // Each heading's button, as it reads (Chinese runs on without spaces).
    const buttons = [...table.matchAll(/<th[^>]*>\s*<button[^>]*>(.*?)<\/button>/g)].map((match) => text(match[1]!).replace(/\s+/g, "")).slice(0, 8);
    // Net sales is sorted from the highest: choosing it again sorts from the lowest; any other column sorts from the highest.
    expect(buttons).toEqual([
      "商品，按降序排序",
      "件数，按降序排序",
      "净销售额，按升序排序",
      "毛利率，按降序排序",
      "成本已知的销售额占比，按降序排序",
      "订单，按降序排序",
      "连带率，按降序排序",
      "引流率，按降序排序",
    ]);
    // What is read (aria-sort keeps its English tokens, as ARIA wants).
    expect(text(html)).not.toMatch(/descending|ascending/);
  });
});
