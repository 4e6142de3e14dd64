import { EventEmitter } from "node:events";
import type { PrismaClient, SyncRun } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { rebuildRollups, refreshRollups } from "~/indicators/rollups.server";
import { SHOP_DETAILS, STORE_COUNTS } from "../sync-documents";
import { mapShopDetails } from "../map-admin";
import { saveShopDetails } from "../store-records.server";
import { parsedBatches } from "./batches";
import { BulkStore } from "./bulk-store.server";
import { BULK_ORDERS_QUERY, BULK_PRODUCTS_QUERY, BULK_RUN, BULK_STATUS } from "./bulk-documents";
import { completeRefundLines } from "./refund-lines.server";
import { storeMessage } from "~/i18n/stored-message";
import { BulkOperationFailed, bulkFailure, describeSyncError, retried } from "../sync-messages";

// A full copy of a store through bulk operations: Shopify reads every product and every order
// into a JSONL file; the app streams each file into the database in large transactions, each with
// its byte checkpoint, so a stopped import resumes where it was. Refund line items (which a bulk
// query can't select) are read afterwards with paged queries.

/** Woken by the bulk_operations/finish webhook, so a finished operation isn't left to the next poll. */
export const bulkOperationEvents = new EventEmitter();
bulkOperationEvents.setMaxListeners(100);

export { BulkOperationFailed };

export interface BackfillOptions {
  db: PrismaClient;
  client: AdminClient;
  /** The database the bulk store writes to (the one `db` uses). */
  databaseUrl: string;
  now?: () => Date;
  /** Longest wait between two status polls. */
  maxPollMs?: number;
  /** JSONL lines per transaction. */
  batchLines?: number;
  fetch?: typeof fetch;
  onProgress?: (run: SyncRun) => void;
  /** A run whose heartbeat is older than this is taken over (its process stopped). */
  staleAfterMs?: number;
  /** Filled with where the time went (benchmarks). */
  timings?: BackfillTimings;
}

export interface BackfillTimings {
  /** Waiting for Shopify to finish the exports. */
  waitMs: number;
  /** Downloading, parsing and storing the JSONL files. */
  ingestMs: number;
  /** Reading refund line items afterwards. */
  refundsMs: number;
  /** Building the indicator rollups from the finished copy. */
  indicatorsMs: number;
  bytes: number;
}

const MAX_ATTEMPTS = 3;
type Kind = "products" | "orders";
const OPERATION = { products: "productsOperation", orders: "ordersOperation" } as const;
const CHECKPOINT = { products: "productsCheckpoint", orders: "ordersCheckpoint" } as const;
const QUERY = { products: BULK_PRODUCTS_QUERY, orders: BULK_ORDERS_QUERY } as const;

