import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { shopClients } from "~/admin-api/shop-client.server";
import { db } from "../helpers/database";

// Shopify's library (unauthenticated.admin) loads the offline session and refreshes an expiring
// token. Here a slow stand-in counts the refreshes, to see how many run when workers ask at once.
// The stored pair isn't near expiry: no lease, the library call decides (shop-client.server.ts).
function slowSessions() {
  const calls = { refreshes: 0 };
  const clientFor = shopClients({
    load: async () => undefined,
    fresh: async (shop) => {
      calls.refreshes++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: `token-${calls.refreshes}` });
    },
  });
  return { calls, clientFor };
}

describe("offline token for background work", () => {
  it("GIVEN several workers start on one shop at once THEN the offline session is loaded (and refreshed) once", async () => {
    const { calls, clientFor } = slowSessions();
    await Promise.all(Array.from({ length: 5 }, () => clientFor(db, "busy-shop.myshopify.com")));
    expect(calls.refreshes).toBe(1);
  });

  it("GIVEN different shops THEN each gets its own session", async () => {
    const { calls, clientFor } = slowSessions();
    await Promise.all([clientFor(db, "a-shop.myshopify.com"), clientFor(db, "b-shop.myshopify.com")]);
    expect(calls.refreshes).toBe(2);
  });
});
