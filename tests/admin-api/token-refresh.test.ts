import { Session } from "@shopify/shopify-api";
import { beforeEach, describe, expect, it } from "vitest";
import { freshOfflineSession, LEASE_MS, type TokenRefreshDeps } from "~/admin-api/token-refresh.server";
import { createPrismaClient, databaseUrlOf } from "~/db.server";
import { db, resetDatabase } from "../helpers/database";

const SHOP = "rotating.myshopify.com";

/**
 * Shopify's side and its library, as seen by one process: the stored pair (shared by every process
 * through the database) and a refresh that spends the single-use refresh token, slowly.
 */
function shopify() {
  const stored = { session: offline("shpat_1", "shprt_1", 60_000) };
  const spent = new Set<string>();
  let refreshes = 0;
  const processFor = (client = db): TokenRefreshDeps => ({
    db: client,
    loadSession: async () => stored.session,
    ensureFresh: async () => {
      const current = stored.session;
      if (current.expires!.getTime() - Date.now() > 5 * 60_000) return current;
      // Shopify refuses a refresh token used before: the loser of a race would fail here.
      if (spent.has(current.refreshToken!)) throw new Error(`refresh token ${current.refreshToken} was already used`);
      spent.add(current.refreshToken!);
      refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, 150));
      stored.session = offline(`shpat_${refreshes + 1}`, `shprt_${refreshes + 1}`, 3_600_000);
      return stored.session;
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
  });
  return { processFor, refreshes: () => refreshes, stored };
}

function offline(accessToken: string, refreshToken: string, expiresInMs: number): Session {
  return new Session({
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "s",
    isOnline: false,
    accessToken,
    refreshToken,
    expires: new Date(Date.now() + expiresInMs),
  });
}

describe("refreshing an expiring offline token across processes", () => {
  beforeEach(resetDatabase);

  it("GIVEN two processes needing the token at once THEN one refreshes, the other waits and uses its result", async () => {
    const store = shopify();
    // A second process: its own database client on the same database.
    const other = createPrismaClient(databaseUrlOf(db));
    try {
      const [first, second] = await Promise.all([freshOfflineSession(store.processFor(db), SHOP), freshOfflineSession(store.processFor(other), SHOP)]);
      expect(store.refreshes()).toBe(1);
      expect(first.accessToken).toBe("shpat_2");
      expect(second.accessToken).toBe("shpat_2");
    } finally {
      await other.$disconnect();
    }
    expect(await db.tokenRefreshLease.count()).toBe(0);
  });

  it("GIVEN a token far from expiry THEN nothing is leased or refreshed", async () => {
    const store = shopify();
    store.stored.session = offline("shpat_fresh", "shprt_fresh", 3_600_000);
    expect((await freshOfflineSession(store.processFor(), SHOP)).accessToken).toBe("shpat_fresh");
    expect(store.refreshes()).toBe(0);
    expect(await db.tokenRefreshLease.count()).toBe(0);
  });

  it("GIVEN a lease left by a process that died mid-refresh THEN it is taken over once expired", async () => {
    const store = shopify();
    await db.tokenRefreshLease.create({ data: { shop: SHOP, holder: "a-dead-process", until: new Date(Date.now() - 1) } });
    expect((await freshOfflineSession(store.processFor(), SHOP)).accessToken).toBe("shpat_2");
    expect(store.refreshes()).toBe(1);
  });

  it("GIVEN a live lease that is never released THEN a waiter gives up with the reason instead of refreshing", async () => {
    const store = shopify();
    // Held well beyond the waiter's patience (a holder stuck in its refresh).
    await db.tokenRefreshLease.create({ data: { shop: SHOP, holder: "a-stuck-process", until: new Date(Date.now() + 10 * LEASE_MS) } });
    let clock = Date.now();
    const deps = { ...store.processFor(), now: () => new Date(clock), sleep: async () => void (clock += 5_000) };
    await expect(freshOfflineSession(deps, SHOP)).rejects.toThrow(/being refreshed by another process/);
    expect(store.refreshes()).toBe(0);
  });
});
