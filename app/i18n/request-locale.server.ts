/**
 * Which locale a request speaks: the `locale` Shopify puts on the app's URL when admin loads it
 * (the staff member's admin language, fresh), else the one last seen for that staff member, else
 * the one on their online session (from when it was made), else English.
 */
import type { PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";
import { canonicalLocale } from "./languages";

/** The `?locale=` of a request, when it is a locale tag. */
export function urlLocale(request: Request): string | null {
  return canonicalLocale(new URL(request.url).searchParams.get("locale"));
}

export function sessionLocale(session: Pick<Session, "onlineAccessInfo">): string | null {
  return canonicalLocale(session.onlineAccessInfo?.associated_user?.locale);
}

/** The request's locale without writing anything (the layout's loader, beside the page's). */
export async function requestLocale(db: PrismaClient, request: Request, session: Pick<Session, "shop" | "onlineAccessInfo">): Promise<string> {
  const fromUrl = urlLocale(request);
  if (fromUrl) return fromUrl;
  const userId = session.onlineAccessInfo?.associated_user?.id;
  const stored =
    userId !== undefined
      ? await db.staffMember.findUnique({ where: { shop_userId: { shop: session.shop, userId: String(userId) } }, select: { locale: true } })
      : null;
  return canonicalLocale(stored?.locale) ?? sessionLocale(session) ?? "en";
}
