import { Session } from "@shopify/shopify-api";
import { beforeEach, describe, expect, it } from "vitest";
import { jobQueue, runDueJobs } from "~/jobs/jobs.server";
import { JOB } from "~/jobs/names";
import { sessionStorage } from "~/shopify.server";
import { db, resetDatabase } from "../helpers/database";

// runDueJobs runs the due jobs in this process until none is left, on either database (the Job
// table on SQLite, pg-boss's workers on PostgreSQL): jobs the handlers queue are run too when due, a
// failure waits for its retry (not due yet), and it returns instead of waiting for that.

const unreachable = async (): Promise<never> => {
  throw new Error("Shopify is unreachable");
};

async function install(shop: string) {
  await sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: "s", isOnline: false, scope: "read_orders", accessToken: "shpat_secret" }),
  );
}

describe("runDueJobs", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("GIVEN a reconciliation of two installed shops WHEN the due jobs run THEN it queues their syncs, runs the one due now, and returns with the failure waiting for its retry and the other sync for its turn", async () => {
    await install("a-shop.myshopify.com");
    await install("b-shop.myshopify.com");
    const queue = jobQueue(db);
    await queue.enqueue({ name: JOB.reconcileAll, data: {} });

    const started = Date.now();
    await runDueJobs(db, { clientFor: unreachable });
    const now = new Date();
    expect(now.getTime() - started).toBeLessThan(30_000);

    const jobs = await queue.list({ states: ["queued", "running", "completed", "failed"] });
    const view = jobs.map((job) => ({ name: job.name, shop: job.shop, state: job.state, attempts: job.attempts, lastError: job.lastError }));
    expect(view.sort((a, b) => `${a.name}${a.shop}`.localeCompare(`${b.name}${b.shop}`))).toEqual([
      { name: JOB.reconcileAll, shop: null, state: "completed", attempts: 1, lastError: null },
      { name: JOB.sync, shop: "a-shop.myshopify.com", state: "queued", attempts: 1, lastError: "Shopify is unreachable" },
      { name: JOB.sync, shop: "b-shop.myshopify.com", state: "queued", attempts: 0, lastError: null },
    ]);
    // Neither is due: the retry waits its backoff (a minute), the other shop its slot in the interval.
    for (const job of jobs.filter((job) => job.state === "queued")) expect(job.runAfter.getTime()).toBeGreaterThan(now.getTime());

    // Nothing due: a second run returns without running anything.
    await runDueJobs(db, { clientFor: unreachable });
    expect((await queue.list()).map((job) => [job.id, job.state, job.attempts]).sort()).toEqual(jobs.map((job) => [job.id, job.state, job.attempts]).sort());
  }, 60_000);
});
