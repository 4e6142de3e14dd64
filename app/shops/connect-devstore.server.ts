import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { parseLoopbackOrigin } from "~/admin-api/admin-origin";
import { APP_SCOPES } from "~/lib/scopes";

export interface DevstoreConnection {
  shop: string;
  adminOrigin: string;
  accessToken: string;
  /** The staff member the local preview acts as (the account owner). */
  ownerUserId: string;
  now: Date;
}

const ONLINE_SESSION_HOURS = 24;

/**
 * Connects a shop served by a local devstore, the way installing connects a real one: an offline
 * session (the devstore's token) for background work, an online session for the account owner,
 * and the Shop row pointing at the devstore's loopback origin.
 */
export async function connectDevstoreShop(
  db: PrismaClient,
  sessions: SessionStorage,
  { shop, adminOrigin, accessToken, ownerUserId, now }: DevstoreConnection,
): Promise<void> {
  const origin = parseLoopbackOrigin(adminOrigin);
  const scope = APP_SCOPES.join(",");
  await sessions.storeSession(new Session({ id: `offline_${shop}`, shop, state: "devstore", isOnline: false, scope, accessToken }));
  const online = new Session({
    id: `${shop}_${ownerUserId}`,
    shop,
    state: "devstore",
    isOnline: true,
    scope,
    accessToken,
    expires: new Date(now.getTime() + ONLINE_SESSION_HOURS * 3600_000),
    onlineAccessInfo: {
      expires_in: ONLINE_SESSION_HOURS * 3600,
      associated_user_scope: scope,
      associated_user: {
        id: Number(ownerUserId),
        first_name: "Store",
        last_name: "Owner",
        email: `owner@${shop}`,
        email_verified: true,
        account_owner: true,
        locale: "en",
        collaborator: false,
      },
    },
  });
  await sessions.storeSession(online);
  await db.shop.upsert({
    where: { shop },
    create: { shop, name: shop, currencyCode: "XXX", ianaTimezone: "UTC", adminOrigin: origin },
    update: { adminOrigin: origin },
  });
}
