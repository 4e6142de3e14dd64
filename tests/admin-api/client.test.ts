import { describe, expect, it } from "vitest";
import { AdminApiError, createAdminClient } from "~/admin-api/client.server";
import { SHOP_DETAILS } from "~/sync/sync-documents";

const SHOP = "retry-shop.myshopify.com";
const ok = { data: { shop: { name: "Retry", email: null, myshopifyDomain: SHOP, currencyCode: "EUR", ianaTimezone: "UTC" } } };
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const throttled = (available: number) =>
  json(200, {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
    extensions: {
      cost: { requestedQueryCost: 100, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate: 50 } },
    },
  });

/** A fake Admin endpoint answering from a script, recording each request's token. */
function scripted(answers: (Response | Error)[]) {
  const tokens: string[] = [];
  const sleeps: number[] = [];
  const fetchImpl: typeof fetch = async (_input, init) => {
    tokens.push(new Headers(init?.headers).get("X-Shopify-Access-Token") ?? "");
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetchImpl, tokens, sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

const client = (script: ReturnType<typeof scripted>, extra: Partial<Parameters<typeof createAdminClient>[0]> = {}) =>
  createAdminClient({ shop: SHOP, accessToken: "token-1", fetch: script.fetchImpl, sleep: script.sleep, random: () => 0.5, ...extra });

describe("Admin API client", () => {
  it("GIVEN a THROTTLED answer THEN it waits until the bucket holds the query's cost, then succeeds", async () => {
    const script = scripted([throttled(20), json(200, ok)]);
    expect((await client(script).request(SHOP_DETAILS, {})).shop.name).toBe("Retry");
    expect(script.sleeps).toEqual([1600]); // (100 − 20) / 50 points per second
  });

  it("GIVEN the bucket found drained again after each wait (the app's other processes share it) THEN it keeps waiting past the failures' bound, each wait after the first jittered, and succeeds", async () => {
    const script = scripted([...Array.from({ length: 9 }, () => throttled(20)), json(200, ok)]);
    expect((await client(script, { maxAttempts: 4 }).request(SHOP_DETAILS, {})).shop.name).toBe("Retry");
    expect(script.sleeps).toEqual([1600, ...Array.from({ length: 8 }, () => 2400)]); // 1600 × (1 + 0.5)
  });

  it("GIVEN throttling for longer than the request may wait THEN it gives up, saying how long it waited", async () => {
    const script = scripted(Array.from({ length: 5 }, () => throttled(20)));
    await expect(client(script, { maxThrottledMs: 5000 }).request(SHOP_DETAILS, {})).rejects.toThrow(
      `Shopify kept throttling for ${SHOP}: 4 s waited over 3 attempts`,
    );
    expect(script.sleeps).toEqual([1600, 2400]);
  });

  it("GIVEN 503, 502 and a dropped connection THEN it retries with growing, jittered pauses", async () => {
    const script = scripted([json(503, {}), json(502, {}), new TypeError("fetch failed"), json(200, ok)]);
    await client(script).request(SHOP_DETAILS, {});
    expect(script.sleeps).toEqual([375, 750, 1500]);
  });

  it("GIVEN 429 with Retry-After THEN it waits at least that long", async () => {
    const script = scripted([json(429, { errors: "Too many requests" }, { "Retry-After": "2" }), json(200, ok)]);
    await client(script).request(SHOP_DETAILS, {});
    expect(script.sleeps).toEqual([2000]);
  });

  it("GIVEN a 4xx that won't change THEN it fails at once with the status", async () => {
    const script = scripted([json(404, { errors: "Not Found" }), json(200, ok)]);
    const error = await client(script)
      .request(SHOP_DETAILS, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect((error as AdminApiError).status).toBe(404);
    expect(script.tokens).toHaveLength(1);
  });

  it("GIVEN Shopify keeps failing THEN it gives up after the bound with a clear error", async () => {
    const script = scripted(Array.from({ length: 10 }, () => json(500, {})));
    await expect(client(script, { maxAttempts: 4 }).request(SHOP_DETAILS, {})).rejects.toThrow(`Shopify kept failing (HTTP 500) for ${SHOP} after 4 attempts`);
    expect(script.tokens).toHaveLength(4);
  });

  it("GIVEN a 401 THEN it asks for the current token once and retries with it", async () => {
    const script = scripted([json(401, { errors: "Invalid API key or access token" }), json(200, ok)]);
    const asked: (string | undefined)[] = [];
    const accessToken = async ({ stale }: { stale?: string }) => {
      asked.push(stale);
      return stale ? "token-2" : "token-1";
    };
    await client(script, { accessToken }).request(SHOP_DETAILS, {});
    expect(asked).toEqual([undefined, "token-1"]);
    expect(script.tokens).toEqual(["token-1", "token-2"]);
  });

  it("GIVEN a second 401 with the fresh token THEN it stops", async () => {
    const script = scripted([json(401, {}), json(401, {}), json(200, ok)]);
    await expect(client(script).request(SHOP_DETAILS, {})).rejects.toThrow("HTTP 401");
  });

  it("GIVEN the last answer left the bucket low THEN it waits before sending the next query", async () => {
    const low = {
      ...ok,
      extensions: {
        cost: { requestedQueryCost: 100, actualQueryCost: 100, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 10, restoreRate: 50 } },
      },
    };
    const script = scripted([json(200, low), json(200, ok)]);
    const admin = client(script);
    await admin.request(SHOP_DETAILS, {});
    await admin.request(SHOP_DETAILS, {});
    expect(script.sleeps).toHaveLength(1);
    expect(script.sleeps[0]).toBeGreaterThan(1700);
    expect(script.sleeps[0]).toBeLessThanOrEqual(1800);
  });
});
