// npm run bench:load -- [--shops 500] [--orders 2000] [--clients 50] [--seconds 60] [--webhooks-per-second 20] [--rate N] [--profile]
//
// Many shops, two instances, one PostgreSQL. A store of N orders is generated, served by a devstore
// (Shopify's rate limits, one bucket per shop) and copied by `cli sync`; its rows are then cloned in SQL into
// the other shops (the same data under each shop's domain: what the queries read is the same size
// as N real stores). Two production servers (`npm start`'s app/serve.ts) run on that database
// behind a small round-robin proxy. For the given time, clients open the dashboard of a random shop
// with a valid session token, as Shopify admin does, while signed webhooks arrive at the given rate
// and the queue runs their jobs (and the scheduled reconciliation) on both instances.
//
// By default each client asks again as soon as it has its answer (the most the two instances can
// serve, and the latency at that saturation); `--rate N` paces the clients to N dashboards a second
// in all (the latency at that load).
//
// Reports dashboard requests/s and latency (p50/p95/p99), errors, webhook acknowledgements, the
// job backlog when the load stops and how long it takes to drain, and jobs run more than once
// (counted from both instances' JSON logs: each "job done" line names its job id).
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { GENERATOR_VERSION, webhookDeliveryHeaders, writeStoreFixture } from "@throughline/devstore";
import { adminHostParam, mintSessionToken } from "~/preview/session-token.server";
import { benchOptions } from "./bench-options";
import { freePort, startUntil, type Started } from "./processes";
import { freshBenchDatabase } from "./bench-database";

const { positive, flag, given } = benchOptions("bench:load", ["shops", "orders", "clients", "seconds", "webhooks-per-second", "rate"], ["profile"]);
const shopCount = positive("shops", 500);
const ordersPerShop = positive("orders", 2000);
const clients = positive("clients", 50);
const seconds = positive("seconds", 60);
const webhooksPerSecond = positive("webhooks-per-second", 20);
const rate = given("rate") ? positive("rate", 1) : null;
// --profile: each instance writes a CPU profile (open it in Chrome's DevTools) when it stops.
const profile = flag("profile");

const fmt = new Intl.NumberFormat("en");
const secondsText = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const dir = path.resolve("tmp/bench/load");
mkdirSync(dir, { recursive: true });
const shopName = (i: number) => `load-${String(i).padStart(4, "0")}.myshopify.com`;
const template = shopName(0);
const PG_SCHEMA = "pgboss";
const WARM_UP_SECONDS = 10;

// 1. PostgreSQL and a fresh database, migrated.
const url = await freshBenchDatabase("postgresql", "throughline_bench_load", "");
const secret = randomBytes(24).toString("hex");
const apiKey = `load-${randomBytes(6).toString("hex")}`;
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url,
  SHOPIFY_API_KEY: apiKey,
  SHOPIFY_API_SECRET: secret,
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
};
execFileSync("npx", ["tsx", "app/dev/database-setup.ts", "--migrate"], { env: appEnv, stdio: "inherit" });
execFileSync("npm", ["run", "--silent", "build"], { stdio: "pipe" });

const started: Started[] = [];
const stopAll = async () => {
  for (const child of started.reverse()) await child.stop();
};
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

