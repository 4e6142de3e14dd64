import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevstore, type RunningDevstore } from "../src/server";
import { DevStore } from "../src/store";

const money = (amount: string) => ({ shopMoney: { amount, currencyCode: "EUR" }, presentmentMoney: { amount, currencyCode: "EUR" } });
const order = (n: number) => ({
  __typename: "Order",
  id: `gid://shopify/Order/${n}`,
  name: `#${n}`,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  processedAt: "2026-01-01T00:00:00Z",
  test: false,
  totalPriceSet: money("10.00"),
  lineItems: [1, 2].map((l) => ({ id: `gid://shopify/LineItem/${n * 10 + l}`, quantity: l, title: "x", originalUnitPriceSet: money("5.00") })),
  refunds: [{ id: `gid://shopify/Refund/${n}`, createdAt: "2026-01-02T00:00:00Z", totalRefundedSet: money("5.00"), refundLineItems: [] }],
});

describe("devstore bulk operations", () => {
  let devstore: RunningDevstore;
  const post = async (query: string, variables: Record<string, unknown> = {}) =>
    (await (
      await fetch(`${devstore.origin}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as any;
  const run = (query: string) =>
    post(`mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { message code } } }`, { q: query }).then(
      (body) => body.data.bulkOperationRunQuery,
    );
  const finished = async (id: string) => {
    for (;;) {
      const { bulkOperation } = (
        await post(`query($id: ID!) { bulkOperation(id: $id) { status errorCode objectCount rootObjectCount url partialDataUrl } }`, { id })
      ).data;
      if (!["CREATED", "RUNNING"].includes(bulkOperation.status)) return bulkOperation;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(async () => {
    const store = new DevStore({
      shop: { __typename: "Shop", myshopifyDomain: "b.myshopify.com", name: "B", currencyCode: "EUR", ianaTimezone: "UTC" },
      products: [],
      customers: [],
      orders: [1, 2, 3].map(order),
    });
    devstore = await startDevstore({ store, throttle: { maximumAvailable: 10_000, restoreRate: 10_000 }, bulk: { sliceSize: 2 } });
  });
  afterAll(() => devstore.close());

  it("GIVEN a valid bulk query THEN its JSONL result has one line per node, children pointing to their parent with __parentId", async () => {
    const started = await run(`{ orders { edges { node { id name refunds { id } lineItems { edges { node { id quantity } } } } } } }`);
    expect(started.userErrors).toEqual([]);
    const done = await finished(started.bulkOperation.id);
    expect(done).toMatchObject({ status: "COMPLETED", objectCount: "9", rootObjectCount: "3", errorCode: null });
    const rows = (await (await fetch(done.url)).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.filter((row) => !row.__parentId).map((row) => row.id)).toEqual(["gid://shopify/Order/1", "gid://shopify/Order/2", "gid://shopify/Order/3"]);
    expect(rows.find((row) => row.id === "gid://shopify/LineItem/32")).toEqual({
      id: "gid://shopify/LineItem/32",
      quantity: 2,
      __parentId: "gid://shopify/Order/3",
    });
    expect(rows.find((row) => row.id === "gid://shopify/Order/1").refunds).toEqual([{ id: "gid://shopify/Refund/1" }]);
    // A resumed download asks for the rest of the file.
    const ranged = await fetch(done.url, { headers: { Range: "bytes=10-" } });
    expect(ranged.status).toBe(206);
  });

  it.each([
    [`{ orders { edges { node { id refunds { refundLineItems { edges { node { quantity } } } } } } } }`, "connection field within a list field"],
    [`{ orders { edges { node { name lineItems { edges { node { quantity } } } } } } }`, "must select the 'id' field"],
    [`{ shop { name } }`, "at least one connection"],
    [`{ orders { edges { node { nmae } } } }`, "Cannot query field"],
  ])("GIVEN a query Shopify's bulk rules reject (%s) THEN userErrors say why and nothing runs", async (query, message) => {
    const result = await run(query);
    expect(result.bulkOperation).toBeNull();
    expect(result.userErrors[0].message).toContain(message);
  });

  it("GIVEN a planned TIMEOUT THEN the operation fails with partial data", async () => {
    devstore.bulk.planFailure({ errorCode: "TIMEOUT", afterObjects: 4 });
    const started = await run(`{ orders { edges { node { id lineItems { edges { node { id } } } } } } }`);
    const done = await finished(started.bulkOperation.id);
    expect(done).toMatchObject({ status: "FAILED", errorCode: "TIMEOUT", url: null });
    const partial = (await (await fetch(done.partialDataUrl)).text()).trim().split("\n").length;
    expect(partial).toBeGreaterThanOrEqual(4);
    expect(partial).toBeLessThan(9);
  });

  it("GIVEN exports paced to a number of objects a second THEN an export takes as long as its objects need, and reports them as it goes", async () => {
    const store = new DevStore({
      shop: { __typename: "Shop", myshopifyDomain: "p.myshopify.com", name: "P", currencyCode: "EUR", ianaTimezone: "UTC" },
      products: [],
      customers: [],
      orders: [1, 2, 3, 4, 5, 6].map(order),
    });
    const paced = await startDevstore({ store, throttle: { maximumAvailable: 10_000, restoreRate: 10_000 }, bulk: { sliceSize: 2, objectsPerSecond: 20 } });
    try {
      const started = Date.now();
      const operation = paced.bulk.run(`{ orders { edges { node { id lineItems { edges { node { id } } } } } } }`, false).bulkOperation!;
      const counts: number[] = [];
      while (["CREATED", "RUNNING"].includes(operation.status)) {
        counts.push(Number(operation.objectCount));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(operation).toMatchObject({ status: "COMPLETED", objectCount: "18" });
      // 18 objects at 20 a second: each slice of six waits until its objects are due, the last until 0.9 s.
      expect(Date.now() - started).toBeGreaterThanOrEqual(850);
      expect(new Set(counts.filter((count) => count > 0 && count < 18)).size).toBeGreaterThanOrEqual(1);
    } finally {
      await paced.close();
    }
  });
});
