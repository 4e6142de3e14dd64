import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectDevstoreForSync } from "~/cli/connect-and-sync";
import { DevStore, type DevstoreData, loadFixture, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { sessionStorage } from "~/shopify.server";
import { db, resetDatabase } from "../helpers/database";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");

/** Another program listening on loopback: it answers nothing useful and records what it was sent. */
async function listener(): Promise<{ origin: string; authorizations: string[]; close: () => Promise<void> }> {
  const authorizations: string[] = [];
  const server: Server = createServer((request, response) => {
    authorizations.push(String(request.headers["x-shopify-access-token"] ?? ""));
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("cli sync --admin-origin", () => {
  let data: DevstoreData;
  let devstore: RunningDevstore;
  let otherShop: RunningDevstore;

  beforeAll(async () => {
    data = await loadFixture(FIXTURE);
    devstore = await startDevstore({ store: new DevStore(data), token: "stored-token" });
    otherShop = await startDevstore({
      store: new DevStore({ ...data, shop: { ...data.shop, myshopifyDomain: "someone-else.myshopify.com" } }),
      token: "stored-token",
    });
  });
  afterAll(async () => {
    await devstore.close();
    await otherShop.close();
  });
  beforeEach(resetDatabase);

  const shop = () => data.shop.myshopifyDomain;

  it("GIVEN a devstore serving another shop THEN it is refused and nothing is stored", async () => {
    await expect(connectDevstoreForSync(db, { shop: shop(), adminOrigin: otherShop.origin, token: "stored-token" })).rejects.toThrow(
      /serves someone-else\.myshopify\.com, not .*nothing was changed/,
    );
    expect(await db.session.count()).toBe(0);
    expect(await db.shop.count()).toBe(0);
  });

  it("GIVEN a connected shop WHEN another origin is given THEN the stored token is never sent there and the origin is kept unless that origin proves it serves the shop", async () => {
    expect(await connectDevstoreForSync(db, { shop: shop(), adminOrigin: devstore.origin, token: "stored-token" })).toBe("connected");
    expect(await connectDevstoreForSync(db, { shop: shop(), adminOrigin: devstore.origin, token: "anything" })).toBe("unchanged");

    const stranger = await listener();
    try {
      await expect(connectDevstoreForSync(db, { shop: shop(), adminOrigin: stranger.origin, token: "devstore-token" })).rejects.toThrow(
        /no devstore answered .*nothing was changed/,
      );
      expect(stranger.authorizations).not.toContain("stored-token");
    } finally {
      await stranger.close();
    }
    await expect(connectDevstoreForSync(db, { shop: shop(), adminOrigin: otherShop.origin, token: "stored-token" })).rejects.toThrow(/serves someone-else/);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: shop() } })).adminOrigin).toBe(devstore.origin);
    expect((await sessionStorage.loadSession(`offline_${shop()}`))?.accessToken).toBe("stored-token");
  });

  it("GIVEN a shop installed from Shopify THEN --admin-origin can't point it at a local listener", async () => {
    await db.shop.create({ data: { shop: shop(), name: "Real", currencyCode: "EUR", ianaTimezone: "Europe/Paris", adminOrigin: null } });
    await sessionStorage.storeSession(new Session({ id: `offline_${shop()}`, shop: shop(), state: "s", isOnline: false, accessToken: "shpat_real" }));
    await expect(connectDevstoreForSync(db, { shop: shop(), adminOrigin: devstore.origin, token: "stored-token" })).rejects.toThrow(/installed from Shopify/);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: shop() } })).adminOrigin).toBeNull();
  });
});
