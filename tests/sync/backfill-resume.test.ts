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
    // Four spans of orders, so it is killed with some stored, one part-way and others still exporting.
    const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_BULK_BATCH_LINES: "100", THROUGHLINE_BULK_ORDERS_PER_EXPORT: "3000" };
    delete env.VITEST;
    delete env.VITEST_POOL_ID;
    const child = spawn("tsx", ["app/cli/main.ts", "sync", "--shop", SHOP, "--admin-origin", devstore.origin], { env, stdio: "ignore", detached: true });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let killedAt = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const run = await db.syncRun.findFirst({ where: { shop: SHOP } });
      if (run && run.ordersDone >= 4000) {
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
    const exportsThen = await db.syncExport.findMany({ where: { runId: interrupted.id, kind: "orders" } });
    expect(exportsThen).toHaveLength(4);
    expect(exportsThen.filter((entry) => entry.stored).length).toBeGreaterThan(0);
    expect(exportsThen.some((entry) => !entry.stored && entry.checkpoint > 0n)).toBe(true);
    expect(await db.order.count({ where: { shop: SHOP } })).toBe(interrupted.ordersDone);

    const client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
    const timings: BackfillTimings = { waitMs: 0, ingestMs: 0, refundsMs: 0, indicatorsMs: 0, bytes: 0 };
    const resumed = await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20, staleAfterMs: 0, timings });
    expect(resumed.id).toBe(interrupted.id);
    expect(resumed.status).toBe("succeeded");
    expect(resumed.ordersDone).toBe(12_000);
    // Only what wasn't stored was downloaded: nothing of a stored span, the rest of the one cut short.
    const fileSize = (operationId: string) => statSync(devstore.bulk.fileFor(new URL(devstore.bulk.get(operationId)!.url!).pathname.split("/").pop()!)!).size;
    const exportsAfter = await db.syncExport.findMany({ where: { runId: interrupted.id, kind: "orders" } });
    const rest = exportsAfter.reduce((sum, entry) => {
      const then = exportsThen.find((other) => other.id === entry.id)!;
      if (then.stored) return sum;
      return sum + fileSize(entry.operationId!) - (then.operationId === entry.operationId ? Number(then.checkpoint) : 0);
    }, 0);
    expect(timings.bytes).toBe(rest);
    const afterResume = await storeSnapshot(db, SHOP);
    expect(afterResume.orders).toHaveLength(12_000);

    await resetDatabase();
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    expect(afterResume).toEqual(await storeSnapshot(db, SHOP));
  }, 120_000);
});
