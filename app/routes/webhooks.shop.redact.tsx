import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { eraseShop } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, shopRedactPayload } from "~/webhooks/payloads";

// Erasure is idempotent by nature: the delivery record is erased with everything else of the shop.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request);
  parsePayload(shopRedactPayload, payload);
  await applyOnce(db, { webhookId, shop, topic }, (tx) => eraseShop(tx, shop));
  return new Response();
};
