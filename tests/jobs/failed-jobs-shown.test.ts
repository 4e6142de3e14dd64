import { beforeEach, describe, expect, it } from "vitest";
import { failedJobsOf, jobQueue } from "~/jobs/jobs.server";
import { syncStatus } from "~/sync/sync-status.server";
import { cli } from "../bad-input/cli";
import { db, resetDatabase } from "../helpers/database";
import { storeJob } from "../helpers/jobs";

// A job that failed for good is kept and shown: to the owner in words on the sync card, to the
// operator by `cli jobs`, who can queue it again. On either database: the jobs are stored where its
// queue keeps them (the Job table, pg-boss's tables) and read back through the queue.

const shop = "failing.myshopify.com";
const at = new Date("2026-11-30T10:00:00Z");

describe("failed jobs are shown", () => {
  beforeEach(async () => {
    await resetDatabase();
    await db.shop.create({ data: { shop, name: "Failing", currencyCode: "EUR", ianaTimezone: "UTC", lastSyncAt: at } });
  });

  it("GIVEN a webhook task of the shop failed for good THEN the sync card says so in words, with its error; another shop's failure is not shown", async () => {
    const task = { shop, kind: "order", resourceId: "gid://shopify/Order/7", updatedAt: null, payload: null };
    await storeJob(db, { name: "webhook-task", data: task, shop, state: "failed", attempts: 8, lastError: "HTTP 503 from Shopify", finishedAt: at });
    await storeJob(db, {
      name: "sync",
      data: { shop: "other.myshopify.com" },
      shop: "other.myshopify.com",
      key: "sync:other.myshopify.com",
      state: "failed",
      attempts: 4,
      lastError: "elsewhere",
      finishedAt: at,
    });
    const status = await syncStatus(db, shop, () => failedJobsOf(db, shop), at);
    expect(status.state).toBe("synced");
    expect(status.failedWork).toBe(
      "1 change Shopify sent could not be copied after several tries (HTTP 503 from Shopify). The next sync reads changed orders and products again.",
    );
    expect((await syncStatus(db, "quiet.myshopify.com", () => failedJobsOf(db, "quiet.myshopify.com"), at)).failedWork).toBeNull();
  });

  it("GIVEN failed and queued jobs THEN `cli jobs` lists them (--failed only the failed, --json as data), retries a failed one, and refuses bad input with exit 2", async () => {
    const queue = jobQueue(db);
    const failed = {
      id: await storeJob(db, {
        name: "upkeep",
        data: { shop },
        shop,
        key: `upkeep:${shop}`,
        state: "failed",
        attempts: 3,
        lastError: "Flow refused",
        finishedAt: at,
      }),
    };
    await storeJob(db, { name: "sync", data: { shop }, shop, key: `sync:${shop}`, state: "queued", attempts: 0, runAfter: at });
    const listed = await cli("jobs");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${failed.id}  failed at 2026-11-30T10:00:00.000Z  upkeep ${shop}  attempts 3: Flow refused$`, "m"));
    expect(listed.stdout).toMatch(/queued after 2026-11-30T10:00:00.000Z {2}sync failing\.myshopify\.com {2}attempts 0/);

    const json = await cli("jobs", "--failed", "--json");
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { id: string; state: string }[]).map((job) => [job.id, job.state])).toEqual([[String(failed.id), "failed"]]);

    const retried = await cli("jobs", "retry", String(failed.id));
    expect(retried).toMatchObject({ code: 0, stdout: `Job ${failed.id} is queued again.\n` });
    // Queued again: on SQLite its attempts start over, pg-boss allows it one more than it had.
    expect((await queue.list()).find((job) => job.id === failed.id)).toMatchObject({ state: "queued", attempts: queue.kind === "sqlite" ? 0 : 3 });

    const before = await queue.list();
    for (const args of [
      ["jobs", "retry", String(failed.id)],
      ["jobs", "retry"],
      ["jobs", "retry", "1;drop"],
      ["jobs", "nope"],
      ["jobs", "--shop", "evil.example.com"],
      ["jobs", "--failed", "--all"],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(await queue.list()).toEqual(before);
  }, 60_000);
});
