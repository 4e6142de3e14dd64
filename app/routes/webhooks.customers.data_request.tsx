import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { recordCustomerDataRequest } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, customersDataRequestPayload } from "~/webhooks/payloads";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request);
  const parsed = parsePayload(customersDataRequestPayload, payload);
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
