import type { PrismaClient } from "@prisma/client";
import { env } from "~/env.server";

/** The staff member the preview acts as: the account owner created by `connectDevstoreShop`. */
export const PREVIEW_USER_ID = "1";

/**
 * The preview works only when enabled (never in production) and only for shops connected to a
 * loopback devstore, so it can never mint a session for a real store.
 */
export async function previewShop(db: PrismaClient, requested: string | null): Promise<string> {
  if (!env().previewEnabled) throw new Response("Not found", { status: 404 });
  const shop = await db.shop.findFirst({
    where: { adminOrigin: { not: null }, ...(requested ? { shop: requested } : {}) },
    orderBy: { installedAt: "desc" },
  });
  if (!shop) {
    throw new Response("No devstore shop is connected. Run `npm run demo`, or `npm run cli -- sync --shop D --admin-origin URL`.", {
      status: 404,
    });
  }
  return shop.shop;
}
