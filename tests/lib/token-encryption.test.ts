import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken } from "~/lib/token-cipher.server";
import { sessionStorage } from "~/shopify.server";
import { db } from "../helpers/database";

const key = Buffer.alloc(32, 1);

describe("tokens at rest", () => {
  it("round-trips a token and never produces the same ciphertext twice", () => {
    const first = encryptToken("shpat_abc", key);
    const second = encryptToken("shpat_abc", key);
    expect(first).not.toBe(second);
    expect(first).not.toContain("shpat_abc");
    expect(decryptToken(first, key)).toBe("shpat_abc");
  });

  it("refuses a ciphertext that was tampered with or made with another key", () => {
    const sealed = encryptToken("shpat_abc", key);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => decryptToken(`v1:${raw.toString("base64")}`, key)).toThrow();
    expect(() => decryptToken(sealed, Buffer.alloc(32, 2))).toThrow();
    expect(() => decryptToken("shpat_plain", key)).toThrow(/not encrypted/);
  });

  it("GIVEN a session with access and refresh tokens WHEN stored THEN the database holds only ciphertext and loading gives them back", async () => {
    const session = new Session({
      id: "offline_cipher-shop.myshopify.com",
      shop: "cipher-shop.myshopify.com",
      state: "s",
      isOnline: false,
      scope: "read_orders",
      accessToken: "shpat_access_token",
      refreshToken: "shprt_refresh_token",
      refreshTokenExpires: new Date(Date.now() + 86_400_000),
      expires: new Date(Date.now() + 3_600_000),
    });
    await sessionStorage.storeSession(session);

    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.accessToken).toMatch(/^v1:/);
    expect(row.accessToken).not.toContain("shpat_access_token");
    expect(row.refreshToken).toMatch(/^v1:/);
    expect(row.refreshToken).not.toContain("shprt_refresh_token");

    const loaded = await sessionStorage.loadSession(session.id);
    expect(loaded?.accessToken).toBe("shpat_access_token");
    expect(loaded?.refreshToken).toBe("shprt_refresh_token");
    const byShop = await sessionStorage.findSessionsByShop("cipher-shop.myshopify.com");
    expect(byShop.map((s) => s.accessToken)).toEqual(["shpat_access_token"]);
  });
});
