// npm run bench:webhooks -- [--count N]
//
// How fast the app acknowledges a sync webhook: N signed orders/updated deliveries (default 500)
// posted to the route action over HTTP on loopback, one at a time and then 20 at once, into a fresh
// SQLite database. The work itself is queued as a task; this measures the answer Shopify waits for.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { webhookDeliveryHeaders } from "@throughline/devstore";

const { values } = parseArgs({ options: { count: { type: "string" } } });
const count = Number(values.count ?? 500);
if (!Number.isInteger(count) || count <= 0) {
  console.error(`bench:webhooks: --count must be a positive integer, not "${values.count}"`);
  process.exit(2);
}

const dir = path.resolve("tmp/bench");
mkdirSync(dir, { recursive: true });
const database = path.join(dir, "webhooks.sqlite");
for (const suffix of ["", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
process.env.DATABASE_URL = `file:${database}`;
process.env.THROUGHLINE_SCHEDULER = "off";
execFileSync("prisma", ["migrate", "deploy"], { env: process.env, stdio: "ignore" });
const { enableWriteAheadLog } = await import("./database-setup");
enableWriteAheadLog(process.env.DATABASE_URL);

const { action } = await import("~/routes/webhooks.sync");
// Webhooks are stored only for a shop the app knows: the bench store is one.
const { default: db } = await import("~/db.server");
await db.shop.create({ data: { shop: "bench-store.myshopify.com", name: "Bench store", currencyCode: "EUR", ianaTimezone: "UTC" } });
const { env } = await import("~/env.server");
const secret = env().apiSecret;
const appUrl = "http://127.0.0.1";

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  let response: Response;
  try {
    response = await action({ request: new Request(`${appUrl}${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }), params: {}, context: {} });
  } catch (thrown) {
    response = thrown instanceof Response ? thrown : new Response(String(thrown), { status: 500 });
  }
  res.writeHead(response.status);
  res.end(await response.text());
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sync`;

async function deliver(n: number): Promise<number> {
  const body = JSON.stringify({ id: n, admin_graphql_api_id: `gid://shopify/Order/${n}`, updated_at: new Date().toISOString() });
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: webhookDeliveryHeaders({ topic: "orders/updated", shop: "bench-store.myshopify.com", secret }, body),
  });
  await response.text();
  if (response.status !== 200) throw new Error(`delivery ${n} got HTTP ${response.status}`);
  return performance.now() - started;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const report = (label: string, times: number[]) =>
  console.log(
    `  ${label.padEnd(22)} p50 ${percentile(times, 50).toFixed(1)} ms · p95 ${percentile(times, 95).toFixed(1)} ms · max ${Math.max(...times).toFixed(1)} ms`,
  );

for (let i = 0; i < 20; i++) await deliver(1_000_000 + i); // warm-up
const sequential: number[] = [];
for (let i = 0; i < count; i++) sequential.push(await deliver(i % 200));
const concurrent: number[] = [];
for (let i = 0; i < count; i += 20) concurrent.push(...(await Promise.all(Array.from({ length: 20 }, (_, k) => deliver(2_000_000 + i + k)))));

console.log(`bench:webhooks — ${count} deliveries each way (orders/updated, queued as tasks)`);
report("one at a time", sequential);
report("20 at once", concurrent);
server.close();
// The tasks wait as jobs in the queue (the bench runs none of them), counted through it.
const { jobQueue } = await import("~/jobs/jobs.server");
const queued = await jobQueue(db).list({ states: ["queued"], limit: 1_000_000 });
const orders = new Set(queued.map((job) => job.key)).size;
console.log(`  tasks queued           ${queued.length}, for ${orders} orders (an order's waiting tasks are done by one run)`);
await db.$disconnect();
