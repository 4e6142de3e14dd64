import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";

// The shop's data stays until shop/redact (Shopify sends it 48 hours later); its tokens go now.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  await applyOnce(db, { webhookId, shop, topic }, async (tx) => {
    await tx.session.deleteMany({ where: { shop } });
  });
  return new Response();
};
