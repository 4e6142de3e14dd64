import { beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.THROUGHLINE_PREVIEW = "1";
});

import { previewAppPath } from "~/preview/paths";
import { previewPageHtml, scriptJson } from "~/preview/preview-page";
import { loader as previewLoader } from "~/routes/preview._index";
import { db, resetDatabase } from "../helpers/database";

const SHOP = "preview-shop.myshopify.com";
const LINE_SEPARATORS = "\u2028\u2029";
const HOSTILE = `/app/x</script><script>alert(1)</script><!--${LINE_SEPARATORS}`;

/** The inline script of the preview page, and the config object it starts with. */
function inlineScript(html: string) {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  expect(scripts).toHaveLength(1);
  const script = scripts[0]!;
  const config = /var config = (.*);\n/.exec(script)?.[1];
  return { script, config: JSON.parse(config!) as { appPath: string; shop: string } };
}

const page = (appPath: string) => previewPageHtml({ shop: SHOP, host: "aG9zdA", appPath, locale: "en", users: [{ id: "1", label: "Owner" }], userId: "1" });

async function load(path: string, query = ""): Promise<Response> {
  try {
    return await previewLoader({ request: new Request(`https://throughline.test/preview?path=${encodeURIComponent(path)}${query}`), params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("the local preview's ?path=", () => {
  it("GIVEN a value with </script>, <!-- and U+2028/2029 WHEN written into the inline script THEN the script stays one script and reads the same string back", () => {
    const { script, config } = inlineScript(page(HOSTILE));
    expect(config.appPath).toBe(HOSTILE);
    expect(script).not.toMatch(/<\/?script|<!--/i);
    expect(script).not.toMatch(/[\u2028\u2029]/);
    expect(scriptJson("</script>\u2028")).toBe('"\\u003c/script\\u003e\\u2028"');
  });

  it("GIVEN paths of the app THEN they are kept (percent-encoded by the URL parser); anything else is refused with the reason", () => {
    expect(previewAppPath(null)).toEqual({ ok: true, path: "/app" });
    expect(previewAppPath("/app")).toEqual({ ok: true, path: "/app" });
    expect(previewAppPath("/app/promotions?codes=A;B&title=Spring")).toEqual({ ok: true, path: "/app/promotions?codes=A;B&title=Spring" });
    expect(previewAppPath("/app/x</script>")).toEqual({ ok: true, path: "/app/x%3C/script%3E" });
    for (const hostile of [
      "/app</script><script>alert(1)</script>",
      "/application",
      "/app/../auth/login",
      "//evil.example/app",
      "/\\evil.example/app",
      "https://evil.example/app",
      "javascript:alert(1)//app",
      "app/targets",
      "/preview/session-token",
    ]) {
      const result = previewAppPath(hostile);
      expect(result.ok, hostile).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/must be a path of the app/);
    }
  });
});

describe("the preview route", () => {
  beforeEach(async () => {
    await resetDatabase();
    await db.shop.create({ data: { shop: SHOP, name: SHOP, currencyCode: "EUR", ianaTimezone: "UTC", adminOrigin: "http://127.0.0.1:9" } });
  });

  it("GIVEN a hostile ?path= outside the app WHEN the preview is asked for THEN 400 says what a path must be", async () => {
    const response = await load("/app</script><script>alert(1)</script>");
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/\?path= must be a path of the app/);
  });

  it("GIVEN a hostile ?path= under /app WHEN the page is served THEN its inline script has no markup from it and opens that app path", async () => {
    const response = await load(HOSTILE);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("<script>alert(1)");
    const { script, config } = inlineScript(html);
    expect(script).not.toMatch(/[\u2028\u2029]/);
    expect(config.appPath.startsWith("/app/x")).toBe(true);
    expect(config.appPath).not.toMatch(/[<>]/);
  });

  it("GIVEN ?shop= with a NUL or not a shop domain WHEN the preview is asked for THEN 400 says what it takes; the same shop in capitals is the shop", async () => {
    for (const shop of ["%00", "evil.com", "preview-shop.myshopify.com%00"]) {
      const response = await load("/app", `&shop=${shop}`);
      expect(response.status, shop).toBe(400);
      expect(await response.text()).toMatch(/\?shop= takes a shop domain/);
    }
    expect((await load("/app", "&shop=Preview-Shop.MyShopify.com")).status).toBe(200);
  });

  it("GIVEN a second devstore shop connected later WHEN the preview is opened THEN a shop menu names both, the one shown selected, and ?shop= switches", async () => {
    expect(await (await load("/app")).text()).not.toContain('id="preview-shop"');
    const later = "second-shop.myshopify.com";
    await db.shop.create({
      data: {
        shop: later,
        name: later,
        currencyCode: "EUR",
        ianaTimezone: "UTC",
        adminOrigin: "http://127.0.0.1:9",
        installedAt: new Date(Date.now() + 60_000),
      },
    });
    const shown = await (await load("/app")).text();
    expect(shown).toMatch(new RegExp(`<option value="${later}" selected>`));
    expect(shown).toMatch(new RegExp(`<option value="${SHOP}">`));
    const switched = await (await load("/app", `&shop=${SHOP}`)).text();
    expect(switched).toMatch(new RegExp(`<option value="${SHOP}" selected>`));
    expect(inlineScript(switched).config.shop).toBe(SHOP);
  });
});
