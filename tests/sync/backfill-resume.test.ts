import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, loadFixture, type RunningDevstore, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { databaseUrl } from "~/lib/database-url";
import { runBackfill, type BackfillTimings } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";
import { storeSnapshot } from "../helpers/store-snapshot";

const SHOP = "resume-store.myshopify.com";

describe("a backfill whose process is killed", () => {
  let devstore: RunningDevstore;
  let dir: string;

  beforeAll(async () => {
    await resetDatabase();
    dir = mkdtempSync(path.join(tmpdir(), "resume-"));
    const fixture = path.join(dir, "store.jsonl");
    await writeStoreFixture(fixture, { orders: 12_000, seed: 5, shopDomain: SHOP });
    devstore = await startDevstore({ store: new DevStore(await loadFixture(fixture)), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
  }, 60_000);
  afterAll(async () => {
    await devstore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("GIVEN `sync` killed in the middle of the import WHEN the backfill runs again THEN it resumes from its checkpoint and the database equals a clean backfill", async () => {
    // The CLI, as a user runs it, with small transactions so there is a middle to kill it in.
    const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_BULK_BATCH_LINES: "100" };
    delete env.VITEST;
    delete env.VITEST_POOL_ID;
    const child = spawn("tsx", ["app/cli/main.ts", "sync", "--shop", SHOP, "--admin-origin", devstore.origin], { env, stdio: "ignore", detached: true });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let killedAt = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const run = await db.syncRun.findFirst({ where: { shop: SHOP } });
      if (run && run.ordersDone >= 1000) {
        process.kill(-child.pid!, "SIGKILL"); // the whole process group: tsx runs node as its child
        killedAt = run.ordersDone;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await exited;
    expect(killedAt).toBeGreaterThan(0);

    const interrupted = await db.syncRun.findFirstOrThrow({ where: { shop: SHOP } });
    expect(interrupted.status).toBe("running");
    expect(interrupted.ordersDone).toBeLessThan(12_000);
    expect(Number(interrupted.ordersCheckpoint)).toBeGreaterThan(0);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(interrupted.ordersDone);

    const client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
    const timings: BackfillTimings = { waitMs: 0, ingestMs: 0, refundsMs: 0, indicatorsMs: 0, bytes: 0 };
    const resumed = await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20, staleAfterMs: 0, timings });
    expect(resumed.id).toBe(interrupted.id);
    expect(resumed.status).toBe("succeeded");
    expect(resumed.ordersDone).toBe(12_000);
    // Only the rest of the orders file was downloaded.
    const ordersFile = devstore.bulk.fileFor(new URL(devstore.bulk.get(interrupted.ordersOperation!)!.url!).pathname.split("/").pop()!)!;
    expect(timings.bytes).toBe(statSync(ordersFile).size - Number(interrupted.ordersCheckpoint));
    const afterResume = await storeSnapshot(db, SHOP);
    expect(afterResume.orders).toHaveLength(12_000);

    await resetDatabase();
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    expect(afterResume).toEqual(await storeSnapshot(db, SHOP));
  }, 120_000);
});