export async function runBackfill(options: BackfillOptions): Promise<SyncRun> {
  const { db, client } = options;
  const now = options.now ?? (() => new Date());
  const shop = client.shop;

  const details = mapShopDetails(await client.request(SHOP_DETAILS, {}));
  await saveShopDetails(db, { ...details, shop });

  let run = await claimRun(db, shop, now(), options.staleAfterMs ?? 120_000);
  // Bulk rows bypass the per-order rollup refresh: the indicators are rebuilt once the copy is whole.
  await db.shop.update({ where: { shop }, data: { rollupTimeZone: null } });
  if (run.ordersExpected === null) {
    const counts = await client.request(STORE_COUNTS, {});
    run = await db.syncRun.update({
      where: { id: run.id },
      data: { ordersExpected: counts.ordersCount?.count ?? null, productsExpected: counts.productsCount?.count ?? null },
    });
  }
  const report = (next: SyncRun) => {
    run = next;
    options.onProgress?.(next);
  };
  report(run);

  const store = await BulkStore.open(options.databaseUrl);
  try {
    // Both operations run at once on Shopify's side (five may run per shop since 2026-01).
    for (const kind of ["products", "orders"] as const) if (!run[OPERATION[kind]]) report(await startOperation(db, client, run, kind, now));

    for (const kind of ["products", "orders"] as const) {
      if (phaseIndex(run.phase) > phaseIndex(kind)) continue;
      report(await db.syncRun.update({ where: { id: run.id }, data: { phase: kind, stepStartedAt: now(), exportedRoots: 0, heartbeatAt: now() } }));
      report(await importOperation({ ...options, now, store, kind, run, report }));
    }

    // The indicators as soon as the orders are stored: the dashboard shows them while refund details
    // are still read (newest first), each batch making its days exact as it arrives.
    if (phaseIndex(run.phase) <= phaseIndex("indicators")) {
      report(await db.syncRun.update({ where: { id: run.id }, data: { phase: "indicators", stepStartedAt: now(), heartbeatAt: now() } }));
      const indicatorsStarted = performance.now();
      await rebuildRollups(db, shop, () => void db.syncRun.update({ where: { id: run.id }, data: { heartbeatAt: now() } }).catch(() => undefined));
      if (options.timings) options.timings.indicatorsMs += performance.now() - indicatorsStarted;
    }

    // The refunds still to read (a resumed run counts those it read before).
    const refundsLeft = await db.refund.count({ where: { shop, linesComplete: false } });
    report(
      await db.syncRun.update({
        where: { id: run.id },
        data: { phase: "refunds", stepStartedAt: now(), refundsExpected: run.refundsDone + refundsLeft, heartbeatAt: now() },
      }),
    );
    const refundsStarted = performance.now();
    await completeRefundLines({ store, client, shop, runId: run.id, now, onStored: (instants) => refreshRollups(db, shop, { instants, customerIds: [] }) });
    if (options.timings) options.timings.refundsMs += performance.now() - refundsStarted;

    const finishedAt = now();
    await db.shop.update({ where: { shop }, data: { lastSyncAt: run.startedAt, lastSyncError: null, paymentsCopiedAt: finishedAt } });
    report(await db.syncRun.update({ where: { id: run.id }, data: { status: "succeeded", phase: "done", finishedAt, heartbeatAt: finishedAt } }));
    return run;
  } catch (error) {
    const failed = await db.syncRun.update({
      where: { id: run.id },
      data: { status: "failed", finishedAt: now(), error: storeMessage(describeSyncError(error)) },
    });
    report(failed);
    throw error;
  } finally {
    store.close();
  }
}

const PHASES = ["products", "orders", "indicators", "refunds", "done"];
const phaseIndex = (phase: string) => PHASES.indexOf(phase);

/** The run to continue: this shop's unfinished backfill if its process stopped, else a new one. */
async function claimRun(db: PrismaClient, shop: string, at: Date, staleAfterMs: number): Promise<SyncRun> {
  const open = await db.syncRun.findFirst({ where: { shop, kind: "backfill", status: "running" }, orderBy: { id: "desc" } });
  if (open) {
    if (at.getTime() - open.heartbeatAt.getTime() < staleAfterMs) {
      throw new Error(`A backfill of ${shop} is already running (run ${open.id})`);
    }
    return db.syncRun.update({ where: { id: open.id }, data: { heartbeatAt: at } });
  }
  return db.syncRun.create({ data: { shop, kind: "backfill", status: "running", phase: "products", startedAt: at, heartbeatAt: at } });
}

