import { EventEmitter } from "node:events";
import type { PrismaClient, SyncExport, SyncRun } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { rebuildRollups, refreshRollups } from "~/indicators/rollups.server";
import { SHOP_DETAILS, STORE_COUNTS } from "../sync-documents";
import { mapShopDetails } from "../map-admin";
import { saveShopDetails } from "../store-records.server";
import { parsedBatches } from "./batches";
import { BulkStore } from "./bulk-store.server";
import { BULK_PRODUCTS_QUERY, BULK_RUN, BULK_STATUS, bulkOrdersQuery, FIRST_ORDER_CREATED, ORDERS_IN_SPAN } from "./bulk-documents";
import { completeRefundLines } from "./refund-lines.server";
import { env } from "~/env.server";
import { storeMessage } from "~/i18n/stored-message";
import { BulkOperationFailed, bulkFailure, describeSyncError, retried } from "../sync-messages";

// A full copy of a store through bulk operations: Shopify reads every product and every order
// into JSONL files; the app streams each file into the database in large transactions, each with
// its byte checkpoint, so a stopped import resumes where it was. A large store's orders are
// exported in spans of creation dates, several at once (Shopify runs five bulk operations per shop),
// each stored as soon as it is finished while Shopify still exports the others (decision 028).
// Refund line items (which a bulk query can't select) are read afterwards with paged queries.

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
  /** Orders per export span: a store with more is exported in several spans (at most MAX_ORDER_SPANS). */
  ordersPerExport?: number;
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
/** Orders per span of a first copy, and the most spans: storing one span while Shopify exports the next. */
export const ORDERS_PER_EXPORT = 125_000;
export const MAX_ORDER_SPANS = 8;
/** Bulk operations Shopify runs at once per shop (from API 2026-01). */
const MAX_RUNNING = 5;

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
    const exports = await planExports(db, client, run, options.ordersPerExport ?? env().bulkOrdersPerExport ?? ORDERS_PER_EXPORT);
    const args = { ...options, now, store, report, run: () => run, exports };
    // Products and the first spans of orders are exported at once; the products are stored first.
    await startExports(args);
    if (phaseIndex(run.phase) <= phaseIndex("products")) {
      report(await db.syncRun.update({ where: { id: run.id }, data: { phase: "products", stepStartedAt: now(), exportedRoots: 0, heartbeatAt: now() } }));
      await storeExports(args, "products");
    }
    if (phaseIndex(run.phase) <= phaseIndex("orders")) {
      report(await db.syncRun.update({ where: { id: run.id }, data: { phase: "orders", stepStartedAt: now(), exportedRoots: 0, heartbeatAt: now() } }));
      await storeExports(args, "orders");
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

/**
 * The run's exports: those it recorded (a resumed run), or new ones, the products and the orders in
 * spans of creation dates, equal in time from the first order to the run's start; the first and the
 * last are open, so no order falls outside them.
 */
async function planExports(db: PrismaClient, client: AdminClient, run: SyncRun, ordersPerExport: number): Promise<SyncExport[]> {
  const recorded = await db.syncExport.findMany({ where: { runId: run.id }, orderBy: [{ kind: "asc" }, { position: "asc" }] });
  // A run past its exports (resumed in the indicators or the refunds) needs none.
  if (recorded.length > 0 || phaseIndex(run.phase) > phaseIndex("orders")) return recorded;
  const spans = Math.min(MAX_ORDER_SPANS, Math.max(1, Math.ceil((run.ordersExpected ?? 0) / ordersPerExport)));
  const first = spans > 1 ? (await client.request(FIRST_ORDER_CREATED, {})).orders.nodes[0]?.createdAt : undefined;
  const searches = first ? orderSpans(Date.parse(first as string), run.startedAt.getTime(), spans) : [null];
  // Equal stretches of time hold unequal orders (a season, a growing store): each is counted, so the
  // largest are exported first and the last one stored, which the dashboard waits for, is small.
  const counts: (number | null)[] = [];
  for (const search of searches) counts.push(search === null ? null : ((await client.request(ORDERS_IN_SPAN, { search })).ordersCount?.count ?? null));
  await db.syncExport.createMany({
    data: [
      { shop: run.shop, runId: run.id, kind: "products", position: 0 },
      ...searches.map((search, position) => ({ shop: run.shop, runId: run.id, kind: "orders", position, search, expectedRoots: counts[position] })),
    ],
  });
  return db.syncExport.findMany({ where: { runId: run.id }, orderBy: [{ kind: "asc" }, { position: "asc" }] });
}

/**
 * Shopify search filters that split the orders created from `from` to `to` into `spans` equal stretches
 * of time; the first is open before, the last after, so every order is in exactly one.
 */
export function orderSpans(from: number, to: number, spans: number): string[] {
  const bound = (i: number) => new Date(from + ((to - from) * i) / spans).toISOString().replace(/\.\d{3}Z$/, "Z");
  return Array.from({ length: spans }, (_, i) =>
    [i > 0 ? `created_at:>='${bound(i)}'` : "", i < spans - 1 ? `created_at:<'${bound(i + 1)}'` : ""].filter(Boolean).join(" "),
  );
}

interface ExportArgs extends BackfillOptions {
  now: () => Date;
  store: BulkStore;
  run: () => SyncRun;
  report: (run: SyncRun) => void;
  /** The run's exports, kept current as they start and are stored. */
  exports: SyncExport[];
}

const queryOf = (entry: SyncExport) => (entry.kind === "products" ? BULK_PRODUCTS_QUERY : bulkOrdersQuery(entry.search));

/** Starts exports not yet started while Shopify has room: the products, then the largest spans of orders (the newest of equals). */
async function startExports(args: ExportArgs): Promise<void> {
  const size = (entry: SyncExport) => entry.expectedRoots ?? 0;
  const waiting = args.exports
    .filter((entry) => !entry.stored && !entry.operationId)
    .sort((a, b) => (a.kind !== b.kind ? (a.kind === "products" ? -1 : 1) : size(b) - size(a) || b.position - a.position));
  for (const entry of waiting) {
    if (args.exports.filter((other) => !other.stored && other.operationId).length >= MAX_RUNNING) return;
    await startOperation(args, entry);
  }
}

async function startOperation(args: ExportArgs, entry: SyncExport): Promise<void> {
  const { db, client, now } = args;
  for (let attempt = 0; ; attempt++) {
    const { bulkOperationRunQuery: result } = await client.request(BULK_RUN, { query: queryOf(entry) });
    const operation = result?.bulkOperation;
    if (operation) {
      replace(args.exports, await db.syncExport.update({ where: { id: entry.id }, data: { operationId: operation.id, checkpoint: 0n, exportedRoots: 0 } }));
      await db.syncRun.update({ where: { id: entry.runId }, data: { heartbeatAt: now() } });
      return;
    }
    const errors = result?.userErrors ?? [];
    const busy = errors.some((e) => e.code === "LIMIT_REACHED" || e.code === "OPERATION_IN_PROGRESS");
    if (!busy || attempt >= 20)
      throw new Error(`Shopify did not start the ${entry.kind} export: ${errors.map((e) => e.message).join("; ") || "no reason given"}`);
    await sleep(Math.min(30_000, 1000 * 2 ** attempt));
  }
}

function replace(exports: SyncExport[], updated: SyncExport): void {
  exports.splice(
    exports.findIndex((entry) => entry.id === updated.id),
    1,
    updated,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Operation = NonNullable<Awaited<ReturnType<typeof operationStatus>>>;
const operationStatus = async (client: AdminClient, id: string) => (await client.request(BULK_STATUS, { id })).bulkOperation;
const isRunning = (operation: Operation | null | undefined) => !!operation && ["CREATED", "RUNNING", "CANCELING"].includes(operation.status);

/**
 * Stores every export of a kind, each as soon as Shopify has finished it, starting the next spans as
 * room frees. While they run, how far Shopify's exports got is the owner's progress.
 */
async function storeExports(args: ExportArgs, kind: Kind): Promise<void> {
  const { db, client, now } = args;
  let pause = 100;
  for (;;) {
    const left = args.exports.filter((entry) => entry.kind === kind && !entry.stored);
    if (left.length === 0) return;
    await startExports(args);
    const started = args.exports.filter((entry) => entry.kind === kind && !entry.stored && entry.operationId);
    const waitStarted = performance.now();
    let finished: { entry: SyncExport; operation: Operation | null } | null = null;
    for (const entry of started) {
      const operation = (await operationStatus(client, entry.operationId!)) ?? null;
      if (!isRunning(operation)) {
        finished = { entry, operation };
        break;
      }
      if (Number(operation!.rootObjectCount) !== entry.exportedRoots)
        replace(args.exports, await db.syncExport.update({ where: { id: entry.id }, data: { exportedRoots: Number(operation!.rootObjectCount) } }));
    }
    if (!finished) {
      // The stored spans' orders and the running ones' exported so far.
      const exportedRoots = args.exports.filter((entry) => entry.kind === kind).reduce((sum, entry) => sum + entry.exportedRoots, 0);
      args.report(await db.syncRun.update({ where: { id: args.run().id }, data: { exportedRoots, heartbeatAt: now() } }));
      await wake(
        started.map((entry) => entry.operationId!),
        pause,
      );
      pause = Math.min(args.maxPollMs ?? 5000, Math.round(pause * 1.5));
      if (args.timings) args.timings.waitMs += performance.now() - waitStarted;
      continue;
    }
    if (args.timings) args.timings.waitMs += performance.now() - waitStarted;
    pause = 100;
    await storeFinished(args, finished.entry, finished.operation);
  }
}

/** Waits for the pause, or less when one of the operations' bulk_operations/finish webhook comes. */
function wake(ids: string[], pause: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const id of ids) bulkOperationEvents.off(id, done);
      resolve();
    };
    const timer = setTimeout(done, pause);
    for (const id of ids) bulkOperationEvents.once(id, done);
  });
}

