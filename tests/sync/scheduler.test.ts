import { beforeEach, describe, expect, it } from "vitest";
import { passOverShops } from "~/sync/scheduler.server";
import { db, resetDatabase } from "../helpers/database";

async function install(shop: string) {
  await db.session.create({ data: { id: `offline_${shop}`, shop, state: "s", isOnline: false, scope: "read_orders", accessToken: "v2:x:y" } });
}

describe("the periodic pass over every shop", () => {
  beforeEach(resetDatabase);

  it("GIVEN one shop whose work fails (its session can't be read) THEN every other shop still gets its sync and upkeep, and the failure is reported", async () => {
    for (const shop of ["a.myshopify.com", "broken.myshopify.com", "c.myshopify.com"]) await install(shop);
    const done: string[] = [];
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
    let failed: string[];
    try {
      failed = await passOverShops(db, {
        sync: async (shop) => {
          if (shop === "broken.myshopify.com") throw new Error("no session for this shop");
          done.push(`sync ${shop}`);
        },
        upkeep: async (shop) => void done.push(`upkeep ${shop}`),
      });
    } finally {
      console.warn = warn;
    }
    expect(failed).toEqual(["broken.myshopify.com"]);
    expect(done.sort()).toEqual(["sync a.myshopify.com", "sync c.myshopify.com", "upkeep a.myshopify.com", "upkeep c.myshopify.com"]);
    expect(warnings.join("\n")).toMatch(/broken\.myshopify\.com failed: no session for this shop/);
  });

  it("GIVEN a failing upkeep THEN the next shop is still passed over", async () => {
    for (const shop of ["a.myshopify.com", "b.myshopify.com"]) await install(shop);
    const upkept: string[] = [];
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const failed = await passOverShops(db, {
        sync: async () => undefined,
        upkeep: async (shop) => {
          if (shop === "a.myshopify.com") throw new Error("Shopify refused");
          upkept.push(shop);
        },
      });
      expect(failed).toEqual(["a.myshopify.com"]);
    } finally {
      console.warn = warn;
    }
    expect(upkept).toEqual(["b.myshopify.com"]);
  });
});
