import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { refreshRollups, type OrderChange } from "~/indicators/rollups.server";
import { redactCustomer } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, customersRedactPayload } from "~/webhooks/payloads";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request);
  const parsed = parsePayload(customersRedactPayload, payload);
  let change: OrderChange | null = null;
  await applyOnce(db, { webhookId, shop, topic }, async (tx) => {
    change = await redactCustomer(tx, shop, parsed.customer.id, new Date());
  });
  // The customer's days lose their customer: recount them (after the redaction is committed).
  if (change) await refreshRollups(db, shop, change);
  return new Response();
};