/** Stores a finished export; a failed, cancelled or expired one keeps what it produced and is asked again (a few times). */
async function storeFinished(args: ExportArgs, entry: SyncExport, operation: Operation | null): Promise<void> {
  const { db, now } = args;
  if (operation?.status === "COMPLETED") {
    // Storing what Shopify exported is the step the owner sees from the first file on: its pace is
    // counted from then.
    const run = args.run();
    if ((entry.kind === "orders" ? run.ordersDone : run.productsDone) === 0)
      args.report(await db.syncRun.update({ where: { id: run.id }, data: { stepStartedAt: now(), heartbeatAt: now() } }));
    if (operation.url) await ingest(args, entry, operation.url);
    replace(args.exports, await db.syncExport.update({ where: { id: entry.id }, data: { stored: true, exportedRoots: Number(operation.rootObjectCount) } }));
    return;
  }
  const code = operation?.errorCode ?? null;
  if (operation?.partialDataUrl) await ingest(args, entry, operation.partialDataUrl);
  const run = args.run();
  if (code === "ACCESS_DENIED" || run.attempts + 1 >= MAX_ATTEMPTS) throw new BulkOperationFailed(bulkFailure(entry.kind as Kind, code), code);
  args.report(
    await db.syncRun.update({
      where: { id: run.id },
      data: { attempts: { increment: 1 }, warning: storeMessage(retried(bulkFailure(entry.kind as Kind, code))) },
    }),
  );
  await startOperation(args, entry);
}

