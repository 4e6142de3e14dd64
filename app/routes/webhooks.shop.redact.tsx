import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { jobQueue } from "~/jobs/jobs.server";
import { eraseShop } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, shopRedactPayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

// The shop erased is the one the signed payload names. Erasure is idempotent by nature: the
// delivery record is erased with everything else of the shop, so even a shop the app never knew
// ends with nothing stored.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, {
    authenticate: authenticate.webhook,
    db,
    topics: ["SHOP_REDACT"],
    shopFromPayload: true,
    unknownShop: "act",
  });
  if (!webhook) return new Response();
  parsePayload(shopRedactPayload, webhook.payload);
  const { shop, topic, webhookId } = webhook;
  // The process's queue: started with the server, so erasing its jobs in the transaction is quick.
  const queue = jobQueue(db);
  await applyOnce(db, { webhookId, shop, topic }, (tx) => eraseShop(tx, shop, queue));
  return new Response();
};
