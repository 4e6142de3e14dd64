import type { Prisma, PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { parseMoney } from "@throughline/shopify-common/money";
import { pullOrders, pullProducts } from "./pull.server";
import { saveOrders, saveProducts } from "./store-records.server";

// Webhooks don't do the work: they queue a job (in the same transaction as the delivery id, so a
// repeated delivery adds nothing, and an acknowledged delivery is never a lost task) and are
// answered at once. The job ("webhook-task", app/jobs/registry.server.ts) then runs here: an order
// or product is read again from the Admin API and stored unless the stored copy is newer. A cost
// change needs no job: its payload is applied with the acknowledgement (applyCostChange). A failing task is retried with backoff
// and, past its last attempt, kept as a failed job with its error (`cli jobs --failed`).

export type TaskKind = "order" | "product" | "product_delete" | "inventory_item";

export interface NewTask {
  shop: string;
  kind: TaskKind;
  resourceId: string;
  updatedAt?: Date | null;
  payload?: string | null;
}

/** A task as a job carries it (JSON: the time as ISO text). */
export interface WebhookTask {
  shop: string;
  kind: TaskKind;
  resourceId: string;
  updatedAt: string | null;
  payload: string | null;
}

export const WEBHOOK_TASK_JOB = "webhook-task";

/**
 * The job for a webhook's task. Tasks of one order or product share a key: a later delivery merges
 * into a task still waiting (the task re-reads the current state anyway). A cost change carries its
 * value, so each one is its own task, keyed by its time; the newest wins when they run.
 */
export function taskJob(task: NewTask, now: Date): { name: typeof WEBHOOK_TASK_JOB; data: Record<string, unknown> & WebhookTask } {
  const resourceId = task.kind === "inventory_item" ? `${task.resourceId}@${task.updatedAt?.toISOString() ?? now.toISOString()}` : task.resourceId;
  return {
    name: WEBHOOK_TASK_JOB,
    data: { shop: task.shop, kind: task.kind, resourceId, updatedAt: task.updatedAt?.toISOString() ?? null, payload: task.payload ?? null },
  };
}

export const taskKey = (task: WebhookTask) => `task:${task.shop}:${task.kind}:${task.resourceId}`;

/**
 * The previous version's table of pending tasks: rows a deploy found there, for
 * `pendingLegacyTasks` to turn into jobs.
 */
export function enqueueTask(db: PrismaClient | Prisma.TransactionClient, task: NewTask, now: Date) {
  const resourceId = task.kind === "inventory_item" ? `${task.resourceId}@${task.updatedAt?.toISOString() ?? now.toISOString()}` : task.resourceId;
  return db.syncTask.upsert({
    where: { shop_kind_resourceId: { shop: task.shop, kind: task.kind, resourceId } },
    create: { ...task, resourceId, updatedAt: task.updatedAt ?? null, payload: task.payload ?? null, runAfter: now },
    update: { runAfter: now },
  });
}

/** Takes the rows of the former SyncTask table as webhook tasks to queue (a deploy loses none). */
export async function takeLegacyTasks(db: PrismaClient): Promise<WebhookTask[]> {
  const rows = await db.syncTask.findMany({ orderBy: { id: "asc" } });
  if (rows.length > 0) await db.syncTask.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
  return rows.map((row) => ({
    shop: row.shop,
    kind: row.kind as TaskKind,
    resourceId: row.resourceId,
    updatedAt: row.updatedAt?.toISOString() ?? null,
    payload: row.payload,
  }));
}

const legacyId = (gid: string) => gid.split("/").pop();

/** Runs one task against the store's current state. */
export async function runTask(db: PrismaClient, client: AdminClient, task: WebhookTask, now: Date): Promise<void> {
  const shop = task.shop;
  const updatedAt = task.updatedAt ? new Date(task.updatedAt) : null;
  switch (task.kind) {
    case "order":
      for await (const page of pullOrders(client, { query: `id:${legacyId(task.resourceId)}`, first: 1 })) await saveOrders(db, shop, page);
      return;
    case "product": {
      let found = false;
      for await (const page of pullProducts(client, { query: `id:${legacyId(task.resourceId)}`, first: 1 })) {
        found ||= page.length > 0;
        await saveProducts(db, shop, page);
      }
      // Gone by the time we asked: a deletion the products/delete webhook will confirm.
      if (!found) await db.product.updateMany({ where: { shop, id: task.resourceId, deletedAt: null }, data: { deletedAt: now } });
      return;
    }
    case "product_delete":
      await db.product.updateMany({ where: { shop, id: task.resourceId, deletedAt: null }, data: { deletedAt: updatedAt ?? now } });
      return;
    case "inventory_item": {
      // Tasks queued by a version that didn't yet apply cost changes on receipt.
      const { cost } = JSON.parse(task.payload ?? "{}") as { cost?: string | null };
      await applyCostChange(db, { shop, inventoryItemId: task.resourceId.split("@")[0]!, cost: cost ?? null, changedAt: updatedAt ?? now });
      return;
    }
  }
}

export interface CostChange {
  shop: string;
  inventoryItemId: string;
  /** Shopify's decimal text; null when the cost was cleared. */
  cost: string | null;
  changedAt: Date;
}

/**
 * A cost change, applied unless a later one was. The webhook's payload carries the cost, so it needs
 * no call to Shopify and is applied when the delivery is acknowledged, in its transaction: an order
 * Shopify sends after the change then finds the new cost when its task stores its lines (a line keeps
 * the cost it was first stored with), whichever process and whenever that task runs.
 */
export function applyCostChange(db: PrismaClient | Prisma.TransactionClient, change: CostChange) {
  return db.variant.updateMany({
    where: { shop: change.shop, inventoryItemId: change.inventoryItemId, OR: [{ costUpdatedAt: null }, { costUpdatedAt: { lte: change.changedAt } }] },
    data: { unitCost: change.cost == null ? null : parseMoney(change.cost), costUpdatedAt: change.changedAt },
  });
}
