import type { ActionFunctionArgs } from "@remix-run/node";
import db, { databaseUrlOf } from "~/db.server";
import { sqlExecutor } from "~/lib/sql-executor.server";
import { refreshRollups, type OrderChange } from "~/indicators/rollups.server";
import { redactCustomer } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, customersRedactPayload, signedShopOf } from "~/webhooks/payloads";
import { notAWebhook, receiveWebhook } from "~/webhooks/receive.server";

// Acts on the shop the signed payload names; a shop the app doesn't know holds nothing of the
// customer, and the request is acknowledged without storing anything.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, {
    authenticate: authenticate.webhook,
    db,
    topics: ["CUSTOMERS_REDACT"],
    signedShop: signedShopOf.compliance,
    unknownShop: "acknowledge",
  });
  if (!webhook) return new Response();
  const parsed = parsePayload(customersRedactPayload, webhook.payload);
  const { shop, topic, webhookId } = webhook;
  let change: OrderChange | null = null;
  await applyOnce(db, { webhookId, shop, topic }, async (tx) => {
    change = await redactCustomer(tx, shop, parsed.customer.id, new Date(), parsed.orders_to_redact);
  });
  // The customer's days lose their customer: recount them (after the redaction is committed).
  if (change) await refreshRollups(db, shop, change);
  await sqlExecutor(databaseUrlOf(db)).flushDeleted();
  return new Response();
};

/** A GET (a browser, a health checker pointed at the wrong path): 405, webhooks are POSTs. */
export const loader = () => notAWebhook();
