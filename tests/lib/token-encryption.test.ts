import { createCipheriv, randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { EncryptedSessionStorage } from "~/lib/encrypted-session-storage.server";
import { log } from "~/lib/log.server";
import { keyId, TokenKeyring, UnreadableTokenError } from "~/lib/token-cipher.server";
import { sessionStorage } from "~/shopify.server";
import { db, resetDatabase } from "../helpers/database";

const oldKey = Buffer.alloc(32, 1);
const newKey = Buffer.alloc(32, 2);

/** A value as the first release sealed it: "v1:" + base64(iv | tag | ciphertext), no key id. */
function sealedByFirstRelease(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

function offlineSession(shop: string): Session {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "s",
    isOnline: false,
    scope: "read_orders",
    accessToken: "shpat_access_token",
    refreshToken: "shprt_refresh_token",
    refreshTokenExpires: new Date(Date.now() + 86_400_000),
    expires: new Date(Date.now() + 3_600_000),
  });
}

describe("tokens at rest", () => {
  beforeEach(resetDatabase);

  it("round-trips a token, names the key that sealed it, and never produces the same ciphertext twice", () => {
    const ring = new TokenKeyring(oldKey);
    const first = ring.seal("shpat_abc");
    const second = ring.seal("shpat_abc");
    expect(first).not.toBe(second);
    expect(first).not.toContain("shpat_abc");
    expect(first.startsWith(`v2:${keyId(oldKey)}:`)).toBe(true);
    expect(ring.open(first)).toBe("shpat_abc");
    expect(ring.isCurrent(first)).toBe(true);
  });

  it("refuses a ciphertext that was tampered with, made with another key, or not encrypted, as unreadable", () => {
    const ring = new TokenKeyring(oldKey);
    const sealed = ring.seal("shpat_abc");
    const raw = Buffer.from(sealed.slice(sealed.lastIndexOf(":") + 1), "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => ring.open(`v2:${keyId(oldKey)}:${raw.toString("base64")}`)).toThrow(UnreadableTokenError);
    expect(() => new TokenKeyring(newKey).open(sealed)).toThrow(/not configured/);
    expect(() => ring.open("shpat_plain")).toThrow(/not encrypted/);
    expect(() => ring.open(`v2:${keyId(oldKey)}:AAAA`)).toThrow(/truncated/);
  });

  it("GIVEN a new key with the old one kept as previous THEN old tokens still open, new ones are sealed with the new key", () => {
    const before = new TokenKeyring(oldKey).seal("shpat_before");
    const rotated = new TokenKeyring(newKey, [oldKey]);
    expect(rotated.open(before)).toBe("shpat_before");
    expect(rotated.isCurrent(before)).toBe(false);
    const after = rotated.seal("shpat_after");
    expect(after.startsWith(`v2:${keyId(newKey)}:`)).toBe(true);
    // Once the old key is dropped, what it sealed can't be read; what the new key sealed can.
    const dropped = new TokenKeyring(newKey);
    expect(() => dropped.open(before)).toThrow(UnreadableTokenError);
    expect(dropped.open(after)).toBe("shpat_after");
  });

  it("opens a value sealed by the first release (v1, no key id) with any key of the ring", () => {
    const legacy = sealedByFirstRelease("shpat_legacy", oldKey);
    expect(new TokenKeyring(newKey, [oldKey]).open(legacy)).toBe("shpat_legacy");
    expect(() => new TokenKeyring(newKey).open(legacy)).toThrow(/none of the configured keys/);
  });

  it("GIVEN a session with access and refresh tokens WHEN stored THEN the database holds only ciphertext and loading gives them back", async () => {
    const session = offlineSession("cipher-shop.myshopify.com");
    await sessionStorage.storeSession(session);

    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.accessToken).toMatch(/^v2:[0-9a-f]{16}:/);
    expect(row.accessToken).not.toContain("shpat_access_token");
    expect(row.refreshToken).toMatch(/^v2:[0-9a-f]{16}:/);
    expect(row.refreshToken).not.toContain("shprt_refresh_token");

    const loaded = await sessionStorage.loadSession(session.id);
    expect(loaded?.accessToken).toBe("shpat_access_token");
    expect(loaded?.refreshToken).toBe("shprt_refresh_token");
    const byShop = await sessionStorage.findSessionsByShop("cipher-shop.myshopify.com");
    expect(byShop.map((s) => s.accessToken)).toEqual(["shpat_access_token"]);
  });

  it("GIVEN the key was changed without keeping the old one THEN the session reads as missing (the shop reopens the app), never an error, and other shops are unaffected", async () => {
    const inner = new PrismaSessionStorage(db);
    const before = new EncryptedSessionStorage(inner, new TokenKeyring(oldKey));
    await before.storeSession(offlineSession("lost-key.myshopify.com"));
    const after = new EncryptedSessionStorage(inner, new TokenKeyring(newKey));
    await after.storeSession(offlineSession("fresh.myshopify.com"));

    const warn = vi.spyOn(log, "warn");
    try {
      expect(await after.loadSession("offline_lost-key.myshopify.com")).toBeUndefined();
      expect(await after.findSessionsByShop("lost-key.myshopify.com")).toEqual([]);
      expect((await after.loadSession("offline_fresh.myshopify.com"))?.accessToken).toBe("shpat_access_token");
      const logged = JSON.stringify(warn.mock.calls);
      expect(logged).toMatch(/lost-key\.myshopify\.com/);
      expect(logged).toMatch(/can't be read/);
      expect(logged).not.toContain("shpat_");
    } finally {
      warn.mockRestore();
    }
    // With the old key back as a previous key, it reads again.
    const restored = new EncryptedSessionStorage(inner, new TokenKeyring(newKey, [oldKey]));
    expect((await restored.loadSession("offline_lost-key.myshopify.com"))?.accessToken).toBe("shpat_access_token");
  });
});

describe("resealing after a rotation", () => {
  beforeEach(resetDatabase);

  it("seals every readable token with the current key, leaves current ones alone, and reports the unreadable by shop", async () => {
    const { resealTokens } = await import("~/lib/token-reseal.server");
    const inner = new PrismaSessionStorage(db);
    await new EncryptedSessionStorage(inner, new TokenKeyring(oldKey)).storeSession(offlineSession("old.myshopify.com"));
    await new EncryptedSessionStorage(inner, new TokenKeyring(newKey)).storeSession(offlineSession("new.myshopify.com"));
    await new EncryptedSessionStorage(inner, new TokenKeyring(Buffer.alloc(32, 9))).storeSession(offlineSession("lost.myshopify.com"));
    const before = await db.session.findMany({ orderBy: { id: "asc" } });
    // An ad platform's connection sealed with the old key, and one with a key no longer configured.
    const connectedAt = new Date();
    const old = new TokenKeyring(oldKey);
    await db.adConnection.create({
      data: { shop: "old.myshopify.com", platform: "google", accessToken: old.seal("ya29.access"), refreshToken: old.seal("1//refresh"), connectedAt },
    });
    await db.adConnection.create({
      data: { shop: "lost.myshopify.com", platform: "meta", accessToken: new TokenKeyring(Buffer.alloc(32, 9)).seal("EAAB"), connectedAt },
    });
    // The Monday brief's Slack webhooks: one sealed with the old key, one with a key no longer configured.
    for (const [shop, keyring] of [
      ["old.myshopify.com", old],
      ["lost.myshopify.com", new TokenKeyring(Buffer.alloc(32, 9))],
    ] as const) {
      await db.briefSettings.create({
        data: { shop, slackWebhook: keyring.seal(`https://hooks.slack.com/services/${shop}`), updatedBy: "Owner", updatedAt: connectedAt },
      });
    }

    const ring = new TokenKeyring(newKey, [oldKey]);
    const report = await resealTokens(db, ring);
    expect(report).toEqual({
      sessions: 3,
      resealed: 1,
      unreadable: [{ id: "offline_lost.myshopify.com", shop: "lost.myshopify.com" }],
      adConnections: 2,
      adResealed: 1,
      adUnreadable: [{ shop: "lost.myshopify.com", platform: "meta" }],
      slackWebhooks: 2,
      slackResealed: 1,
      slackUnreadable: [{ shop: "lost.myshopify.com" }],
    });
    const webhook = await db.briefSettings.findUniqueOrThrow({ where: { shop: "old.myshopify.com" } });
    expect(new TokenKeyring(newKey).open(webhook.slackWebhook!)).toBe("https://hooks.slack.com/services/old.myshopify.com");
    const google = await db.adConnection.findFirstOrThrow({ where: { platform: "google" } });
    expect(new TokenKeyring(newKey).open(google.accessToken)).toBe("ya29.access");
    expect(new TokenKeyring(newKey).open(google.refreshToken!)).toBe("1//refresh");

    const after = await db.session.findMany({ orderBy: { id: "asc" } });
    const byShop = (rows: typeof after, shop: string) => rows.find((row) => row.shop === shop)!;
    expect(ring.isCurrent(byShop(after, "old.myshopify.com").accessToken)).toBe(true);
    expect(ring.isCurrent(byShop(after, "old.myshopify.com").refreshToken!)).toBe(true);
    expect(byShop(after, "new.myshopify.com")).toEqual(byShop(before, "new.myshopify.com"));
    expect(byShop(after, "lost.myshopify.com")).toEqual(byShop(before, "lost.myshopify.com"));
    // The old key can now be dropped: the resealed session opens with the new key alone.
    const loaded = await new EncryptedSessionStorage(inner, new TokenKeyring(newKey)).loadSession("offline_old.myshopify.com");
    expect(loaded?.accessToken).toBe("shpat_access_token");
    expect(loaded?.refreshToken).toBe("shprt_refresh_token");
  });
});
