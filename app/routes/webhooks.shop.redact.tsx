import type { ActionFunctionArgs } from "@remix-run/node";
import db, { databaseUrlOf } from "~/db.server";
import { jobQueue } from "~/jobs/jobs.server";
import { log } from "~/lib/log.server";
import { sqlExecutor } from "~/lib/sql-executor.server";
import { eraseShop, isInstalledNow } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { applyOnce } from "~/webhooks/deliveries.server";
import { parsePayload, shopRedactPayload, signedShopOf } from "~/webhooks/payloads";
import { notAWebhook, receiveWebhook } from "~/webhooks/receive.server";

// The shop erased is the one the signed payload names. Shopify sends shop/redact 48 hours after an
// uninstall, so it is honoured for an installation that has ended: while the shop holds an offline
// session (it installed the app again) the request is acknowledged and erases nothing, since its body
// is the same for every redaction of the shop and a captured one replayed after a reinstall must not
// erase the new installation (decision 013). Erasure is idempotent by nature: the delivery record is
// erased with everything else of the shop, so even a shop the app never knew ends with nothing stored.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, {
    authenticate: authenticate.webhook,
    db,
    topics: ["SHOP_REDACT"],
    signedShop: signedShopOf.compliance,
    unknownShop: "act",
  });
  if (!webhook) return new Response();
  parsePayload(shopRedactPayload, webhook.payload);
  const { shop, topic, webhookId } = webhook;
  if (await isInstalledNow(db, shop)) {
    log.warn({ shop, webhookId }, "shop/redact for a shop where the app is installed again: nothing erased");
    return new Response();
  }
  // The process's queue: started with the server, so erasing its jobs in the transaction is quick.
  const queue = jobQueue(db);
  await applyOnce(db, { webhookId, shop, topic }, (tx) => eraseShop(tx, shop, queue));
  await sqlExecutor(databaseUrlOf(db)).flushDeleted();
  return new Response();
};

/** A GET (a browser, a health checker pointed at the wrong path): 405, webhooks are POSTs. */
export const loader = () => notAWebhook();
