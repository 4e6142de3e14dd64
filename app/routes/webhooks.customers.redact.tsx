import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { redactCustomer } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, customersRedactPayload } from "~/webhooks/payloads";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request);
  const parsed = parsePayload(customersRedactPayload, payload);
  await applyOnce(db, { webhookId, shop, topic }, (tx) => redactCustomer(tx, shop, parsed.customer.id, new Date()));
  return new Response();
};
