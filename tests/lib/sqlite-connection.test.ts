import { copyFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "~/db.server";
import { applyOnce, applyOnceBatch } from "~/webhooks/deliveries.server";
import { retryWhileBusy, writeTransaction, WriteLockTimeoutError } from "~/lib/sqlite-write-lock";

// The database path every webhook takes: a constant number of open files however many transactions
// run, and a wait (not a failure, not a frozen process) while another connection writes.

const template = process.env.THROUGHLINE_TEST_DB_TEMPLATE ?? path.resolve("tmp/test-db/template.sqlite");
// Beside the run's template, in the folder the run removes when it ends.
const file = path.join(path.dirname(template), `connection-${process.pid}.sqlite`);
let db: PrismaClient;

/** Another connection can take the write lock: nothing of Prisma's connection is left holding it. */
function expectLockFree(): void {
  const probe = new Database(file);
  probe.prepare("PRAGMA busy_timeout = 0").all();
  probe.exec("BEGIN IMMEDIATE");
  probe.exec("ROLLBACK");
  probe.close();
}

const openDescriptors = () => readdirSync("/proc/self/fd").length;

beforeAll(() => {
  copyFileSync(template, file);
  db = createPrismaClient(`file:${file}`);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("one SQLite connection for Prisma", () => {
  it("GIVEN 1,200 webhook transactions (interactive, batch, repeated deliveries) THEN the open file descriptors stay flat", async () => {
    await db.webhookDelivery.count(); // connect first, so the baseline includes the one connection
    const before = openDescriptors();
    for (let i = 0; i < 400; i++) {
      const delivery = { webhookId: `fd-${i}`, shop: "fd.myshopify.com", topic: "ORDERS_CREATE" };
      expect(await applyOnceBatch(db, delivery, [])).toBe("applied");
      expect(await applyOnceBatch(db, delivery, [])).toBe("duplicate");
      await applyOnce(db, { ...delivery, webhookId: `fd-i-${i}` }, async (tx) => {
        await tx.webhookDelivery.count({ where: { shop: delivery.shop } });
      });
    }
    const after = openDescriptors();
    expect(await db.webhookDelivery.count({ where: { shop: "fd.myshopify.com" } })).toBe(800);
    expect(after - before).toBeLessThan(5);
  });

  it("GIVEN another connection holds the write lock WHEN a webhook writes THEN it waits without freezing the process and succeeds once the lock is released", async () => {
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    other.prepare(`INSERT INTO "WebhookDelivery" ("webhookId", "shop", "topic") VALUES ('holder', 'busy.myshopify.com', 'X')`).run();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    setTimeout(() => other.exec("COMMIT"), 400);
    const started = Date.now();
    const result = await applyOnceBatch(db, { webhookId: "waiter", shop: "busy.myshopify.com", topic: "ORDERS_CREATE" }, []);
    clearInterval(ticker);
    other.close();
    expect(result).toBe("applied");
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    // The event loop kept turning while it waited: a synchronous busy wait would have blocked the ticker.
    expect(ticks).toBeGreaterThan(10);
    expect(await db.webhookDelivery.count({ where: { shop: "busy.myshopify.com" } })).toBe(2);
    expectLockFree();
  });

  it("GIVEN another connection holds the write lock WHEN a single write runs outside a transaction THEN it waits too, and leaves the lock free", async () => {
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    setTimeout(() => other.exec("ROLLBACK"), 200);
    await db.webhookDelivery.create({ data: { webhookId: "single", shop: "single.myshopify.com", topic: "X" } });
    other.close();
    expect(await db.webhookDelivery.count({ where: { shop: "single.myshopify.com" } })).toBe(1);
    expectLockFree();
  });

  it("GIVEN a transaction that fails THEN it is rolled back and the connection goes on", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.webhookDelivery.create({ data: { webhookId: "rolled-back", shop: "rb.myshopify.com", topic: "X" } });
        throw new Error("effect failed");
      }),
    ).rejects.toThrow("effect failed");
    expect(await db.webhookDelivery.count({ where: { shop: "rb.myshopify.com" } })).toBe(0);
    await db.webhookDelivery.create({ data: { webhookId: "after", shop: "rb.myshopify.com", topic: "X" } });
    expect(await db.webhookDelivery.count({ where: { shop: "rb.myshopify.com" } })).toBe(1);
  });
});

describe("the write lock of the synchronous connections", () => {
  it("GIVEN the lock is held THEN writeTransaction waits for it, and gives up with a clear error past the deadline", async () => {
    const holder = new Database(file);
    const writer = new Database(file);
    writer.prepare("PRAGMA busy_timeout = 0").all();
    holder.exec("BEGIN IMMEDIATE");
    await expect(retryWhileBusy(() => writer.exec("BEGIN IMMEDIATE"), 100)).rejects.toBeInstanceOf(WriteLockTimeoutError);
    setTimeout(() => holder.exec("ROLLBACK"), 150);
    const value = await writeTransaction(writer, () => {
      writer.prepare(`INSERT INTO "WebhookDelivery" ("webhookId", "shop", "topic") VALUES ('sync-writer', 'sync.myshopify.com', 'X')`).run();
      return 42;
    });
    expect(value).toBe(42);
    expect(writer.inTransaction).toBe(false);
    await expect(
      writeTransaction(writer, () => {
        writer.prepare(`INSERT INTO "WebhookDelivery" ("webhookId", "shop", "topic") VALUES ('sync-writer-2', 'sync.myshopify.com', 'X')`).run();
        throw new Error("write failed");
      }),
    ).rejects.toThrow("write failed");
    expect(await db.webhookDelivery.count({ where: { shop: "sync.myshopify.com" } })).toBe(1);
    holder.close();
    writer.close();
  });
});
