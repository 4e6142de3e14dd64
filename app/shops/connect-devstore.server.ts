import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { parseLoopbackOrigin } from "~/admin-api/admin-origin";
import { APP_SCOPES } from "~/lib/scopes";
import { PREVIEW_USER_ID, PREVIEW_USERS } from "~/preview/preview-access.server";

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
  // The account owner and the devstore's other staff (see PREVIEW_USERS), each with an online session.
  for (const user of PREVIEW_USERS) {
    const userId = user.id === PREVIEW_USER_ID ? ownerUserId : user.id;
    const online = new Session({
      id: `${shop}_${userId}`,
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
          id: Number(userId),
          first_name: user.firstName,
          last_name: user.lastName,
          email: `${user.firstName.toLowerCase()}@${shop}`,
          email_verified: true,
          account_owner: user.accountOwner,
          locale: "en",
          collaborator: user.collaborator,
        },
      },
    });
    await sessions.storeSession(online);
  }
  await db.shop.upsert({
    where: { shop },
    create: { shop, name: shop, currencyCode: "XXX", ianaTimezone: "UTC", adminOrigin: origin },
    update: { adminOrigin: origin },
  });
}
