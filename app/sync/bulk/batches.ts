import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { env } from "~/env.server";
import { downloadJsonl } from "./jsonl.ts";
import { addBulkLine, type Batch } from "./rows.ts";

// A result file as batches of rows: parsed in a worker thread while the caller writes the previous
// batch (parsing and writing take about as long as each other), or in this thread when a worker
// can't start (a custom fetch in tests, or the worker file isn't shipped).

export interface ParsedBatch {
  batch: Batch;
  /** File offset after the batch's last line. */
  end: number;
  lines: number;
  orders: number;
  products: number;
}

export interface BatchSource {
  url: string;
  start: number;
  shop: string;
  batchLines: number;
  fetch?: typeof fetch;
}

function workerFile(): string | null {
  const candidates = [path.resolve("app/sync/bulk/parse-worker.ts")];
  try {
    candidates.unshift(fileURLToPath(new URL("./parse-worker.ts", import.meta.url)));
  } catch {
    // bundled: import.meta.url is the bundle's
  }
  return candidates.find((file) => existsSync(file)) ?? null;
}

async function* inThread({ url, start, shop, batchLines, fetch: fetchImpl }: BatchSource): AsyncGenerator<ParsedBatch> {
  let current: ParsedBatch = { batch: {}, end: start, lines: 0, orders: 0, products: 0 };
  for await (const line of downloadJsonl(url, start, fetchImpl)) {
    const what = addBulkLine(current.batch, shop, line.value);
    if (what === "order") current.orders++;
    else if (what === "product") current.products++;
    current.end = line.end;
    if (++current.lines >= batchLines) {
      yield current;
      current = { batch: {}, end: current.end, lines: 0, orders: 0, products: 0 };
    }
  }
  if (current.lines > 0) yield current;
}

async function* inWorker(file: string, source: BatchSource): AsyncGenerator<ParsedBatch> {
  const worker = new Worker(file, {
    workerData: { url: source.url, start: source.start, shop: source.shop, batchLines: source.batchLines },
    // Parsing makes short-lived garbage: a small heap keeps the import's memory flat.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
  });
  const queue: (ParsedBatch | { done: true } | { error: string })[] = [];
  let notify: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on("message", (message) => {
    queue.push(message);
    notify?.();
  });
  worker.on("error", (error) => {
    failure = error;
    notify?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (notify = resolve));
      if (failure) throw failure;
      const message = queue.shift()!;
      if ("done" in message) return;
      if ("error" in message) throw new Error(message.error);
      // Ask for the next batch before writing this one: parsing and writing overlap.
      worker.postMessage("more");
      yield message;
    }
  } finally {
    await worker.terminate();
  }
}

export function parsedBatches(source: BatchSource): AsyncGenerator<ParsedBatch> {
  const file = source.fetch || !env().bulkWorker ? null : workerFile();
  return file ? inWorker(file, source) : inThread(source);
}
