import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";

export interface SessionTokenClaims {
  shop: string;
  userId: string;
  apiKey: string;
  apiSecret: string;
  now?: Date;
  lifetimeSeconds?: number;
}

/**
 * A session token (id_token) as Shopify admin issues it to an embedded app: HS256 with the app's
 * secret, `dest` the shop, `aud` the API key, `sub` the staff member. Used by the local preview and tests.
 */
export async function mintSessionToken({ shop, userId, apiKey, apiSecret, now = new Date(), lifetimeSeconds = 60 }: SessionTokenClaims) {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(apiKey)
    .setSubject(userId)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - 5)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(apiSecret));
}

/** Shopify's `host` parameter: base64 of the shop's admin URL. */
export function adminHostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64url");
}