try {
  // 2. One real store, copied by the CLI from a devstore.
  const fixture = path.join(dir, `load-store-v${GENERATOR_VERSION}-${ordersPerShop}.jsonl`);
  if (!existsSync(fixture)) await writeStoreFixture(fixture, { orders: ordersPerShop, seed: 21, shopDomain: template, shopName: "Load Store" });
  const devstorePort = await freePort();
  // One devstore answers for every shop; Shopify gives each shop its own cost bucket (2,000 points,
  // 100 a second), so this one's bucket is the sum of theirs.
  const limits = ["--bucket-size", String(2000 * shopCount), "--restore-rate", String(100 * shopCount)];
  started.push(
    await startUntil("npx", ["tsx", "app/cli/main.ts", "devstore", "--fixture", fixture, "--port", String(devstorePort), ...limits], {
      env: process.env,
      ready: /devstore: serving/,
      timeoutMs: 120_000,
    }),
  );
  const adminOrigin = `http://127.0.0.1:${devstorePort}`;
  let step = performance.now();
  execFileSync("npx", ["tsx", "app/cli/main.ts", "sync", "--shop", template, "--admin-origin", adminOrigin], { env: appEnv, stdio: "pipe" });
  console.log(`${template}: ${fmt.format(ordersPerShop)} orders copied from the devstore in ${secondsText(performance.now() - step)}`);

  // 3. Its rows cloned into the other shops, table by table, in SQL (ids of autoincrement columns new).
  step = performance.now();
  const db = new pg.Pool({ connectionString: url, max: 2 });
  const { Prisma } = await import("@prisma/client");
  const skip = new Set(["Session", "Job", "WebhookDelivery", "TokenRefreshLease", "SyncRun", "SyncTask"]);
  const others = `SELECT 'load-' || lpad(i::text, 4, '0') || '.myshopify.com' AS shop FROM generate_series(1, ${shopCount - 1}) i`;
  let cloned = 0;
  for (const model of Prisma.dmmf.datamodel.models) {
    if (skip.has(model.name) || !model.fields.some((field) => field.name === "shop")) continue;
    const columns = model.fields.filter(
      (field) =>
        field.kind === "scalar" && !(field.default && typeof field.default === "object" && "name" in field.default && field.default.name === "autoincrement"),
    );
    const list = columns.map((field) => `"${field.name}"`).join(", ");
    const select = columns.map((field) => (field.name === "shop" ? "s.shop" : `t."${field.name}"`)).join(", ");
    const result = await db.query(
      `INSERT INTO "${model.name}" (${list}) SELECT ${select} FROM "${model.name}" t CROSS JOIN (${others}) s WHERE t."shop" = $1`,
      [template],
    );
    cloned += result.rowCount ?? 0;
  }
  await db.query("ANALYZE");
  console.log(`cloned ${fmt.format(cloned)} rows into ${fmt.format(shopCount - 1)} more shops in ${secondsText(performance.now() - step)}`);

  // Each shop installed: its offline session and the owner's online session, sealed as the app seals them.
  step = performance.now();
  Object.assign(process.env, { DATABASE_URL: url, SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: secret, TOKEN_ENCRYPTION_KEY: appEnv.TOKEN_ENCRYPTION_KEY });
  const [{ Session }, { sessionStorage }] = await Promise.all([import("@shopify/shopify-api"), import("~/shopify.server")]);
  const offline = await sessionStorage.loadSession(`offline_${template}`);
  const owner = await sessionStorage.loadSession(`${template}_1`);
  if (!offline || !owner) throw new Error(`${template} has no sessions after its sync`);
  for (let i = 1; i < shopCount; i++) {
    const shop = shopName(i);
    await sessionStorage.storeSession(new Session({ ...offline.toObject(), id: `offline_${shop}`, shop }));
    await sessionStorage.storeSession(new Session({ ...owner.toObject(), id: `${shop}_1`, shop, expires: new Date(Date.now() + 86_400_000) }));
  }
  console.log(`sessions for ${fmt.format(shopCount)} shops in ${secondsText(performance.now() - step)}`);

  // 4. Two instances and a round-robin proxy in front (the app's URL).
  const proxyPort = await freePort();
  const base = `http://127.0.0.1:${proxyPort}`;
  const ports = [await freePort(), await freePort()];
  const logs: string[] = ["", ""];
  for (const [index, port] of ports.entries()) {
    const instance = await startUntil(
      process.execPath,
      [...(profile ? ["--cpu-prof", `--cpu-prof-dir=${dir}/profiles`] : []), "--import", "tsx", "app/serve.ts"],
      {
        env: { ...appEnv, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", SHOPIFY_APP_URL: base },
        ready: /serving on/,
        timeoutMs: 60_000,
      },
    );
    instance.child.stdout?.on("data", (chunk: Buffer) => (logs[index] += chunk.toString()));
    started.push(instance);
  }
  let turn = 0;
  const proxy = createServer((incoming, outgoing) => {
    const port = ports[turn++ % ports.length]!;
    const forward = httpRequest({ host: "127.0.0.1", port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(proxyPort, "127.0.0.1", resolve));

  // 5. Session tokens (as App Bridge gives them) and the order ids webhooks will name.
  const tokens = await Promise.all(
    Array.from({ length: shopCount }, (_, i) =>
      mintSessionToken({ shop: shopName(i), userId: "1", apiKey, apiSecret: secret, lifetimeSeconds: seconds + 600 }),
    ),
  );
  const orderIds = (await db.query<{ id: string }>(`SELECT "id" FROM "Order" WHERE "shop" = $1 LIMIT 500`, [template])).rows.map((row) => row.id);
  const dashboard = (i: number) => `/app?embedded=1&shop=${shopName(i)}&host=${adminHostParam(shopName(i))}&id_token=${tokens[i]}`;

  const webhookStatuses = new Map<number, number>();
  /** Each order a webhook named, by shop: each must have a task completed after the run. */
  const changed = new Set<string>();
  let sent = 0;
  const webhooks = setInterval(() => {
    const shop = shopName(Math.floor(Math.random() * shopCount));
    const order = orderIds[Math.floor(Math.random() * orderIds.length)]!;
    const body = JSON.stringify({ admin_graphql_api_id: order, updated_at: new Date().toISOString() });
    sent += 1;
    changed.add(`${shop} ${order}`);
    fetch(`${base}/webhooks/sync`, {
      method: "POST",
      body,
      headers: webhookDeliveryHeaders({ topic: "orders/updated", shop, secret, webhookId: randomUUID() }, body),
    })
      .then((response) => response.arrayBuffer().then(() => response.status))
      .catch(() => 0)
      .then((status) => webhookStatuses.set(status, (webhookStatuses.get(status) ?? 0) + 1));
  }, 1000 / webhooksPerSecond);

  // 6. The dashboard load (every answer's time kept, for exact percentiles), after a warm-up that
  // isn't counted: each instance's first few hundred pages run before V8 has compiled their code.
  const load = (duration: number, latencies: number[] | null) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const run = autocannon(
        {
          url: base,
          connections: clients,
          duration,
          ...(rate ? { overallRate: rate } : {}),
          headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" },
          requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: dashboard(Math.floor(Math.random() * shopCount)) }) }],
        },
        (error, finished) => (error ? reject(error) : resolve(finished)),
      );
      if (latencies) run.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    });
  const warmUp = await load(WARM_UP_SECONDS, null);
  const latencies: number[] = [];
  const result = await load(seconds, latencies);
  clearInterval(webhooks);

  // 7. The backlog, and how long the two instances take to drain it.
  const pending = async () =>
    Number(
      (await db.query<{ count: string }>(`SELECT count(*) FROM ${PG_SCHEMA}.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`))
        .rows[0]!.count,
    );
  const backlog = await pending();
  step = performance.now();
  while ((await pending()) > 0 && performance.now() - step < 10 * 60_000) await new Promise((resolve) => setTimeout(resolve, 500));
  const drainMs = performance.now() - step;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const states = (await db.query<{ state: string; count: string }>(`SELECT state, count(*) FROM ${PG_SCHEMA}.job GROUP BY state ORDER BY state`)).rows;

  const done = new Map<string, number>();
  const failures = new Map<string, number>();
  for (const line of logs.join("\n").split("\n")) {
    if (line.includes('"msg":"job attempt failed"')) {
      const { job, error } = JSON.parse(line) as { job?: string; error?: string };
      const key = `${job}: ${String(error).slice(0, 160)}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
    if (!line.includes('"msg":"job done"')) continue;
    const jobId = (JSON.parse(line) as { jobId?: string }).jobId;
    if (jobId) done.set(jobId, (done.get(jobId) ?? 0) + 1);
  }
  const twice = [...done.values()].filter((count) => count > 1).length;
  // Lost: an order a webhook named with no completed task for it (deliveries of one order that
  // arrive while its task still waits merge into that task, which reads the order afresh).
  const completedTasks = await db.query<{ shop: string; resource: string }>(
    `SELECT data->>'shop' AS shop, data->>'resourceId' AS resource FROM ${PG_SCHEMA}.job WHERE name = 'webhook-task' AND state = 'completed'`,
  );
  const covered = new Set(completedTasks.rows.map((row) => `${row.shop} ${row.resource}`));
  const lost = [...changed].filter((key) => !covered.has(key)).length;
  const errors = result.errors + result.timeouts + result.non2xx + warmUp.errors + warmUp.timeouts + warmUp.non2xx;

  console.log(
    `\nbench:load — ${fmt.format(shopCount)} shops × ${fmt.format(ordersPerShop)} orders on PostgreSQL, 2 instances behind a round-robin proxy, ${clients} clients${rate ? ` paced to ${rate} dashboards/s in all` : " asking as fast as they are answered"} for ${seconds} s, ${webhooksPerSecond} webhooks/s`,
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  const percentile = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(0) : "—");
  console.log(
    `  dashboard          ${fmt.format(result.requests.total)} requests, ${result.requests.average.toFixed(1)}/s · p50 ${percentile(50)} ms · p95 ${percentile(95)} ms · p99 ${percentile(99)} ms · max ${percentile(100)} ms`,
  );
  console.log(
    `  errors             ${errors} (non-2xx ${result.non2xx + warmUp.non2xx}, timeouts ${result.timeouts + warmUp.timeouts}, connection errors ${result.errors + warmUp.errors}; the ${WARM_UP_SECONDS} s warm-up's ${fmt.format(warmUp.requests.total)} requests included)`,
  );
  console.log(
    `  webhooks           ${fmt.format(sent)} sent: ${[...webhookStatuses].map(([status, count]) => `${status || "failed"} × ${fmt.format(count)}`).join(", ")}`,
  );
  console.log(`  job backlog        ${fmt.format(backlog)} due when the load stopped; drained in ${secondsText(drainMs)}`);
  console.log(
    `  jobs               ${states.map((row) => `${row.state} ${fmt.format(Number(row.count))}`).join(", ")}; run twice: ${twice} (of ${fmt.format(done.size)} done, from both instances' logs)`,
  );
  console.log(
    `  lost               ${lost} of ${fmt.format(changed.size)} orders the webhooks named have no completed task (${fmt.format(sent - completedTasks.rowCount!)} deliveries merged into a task still waiting)`,
  );
  for (const [failure, count] of [...failures].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  failed attempts    ${count} × ${failure}`);
  process.exitCode = errors > 0 || twice > 0 || lost > 0 ? 1 : 0;
  proxy.close();
  await db.end();
} finally {
  await stopAll();
}
