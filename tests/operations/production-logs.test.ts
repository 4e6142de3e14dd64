import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { freePort } from "~/dev/processes";
import { DevStore, loadFixture, type RunningDevstore, startDevstore, webhookDeliveryHeaders } from "@throughline/devstore";
import { adminHostParam, mintSessionToken } from "~/preview/session-token.server";
import { PREVIEW_USER_ID } from "~/preview/preview-access.server";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { pagedSync } from "~/sync/paged-sync.server";
import { db, resetDatabase } from "../helpers/database";
import { productionBuild } from "../helpers/production-build";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
const ACCESS_TOKEN = `shpat_${randomBytes(12).toString("hex")}`;
const CUSTOMER_EMAIL = "jane.customer@example.com";
const CUSTOMER_PHONE = "+15555550123";
const browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/**
 * The production build, run as `npm start` runs it, through a working session: a dashboard page
 * opened with Shopify's session token, sync webhooks whose tasks then run in the background, a
 * customer redaction naming a customer's email and phone. Its whole output is then read as an
 * operator's log pipeline would: every line JSON, carrying the request (and shop) it belongs to,
 * and none of the secrets, tokens or customer data the run handled. The same run asks what nobody
 * should break: unknown addresses, a page that fails, hostile `shop` parameters on every kind of page.
 */
