import { Session } from "@shopify/shopify-api";
import { beforeEach, describe, expect, it } from "vitest";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { sessionStorage } from "~/shopify.server";
import { db, resetDatabase } from "../helpers/database";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

const SHOP = "expiring-token.myshopify.com";

describe("webhooks and the shop's offline token", () => {
  beforeEach(resetDatabase);

  it("GIVEN an offline token about to expire WHEN deliveries arrive at once THEN each is acknowledged and none spends the refresh token", async () => {
    // Expiring in a minute: Shopify's library refreshes within five minutes of expiry.
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${SHOP}`,
        shop: SHOP,
        state: "s",
        isOnline: false,
        scope: "read_orders",
        accessToken: "shpat_old",
        refreshToken: "shprt_single_use",
        expires: new Date(Date.now() + 60_000),
        refreshTokenExpires: new Date(Date.now() + 86_400_000),
      }),
    );
    const before = await db.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });

    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        deliver(
          syncWebhook,
          signedWebhookRequest({
            path: "/webhooks/sync",
            topic: "orders/updated",
            shop: SHOP,
            payload: { id: i, admin_graphql_api_id: `gid://shopify/Order/${i + 1}`, updated_at: "2026-11-25T10:00:00Z" },
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    // The stored pair is untouched: refreshing is the background work's, once (shop-client.server.ts).
    expect(await db.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } })).toEqual(before);
  });
});
