// The bulk import's second thread: downloads a result file, parses each line and maps it to rows,
// and hands the main thread (which writes to the database) one batch at a time, at most two ahead.
// Node runs this file directly (type stripping): relative imports with their .ts extension only.
import { parentPort, workerData } from "node:worker_threads";
import { downloadJsonl } from "./jsonl.ts";
import { addBulkLine, type Batch } from "./rows.ts";

interface Job {
  url: string;
  start: number;
  shop: string;
  batchLines: number;
}

const job = workerData as Job;
const port = parentPort!;
let credits = 2;
let wake: (() => void) | null = null;
port.on("message", (message) => {
  if (message === "more") {
    credits++;
    wake?.();
  }
});

async function send(message: unknown) {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage(message);
}

try {
  let batch: Batch = {};
  let lines = 0;
  let orders = 0;
  let products = 0;
  let end = job.start;
  for await (const line of downloadJsonl(job.url, job.start)) {
    const what = addBulkLine(batch, job.shop, line.value);
    if (what === "order") orders++;
    else if (what === "product") products++;
    end = line.end;
    if (++lines >= job.batchLines) {
      await send({ batch, end, lines, orders, products });
      batch = {};
      lines = orders = products = 0;
    }
  }
  if (lines > 0) await send({ batch, end, lines, orders, products });
  port.postMessage({ done: true });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
