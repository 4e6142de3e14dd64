import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { bulkOperationEvents } from "~/sync/bulk/backfill.server";
import { acceptDelivery, jobQueue } from "~/jobs/jobs.server";
import { applyCostChange, taskJob, type NewTask } from "~/sync/tasks.server";
import { applyOnceBatch } from "~/webhooks/deliveries.server";
import {
  bulkFinishPayload,
  inventoryItemPayload,
  orderPayload,
  orderGid,
  orderTransactionPayload,
  parsePayload,
  productDeletePayload,
  productPayload,
  refundPayload,
} from "~/webhooks/payloads";
import { notAWebhook, receiveWebhook } from "~/webhooks/receive.server";

// Orders, refunds, payments, products, costs and bulk operations (shopify.app.toml subscribes them here).
// The delivery is recorded with its task's job in one short transaction and answered at once; the
// job runs right after, on whichever process takes it. A cost change is applied in that transaction
// instead (its payload is all it needs), so the orders Shopify sends after it find it.
// A shop without installation is refused (404, nothing stored): Shopify retries, and the
// backfill after install copies the store anyway.

const SYNC_TOPICS = [
  "ORDERS_CREATE",
  "ORDERS_UPDATED",
  "ORDERS_CANCELLED",
  "REFUNDS_CREATE",
  "ORDER_TRANSACTIONS_CREATE",
  "PRODUCTS_CREATE",
  "PRODUCTS_UPDATE",
  "PRODUCTS_DELETE",
  "INVENTORY_ITEMS_UPDATE",
  "BULK_OPERATIONS_FINISH",
] as const;

function taskFor(topic: string, shop: string, payload: unknown, triggeredAt: Date): NewTask | null {
  switch (topic) {
    case "ORDERS_CREATE":
    case "ORDERS_UPDATED":
    case "ORDERS_CANCELLED": {
      const order = parsePayload(orderPayload, payload);
      return { shop, kind: "order", resourceId: order.admin_graphql_api_id, updatedAt: new Date(order.updated_at) };
    }
    case "REFUNDS_CREATE": {
      const refund = parsePayload(refundPayload, payload);
      return { shop, kind: "order", resourceId: orderGid(refund.order_id), updatedAt: null };
    }
    // A payment, capture or refund made, or its status changed: Shopify's REST transaction carries no
    // fees, so the order is read again with its transactions and their fees (decision 022).
    case "ORDER_TRANSACTIONS_CREATE": {
      const transaction = parsePayload(orderTransactionPayload, payload);
      return { shop, kind: "order", resourceId: orderGid(transaction.order_id), updatedAt: null };
    }
    case "PRODUCTS_CREATE":
    case "PRODUCTS_UPDATE": {
      const product = parsePayload(productPayload, payload);
      return { shop, kind: "product", resourceId: product.admin_graphql_api_id, updatedAt: new Date(product.updated_at) };
    }
    case "PRODUCTS_DELETE": {
      const product = parsePayload(productDeletePayload, payload);
      return { shop, kind: "product_delete", resourceId: `gid://shopify/Product/${product.id}`, updatedAt: triggeredAt };
    }
    default:
      return null;
  }
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request, { authenticate: authenticate.webhook, db, topics: SYNC_TOPICS, unknownShop: "refuse" });
  if (!webhook) return new Response();
  const { shop, topic, webhookId, payload, triggeredAt } = webhook;
  const at = triggeredAt && !Number.isNaN(Date.parse(triggeredAt)) ? new Date(triggeredAt) : new Date();
  if (topic === "BULK_OPERATIONS_FINISH") {
    const operation = parsePayload(bulkFinishPayload, payload);
    const applied = await applyOnceBatch(db, { webhookId, shop, topic }, []);
    if (applied === "applied") bulkOperationEvents.emit(operation.admin_graphql_api_id);
    return new Response();
  }
  if (topic === "INVENTORY_ITEMS_UPDATE") {
    const item = parsePayload(inventoryItemPayload, payload);
    const change = { shop, inventoryItemId: item.admin_graphql_api_id, cost: item.cost ?? null, changedAt: new Date(item.updated_at) };
    await acceptDelivery(jobQueue(db), { webhookId, shop, topic }, [], (tx) => [applyCostChange(tx, change)]);
    return new Response();
  }
  const task = taskFor(topic, shop, payload, at);
  if (!task) return new Response(`Throughline does not handle ${topic} here`, { status: 400 });
  await acceptDelivery(jobQueue(db), { webhookId, shop, topic }, [taskJob(task, new Date())]);
  return new Response();
};

/** A GET (a browser, a health checker pointed at the wrong path): 405, webhooks are POSTs. */
export const loader = () => notAWebhook();
