import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { signedShopOf } from "~/webhooks/payloads";
import { notAWebhook, receiveWebhook } from "~/webhooks/receive.server";

// The shop's data stays until shop/redact (Shopify sends it 48 hours later); its tokens go now.
// The shop is the one the signed Shop payload names (`myshopify_domain`, `id`): a captured body of
// another topic or shop, re-aimed here by its headers, is refused. An uninstall of a shop the app
// doesn't know has nothing to undo: acknowledged, nothing stored (refusing it would only make
// Shopify retry it).
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, {
    authenticate: authenticate.webhook,
    db,
    topics: ["APP_UNINSTALLED"],
    signedShop: signedShopOf.appUninstalled,
    unknownShop: "acknowledge",
  });
  if (!webhook) return new Response();
  const { shop, topic, webhookId } = webhook;
  await applyOnce(db, { webhookId, shop, topic }, async (tx) => {
    await tx.session.deleteMany({ where: { shop } });
  });
  return new Response();
};

/** A GET (a browser, a health checker pointed at the wrong path): 405, webhooks are POSTs. */
export const loader = () => notAWebhook();
