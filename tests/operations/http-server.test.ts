import http from "node:http";
import net from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createLimitedServer, type LimitedServer } from "~/operations/http-server.server";
import { RETRY_AFTER_SECONDS } from "~/operations/overload.server";
import { serverLimits, type HttpSettings, type ServerLimits } from "~/operations/server-limits";

// The production server's http server (app/serve.ts composes it the same way: the refusal first,
// the exhaustion handler last), on loopback with short timeouts so a test takes seconds.
const SETTINGS: HttpSettings = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 3_000, maxConnections: undefined };

interface Running {
  port: number;
  limits: ServerLimits;
  limited: LimitedServer;
  bodyBytesRead: () => number;
}

const running: { server: http.Server; sockets: Set<net.Socket> }[] = [];

afterEach(async () => {
  for (const { server, sockets } of running.splice(0)) {
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: too many open files, ${syscall}`), { code, syscall });
}

async function serve(settings: Partial<HttpSettings> = {}): Promise<Running> {
  const limits = serverLimits({ ...SETTINGS, ...settings }, 1024);
  const app = express();
  const limited = createLimitedServer(app, limits);
  let bodyBytes = 0;
  app.use(limited.refuseWhenFull(["/healthz"]));
  app.get("/healthz", (_request, response) => void response.json({ ok: true }));
  app.get("/work", (_request, response) => void response.send("done"));
  app.get("/slow", (_request, response) => void setTimeout(() => response.send("done"), 1_500));
  app.post("/upload", async (request, response) => {
    try {
      for await (const chunk of request) bodyBytes += (chunk as Buffer).length;
      response.send("read");
    } catch {
      // The server cut the request off: nothing to answer.
    }
  });
  // What a static file, the database pool or a call to Shopify does when descriptors run out.
  app.get("/open-file", () => {
    throw errno("EMFILE", "open");
  });
  app.get("/call-shopify", (_request, _response, next) => next(new TypeError("fetch failed", { cause: errno("ENFILE", "connect") })));
  app.get("/bug", () => {
    throw new Error("a bug");
  });
  app.use(limited.answerExhaustion);
  // Express's own last handler answers the bug (500) and would print its stack: not here.
  app.set("env", "test");
  const sockets = new Set<net.Socket>();
  running.push({ server: limited.server, sockets });
  await new Promise<void>((resolve) => limited.server.listen(0, "127.0.0.1", resolve));
  const { port } = limited.server.address() as net.AddressInfo;
  return { port, limits, limited, bodyBytesRead: () => bodyBytes };
}

/** A raw connection: what it was answered, and when (ms after opening) the server closed it. */
function connect(port: number): { socket: net.Socket; received: () => string; closedAfter: Promise<number> } {
  const opened = performance.now();
  const socket = net.connect(port, "127.0.0.1");
  running.at(-1)!.sockets.add(socket);
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  const closedAfter = new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now() - opened)));
  return { socket, received: () => received, closedAfter };
}

/** Writes a piece every `everyMs` until the server closes the connection. */
function trickle(socket: net.Socket, piece: string, everyMs: number): void {
  const timer = setInterval(() => (socket.writable ? socket.write(piece) : clearInterval(timer)), everyMs);
  socket.once("close", () => clearInterval(timer));
}

/** A request on a connection of its own (no keep-alive agent). */
function get(port: number, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, agent: false, timeout: 2_000 }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on("timeout", () => request.destroy(new Error(`no answer to ${path} within 2 s`)));
    request.on("error", reject);
  });
}

/** When the connection closed, or Infinity if it is still open after `deadline` ms. */
const within = (closedAfter: Promise<number>, deadline: number) =>
  Promise.race([closedAfter, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), deadline))]);

describe("the production server's limits, on a real server", () => {
  it("GIVEN a client that trickles its headers, a line every 100 ms THEN it is answered 408 and cut off when the headers timeout is up, not later", async () => {
    const { port, limits } = await serve();
    const client = connect(port);
    client.socket.write("GET /work HTTP/1.1\r\nHost: app.test\r\n");
    trickle(client.socket, "X-Padding: a\r\n", 100);
    const closedAfter = await within(client.closedAfter, limits.headersTimeoutMs + 5_000);
    expect(closedAfter).toBeGreaterThanOrEqual(limits.headersTimeoutMs - 50);
    expect(closedAfter).toBeLessThan(limits.headersTimeoutMs + limits.connectionsCheckingIntervalMs + 500);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("GIVEN a client that sends its headers then trickles its body THEN it is cut off when the request timeout is up, the body unfinished", async () => {
    const { port, limits, bodyBytesRead } = await serve();
    const client = connect(port);
    client.socket.write("POST /upload HTTP/1.1\r\nHost: app.test\r\nContent-Length: 1000000\r\n\r\n");
    trickle(client.socket, "x".repeat(10), 100);
    const closedAfter = await within(client.closedAfter, limits.requestTimeoutMs + 5_000);
    expect(closedAfter).toBeGreaterThanOrEqual(limits.requestTimeoutMs - 50);
    expect(closedAfter).toBeLessThan(limits.requestTimeoutMs + limits.connectionsCheckingIntervalMs + 500);
    expect(client.received()).not.toContain("read");
    expect(bodyBytesRead()).toBeLessThan(1_000);
  });

  it("GIVEN an answered request on a keep-alive connection THEN the idle connection outlives the headers timeout and is closed at the keep-alive timeout", async () => {
    const { port, limits } = await serve();
    const client = connect(port);
    client.socket.write("GET /work HTTP/1.1\r\nHost: app.test\r\n\r\n");
    const closedAfter = await within(client.closedAfter, limits.keepAliveTimeoutMs + 5_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(closedAfter).toBeGreaterThanOrEqual(limits.keepAliveTimeoutMs - 50);
    // Node keeps the socket a second past the keep-alive timeout it announces (keepAliveTimeoutBuffer).
    expect(closedAfter).toBeLessThan(limits.keepAliveTimeoutMs + 1_500);
  });

  it("GIVEN three times as many slow clients as the cap allows connections THEN /healthz and real work are still answered at once, every time, and the server never holds more than the cap", async () => {
    const { port, limits, limited } = await serve({ maxConnections: 12 });
    let mostOpen = 0;
    const watch = setInterval(() => (mostOpen = Math.max(mostOpen, limited.openConnections())), 5);
    const slow = Array.from({ length: 36 }, () => {
      const client = connect(port);
      client.socket.write("GET /work HTTP/1.1\r\nHost: app.test\r\n");
      trickle(client.socket, "X-Padding: a\r\n", 100);
      return client;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      for (const path of ["/healthz", "/work"]) {
        const started = performance.now();
        answers.push({ ...(await get(port, path)), ms: performance.now() - started });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    clearInterval(watch);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(500);
    }
    expect(mostOpen).toBeLessThanOrEqual(limits.maxConnections);
    // The slow clients were let go of to make room, or are still waiting for their time to be up.
    const closed = await Promise.all(slow.map((client) => within(client.closedAfter, 0)));
    expect(closed.filter((ms) => ms !== Infinity).length).toBeGreaterThanOrEqual(36 - limits.maxConnections);
  });

  it("GIVEN a served client's keep-alive connection and then slow clients beyond the cap THEN the slow ones are let go of first: the served client's next request on its connection is answered", async () => {
    const { port } = await serve({ maxConnections: 12 });
    const served = connect(port);
    served.socket.write("GET /work HTTP/1.1\r\nHost: app.test\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(served.received()).toMatch(/^HTTP\/1\.1 200/);
    const slow = Array.from({ length: 36 }, () => {
      const client = connect(port);
      client.socket.write("GET /work HTTP/1.1\r\nHost: app.test\r\n");
      trickle(client.socket, "X-Padding: a\r\n", 100);
      return client;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    served.socket.write("GET /work HTTP/1.1\r\nHost: app.test\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(served.received().match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(await within(served.closedAfter, 0)).toBe(Infinity);
    expect((await Promise.all(slow.map((client) => within(client.closedAfter, 0)))).filter((ms) => ms !== Infinity).length).toBeGreaterThan(0);
  });

  it("GIVEN requests in flight on every connection up to the shedding point THEN new work is answered 503 with Retry-After at once, /healthz 200, and work is served again once they finish", async () => {
    const { port, limits } = await serve({ maxConnections: 12 });
    const inFlight = Array.from({ length: limits.shedAbove }, () => get(port, "/slow"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = await get(port, "/work");
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe(String(RETRY_AFTER_SECONDS));
    expect(refused.headers.connection).toBe("close");
    expect((await get(port, "/healthz")).status).toBe(200);
    expect((await Promise.all(inFlight)).map((answer) => answer.status)).toEqual(inFlight.map(() => 200));
    expect((await get(port, "/work")).status).toBe(200);
  });

  it("GIVEN handlers failing because descriptors ran out (a file, a call out) THEN they answer 503 with Retry-After, not 500; any other failure is still 500", async () => {
    const { port } = await serve();
    for (const path of ["/open-file", "/call-shopify"]) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(503);
      expect(answer.headers["retry-after"]).toBe(String(RETRY_AFTER_SECONDS));
    }
    expect((await get(port, "/bug")).status).toBe(500);
  });
});
