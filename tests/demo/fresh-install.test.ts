/**
 * `npm run demo -- --no-examples` after a normal demo: the demo shop starts from nothing (it reused the
 * earlier demo's copy, goal and promotions while saying it was a fresh install), and nothing else goes.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "~/cli/demo-command";
import { eraseForFreshInstall } from "~/demo/fresh-install.server";
import { db, resetDatabase } from "../helpers/database";
import { rowsOfShop, seedEveryTable } from "../webhooks/every-table";

const OTHER = "other-store.myshopify.com";

describe("a fresh install of the demo shop", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seedEveryTable(db, DEMO_SHOP);
    await seedEveryTable(db, OTHER);
  });

  it("GIVEN an earlier demo's rows in every table WHEN the demo starts as a fresh install THEN none is left of the demo shop, and the other shop keeps all", async () => {
    const other = await rowsOfShop(db, OTHER);
    expect(Object.values(await rowsOfShop(db, DEMO_SHOP)).every((count) => count > 0)).toBe(true);
    expect(await eraseForFreshInstall(db, DEMO_SHOP)).toBe(true);
    expect(Object.entries(await rowsOfShop(db, DEMO_SHOP)).filter(([, count]) => count > 0)).toEqual([]);
    expect(await rowsOfShop(db, OTHER)).toEqual(other);
    expect(await eraseForFreshInstall(db, DEMO_SHOP)).toBe(false);
  });
});
