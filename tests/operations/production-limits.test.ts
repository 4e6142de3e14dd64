import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "~/dev/processes";
import { webhookDeliveryHeaders } from "@throughline/devstore";
import { parseEnv } from "~/env.server";
import { RETRY_AFTER_SECONDS } from "~/operations/overload.server";
import { productionBuild } from "../helpers/production-build";

const DESCRIPTOR_LIMIT = 128;
const SLOW_CLIENTS = 150;
const WEBHOOKS = 200;
const { headersTimeoutMs } = parseEnv({}).http;

/**
 * The production build, run as `npm start` runs it, with the descriptor limit of a small
 * container (`ulimit -n 128`) and its default limits: more clients trickling their headers than it
 * has descriptors, and a burst of signed webhooks, while the load balancer asks /healthz.
 */
interface ProductionServer {
  port: number;
  output: () => string;
  running: () => boolean;
}

const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
});

/** `npm start`'s server on the build, with the descriptor limit set by the shell that starts it. */
async function startProductionServer(apiSecret: string, env: Record<string, string> = {}): Promise<ProductionServer> {
  await productionBuild();
  const port = await freePort();
  const child = spawn("sh", ["-c", `ulimit -n ${DESCRIPTOR_LIMIT} && exec "$NODE" --import tsx app/serve.ts`], {
    env: {
      ...process.env,
      NODE: process.execPath,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SHOPIFY_API_KEY: `limits-${randomBytes(6).toString("hex")}`,
      SHOPIFY_API_SECRET: apiSecret,
      SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let waited = 0; !output.includes("serving on"); waited += 100) {
    if (waited > 60_000 || child.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, output: () => output, running: () => child.exitCode === null };
}

/**
 * Signed orders/updated deliveries for a shop without installation (404 once the database was
 * asked), all at once; the Retry-After of every 503 goes into `retryAfter`.
 */
function webhookBurst(port: number, apiSecret: string, count: number, retryAfter = new Set<string | null>()): Promise<(number | string)[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const body = JSON.stringify({ admin_graphql_api_id: `gid://shopify/Order/${index + 1}`, updated_at: new Date().toISOString() });
      const headers = webhookDeliveryHeaders({ topic: "orders/updated", shop: "limits-test.myshopify.com", secret: apiSecret, webhookId: randomUUID() }, body);
      try {
        const response = await fetch(new URL("/webhooks/sync", `http://127.0.0.1:${port}`), { method: "POST", body, headers });
        await response.arrayBuffer();
        if (response.status === 503) retryAfter.add(response.headers.get("Retry-After"));
        return response.status;
      } catch {
        return "connection reset";
      }
    }),
  );
}

const byStatus = (answers: (number | string)[]) =>
  Object.fromEntries([...new Set(answers)].map((answer) => [answer, answers.filter((a) => a === answer).length]));

/** Statuses of the server's request log lines. */
const loggedStatuses = (output: string) => [...output.matchAll(/"status":(\d+)/g)].map((match) => Number(match[1]));