async function ingest(args: ExportArgs, entry: SyncExport, url: string): Promise<void> {
  const { store, now } = args;
  let run = args.run();
  const counts = { objects: run.objectsDone, orders: run.ordersDone, products: run.productsDone };
  const startOffset = Number(args.exports.find((other) => other.id === entry.id)!.checkpoint);
  let end = startOffset;
  const started = performance.now();
  const batches = parsedBatches({ url, start: startOffset, shop: run.shop, batchLines: args.batchLines ?? 4000, fetch: args.fetch });
  for await (const parsed of batches) {
    counts.objects += parsed.lines;
    counts.orders += parsed.orders;
    counts.products += parsed.products;
    end = parsed.end;
    await store.write(parsed.batch, { runId: run.id, exportId: entry.id, bytes: end, ...counts }, now());
    // The rows now hold what was just written; report it without reading it back.
    run = { ...run, objectsDone: counts.objects, ordersDone: counts.orders, productsDone: counts.products, heartbeatAt: now() };
    args.report(run);
  }
  replace(args.exports, { ...args.exports.find((other) => other.id === entry.id)!, checkpoint: BigInt(end) });
  if (args.timings) {
    args.timings.ingestMs += performance.now() - started;
    args.timings.bytes += end - startOffset;
  }
}
