import { isShopDomain, normalizeShopDomain } from "~/shops/shop-domain";
import type { PrismaClient } from "@prisma/client";
import { env } from "~/env.server";

/** The staff members of a devstore shop (`connectDevstoreShop` gives each an online session). */
export const PREVIEW_USERS = [
  { id: "1", firstName: "Store", lastName: "Owner", accountOwner: true, collaborator: false, label: "Store Owner (account owner)" },
  { id: "2", firstName: "Sam", lastName: "Rivera", accountOwner: false, collaborator: false, label: "Sam Rivera (staff)" },
  { id: "3", firstName: "Casey", lastName: "Agency", accountOwner: false, collaborator: true, label: "Casey Agency (collaborator account)" },
  { id: "4", firstName: "Mei", lastName: "Chen", accountOwner: false, collaborator: false, label: "Mei Chen (staff)" },
  { id: "5", firstName: "Alex", lastName: "Kim", accountOwner: false, collaborator: false, label: "Alex Kim (staff)" },
] as const;

/** The account owner: whom the preview acts as unless told otherwise. */
export const PREVIEW_USER_ID = "1";
export const PREVIEW_USER_COOKIE = "throughline-preview-user";

/** The preview user a request asks for (the cookie the preview page sets), or the account owner. */
export function previewUserId(request: Request): string {
  const cookie = request.headers.get("Cookie") ?? "";
  const chosen = new RegExp(`(?:^|;\\s*)${PREVIEW_USER_COOKIE}=(\\d+)`).exec(cookie)?.[1];
  return PREVIEW_USERS.some((user) => user.id === chosen) ? (chosen as string) : PREVIEW_USER_ID;
}

/**
 * The preview works only when enabled (never in production) and only for shops connected to a
 * loopback devstore, so it can never mint a session for a real store.
 */
export async function previewShop(db: PrismaClient, requested: string | null): Promise<string> {
  if (!env().previewEnabled) throw new Response("Not found", { status: 404 });
  if (requested && !isShopDomain(requested)) throw new Response("?shop= takes a shop domain such as demo-store.myshopify.com", { status: 400 });
  const shop = await db.shop.findFirst({
    where: { adminOrigin: { not: null }, ...(requested ? { shop: normalizeShopDomain(requested) } : {}) },
    orderBy: { installedAt: "desc" },
  });
  if (!shop) {
    throw new Response("No devstore shop is connected. Run `npm run demo`, or `npm run cli -- sync --shop D --admin-origin URL`.", {
      status: 404,
    });
  }
  return shop.shop;
}

/** Every shop the preview can show (connected to a loopback devstore), the latest installed first: the preview's shop menu. */
export async function previewShops(db: PrismaClient): Promise<string[]> {
  return (await db.shop.findMany({ where: { adminOrigin: { not: null } }, orderBy: { installedAt: "desc" }, select: { shop: true } })).map((row) => row.shop);
}
