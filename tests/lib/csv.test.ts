import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import { productsCsv } from "~/indicators/exports.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { csvText } from "~/lib/csv";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { loader as reviewCsvLoader } from "~/routes/app.review[.]csv";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";

const SHOP = "csv-shop.myshopify.com";
// What a spreadsheet would run: the OWASP list of leading characters, and their full-width forms.
const HOSTILE = [
  '=HYPERLINK("http://evil.test","x")',
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "\uFF1D1+1",
];

/** The cells a spreadsheet reads from the CSV text. */
const cells = (text: string) => parse(text, { relax_column_count: true }) as string[][];

describe("every CSV the app writes", () => {
  it("GIVEN text cells a spreadsheet would run as formulas THEN each is written as text with a leading quote, and numbers stay numbers", () => {
    const rows = cells(csvText([["title", "returns"], ...HOSTILE.map((title) => [title, -12.5]), ["Plain mug", 0], ["No figure", null]]));
    expect(rows.slice(1, HOSTILE.length + 1)).toEqual(HOSTILE.map((title) => [`'${title}`, "-12.5"]));
    expect(rows.slice(HOSTILE.length + 1)).toEqual([
      ["Plain mug", "0"],
      ["No figure", ""],
    ]);
  });

  it("GIVEN the app's source THEN only the CSV module writes CSV, so no export can skip its rule", () => {
    const sources = readdirSync("app", { recursive: true, encoding: "utf8" }).filter((file) => /\.tsx?$/.test(file));
    const writers = sources.filter((file) => readFileSync(path.join("app", file), "utf8").includes("csv-stringify"));
    expect(writers).toEqual([path.join("lib", "csv.ts")]);
  });

  describe("exports of a shop whose titles start like formulas", () => {
    beforeEach(async () => {
      await resetDatabase();
      await connectDevstoreShop(db, sessionStorage, {
        shop: SHOP,
        adminOrigin: "http://127.0.0.1:4999",
        accessToken: "devstore-token",
        ownerUserId: "1",
        now: new Date(),
      });
      await saveShopDetails(db, { shop: SHOP, name: "CSV Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
      await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
      // The cost is above the price: the product's gross profit is negative and must stay a number.
      const product = productRecord({ title: HOSTILE[0]! });
      await saveProducts(db, SHOP, [{ ...product, variants: product.variants.map((variant) => ({ ...variant, unitCost: 80_0000n })) }]);
      await saveOrders(db, SHOP, [orderRecord({ processedAt: new Date("2026-11-17T10:00:00Z") })]);
      await rebuildRollups(db, SHOP);
    });

    it("GIVEN a product titled =HYPERLINK(…) WHEN products.csv is exported THEN the title is text and its negative gross profit a number", async () => {
      const csv = await productsCsv(db, SHOP, new URLSearchParams("from=2026-11-16&to=2026-11-22"), new Date("2026-11-25T12:00:00Z"));
      if (!csv.ok) throw new Error(csv.message);
      const [header, row] = cells(csv.body);
      const column = (name: string) => row![header!.indexOf(name)];
      expect(column("Product")).toBe(`'${HOSTILE[0]}`);
      expect(column("Gross profit (EUR)")).toBe("-60");
      expect(Number(column("Gross profit (EUR)"))).toBe(-60);
    });

    it("GIVEN promotions titled like formulas WHEN the weekly review is exported THEN no cell starts with a formula character", async () => {
      const titles = ["=1+1", "-2+3", "@SUM(A1)", "+cmd"];
      for (const title of titles) {
        const parsed = parsePromotion({ title, start: "2026-11-16", end: "2026-11-18", indicator: null, spend: "50" });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        await createPromotions(db, systemActor(SHOP), [parsed.value], new Date());
      }
      const response = await reviewCsvLoader({ request: await embeddedRequest("/app/review.csv?week=2026-11-16", SHOP), params: {}, context: {} });
      const rows = cells(await response.text());
      const written = rows.flat();
      for (const title of titles)
        expect(
          written.some((cell) => cell.startsWith(`'${title}`)),
          title,
        ).toBe(true);
      expect(written.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    });
  });
});
