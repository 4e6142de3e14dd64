import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jobQueue, runDueJobs } from "~/jobs/jobs.server";
import { JOB } from "~/jobs/names";
import { log } from "~/lib/log.server";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as syncWebhook } from "~/routes/webhooks.sync";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { adminClientForShop, sessionStorage } from "~/shopify.server";
import { db, resetDatabase } from "../helpers/database";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";

// A shop's jobs queued before it uninstalled the app (a webhook's task, its sync, its upkeep) have
// nothing to do once app/uninstalled has deleted its sessions: no token to ask Shopify with, and a
// reinstall's backfill copies the store again. On either database (the Job table, pg-boss), they
// end at once as done, saying why, instead of retrying for minutes and waiting in the failed list.

const SHOP = "leaving-shop.myshopify.com";
const STAYING = "staying-shop.myshopify.com";
const NOTHING_TO_DO = "nothing to do: the app is uninstalled from this shop (a reinstall's backfill copies the store again)";

const install = (shop: string) =>
  connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: "http://127.0.0.1:9", accessToken: "devstore-token", ownerUserId: "1", now: new Date() });

describe("the jobs of a shop that uninstalled the app", () => {
  let info: { mock: { calls: unknown[][] }; mockRestore(): void };
  /** The log's lines saying a job had nothing to do, as logged (fields, message). */
  const nothingToDo = () => info.mock.calls.filter((call) => call[1] === NOTHING_TO_DO);
  beforeEach(async () => {
    await resetDatabase();
    info = vi.spyOn(log, "info");
  });
  afterEach(() => info.mockRestore());

  it("GIVEN an order webhook's task, a sync and an upkeep queued WHEN app/uninstalled arrives before they run THEN each ends at once as done, saying why, and nothing is retried or failed", async () => {
    await install(SHOP);
    const order = { id: 1, admin_graphql_api_id: "gid://shopify/Order/1", updated_at: "2026-11-25T10:00:00Z" };
    expect((await deliver(syncWebhook, signedWebhookRequest({ path: "/webhooks/sync", topic: "orders/updated", shop: SHOP, payload: order }))).status).toBe(
      200,
    );
    const queue = jobQueue(db);
    await queue.enqueue({ name: JOB.sync, data: { shop: SHOP } });
    await queue.enqueue({ name: JOB.upkeep, data: { shop: SHOP } });
    expect(
      (
        await deliver(
          appUninstalled,
          signedWebhookRequest({ path: "/webhooks/app/uninstalled", topic: "app/uninstalled", shop: SHOP, payload: { id: 1, myshopify_domain: SHOP } }),
        )
      ).status,
    ).toBe(200);

    await runDueJobs(db, { clientFor: adminClientForShop });

    const jobs = await queue.list({ states: ["queued", "running", "completed", "failed"] });
    expect(
      jobs.map((job) => ({ name: job.name, state: job.state, attempts: job.attempts, lastError: job.lastError })).sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: JOB.sync, state: "completed", attempts: 1, lastError: null },
      { name: JOB.upkeep, state: "completed", attempts: 1, lastError: null },
      { name: JOB.webhookTask, state: "completed", attempts: 1, lastError: null },
    ]);
    expect(nothingToDo()).toEqual(Array.from({ length: 3 }, () => [{ shop: SHOP }, NOTHING_TO_DO]));
    // The owner isn't told of a failed sync: nothing failed.
    expect(await db.shop.findUnique({ where: { shop: SHOP }, select: { lastSyncError: true } })).toEqual({ lastSyncError: null });
  }, 60_000);

  it("GIVEN a shop still installed THEN its jobs still ask Shopify (and a failure there is retried as before)", async () => {
    await install(STAYING);
    const queue = jobQueue(db);
    await queue.enqueue({ name: JOB.upkeep, data: { shop: STAYING } });
    let asked = 0;
    await runDueJobs(db, {
      clientFor: async () => {
        asked++;
        throw new Error("Shopify is unreachable");
      },
    });
    expect(asked).toBe(1);
    expect(await queue.list()).toEqual([expect.objectContaining({ name: JOB.upkeep, state: "queued", attempts: 1, lastError: "Shopify is unreachable" })]);
    expect(nothingToDo()).toEqual([]);
  }, 60_000);
});
