import type { PrismaClient } from "@prisma/client";
import { unauthenticated } from "~/shopify.server";
import { createAdminClient, type AdminClient } from "./client.server";

/**
 * An Admin client for background work on one shop, from a fresh offline session each run:
 * unauthenticated.admin refreshes an expiring offline token and stores the new one.
 */
export async function adminClientForShop(db: PrismaClient, shop: string): Promise<AdminClient> {
  const { session } = await unauthenticated.admin(shop);
  if (!session.accessToken) throw new Error(`The stored session for ${shop} has no access token: reinstall the app`);
  const record = await db.shop.findUnique({ where: { shop }, select: { adminOrigin: true } });
  return createAdminClient({ shop, accessToken: session.accessToken, adminOrigin: record?.adminOrigin });
}
