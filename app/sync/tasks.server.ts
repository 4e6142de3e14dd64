import type { Prisma, PrismaClient, SyncTask } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { parseMoney } from "~/lib/money";
import { pullOrders, pullProducts } from "./pull.server";
import { saveOrders, saveProducts } from "./store-records.server";

// Webhooks don't do the work: they record a task (in the same transaction as the delivery id, so a
// repeated delivery adds nothing) and are answered at once. The tasks are then run here: an order
// or product is read again from the Admin API and stored unless the stored copy is newer; a cost
// change is applied from its payload unless a later one was. A task that fails is retried later.

export type TaskKind = "order" | "product" | "product_delete" | "inventory_item";

export interface NewTask {
  shop: string;
  kind: TaskKind;
  resourceId: string;
  updatedAt?: Date | null;
  payload?: string | null;
}

/**
 * One pending task per resource: a later delivery for the same order or product merges into it
 * (the task re-reads the current state anyway). A cost change carries its value, so each one is
 * its own task, keyed by its time; the newest wins when they run.
 */
export function enqueueTask(db: PrismaClient | Prisma.TransactionClient, task: NewTask, now: Date) {
  const resourceId = task.kind === "inventory_item" ? `${task.resourceId}@${task.updatedAt?.toISOString() ?? now.toISOString()}` : task.resourceId;
  return db.syncTask.upsert({
    where: { shop_kind_resourceId: { shop: task.shop, kind: task.kind, resourceId } },
    create: { ...task, resourceId, updatedAt: task.updatedAt ?? null, payload: task.payload ?? null, runAfter: now },
    update: { runAfter: now },
  });
}

const legacyId = (gid: string) => gid.split("/").pop();
const MAX_ATTEMPTS = 8;

/** Runs one task against the store's current state. */
async function runTask(db: PrismaClient, client: AdminClient, task: SyncTask, now: Date): Promise<void> {
  const shop = task.shop;
  switch (task.kind) {
    case "order":
      for await (const page of pullOrders(client, { query: `id:${legacyId(task.resourceId)}` })) await saveOrders(db, shop, page);
      return;
    case "product": {
      let found = false;
      for await (const page of pullProducts(client, { query: `id:${legacyId(task.resourceId)}` })) {
        found ||= page.length > 0;
        await saveProducts(db, shop, page);
      }
      // Gone by the time we asked: a deletion the products/delete webhook will confirm.
      if (!found) await db.product.updateMany({ where: { shop, id: task.resourceId, deletedAt: null }, data: { deletedAt: now } });
      return;
    }
    case "product_delete":
      await db.product.updateMany({ where: { shop, id: task.resourceId, deletedAt: null }, data: { deletedAt: task.updatedAt ?? now } });
      return;
    case "inventory_item": {
      const { cost } = JSON.parse(task.payload ?? "{}") as { cost?: string | null };
      const changedAt = task.updatedAt ?? now;
      const inventoryItemId = task.resourceId.split("@")[0]!;
      await db.variant.updateMany({
        where: { shop, inventoryItemId, OR: [{ costUpdatedAt: null }, { costUpdatedAt: { lte: changedAt } }] },
        data: { unitCost: cost == null ? null : parseMoney(cost), costUpdatedAt: changedAt },
      });
      return;
    }
  }
}

export interface RunTasksOptions {
  db: PrismaClient;
  clientFor: (shop: string) => Promise<AdminClient>;
  now?: () => Date;
  limit?: number;
}

/** Runs the tasks that are due; returns how many succeeded. */
export async function runDueTasks({ db, clientFor, now = () => new Date(), limit = 200 }: RunTasksOptions): Promise<number> {
  const due = await db.syncTask.findMany({ where: { runAfter: { lte: now() } }, orderBy: { id: "asc" }, take: limit });
  const clients = new Map<string, Promise<AdminClient>>();
  let done = 0;
  for (const task of due) {
    // Claimed by deleting it: a delivery arriving meanwhile makes a new task, run after this one.
    const claimed = await db.syncTask.deleteMany({ where: { id: task.id, runAfter: task.runAfter } });
    if (claimed.count === 0) continue;
    try {
      if (!clients.has(task.shop)) clients.set(task.shop, clientFor(task.shop));
      await runTask(db, await clients.get(task.shop)!, task, now());
      done++;
    } catch (error) {
      clients.delete(task.shop);
      if (task.attempts + 1 >= MAX_ATTEMPTS) continue;
      const retryAt = new Date(now().getTime() + Math.min(3_600_000, 5_000 * 2 ** task.attempts));
      const { id: _id, createdAt: _createdAt, ...rest } = task;
      await db.syncTask.upsert({
        where: { shop_kind_resourceId: { shop: task.shop, kind: task.kind, resourceId: task.resourceId } },
        create: { ...rest, attempts: task.attempts + 1, runAfter: retryAt, lastError: error instanceof Error ? error.message : String(error) },
        update: {},
      });
    }
  }
  return done;
}
