/**
 * The one-click unsubscribe every brief email carries (RFC 8058): a link to /brief/unsubscribe naming
 * the shop and the person, signed with an HMAC (SHA-256) under a key derived from
 * TOKEN_ENCRYPTION_KEY for this use alone, so only the app makes links that work, a link works for
 * that one person of that shop, and a changed or cut one changes nothing. A previous key of a
 * rotation still verifies. The version lets a future format coexist with links already mailed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "~/env.server";
import { isShopDomain } from "~/shops/shop-domain";

const PURPOSE = "brief-unsubscribe";
const VERSION = "1";
export const UNSUBSCRIBE_PATH = "/brief/unsubscribe";

function signature(key: Buffer, shop: string, userId: string): string {
  return createHmac("sha256", key).update(`${PURPOSE}\n${VERSION}\n${shop}\n${userId}`).digest("base64url");
}

export function unsubscribeToken(shop: string, userId: string, keyring = env().tokenKeyring): string {
  return `${VERSION}.${signature(keyring.derivedKeys(PURPOSE)[0]!, shop, userId)}`;
}

/** The link a person's email carries (List-Unsubscribe and the footer). */
export function unsubscribeUrl(shop: string, userId: string): string {
  const url = new URL(UNSUBSCRIBE_PATH, env().appUrl);
  url.search = new URLSearchParams({ shop, user: userId, token: unsubscribeToken(shop, userId) }).toString();
  return url.toString();
}

/**
 * The link as a preview shows it for someone else: where it leads, without its signature (a page
 * showing one person's email to another must not hand them a link that works).
 */
export function unsignedUnsubscribeUrl(shop: string, userId: string): string {
  const url = new URL(UNSUBSCRIBE_PATH, env().appUrl);
  url.search = new URLSearchParams({ shop, user: userId }).toString();
  return url.toString();
}

/** What a link names, as posted or opened: anything else is no link of ours. */
const linkSchema = z.object({
  shop: z.string().max(255).refine(isShopDomain),
  user: z.string().regex(/^\d{1,20}$/),
  token: z.string().regex(/^\d+\.[A-Za-z0-9_-]{43}$/),
});

/** The shop and person a link names when its signature holds, else null. */
export function verifiedLink(params: URLSearchParams, keyring = env().tokenKeyring): { shop: string; userId: string } | null {
  const parsed = linkSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return null;
  const { shop, user, token } = parsed.data;
  const [version, given] = token.split(".") as [string, string];
  if (version !== VERSION) return null;
  const presented = Buffer.from(given);
  const valid = keyring.derivedKeys(PURPOSE).some((key) => {
    const expected = Buffer.from(signature(key, shop, user));
    return expected.length === presented.length && timingSafeEqual(expected, presented);
  });
  return valid ? { shop, userId: user } : null;
}
