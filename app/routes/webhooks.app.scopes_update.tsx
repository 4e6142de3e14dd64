import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, scopesUpdatePayload } from "~/webhooks/payloads";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request);
  const { current } = parsePayload(scopesUpdatePayload, payload);
  await applyOnce(db, { webhookId, shop, topic }, async (tx) => {
    await tx.session.updateMany({ where: { shop }, data: { scope: current.join(",") } });
  });
  return new Response();
};