describe("the production server's logs", () => {
  let devstore: RunningDevstore;
  let server: ChildProcess;
  let output = "";
  const apiKey = `logs-${randomBytes(6).toString("hex")}`;
  const apiSecret = randomBytes(24).toString("hex");
  let appUrl = "";
  let shop = "";
  let sessionToken = "";
  const REQUEST = {
    unknown: `unknown-${randomBytes(4).toString("hex")}`,
    pageNotFound: `missing-${randomBytes(4).toString("hex")}`,
    failed: `failed-${randomBytes(4).toString("hex")}`,
  };
  const statuses: Record<keyof typeof REQUEST, number> = { unknown: 0, pageNotFound: 0, failed: 0 };
  const HOSTILE = `evil-${randomBytes(4).toString("hex")}`;
  const HOSTILE_SHOPS = [
    `${HOSTILE}.example`,
    `https://${HOSTILE}.example`,
    `sample-store.myshopify.com.${HOSTILE}.example`,
    `${HOSTILE}.example/sample-store.myshopify.com`,
    `${HOSTILE}.example https://*`,
    `${HOSTILE}.example\r\nX-Injected: 1`,
  ];
  const hostileAnswers: { asked: string; status: number; headers: [string, string][] }[] = [];
  const CUSTOM_DOMAIN = "shops.test-environment.example";
  const customShopAnswers = { bounceFrameAncestors: "", opened: "" };

  beforeAll(async () => {
    await resetDatabase();
    await productionBuild();
    const data = await loadFixture(FIXTURE);
    shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({ store: new DevStore(data), token: ACCESS_TOKEN, throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
    await connectDevstoreShop(db, sessionStorage, {
      shop,
      adminOrigin: devstore.origin,
      accessToken: ACCESS_TOKEN,
      ownerUserId: PREVIEW_USER_ID,
      now: new Date(),
    });
    await pagedSync({ client: createAdminClient({ shop, accessToken: ACCESS_TOKEN, adminOrigin: devstore.origin }), db, now: () => new Date() });

    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    // One process, as `npm start` runs it, so SIGTERM reaches the server itself; without NODE_ENV, as
    // the README's deploy steps start it (it serves as production whatever NODE_ENV says: decision 014).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHOPIFY_API_KEY: apiKey,
      SHOPIFY_API_SECRET: apiSecret,
      SHOPIFY_APP_URL: appUrl,
      SHOP_CUSTOM_DOMAIN: CUSTOM_DOMAIN,
      LOG_LEVEL: "info",
    };
    Reflect.deleteProperty(env, "NODE_ENV"); // typed as always set (Remix's globals), but a deploy may not set it
    server = spawn(process.execPath, ["--import", "tsx", "app/serve.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    for (let waited = 0; !output.includes("serving on"); waited += 100) {
      if (waited > 60_000 || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    sessionToken = await mintSessionToken({ shop, userId: PREVIEW_USER_ID, apiKey, apiSecret });
    const page = new URL("/app", appUrl);
    for (const [name, value] of Object.entries({ embedded: "1", shop, host: adminHostParam(shop), id_token: sessionToken })) page.searchParams.set(name, value);
    // As a browser inside Shopify admin asks (Shopify's library turns bots away with 410).
    const pageResponse = await fetch(page, { headers: { "User-Agent": browser } });
    if (pageResponse.status !== 200) throw new Error(`page ${pageResponse.status} (${process.env.DATABASE_URL}): ${output}`);

    const webhook = async (route: string, topic: string, payload: unknown) => {
      const body = JSON.stringify(payload);
      const response = await fetch(new URL(route, appUrl), { method: "POST", body, headers: webhookDeliveryHeaders({ topic, shop, secret: apiSecret }, body) });
      return response.status;
    };
    const order = data.orders[0]!;
    expect(await webhook("/webhooks/sync", "orders/updated", { admin_graphql_api_id: order.id, updated_at: new Date().toISOString() })).toBe(200);
    expect(
      await webhook("/webhooks/customers/redact", "customers/redact", {
        shop_domain: shop,
        customer: { id: 1, email: CUSTOMER_EMAIL, phone: CUSTOMER_PHONE },
        orders_to_redact: [],
      }),
    ).toBe(200);
    expect((await fetch(new URL("/healthz", appUrl))).status).toBe(200);

    // An address nobody serves, asked without a session; a page's own 404 inside the app; a page
    // whose loader fails for real (its table is gone for the moment): each with an id of our own.
    const ask = async (requestId: string, url: URL) => (await fetch(url, { headers: { "User-Agent": browser, "X-Request-Id": requestId } })).status;
    const inApp = (pathname: string) => {
      const url = new URL(page);
      url.pathname = pathname;
      return url;
    };
    statuses.unknown = await ask(REQUEST.unknown, new URL("/wp-login.php", appUrl));
    statuses.pageNotFound = await ask(REQUEST.pageNotFound, inApp("/app/no-such-page"));
    await db.$executeRawUnsafe('ALTER TABLE "StoreTactic" RENAME TO "StoreTacticAway"');
    try {
      statuses.failed = await ask(REQUEST.failed, inApp("/app/playbooks"));
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "StoreTacticAway" RENAME TO "StoreTactic"');
    }

    // Hostile `shop` parameters on the pages anyone can ask for, and on the app's own.
    for (const shopParam of HOSTILE_SHOPS) {
      for (const path of [
        "/",
        "/auth/session-token",
        "/auth/exit-iframe",
        "/auth/login",
        "/app",
        "/app/playbooks",
        "/api/product-figures",
        "/healthz",
        "/wp-login.php",
      ]) {
        const url = new URL(path, appUrl);
        url.searchParams.set("shop", shopParam);
        if (path === "/auth/exit-iframe") url.searchParams.set("exitIframe", "https://admin.shopify.com/store/sample-store/apps");
        if (path.startsWith("/app"))
          for (const [name, value] of Object.entries({ embedded: "1", host: adminHostParam(shop) })) url.searchParams.set(name, value);
        const response = await fetch(url, { headers: { "User-Agent": browser }, redirect: "manual" });
        hostileAnswers.push({ asked: `${path}?shop=${shopParam}`, status: response.status, headers: [...response.headers] });
      }
    }
    const customShop = `store.${CUSTOM_DOMAIN}`;
    const bounce = await fetch(new URL(`/auth/session-token?shop=${customShop}`, appUrl), { headers: { "User-Agent": browser } });
    customShopAnswers.bounceFrameAncestors = bounce.headers.get("Content-Security-Policy") ?? "";
    const opened = await fetch(new URL(`/?shop=${customShop}`, appUrl), { headers: { "User-Agent": browser }, redirect: "manual" });
    customShopAnswers.opened = `${opened.status} ${opened.headers.get("Location") ?? ""}`;
    // The background work picks the webhook's task up (within its polling interval); then the
    // server stops as a deploy stops it.
    for (let waited = 0; !/"msg":"job done"[^\n]*"shop":"|"shop":"[^"\n]*"[^\n]*"msg":"job done"/.test(output) && waited < 30_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A dashboard still being answered when the stop comes: it is finished, then the server stops.
    const inFlight = fetch(page, { headers: { "User-Agent": browser } }).then(async (response) => ({ status: response.status, body: await response.text() }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body).toContain("</html>");
    await exited;
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    await devstore?.close();
  });

  it("GIVEN a run through pages, webhooks and a stop THEN every line is JSON with its level and time, requests and jobs carry their ids and stops are logged", () => {
    const lines = output.split("\n").filter((line) => line.trim() !== "" && !line.startsWith(">"));
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
    for (const entry of entries) expect(entry).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    const requests = entries.filter((entry) => entry.msg === "request");
    expect(requests.map((entry) => entry.path)).toEqual(expect.arrayContaining(["/app", "/webhooks/sync", "/webhooks/customers/redact", "/healthz"]));
    for (const request of requests) expect(request.requestId).toEqual(expect.stringMatching(/^[\w-]{8,}$/));
    // The webhook's task ran as a job: its lines name the job, its id and the shop.
    const jobLines = entries.filter((entry) => entry.jobId !== undefined);
    expect(
      jobLines.map((entry) => entry.msg),
      output.slice(-3000),
    ).toEqual(expect.arrayContaining(["job started", "job done"]));
    for (const line of jobLines) expect(line).toMatchObject({ job: expect.any(String), jobId: expect.any(String) });
    expect(
      jobLines.some((line) => line.shop === shop && line.msg === "job done"),
      output.slice(-3000),
    ).toBe(true);
    expect(
      entries.some((entry) => entry.msg === "throughline: stopped"),
      output.slice(-3000),
    ).toBe(true);
  });

  it("GIVEN an unknown address and a page's own 404 THEN each logs its request line and no error or stack; GIVEN a page that fails THEN one error line with its stack", () => {
    const linesOf = (requestId: string) =>
      output
        .split("\n")
        .filter((line) => line.includes(`"requestId":"${requestId}"`))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(statuses).toEqual({ unknown: 404, pageNotFound: 404, failed: 500 });

    expect(linesOf(REQUEST.unknown)).toEqual([expect.objectContaining({ level: "info", msg: "request", status: 404 })]);
    const pageNotFound = linesOf(REQUEST.pageNotFound);
    expect(pageNotFound.filter((line) => line.msg === "request")).toEqual([expect.objectContaining({ level: "info", status: 404 })]);
    expect(
      pageNotFound.filter((line) => line.level === "error" || line.level === "warn" || JSON.stringify(line).includes(" at ")),
      output.slice(-3000),
    ).toEqual([]);

    const failed = linesOf(REQUEST.failed);
    const errors = failed.filter((line) => line.level === "error");
    expect(errors, output.slice(-3000)).toEqual([
      expect.objectContaining({ msg: "request failed", error: expect.stringMatching(/storeTactic/i), stack: expect.stringMatching(/^at /) }),
    ]);
    expect(failed.filter((line) => line.msg === "request")).toEqual([expect.objectContaining({ status: 500 })]);
  });

  it("GIVEN a `shop` parameter that isn't a shop's domain, on any page THEN it appears in no response header (frame-ancestors, Location, Link) and breaks nothing", () => {
    expect(hostileAnswers).toHaveLength(HOSTILE_SHOPS.length * 9);
    expect(hostileAnswers.filter((answer) => answer.status >= 500).map((answer) => `${answer.asked} → ${answer.status}`)).toEqual([]);
    const echoed = hostileAnswers.flatMap((answer) =>
      answer.headers
        .filter(([name, value]) => `${name}: ${value}`.toLowerCase().includes(HOSTILE) || name === "x-injected")
        .map(([name, value]) => `${answer.asked} → ${name}: ${value}`),
    );
    expect(echoed).toEqual([]);
  });

  it("GIVEN SHOP_CUSTOM_DOMAIN THEN a shop of that domain is a shop: its admin may frame the app's pages, and the app's address opens the app for it", () => {
    expect(customShopAnswers.bounceFrameAncestors).toContain(`frame-ancestors https://store.${CUSTOM_DOMAIN} `);
    expect(customShopAnswers.opened).toBe(`302 /app?shop=store.${CUSTOM_DOMAIN}`);
  });

  it("GIVEN that run THEN no secret, token or customer data appears anywhere in the output", () => {
    for (const secret of [
      apiSecret,
      ACCESS_TOKEN,
      sessionToken,
      sessionToken.split(".")[2]!,
      CUSTOMER_EMAIL,
      CUSTOMER_PHONE,
      process.env.TOKEN_ENCRYPTION_KEY!,
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/shp(at|rt)_/);
    expect(output).not.toContain("id_token");
  });
});
