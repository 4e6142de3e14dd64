// npm run bench:soak -- [--webhooks N] [--clients N] [--orders N] [--fd-limit N] [--server-heap-mb N] [--slow-clients N] [--database sqlite|postgresql]
//
// The production build as an operator runs it, under a sustained load: `npm run build`, then
// `npm start`'s server (app/serve.ts) with NODE_ENV=production, its own secrets and a descriptor limit (`ulimit -n`,
// default 1024), on a fresh SQLite database (or, with --database postgresql, a fresh database on the
// private PostgreSQL server of `npm run postgres`). Two shops are connected from devstores at Shopify's
// default rate limits: a small one synced first, and a larger one whose full backfill (`cli sync
// --full`, in its own process, writing to the same database) runs while N signed webhooks (default
// 10,000) arrive from 20 clients at once, a fifth of them repeated deliveries. The server's own
// scheduler runs the queued webhook tasks meanwhile, as in production.
//
// Meanwhile /healthz is asked every second as a load balancer asks (AWS's default: 5 s to answer).
// With --slow-clients N, N more connections trickle their headers (a line a second, opened again
// whenever the server cuts one off) throughout the load.
//
// Reports the answers by status, acknowledgement latency (p50/p95/p99/max), the health checks'
// answers, and the server's open file descriptors and resident memory before, during (sampled)
// and after; with slow clients, how they were cut off. Exits 1 on any 5xx or a health check not
// answered 200.
import { randomBytes, randomUUID } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { GENERATOR_VERSION, webhookDeliveryHeaders, writeStoreFixture } from "@throughline/devstore";
import { benchOptions } from "./bench-options";
import { freshBenchDatabase } from "./bench-database";
import { freePort, startUntil, type Started } from "./processes";

const { positive, given, oneOf } = benchOptions("bench:soak", ["webhooks", "clients", "orders", "fd-limit", "server-heap-mb", "slow-clients", "database"]);
const databaseKind = oneOf("database", ["sqlite", "postgresql"], "sqlite");
const total = positive("webhooks", 10_000);
const clients = positive("clients", 20);
const bigOrders = positive("orders", 20_000);
const fdLimit = positive("fd-limit", 1024);
// A container's memory limit: with it, V8 collects sooner instead of growing its heap, which tells
// a leak (it would run out) from a lazily collected heap (RSS levels off).
const serverHeapMb = given("server-heap-mb") ? positive("server-heap-mb", 0) : null;
const slowClients = given("slow-clients") ? positive("slow-clients", 0) : 0;
const REPEAT_SHARE = 0.2;

const fmt = new Intl.NumberFormat("en");
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const dir = path.resolve("tmp/bench/soak");
mkdirSync(dir, { recursive: true });

// 1. The production build.
let step = performance.now();
try {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "pipe" });
} catch (error) {
  console.error(`bench:soak: the production build failed:\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  process.exit(1);
}
console.log(`production build in ${seconds(performance.now() - step)}`);

// 2. Two stores, each served by a devstore at Shopify's default limits.
const shops = { big: "soak-store.myshopify.com", small: "soak-neighbour.myshopify.com" };
const fixtures = {
  big: path.join(dir, `soak-store-v${GENERATOR_VERSION}-${bigOrders}.jsonl`),
  small: path.join(dir, `soak-neighbour-v${GENERATOR_VERSION}-2000.jsonl`),
};
if (!existsSync(fixtures.big)) await writeStoreFixture(fixtures.big, { orders: bigOrders, seed: 11, shopDomain: shops.big, shopName: "Soak Store" });
if (!existsSync(fixtures.small)) await writeStoreFixture(fixtures.small, { orders: 2_000, seed: 12, shopDomain: shops.small, shopName: "Soak Neighbour" });

const databaseUrl = await freshBenchDatabase(databaseKind, "throughline_bench_soak", path.join(dir, "soak.sqlite"));
const secret = randomBytes(32).toString("hex");
const serverPort = await freePort();
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: `soak-${randomBytes(8).toString("hex")}`,
  SHOPIFY_API_SECRET: secret,
  SHOPIFY_APP_URL: `http://127.0.0.1:${serverPort}`,
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
};
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: appEnv, stdio: "ignore" });
execFileSync("npx", ["tsx", "app/dev/database-setup.ts"], { env: appEnv, stdio: "ignore" });

