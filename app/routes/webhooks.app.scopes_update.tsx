import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, scopesUpdatePayload, signedShopOf } from "~/webhooks/payloads";
import { notAWebhook, receiveWebhook } from "~/webhooks/receive.server";

// The payload names its shop by Shopify's id only: applied when that is the header shop's id as the
// app stored it from Shopify, and only if it is newer (its signed `updated_at`) than the last one
// applied, so a captured update replayed later can't take scopes back.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, {
    authenticate: authenticate.webhook,
    db,
    topics: ["APP_SCOPES_UPDATE"],
    signedShop: signedShopOf.scopesUpdate,
    unknownShop: "refuse",
  });
  if (!webhook) return new Response();
  const { current, updated_at } = parsePayload(scopesUpdatePayload, webhook.payload);
  const { shop, topic, webhookId } = webhook;
  const updatedAt = new Date(updated_at);
  await applyOnce(db, { webhookId, shop, topic }, async (tx) => {
    const { count } = await tx.shop.updateMany({
      where: { shop, OR: [{ scopesUpdatedAt: null }, { scopesUpdatedAt: { lt: updatedAt } }] },
      data: { scopesUpdatedAt: updatedAt },
    });
    if (count > 0) await tx.session.updateMany({ where: { shop }, data: { scope: current.join(",") } });
  });
  return new Response();
};

/** A GET (a browser, a health checker pointed at the wrong path): 405, webhooks are POSTs. */
export const loader = () => notAWebhook();