describe("the production server under a low descriptor limit", () => {
  let port = 0;
  let output: () => string;
  let running: () => boolean;
  const apiSecret = randomBytes(24).toString("hex");

  beforeAll(async () => {
    ({ port, output, running } = await startProductionServer(apiSecret));
  }, 240_000);

  it(`GIVEN ${SLOW_CLIENTS} clients trickling their headers and ${WEBHOOKS} webhooks at once THEN /healthz answers 200 every time, nothing answers 500, and the slow clients are cut off within the headers timeout`, async () => {
    // The burst first: its requests reach the database while the slow clients take descriptors.
    const retryAfter = new Set<string | null>();
    const webhooks = webhookBurst(port, apiSecret, WEBHOOKS, retryAfter);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const opened = performance.now();
    const slow = Array.from({ length: SLOW_CLIENTS }, () => {
      const socket = net.connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
      socket.on("error", () => undefined);
      socket.write("GET /app HTTP/1.1\r\nHost: app.test\r\n");
      const timer = setInterval(() => socket.writable && socket.write("X-Padding: a\r\n"), 1_000);
      const closed = new Promise<{ ms: number; received: () => string }>((resolve) =>
        socket.once("close", () => {
          clearInterval(timer);
          resolve({ ms: performance.now() - opened, received: () => received });
        }),
      );
      return { socket, closed };
    });

    // The load balancer's health check, on a connection of its own each time, until the slow clients' time is up.
    const health: (number | string)[] = [];
    await new Promise((resolve) => setTimeout(resolve, 500));
    while (performance.now() - opened < headersTimeoutMs + 2_000) {
      health.push(await status(port, "/healthz"));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const webhookAnswers = await webhooks;
    const closed = await Promise.all(
      slow.map((client) => Promise.race([client.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000))])),
    );
    for (const client of slow) client.socket.destroy();

    const report = `health ${JSON.stringify(byStatus(health))}, webhooks ${JSON.stringify(byStatus(webhookAnswers))}\n${output().slice(-3000)}`;
    // Unknown shop: 404 once the database was asked; 503 when the server was full; a connection let go of at the cap.
    expect(
      webhookAnswers.every((answer) => answer === 404 || answer === 503 || answer === "connection reset"),
      report,
    ).toBe(true);
    expect(
      [...retryAfter].every((value) => value === String(RETRY_AFTER_SECONDS)),
      report,
    ).toBe(true);
    expect(health.length, report).toBeGreaterThan(20);
    expect(
      health.every((answer) => answer === 200),
      report,
    ).toBe(true);
    // Each slow client was let go of to make room, or answered 408 when its headers' time was up.
    for (const client of closed) {
      expect(client, report).not.toBeNull();
      expect(client!.ms, report).toBeLessThan(headersTimeoutMs + 2_000);
      expect(client!.received(), report).toMatch(/^$|^HTTP\/1\.1 408/);
    }
    // The server's own log: no request answered 5xx other than the 503s, and it is still serving.
    expect(
      loggedStatuses(output()).filter((code) => code >= 500 && code !== 503),
      report,
    ).toEqual([]);
    expect(running(), report).toBe(true);
    expect(await status(port, "/healthz")).toBe(200);
    // The cap was derived from the limit the OS gave the process.
    expect(output()).toMatch(new RegExp(`"descriptorLimit":${DESCRIPTOR_LIMIT}\\b`));
  }, 90_000);

  it("GIVEN a client trickling its headers, a line a second THEN it is answered 408 and cut off when the headers timeout is up (Node checks often enough), not 30 s later", async () => {
    const opened = performance.now();
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    socket.write("GET /app HTTP/1.1\r\nHost: app.test\r\n");
    const timer = setInterval(() => socket.writable && socket.write("X-Padding: a\r\n"), 1_000);
    const closedAfter = await Promise.race([
      new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now() - opened))),
      new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), headersTimeoutMs + 10_000)),
    ]);
    clearInterval(timer);
    socket.destroy();
    expect(closedAfter).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
    expect(closedAfter).toBeLessThan(headersTimeoutMs * 1.1 + 1_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 60_000);
});

/**
 * An operator's cap above what the descriptors allow: the connections take them all, and the
 * database pool can no longer connect (EMFILE). Those requests answer 503, never 500.
 */
describe("the production server with more connections allowed than descriptors", () => {
  it("GIVEN THROUGHLINE_MAX_CONNECTIONS=1000 at ulimit -n 128 WHEN 600 webhooks arrive at once THEN none is answered 500: those that found no descriptor are 503 with Retry-After", async () => {
    const apiSecret = randomBytes(24).toString("hex");
    const { port, output, running } = await startProductionServer(apiSecret, { THROUGHLINE_MAX_CONNECTIONS: "1000" });
    const retryAfter = new Set<string | null>();
    const answers = await webhookBurst(port, apiSecret, 600, retryAfter);
    const report = `webhooks ${JSON.stringify(byStatus(answers))}\n${output().slice(-3000)}`;
    expect(
      answers.filter((answer) => typeof answer === "number" && answer >= 500 && answer !== 503),
      report,
    ).toEqual([]);
    expect(
      loggedStatuses(output()).filter((code) => code >= 500 && code !== 503),
      report,
    ).toEqual([]);
    expect(
      [...retryAfter].every((value) => value === String(RETRY_AFTER_SECONDS)),
      report,
    ).toBe(true);
    // Still serving (its health check may not get a descriptor: that is what the derived cap prevents).
    expect(running(), report).toBe(true);
  }, 120_000);
});

/** The status of a GET on a connection of its own, or why there was none. */
function status(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path, agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 2 s")));
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