const started: Started[] = [];
const stopAll = async () => {
  for (const process of started.reverse()) await process.stop();
};
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

async function devstore(fixture: string): Promise<string> {
  const port = await freePort();
  started.push(
    await startUntil("npx", ["tsx", "app/cli/main.ts", "devstore", "--fixture", fixture, "--port", String(port)], {
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=8000" },
      ready: /devstore: serving/,
      timeoutMs: 10 * 60_000,
    }),
  );
  return `http://127.0.0.1:${port}`;
}

/** Runs `cli sync` in its own process: its output so far, and its exit code and duration once done. */
function cliSync(
  shop: string,
  adminOrigin: string,
  full: boolean,
): { output: () => string; done: Promise<{ code: number | null; ms: number; output: string }> } {
  const began = performance.now();
  const child = spawn("npx", ["tsx", "app/cli/main.ts", "sync", "--shop", shop, "--admin-origin", adminOrigin, ...(full ? ["--full"] : [])], {
    env: appEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { output: () => output, done: new Promise((resolve) => child.once("exit", (code) => resolve({ code, ms: performance.now() - began, output }))) };
}

/**
 * `count` connections that trickle a request's headers, a line a second, each opened again when
 * the server cuts it off, until stopped: how long each lasted and how it ended (408, or let go of).
 */
function trickleHeaders(port: number, count: number): { stop: () => void; cuts: { ms: number; answered408: boolean }[] } {
  const cuts: { ms: number; answered408: boolean }[] = [];
  let stopped = false;
  const sockets = new Set<net.Socket>();
  const open = () => {
    if (stopped) return;
    const began = performance.now();
    const socket = net.connect(port, "127.0.0.1");
    sockets.add(socket);
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    socket.on("error", () => undefined);
    socket.write("GET /app HTTP/1.1\r\nHost: soak.test\r\n");
    const timer = setInterval(() => socket.writable && socket.write("X-Padding: a\r\n"), 1000);
    socket.once("close", () => {
      clearInterval(timer);
      sockets.delete(socket);
      if (stopped) return;
      cuts.push({ ms: performance.now() - began, answered408: received.startsWith("HTTP/1.1 408") });
      setTimeout(open, 100);
    });
  };
  for (let i = 0; i < count; i++) open();
  return {
    cuts,
    stop: () => {
      stopped = true;
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** GET /healthz on a connection of its own every second, 5 s to answer, as a load balancer asks, until stopped. */
function healthChecks(port: number): { stop: () => Promise<void>; answers: Map<string, number> } {
  const answers = new Map<string, number>();
  let stopped = false;
  const ask = () =>
    new Promise<string>((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/healthz", agent: false, timeout: 5000 }, (response) => {
        response.resume();
        response.on("end", () => resolve(String(response.statusCode)));
      });
      request.on("timeout", () => request.destroy(Object.assign(new Error("no answer within 5 s"), { code: "timeout" })));
      request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "failed"));
    });
  const loop = (async () => {
    while (!stopped) {
      const answer = await ask();
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return {
    answers,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

try {
  step = performance.now();
  const [bigOrigin, smallOrigin] = await Promise.all([devstore(fixtures.big), devstore(fixtures.small)]);
  console.log(`devstores serving ${fmt.format(bigOrders)} and 2,000 orders in ${seconds(performance.now() - step)}`);

  // 3. The server, as production runs it, with a descriptor limit.
  const server = await startUntil("bash", ["-c", `ulimit -n ${fdLimit} && exec node_modules/.bin/node --import tsx app/serve.ts`], {
    env: { ...appEnv, NODE_ENV: "production", PORT: String(serverPort), NODE_OPTIONS: serverHeapMb ? `--max-old-space-size=${serverHeapMb}` : "" },
    ready: /serving on/,
    timeoutMs: 60_000,
  });
  started.push(server);
  const pid = server.child.pid!;
  const probe = () => ({
    fds: readdirSync(`/proc/${pid}/fd`).length,
    rss: Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024,
  });

  // 4. The neighbour shop is connected and synced before the load.
  step = performance.now();
  const neighbour = await cliSync(shops.small, smallOrigin, false).done;
  if (neighbour.code !== 0) throw new Error(`sync of ${shops.small} failed:\n${neighbour.output}`);
  console.log(`${shops.small} synced in ${seconds(neighbour.ms)}`);

  const orderIds = async (fixture: string) => {
    const ids: string[] = [];
    for await (const line of createInterface({ input: createReadStream(fixture) })) {
      if (line.includes('"__typename":"Order"')) ids.push((JSON.parse(line) as { id: string }).id);
      else if (line.includes('"__typename":"Product"') && ids.length % 10 === 0) productIds.push((JSON.parse(line) as { id: string }).id);
    }
    return ids;
  };
  const productIds: string[] = [];
  const orders = { big: await orderIds(fixtures.big), small: await orderIds(fixtures.small) };

  const url = `http://127.0.0.1:${serverPort}/webhooks/sync`;
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const sent: { body: string; topic: string; shop: string; id: string }[] = [];

  function nextDelivery(n: number): { body: string; topic: string; shop: string; id: string } {
    if (sent.length > 50 && n % Math.round(1 / REPEAT_SHARE) === 0) return sent[(n * 7919) % sent.length]!; // Shopify delivers again
    const which = n % 10 < 7 ? "big" : "small";
    const shop = shops[which];
    const ids = orders[which];
    const now = new Date().toISOString();
    const kind = n % 20;
    let topic: string;
    let payload: unknown;
    if (kind < 12) [topic, payload] = ["orders/updated", { admin_graphql_api_id: ids[n % ids.length], updated_at: now }];
    else if (kind < 15) [topic, payload] = ["orders/create", { admin_graphql_api_id: ids[(n * 31) % ids.length], updated_at: now }];
    else if (kind < 18) [topic, payload] = ["refunds/create", { order_id: ids[(n * 17) % ids.length]!.split("/").pop(), created_at: now }];
    else [topic, payload] = ["products/update", { admin_graphql_api_id: productIds[n % productIds.length], updated_at: now }];
    const delivery = { body: JSON.stringify(payload), topic, shop, id: randomUUID() };
    sent.push(delivery);
    return delivery;
  }

  async function deliver(n: number): Promise<void> {
    const { body, topic, shop, id } = nextDelivery(n);
    const began = performance.now();
    let status: number;
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        headers: webhookDeliveryHeaders({ topic, shop, secret, webhookId: id }, body),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0; // the connection failed
    }
    latencies.push(performance.now() - began);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }

  // Warm-up, so "before" is the server at work rather than just started.
  for (let i = 0; i < 50; i++) await deliver(i);
  statuses.clear();
  latencies.length = 0;
  const before = probe();

  // 5. The big shop's full backfill writes while the webhooks arrive.
  const sync = cliSync(shops.big, bigOrigin, true);
  // Once its progress shows, the shop is connected (so its webhooks are its own) and the copy is writing.
  while (!/soak-store\.myshopify\.com|error/.test(sync.output())) await new Promise((resolve) => setTimeout(resolve, 100));
  const samples: { at: number; fds: number; rss: number }[] = [];
  const sampler = setInterval(() => samples.push({ at: latencies.length, ...probe() }), 1000);
  const slow = slowClients > 0 ? trickleHeaders(serverPort, slowClients) : null;
  const health = healthChecks(serverPort);
  step = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) await deliver(50 + next++);
    }),
  );
  const loadMs = performance.now() - step;
  slow?.stop();
  await health.stop();
  const afterLoad = probe();
  const synced = await sync.done;
  clearInterval(sampler);
  // Let the queued webhook tasks finish, then measure the resting server.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const after = probe();

  const sorted = [...latencies].sort((a, b) => a - b);
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
  const peak = samples.reduce((max, sample) => ({ fds: Math.max(max.fds, sample.fds), rss: Math.max(max.rss, sample.rss) }), { fds: 0, rss: 0 });
  const serverErrors = [...statuses].filter(([status]) => status >= 500 || status === 0).reduce((sum, [, count]) => sum + count, 0);

  console.log(
    `\nbench:soak — ${fmt.format(total)} signed webhooks from ${clients} clients (${Math.round(REPEAT_SHARE * 100)}% repeated deliveries), 2 shops, ${databaseKind === "postgresql" ? "PostgreSQL" : "SQLite"}, production build, ulimit -n ${fdLimit}${serverHeapMb ? `, heap ${serverHeapMb} MB` : ""}`,
  );
  console.log(
    `  answers            ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status === 0 ? "connection failed" : status} × ${fmt.format(count)}`)
      .join(", ")} in ${seconds(loadMs)} (${fmt.format(Math.round(total / (loadMs / 1000)))}/s)`,
  );
  console.log(`  acknowledgement    p50 ${percentile(50)} ms · p95 ${percentile(95)} ms · p99 ${percentile(99)} ms · max ${sorted.at(-1)!.toFixed(1)} ms`);
  console.log(`  open descriptors   before ${before.fds} · peak ${peak.fds} · after the load ${afterLoad.fds} · at rest ${after.fds}`);
  console.log(`  resident memory    before ${mb(before.rss)} · peak ${mb(peak.rss)} · after the load ${mb(afterLoad.rss)} · at rest ${mb(after.rss)}`);
  const tenths = samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 10)) === 0);
  console.log(
    `  over the load      descriptors ${tenths.map((sample) => sample.fds).join(" ")} · RSS MB ${tenths.map((sample) => Math.round(sample.rss / 1e6)).join(" ")}`,
  );
  console.log(
    `  concurrent sync    ${shops.big} --full: exit ${synced.code} in ${seconds(synced.ms)}${synced.code === 0 ? "" : `\n${synced.output.slice(-2000)}`}`,
  );
  if (slow) {
    const cutMs = slow.cuts.map((cut) => cut.ms).sort((a, b) => a - b);
    const answered408 = slow.cuts.filter((cut) => cut.answered408).length;
    console.log(
      `  slow clients       ${slowClients} trickling headers: ${fmt.format(slow.cuts.length)} cut off (408 × ${fmt.format(answered408)}, let go of × ${fmt.format(slow.cuts.length - answered408)})${
        cutMs.length ? `, after p50 ${seconds(cutMs[Math.floor(cutMs.length / 2)]!)} · max ${seconds(cutMs.at(-1)!)}` : ""
      }`,
    );
  }
  const unhealthy = [...health.answers].filter(([answer]) => answer !== "200").reduce((sum, [, count]) => sum + count, 0);
  console.log(`  health checks      ${[...health.answers].map(([answer, count]) => `${answer} × ${fmt.format(count)}`).join(", ")}`);
  process.exitCode = serverErrors > 0 || unhealthy > 0 || synced.code !== 0 ? 1 : 0;
  if (serverErrors > 0 || unhealthy > 0) {
    // What the server said about it: its warnings and errors, and the requests it answered 5xx.
    const said = server
      .output()
      .split("\n")
      .filter((line) => /"level":"(warn|error|fatal)"|"status":5\d\d/.test(line));
    console.log(
      `  FAILED: ${serverErrors} answers were 5xx or failed connections, ${unhealthy} health checks not answered 200; the server's warnings, errors and 5xx (${said.length}, the first 40):\n${said.slice(0, 40).join("\n")}`,
    );
  }
} finally {
  await stopAll();
}
