import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, scopesUpdatePayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, {
    authenticate: authenticate.webhook,
    db,
    topics: ["APP_SCOPES_UPDATE"],
    unknownShop: "refuse",
  });
  if (!webhook) return new Response();
  const { current } = parsePayload(scopesUpdatePayload, webhook.payload);
  const { shop, topic, webhookId } = webhook;
  await applyOnce(db, { webhookId, shop, topic }, async (tx) => {
    await tx.session.updateMany({ where: { shop }, data: { scope: current.join(",") } });
  });
  return new Response();
};
