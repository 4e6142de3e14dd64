import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevstore, type RunningDevstore } from "../src/server";
import { DevStore } from "../src/store";
import { parseSearchQuery, searchPredicate } from "../src/search-query";
import { ThrottleBucket } from "../src/cost";
import { connection } from "../src/resolvers";

const order = (n: number, updatedAt: string) => ({
  __typename: "Order",
  id: `gid://shopify/Order/${n}`,
  name: `#${n}`,
  createdAt: updatedAt,
  updatedAt,
  processedAt: updatedAt,
  test: false,
  lineItems: [1, 2, 3].map((l) => ({ id: `gid://shopify/LineItem/${n * 10 + l}`, quantity: l, title: "x" })),
  refunds: [],
});

describe("devstore", () => {
  let devstore: RunningDevstore;
  const post = (query: string, variables: Record<string, unknown> = {}, token = "devstore-token") =>
    fetch(`${devstore.origin}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
      body: JSON.stringify({ query, variables }),
    });

  beforeAll(async () => {
    const store = new DevStore({
      shop: { __typename: "Shop", myshopifyDomain: "t.myshopify.com", name: "T", currencyCode: "EUR", ianaTimezone: "UTC" },
      products: [],
      customers: [],
      orders: [order(3, "2026-01-03T00:00:00Z"), order(1, "2026-01-01T00:00:00Z"), order(2, "2026-01-02T00:00:00Z")],
    });
    devstore = await startDevstore({ store, throttle: { maximumAvailable: 300, restoreRate: 1 } });
  });
  afterAll(() => devstore.close());

  it("pages orders with cursors, sorted, and nested line items", async () => {
    const query = `query($after: String) { orders(first: 2, after: $after, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { id lineItems(first: 2) { pageInfo { hasNextPage } nodes { quantity } } } } }`;
    const first = (await (await post(query)).json()) as any;
    expect(first.data.orders.nodes.map((n: any) => n.id)).toEqual(["gid://shopify/Order/1", "gid://shopify/Order/2"]);
    expect(first.data.orders.nodes[0].lineItems).toEqual({ pageInfo: { hasNextPage: true }, nodes: [{ quantity: 1 }, { quantity: 2 }] });
    const second = (await (await post(query, { after: first.data.orders.pageInfo.endCursor })).json()) as any;
    expect(second.data.orders.nodes.map((n: any) => n.id)).toEqual(["gid://shopify/Order/3"]);
    expect(second.data.orders.pageInfo.hasNextPage).toBe(false);
    expect(second.extensions.cost.throttleStatus.maximumAvailable).toBe(300);
  });

  it("filters with updated_at comparisons and reverses", async () => {
    const body = (await (
      await post(`{ orders(first: 10, query: "updated_at:>='2026-01-02T00:00:00Z'", sortKey: UPDATED_AT, reverse: true) { nodes { id } } }`)
    ).json()) as any;
    expect(body.data.orders.nodes.map((n: any) => n.id)).toEqual(["gid://shopify/Order/3", "gid://shopify/Order/2"]);
  });

  it("counts orders up to the limit asked (Shopify's 10,000 unless told, none for null), then says at least, and counts a span of creation dates", async () => {
    const query = `{ limited: ordersCount(limit: 2) { count precision } whole: ordersCount(limit: null) { count precision } span: ordersCount(query: "created_at:>='2026-01-02T00:00:00Z' created_at:<'2026-01-03T00:00:00Z'", limit: null) { count precision } byDefault: ordersCount { count precision } }`;
    const body = (await (await post(query)).json()) as any;
    expect(body.data).toEqual({
      limited: { count: 2, precision: "AT_LEAST" },
      whole: { count: 3, precision: "EXACT" },
      span: { count: 1, precision: "EXACT" },
      byDefault: { count: 3, precision: "EXACT" },
    });
  });

  it("rejects a misspelt field like Shopify, and a wrong token with 401", async () => {
    const body = (await (await post("{ shop { nmae } }")).json()) as any;
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toContain('Cannot query field "nmae"');
    expect((await post("{ shop { name } }", {}, "wrong")).status).toBe(401);
  });

  it("throttles when the bucket cannot pay for a query", async () => {
    const body = (await (await post(`{ orders(first: 250) { nodes { id customer { id } } } }`)).json()) as any;
    expect(body.errors[0].extensions.code).toBe("THROTTLED");
  });

  it("refills its bucket with time", () => {
    let now = 0;
    const bucket = new ThrottleBucket(100, 10, () => now);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(20)).toBe(false);
    now = 2000;
    expect(bucket.take(20)).toBe(true);
  });

  it.each([
    ["updated_at:>2026-01-01", [{ field: "updated_at", op: ">", value: "2026-01-01" }]],
    [
      "processed_at:<='2026-03-01T00:00:00Z' AND test:false",
      [
        { field: "processed_at", op: "<=", value: "2026-03-01T00:00:00Z" },
        { field: "test", op: "=", value: "false" },
      ],
    ],
  ])("parses %s", (query, expected) => {
    expect(parseSearchQuery(query)).toEqual(expected);
  });

  it("ignores unknown fields", () => {
    expect(searchPredicate("vendor:acme")({ id: "x" })).toBe(true);
  });
});

describe("devstore connections", () => {
  it("GIVEN nodes without ids (a refund's line items) WHEN paged with cursors THEN every node comes once, in order, and a forged cursor is refused", () => {
    const items = Array.from({ length: 7 }, (_, n) => ({ quantity: n }));
    const seen: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: ReturnType<typeof connection> = connection(items as never, { first: 3, ...(after ? { after } : {}) });
      seen.push(...page.nodes.map((node) => (node as unknown as { quantity: number }).quantity));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => connection(items as never, { first: 3, after: "not-a-cursor" })).toThrow(/Invalid cursor/);
  });
});
