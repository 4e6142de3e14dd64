import { build } from "esbuild";
import { parse, validate } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAdminSchema } from "@throughline/shopify-common/admin-schema";
import { action as promotionsAction, loader as promotionsLoader } from "~/routes/app.promotions";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveShopDetails } from "~/sync/store-records.server";
import { DISCOUNT_QUERY, discountNodeId, promotionFormHref, readDiscount } from "../../extensions/track-as-promotion/src/discount-link";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { translatorFor } from "../helpers/extension-locales";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";

const SHOP = "discount-shop.myshopify.com";
const codeDiscount = (codes: string[], extra: Record<string, unknown> = {}) => ({
  shop: { ianaTimezone: "America/Sao_Paulo" },
  discountNode: {
    discount: {
      __typename: "DiscountCodeBasic",
      title: "Black Friday",
      startsAt: "2026-11-27T03:00:00Z",
      endsAt: "2026-12-01T02:59:59Z",
      codesCount: { count: codes.length },
      codes: { nodes: codes.map((code) => ({ code })) },
      ...extra,
    },
  },
});

describe('the "Track as promotion" admin action (discount page)', () => {
  it("GIVEN its discount query THEN Shopify's Admin schema accepts it", () => {
    expect(validate(loadAdminSchema(), parse(DISCOUNT_QUERY)).map((error) => error.message)).toEqual([]);
  });

  it.each([
    ["gid://shopify/DiscountCodeNode/1057371", "gid://shopify/DiscountNode/1057371"],
    ["gid://shopify/DiscountNode/42", "gid://shopify/DiscountNode/42"],
    ["gid://shopify/DiscountAutomaticNode/7", "gid://shopify/DiscountNode/7"],
    ["1057371", "gid://shopify/DiscountNode/1057371"],
    ["gid://shopify/Product/1", null],
    [undefined, null],
  ])("GIVEN the page's id %s THEN it reads the discount %s", (selected, expected) => {
    expect(discountNodeId(selected)).toBe(expected);
  });

  it("GIVEN a code discount THEN its codes and its dates in the shop's time zone fill the form link; GIVEN an automatic one THEN it says why it can't be tracked by code", () => {
    const read = readDiscount(codeDiscount(["BF26", "bf-vip"]));
    expect(read).toEqual({ discount: { title: "Black Friday", codes: ["BF26", "bf-vip"], totalCodes: 2, start: "2026-11-27", end: "2026-11-30" } });
    expect(promotionFormHref((read as { discount: Parameters<typeof promotionFormHref>[0] }).discount)).toBe(
      "app:app/promotions?codes=BF26%3Bbf-vip&title=Black+Friday&start=2026-11-27&end=2026-11-30",
    );

    expect(readDiscount(codeDiscount(["ONLY"], { endsAt: null, codesCount: { count: 5000 } }))).toMatchObject({ discount: { end: null, totalCodes: 5000 } });
    const english = translatorFor("track-as-promotion", "en");
    const chinese = translatorFor("track-as-promotion", "zh-CN");
    const said = (read: ReturnType<typeof readDiscount>, say: typeof english) => ("error" in read ? say(read.error.key, read.error.values) : "(no error)");
    const automatic = readDiscount({ shop: null, discountNode: { discount: { __typename: "DiscountAutomaticBasic", title: "Free gift" } } });
    expect(said(automatic, english)).toMatch(/^“Free gift” applies automatically, without a code/);
    expect(said(automatic, chinese)).toMatch(/^“Free gift”是自动折扣，没有折扣码/);
    expect(said(readDiscount(codeDiscount([])), english)).toBe("“Black Friday” has no codes yet: add one, then track it.");
    expect(said(readDiscount(codeDiscount([])), chinese)).toBe("“Black Friday”还没有折扣码：添加一个后再跟踪。");
    expect(said(readDiscount({ discountNode: null }), english)).toMatch(/couldn't be read/);
  });

  it("GIVEN a discount with more codes than were read THEN the sentence names the rest by count, in the plural its language has", () => {
    expect(translatorFor("track-as-promotion", "en")("moreCodes", { codes: "A, B", count: 1 })).toBe("A, B and 1 more");
    expect(
      translatorFor("track-as-promotion", "zh-CN")("summary", {
        title: "黑五",
        codes: translatorFor("track-as-promotion", "zh-CN")("moreCodes", { codes: "A", count: 4998 }),
        start: "2026年11月27日",
        end: "2026年11月30日",
      }),
    ).toBe("在 Throughline 中记录“黑五”：按折扣码（A 及另外 4998 个）统计它的订单，从 2026年11月27日 到 2026年11月30日。");
  });

  describe("the link it opens", () => {
    beforeAll(async () => {
      await resetDatabase();
      await connectDevstoreShop(db, sessionStorage, {
        shop: SHOP,
        adminOrigin: "http://127.0.0.1:4999",
        accessToken: "devstore-token",
        ownerUserId: "1",
        now: new Date(),
      });
      await saveShopDetails(db, { shop: SHOP, name: "Discount Shop", email: null, currencyCode: "BRL", ianaTimezone: "America/Sao_Paulo" });
      // The staff member logs promotions of their own: the Create stage (tests/team covers the others).
      await memberAtStage(db, SHOP, "2", "create");
    });

    it("GIVEN the link WHEN staff open it THEN the new promotion form has the discount's codes, title and dates, and saving it tracks those codes", async () => {
      const read = readDiscount(codeDiscount(["BF26", "bf-vip"]));
      const href = promotionFormHref((read as { discount: Parameters<typeof promotionFormHref>[0] }).discount);
      const page = await callLoader(promotionsLoader, await embeddedRequest(`/${href.replace(/^app:/, "")}`, SHOP, { userId: "2" }));
      expect(page.form).toEqual({
        mode: "create",
        values: { type: "discount", discountCodes: "BF26;bf-vip", title: "Black Friday", start: "2026-11-27", end: "2026-11-30" },
      });

      const saved = await callAction<{ ok: boolean }>(
        promotionsAction,
        await embeddedAction("/app/promotions", SHOP, { intent: "create_promotion", ...page.form.values!, indicator: "orders" }, { userId: "2" }),
      );
      expect(saved).toMatchObject({ status: 200, body: { ok: true } });
      expect((await db.promotionCode.findMany({ where: { shop: SHOP } })).map((row) => row.code).sort()).toEqual(["BF26", "bf-vip"]);
    });
  });

  it("GIVEN the extension bundled as Shopify builds it THEN it stays under Shopify's 64 KB limit", async () => {
    const result = await build({
      entryPoints: ["extensions/track-as-promotion/src/ActionExtension.tsx"],
      bundle: true,
      minify: true,
      write: false,
      format: "esm",
      jsx: "automatic",
      jsxImportSource: "preact",
      logLevel: "silent",
    });
    const bytes = result.outputFiles[0]!.contents.byteLength;
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(64 * 1024);
  });
});
