import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobDefinition, JobRegistry } from "~/jobs/queue";
import { JOB } from "~/jobs/names";
import { jobRegistry, spreadOver } from "~/jobs/registry.server";
import { SqliteJobQueue } from "~/jobs/sqlite-queue.server";
import { db, resetDatabase } from "../helpers/database";

// The in-process queue of an SQLite install keeps pg-boss's guarantees within one process.

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

let clock = new Date("2026-11-30T10:00:00Z");
const now = () => clock;
const queues: SqliteJobQueue[] = [];
const queueOf = (registry: JobRegistry) => {
  const queue = new SqliteJobQueue(db, registry, { now, pollMs: 5 });
  queues.push(queue);
  return queue;
};

describe("the SQLite job queue", () => {
  beforeEach(async () => {
    await resetDatabase();
    clock = new Date("2026-11-30T10:00:00Z");
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop(1000);
  });

  it("GIVEN a job that keeps failing THEN it is retried after growing delays and then recorded failed with its last error, never deleted", async () => {
    let attempts = 0;
    const failing: JobDefinition<{ shop: string }> = {
      retryLimit: 2,
      retryDelaySeconds: 10,
      retryDelayMaxSeconds: 3600,
      shop: ({ shop }) => shop,
      async run() {
        attempts++;
        throw new Error(`Shopify said no (${attempts})`);
      },
    };
    const queue = queueOf({ failing } as JobRegistry);
    await queue.start();
    await queue.enqueue({ name: "failing", data: { shop: "a.myshopify.com" } });
    await queue.drain();
    expect(attempts).toBe(1);
    let [job] = await queue.list();
    expect(job).toMatchObject({ state: "queued", attempts: 1, lastError: "Shopify said no (1)" });
    expect(job!.runAfter.getTime() - clock.getTime()).toBe(10_000);

    clock = new Date(clock.getTime() + 10_000);
    await queue.drain();
    [job] = await queue.list();
    expect(job).toMatchObject({ state: "queued", attempts: 2 });
    expect(job!.runAfter.getTime() - clock.getTime()).toBe(20_000);

    clock = new Date(clock.getTime() + 20_000);
    await queue.drain();
    expect(attempts).toBe(3);
    const failed = await queue.list({ states: ["failed"], shop: "a.myshopify.com" });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ name: "failing", attempts: 3, lastError: "Shopify said no (3)" });

    // Kept for good: a later pass runs nothing, and a retry queues it again from its first attempt.
    clock = new Date(clock.getTime() + 86_400_000);
    await queue.drain();
    expect(attempts).toBe(3);
    expect(await queue.retry(failed[0]!.id)).toBe(true);
    await queue.drain();
    expect(attempts).toBe(4);
    expect(await queue.retry("not-an-id")).toBe(false);
  });

  it("GIVEN two jobs of one shop's key and one of another THEN the same key never runs twice at once, other keys run beside it", async () => {
    const running = new Set<string>();
    let overlapped = false;
    const order: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const sync: JobDefinition<{ shop: string; n: number }> = {
      key: ({ shop }) => `sync:${shop}`,
      retryLimit: 0,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 1,
      async run({ shop, n }) {
        if (running.has(shop)) overlapped = true;
        running.add(shop);
        order.push(`start ${shop} ${n}`);
        const gate = deferred();
        gates.set(`${shop} ${n}`, gate);
        await gate.promise;
        running.delete(shop);
      },
    };
    const queue = queueOf({ sync } as JobRegistry);
    await queue.start();
    await queue.enqueue({ name: "sync", data: { shop: "a", n: 1 } });
    await waitFor(() => gates.has("a 1"));
    // Queued while the first runs: it waits; a third one merges into the waiting one.
    expect(await queue.enqueue({ name: "sync", data: { shop: "a", n: 2 } })).not.toBeNull();
    expect(await queue.enqueue({ name: "sync", data: { shop: "a", n: 3 } })).toBeNull();
    await queue.enqueue({ name: "sync", data: { shop: "b", n: 1 } });
    await waitFor(() => gates.has("b 1"));
    expect(gates.has("a 2")).toBe(false);
    gates.get("a 1")!.resolve();
    await waitFor(() => gates.has("a 2"));
    gates.get("a 2")!.resolve();
    gates.get("b 1")!.resolve();
    await queue.drain();
    expect(overlapped).toBe(false);
    expect(order).toEqual(["start a 1", "start b 1", "start a 2"]);
    expect((await queue.list({ states: ["completed"] })).length).toBe(3);
  });

  it("GIVEN a process that stopped in the middle of a job THEN the next start runs it again", async () => {
    const runs: number[] = [];
    const work: JobDefinition<{ n: number }> = { retryLimit: 1, retryDelaySeconds: 1, retryDelayMaxSeconds: 1, run: async ({ n }) => void runs.push(n) };
    // What a killed process leaves: a job marked running, and one queued.
    await db.job.create({ data: { name: "work", data: JSON.stringify({ n: 1 }), state: "running", attempts: 1, runAfter: clock, startedAt: clock } });
    await db.job.create({ data: { name: "work", data: JSON.stringify({ n: 2 }), runAfter: clock } });
    const queue = queueOf({ work } as JobRegistry);
    await queue.start();
    await queue.drain();
    expect(runs.sort()).toEqual([1, 2]);
    expect(await db.job.count({ where: { state: "completed" } })).toBe(2);
  });

  it("GIVEN a running job WHEN the queue stops THEN stop waits for it to finish and nothing new starts", async () => {
    const gate = deferred();
    const started: number[] = [];
    let finished = false;
    const slow: JobDefinition<{ n: number }> = {
      key: () => "one-at-a-time",
      retryLimit: 0,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 1,
      async run({ n }) {
        started.push(n);
        await gate.promise;
        finished = true;
      },
    };
    const queue = queueOf({ slow } as JobRegistry);
    await queue.start();
    await queue.enqueue({ name: "slow", data: { n: 1 } });
    await waitFor(() => started.length === 1);
    await queue.enqueue({ name: "slow", data: { n: 2 } });
    let stopped = false;
    const stopping = queue.stop(5000).then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    expect(started).toEqual([1]);
    expect(await db.job.findMany({ select: { state: true }, orderBy: { id: "asc" } })).toEqual([{ state: "completed" }, { state: "queued" }]);
  });

  it("GIVEN installed shops WHEN the reconciliation runs THEN each gets one sync, spread over the interval", async () => {
    for (const shop of ["a.myshopify.com", "b.myshopify.com", "c.myshopify.com"]) {
      await db.session.create({ data: { id: `offline_${shop}`, shop, state: "s", isOnline: false, scope: "read_orders", accessToken: "v2:x:y" } });
    }
    const registry = jobRegistry({ clientFor: async () => Promise.reject(new Error("not in this test")), reconcileEveryMinutes: 15 });
    const queue = queueOf({ ...registry, [JOB.sync]: { ...registry[JOB.sync], run: async () => undefined } } as JobRegistry);
    await queue.enqueue({ name: JOB.reconcileAll, data: {} });
    await queue.start();
    await queue.drain();
    const syncs = await queue.list({ states: ["queued", "completed"] });
    expect(
      syncs
        .filter((job) => job.name === JOB.sync)
        .map((job) => [job.shop, job.state, job.runAfter.toISOString()])
        .sort(),
    ).toEqual([
      ["a.myshopify.com", "completed", "2026-11-30T10:00:00.000Z"],
      ["b.myshopify.com", "queued", "2026-11-30T10:05:00.000Z"],
      ["c.myshopify.com", "queued", "2026-11-30T10:10:00.000Z"],
    ]);
    expect(spreadOver(0, clock, 1000)).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