async function startOperation(db: PrismaClient, client: AdminClient, run: SyncRun, kind: Kind, now: () => Date): Promise<SyncRun> {
  for (let attempt = 0; ; attempt++) {
    const { bulkOperationRunQuery: result } = await client.request(BULK_RUN, { query: QUERY[kind] });
    const operation = result?.bulkOperation;
    if (operation) {
      return db.syncRun.update({
        where: { id: run.id },
        data: { [OPERATION[kind]]: operation.id, [CHECKPOINT[kind]]: 0n, heartbeatAt: now() },
      });
    }
    const errors = result?.userErrors ?? [];
    const busy = errors.some((e) => e.code === "LIMIT_REACHED" || e.code === "OPERATION_IN_PROGRESS");
    if (!busy || attempt >= 20) throw new Error(`Shopify did not start the ${kind} export: ${errors.map((e) => e.message).join("; ") || "no reason given"}`);
    await sleep(Math.min(30_000, 1000 * 2 ** attempt));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for an operation to end: polls with growing pauses, or wakes on its finish webhook. */
async function waitForOperation(client: AdminClient, id: string, maxPollMs: number, onPoll: (exportedRoots: number) => Promise<void>) {
  let pause = 100;
  for (;;) {
    const { bulkOperation } = await client.request(BULK_STATUS, { id });
    if (!bulkOperation || !["CREATED", "RUNNING", "CANCELING"].includes(bulkOperation.status)) return bulkOperation;
    await onPoll(Number(bulkOperation.rootObjectCount));
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        bulkOperationEvents.off(id, wake);
        resolve();
      }, pause);
      bulkOperationEvents.once(id, wake);
    });
    pause = Math.min(maxPollMs, Math.round(pause * 1.5));
  }
}

interface ImportArgs extends BackfillOptions {
  now: () => Date;
  store: BulkStore;
  kind: Kind;
  run: SyncRun;
  report: (run: SyncRun) => void;
}

async function importOperation(args: ImportArgs): Promise<SyncRun> {
  const { db, client, kind, store, now } = args;
  let run = args.run;
  for (;;) {
    const id = run[OPERATION[kind]]!;
    const waitStarted = performance.now();
    // How far Shopify's export got is the owner's progress while it runs.
    const operation = await waitForOperation(client, id, args.maxPollMs ?? 5000, async (exportedRoots) => {
      args.report((run = await db.syncRun.update({ where: { id: run.id }, data: { exportedRoots, heartbeatAt: now() } })));
    });
    if (args.timings) args.timings.waitMs += performance.now() - waitStarted;
    if (operation?.status === "COMPLETED") {
      // Storing what Shopify exported is the next step the owner sees.
      args.report(
        (run = await db.syncRun.update({
          where: { id: run.id },
          data: { exportedRoots: Number(operation.rootObjectCount), stepStartedAt: now(), heartbeatAt: now() },
        })),
      );
      if (operation.url) run = await ingest({ ...args, run }, operation.url);
      return run;
    }
    // Failed, cancelled, expired or gone: keep what it produced, then ask again (a few times).
    const code = operation?.errorCode ?? null;
    if (operation?.partialDataUrl) run = await ingest({ ...args, run }, operation.partialDataUrl);
    if (code === "ACCESS_DENIED" || run.attempts + 1 >= MAX_ATTEMPTS) throw new BulkOperationFailed(bulkFailure(kind, code), code);
    run = await db.syncRun.update({
      where: { id: run.id },
      data: { attempts: { increment: 1 }, warning: storeMessage(retried(bulkFailure(kind, code))) },
    });
    run = await startOperation(db, client, run, kind, now);
    args.report(run);
  }
}

async function ingest(args: ImportArgs, url: string): Promise<SyncRun> {
  const { store, kind, now } = args;
  let run = args.run;
  const counts = { objects: run.objectsDone, orders: run.ordersDone, products: run.productsDone };
  const startOffset = Number(run[CHECKPOINT[kind]]);
  let end = startOffset;
  const started = performance.now();
  const batches = parsedBatches({ url, start: startOffset, shop: run.shop, batchLines: args.batchLines ?? 4000, fetch: args.fetch });
  for await (const parsed of batches) {
    counts.objects += parsed.lines;
    counts.orders += parsed.orders;
    counts.products += parsed.products;
    end = parsed.end;
    await store.write(parsed.batch, { runId: run.id, column: CHECKPOINT[kind], bytes: end, ...counts }, now());
    // The row now holds what was just written; report it without reading it back.
    run = {
      ...run,
      [CHECKPOINT[kind]]: BigInt(end),
      objectsDone: counts.objects,
      ordersDone: counts.orders,
      productsDone: counts.products,
      heartbeatAt: now(),
    };
    args.report(run);
  }
  if (args.timings) {
    args.timings.ingestMs += performance.now() - started;
    args.timings.bytes += end - startOffset;
  }
  return run;
}
