import { Session } from "@shopify/shopify-api";
import { afterEach, describe, expect, it, vi } from "vitest";

// unauthenticated.admin is Shopify's: it loads the offline session and refreshes an expiring token.
// Here it stands in for a slow refresh, to see how many refreshes run when workers ask at once.
const refreshes = vi.hoisted(() => ({ count: 0 }));
vi.mock("~/shopify.server", () => ({
  // The stored pair isn't near expiry here: no lease, the library call decides (shop-client.server.ts).
  sessionStorage: { loadSession: async () => undefined },
  unauthenticated: {
    admin: async (shop: string) => {
      refreshes.count++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { session: new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: `token-${refreshes.count}` }) };
    },
  },
}));

const { adminClientForShop } = await import("~/admin-api/shop-client.server");
const { db } = await import("../helpers/database");

describe("offline token for background work", () => {
  afterEach(() => {
    refreshes.count = 0;
  });

  it("GIVEN several workers start on one shop at once THEN the offline session is loaded (and refreshed) once", async () => {
    await Promise.all(Array.from({ length: 5 }, () => adminClientForShop(db, "busy-shop.myshopify.com")));
    expect(refreshes.count).toBe(1);
  });

  it("GIVEN different shops THEN each gets its own session", async () => {
    await Promise.all([adminClientForShop(db, "a-shop.myshopify.com"), adminClientForShop(db, "b-shop.myshopify.com")]);
    expect(refreshes.count).toBe(2);
  });
});
