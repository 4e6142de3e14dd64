import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { recordCustomerDataRequest } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, customersDataRequestPayload, signedShopOf } from "~/webhooks/payloads";
import { notAWebhook, receiveWebhook } from "~/webhooks/receive.server";

// Recorded for the shop the signed payload names; a shop the app doesn't know holds nothing on
// the customer, and the request is acknowledged without storing anything.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, {
    authenticate: authenticate.webhook,
    db,
    topics: ["CUSTOMERS_DATA_REQUEST"],
    signedShop: signedShopOf.compliance,
    unknownShop: "acknowledge",
  });
  if (!webhook) return new Response();
  const parsed = parsePayload(customersDataRequestPayload, webhook.payload);
  const { shop, topic, webhookId } = webhook;
  await applyOnce(db, { webhookId, shop, topic }, (tx) =>
    recordCustomerDataRequest(tx, {
      shop,
      webhookId,
      customerId: parsed.customer.id,
      ordersRequested: parsed.orders_requested,
      dataRequestId: parsed.data_request?.id,
    }),
  );
  return new Response();
};

/** A GET (a browser, a health checker pointed at the wrong path): 405, webhooks are POSTs. */
export const loader = () => notAWebhook();
