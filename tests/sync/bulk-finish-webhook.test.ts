import { describe, expect, it } from "vitest";
import { jobQueue } from "~/jobs/jobs.server";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { bulkOperationEvents } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

describe("bulk_operations/finish webhook", () => {
  it("GIVEN Shopify reports a bulk operation finished THEN a backfill waiting on it wakes at once, once per delivery", async () => {
    await resetDatabase();
    // Webhooks are stored only for a shop the app knows (installed, or its data still held).
    await db.shop.create({ data: { shop: "bulk-shop.myshopify.com", name: "Bulk shop", currencyCode: "EUR", ianaTimezone: "UTC" } });
    const id = "gid://shopify/BulkOperation/4242";
    const woken: string[] = [];
    const listener = () => woken.push(id);
    bulkOperationEvents.on(id, listener);
    try {
      const payload = {
        admin_graphql_api_id: id,
        completed_at: "2026-11-25T10:00:00Z",
        created_at: "2026-11-25T09:58:00Z",
        error_code: null,
        status: "completed",
        type: "query",
      };
      const request = () =>
        signedWebhookRequest({ path: "/webhooks/sync", topic: "bulk_operations/finish", shop: "bulk-shop.myshopify.com", payload, webhookId: "finish-1" });
      expect((await deliver(syncWebhook, request())).status).toBe(200);
      expect((await deliver(syncWebhook, request())).status).toBe(200);
      expect(woken).toEqual([id]);
      expect(await jobQueue(db).list()).toEqual([]);
    } finally {
      bulkOperationEvents.off(id, listener);
    }
  });
});
