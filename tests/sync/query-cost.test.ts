import path from "node:path";
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAdminSchema } from "@throughline/shopify-common/admin-schema";
import { DevStore, loadFixture, MAX_QUERY_COST, MUTATION_COST, requestedQueryCost, startDevstore, type RunningDevstore } from "@throughline/devstore";
import { createAdminClient } from "~/admin-api/client.server";
import { runTask } from "~/sync/tasks.server";
import { db, resetDatabase } from "../helpers/database";
import { BULK_RUN, BULK_STATUS, REFUND_LINES, REFUND_LINES_SIZED } from "~/sync/bulk/bulk-documents";
import { REFUND_COST, sizedBatch } from "~/sync/bulk/refund-lines.server";
import {
  ORDER_LINE_ITEMS_PAGE,
  ORDER_REFUNDS,
  ORDER_TRANSACTIONS,
  ORDERS_PAGE,
  PRODUCT_VARIANTS_PAGE,
  PRODUCTS_PAGE,
  SHOP_DETAILS,
  STORE_COUNTS,
} from "~/sync/sync-documents";
import { ORDERS_PER_PAGE, PRODUCTS_PER_PAGE } from "~/sync/pull.server";

// The devstore charges what Shopify charges (https://shopify.dev/docs/api/usage/limits): scalars 0,
// objects 1, connections 2 + first × a node, pageInfo 1, `nodes(ids:)` per id, mutations 10; the
// requested cost before the query, the actual cost (what it returned) after, the difference given back
// to the bucket; over 1,000 requested, refused unrun. Expected figures are worked out here from those
// rules, field by field, for the app's own queries.

const schema = loadAdminSchema();
const costOf = (document: string, variables: Record<string, unknown>) => {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return requestedQueryCost(schema, operation, fragments, variables);
};
const ids = (n: number, type = "Refund") => Array.from({ length: n }, (_, i) => `gid://shopify/${type}/${i + 1}`);

describe("the cost of the app's queries, by Shopify's rules", () => {
  it("GIVEN the refund-line queries THEN each id costs the refund (1), its line connection (2), 4 a line asked (the line, lineItem, subtotalSet, shopMoney) and pageInfo 1 where selected; a batch is as large as 1,000 points allow", () => {
    const perRefund = (first: number, pageInfo: boolean) => 1 + 2 + (pageInfo ? 1 : 0) + first * (1 + 1 + 1 + 1);
    expect(costOf(REFUND_LINES, { ids: ids(1), first: 10, after: null })).toBe(perRefund(10, true));
    expect(costOf(REFUND_LINES_SIZED, { ids: ids(7), first: 3 })).toBe(7 * perRefund(3, false));
    expect(REFUND_COST(3)).toBe(perRefund(3, false));
    expect(REFUND_COST(10, true)).toBe(perRefund(10, true));

    // Refunds of orders of 1, 1, 2 and 40 lines (newest first): each asks one line more than its
    // order has, the batch asks the largest of them, and stops before 1,000 points.
    const candidates = [1, 1, 2, ...Array.from({ length: 80 }, () => 1), 40].map((orderLines, i) => ({ id: `r${i}`, orderLines }));
    const { refunds, first } = sizedBatch(candidates);
    expect(first).toBe(3);
    expect(refunds.length).toBe(Math.floor(1000 / perRefund(3, false)));
    expect(costOf(REFUND_LINES_SIZED, { ids: ids(refunds.length), first })).toBeLessThanOrEqual(MAX_QUERY_COST);
    expect(costOf(REFUND_LINES_SIZED, { ids: ids(refunds.length + 1), first })).toBeGreaterThan(MAX_QUERY_COST);
    // A refund of a 40-line order first in line asks 41 lines: fewer fit.
    const big = sizedBatch([{ id: "big", orderLines: 40 }, ...candidates]);
    expect(big).toEqual({ refunds: big.refunds, first: 41 });
    expect(big.refunds.length).toBe(Math.floor(1000 / perRefund(41, false)));
  });

  it("GIVEN every paged query the app sends, with the variables it sends THEN none asks for more than 1,000 points", () => {
    const sent: [string, string, Record<string, unknown>][] = [
      ["ORDERS_PAGE", ORDERS_PAGE, { first: ORDERS_PER_PAGE, after: null, query: null }],
      ["ORDER_LINE_ITEMS_PAGE", ORDER_LINE_ITEMS_PAGE, { id: "gid://shopify/Order/1", after: null }],
      ["ORDER_REFUNDS", ORDER_REFUNDS, { id: "gid://shopify/Order/1" }],
      ["ORDER_TRANSACTIONS", ORDER_TRANSACTIONS, { id: "gid://shopify/Order/1" }],
      ["PRODUCTS_PAGE", PRODUCTS_PAGE, { first: PRODUCTS_PER_PAGE, after: null, query: null }],
      ["PRODUCT_VARIANTS_PAGE", PRODUCT_VARIANTS_PAGE, { id: "gid://shopify/Product/1", after: null }],
      ["REFUND_LINES (a refund's remaining lines)", REFUND_LINES, { ids: ids(1), first: 100, after: "cursor" }],
    ];
    for (const [name, document, variables] of sent) expect({ name, cost: costOf(document, variables) <= MAX_QUERY_COST }).toEqual({ name, cost: true });
  });

  it("GIVEN an order's payments THEN each transaction asked costs 5 (the transaction, amountSet and its shopMoney, the fees list charged as one fee, and the fee's amount), the shipping country 1, and a page of orders still fits", () => {
    const page = (document: string) => costOf(document, { first: 1, after: null, query: null });
    expect(page(ORDERS_PAGE.replace("transactions(first: 5)", "transactions(first: 6)")) - page(ORDERS_PAGE)).toBe(5);
    expect(page(ORDERS_PAGE) - page(ORDERS_PAGE.replace(/shippingAddress \{\s*countryCodeV2\s*\}/, ""))).toBe(1);
    // The transactions' price is paid by one refund less on the first page (4, not 5): 3 orders still fit under 1,000.
    expect(costOf(ORDERS_PAGE, { first: ORDERS_PER_PAGE, after: null, query: null })).toBe(903);
    // An order of more transactions than its first page reads them whole: a list without `first` is charged as one item.
    expect(costOf(ORDER_TRANSACTIONS, { id: "gid://shopify/Order/1" })).toBe(1 + 5);
  });

  it("GIVEN small queries THEN their cost is the objects they select: the shop 1, a node by id 1 (an interface: its dearest fragment), a mutation 10", () => {
    expect(costOf(SHOP_DETAILS, {})).toBe(1);
    expect(costOf(BULK_STATUS, { id: "gid://shopify/BulkOperation/1" })).toBe(1);
    expect(costOf(BULK_RUN, { query: "{ orders { edges { node { id } } } }" })).toBe(MUTATION_COST);
    // ORDER_REFUNDS: order 1 + its refunds list (one item, as its size isn't given): refund 1,
    // totalRefundedSet 1 + shopMoney 1, line connection 2 + pageInfo 1 + 200 lines × 4.
    expect(costOf(ORDER_REFUNDS, { id: "gid://shopify/Order/1" })).toBe(1 + (1 + 2 + (2 + 1 + 200 * 4)));
    expect(costOf(STORE_COUNTS, {})).toBeGreaterThan(0);
  });
});

describe("the devstore's bucket, charged as Shopify charges", () => {
  let devstore: RunningDevstore;
  let now = Date.parse("2026-11-30T10:00:00Z");
  const refund = (order: number, n: number, lines: number) => ({
    id: `gid://shopify/Refund/${order * 10 + n}`,
    createdAt: "2026-11-20T10:00:00Z",
    totalRefundedSet: { shopMoney: { amount: "1.00", currencyCode: "EUR" } },
    refundLineItems: Array.from({ length: lines }, (_, l) => ({
      lineItem: { id: `gid://shopify/LineItem/${order * 100 + l}` },
      quantity: 1,
      subtotalSet: { shopMoney: { amount: "1.00", currencyCode: "EUR" } },
    })),
  });
  const order = (n: number, refunds: ReturnType<typeof refund>[]) => ({
    __typename: "Order",
    id: `gid://shopify/Order/${n}`,
    name: `#${n}`,
    createdAt: "2026-11-19T10:00:00Z",
    updatedAt: "2026-11-20T10:00:00Z",
    processedAt: "2026-11-19T10:00:00Z",
    test: false,
    lineItems: [0, 1, 2].map((l) => ({ id: `gid://shopify/LineItem/${n * 100 + l}`, quantity: 1, title: "x" })),
    refunds,
  });
  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${devstore.origin}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
      extensions?: {
        cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: { currentlyAvailable: number; maximumAvailable: number } };
      };
    };
  };

  beforeAll(async () => {
    const store = new DevStore(
      {
        shop: {
          __typename: "Shop",
          myshopifyDomain: "cost.myshopify.com",
          name: "Cost",
          email: "owner@cost.example",
          currencyCode: "EUR",
          ianaTimezone: "UTC",
        },
        products: [],
        customers: [],
        orders: [order(1, [refund(1, 1, 1), refund(1, 2, 3)]), order(2, [refund(2, 1, 0)])],
      } as never,
      () => now,
    );
    // A clock that stands still: the bucket moves only by what queries take and give back.
    devstore = await startDevstore({ store, throttle: { maximumAvailable: 2000, restoreRate: 100 }, clock: () => now });
  });
  afterAll(async () => {
    await devstore?.close();
  });

  it("GIVEN refunds of 1, 3 and 0 lines asked with room for 10 each THEN the requested cost is taken, the actual cost is what they returned, and the rest is given back", async () => {
    const answer = await post(REFUND_LINES, { ids: ["gid://shopify/Refund/11", "gid://shopify/Refund/12", "gid://shopify/Refund/21"], first: 10, after: null });
    expect(answer.errors).toBeUndefined();
    const actual = [1, 3, 0].reduce((sum, lines) => sum + REFUND_COST(lines, true), 0);
    expect(answer.extensions!.cost).toMatchObject({ requestedQueryCost: 3 * REFUND_COST(10, true), actualQueryCost: actual });
    expect(answer.extensions!.cost.throttleStatus.currentlyAvailable).toBe(2000 - actual);
  });

  it("GIVEN a query asking for more than 1,000 points THEN it is refused unrun and the bucket is untouched", async () => {
    const before = (await post(SHOP_DETAILS, {})).extensions!.cost.throttleStatus.currentlyAvailable;
    const refused = await post(REFUND_LINES_SIZED, { ids: ids(Math.floor(1000 / REFUND_COST(1)) + 1), first: 1 });
    expect(refused.errors?.[0]?.extensions?.code).toBe("MAX_COST_EXCEEDED");
    const after = (await post(SHOP_DETAILS, {})).extensions!.cost.throttleStatus.currentlyAvailable;
    expect(after).toBe(before - 1);
  });
});

describe("a webhook task reads one record, and asks for one", () => {
  let devstore: RunningDevstore;
  beforeAll(async () => {
    await resetDatabase();
    devstore = await startDevstore({ store: new DevStore(await loadFixture(path.resolve("../shared/fixtures/sample-store.jsonl"))) });
  });
  afterAll(async () => {
    await devstore?.close();
  });

  it("GIVEN an order's and a product's task THEN each query asks for one record's points (a page asks for three orders' or five products'), and the record is stored", async () => {
    const requested: number[] = [];
    const shop = devstore.store.shop.myshopifyDomain;
    const client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin, onCost: (cost) => requested.push(cost.requested) });
    // A connection costs 2, its pageInfo 1, and `first` × a record.
    const perOrder = (costOf(ORDERS_PAGE, { first: ORDERS_PER_PAGE, after: null, query: null }) - 3) / ORDERS_PER_PAGE;
    const perProduct = (costOf(PRODUCTS_PAGE, { first: PRODUCTS_PER_PAGE, after: null, query: null }) - 3) / PRODUCTS_PER_PAGE;
    const order = devstore.store.orders.find((o) => (o.lineItems as unknown[]).length <= 10 && (o.refunds as unknown[]).length === 0)!;
    const product = devstore.store.products[0]!;

    await runTask(db, client, { shop, kind: "order", resourceId: order.id as string, updatedAt: null, payload: null }, new Date());
    await runTask(db, client, { shop, kind: "product", resourceId: product.id as string, updatedAt: null, payload: null }, new Date());

    expect(requested).toEqual([3 + perOrder, 3 + perProduct]);
    expect(requested[0]).toBeLessThan(costOf(ORDERS_PAGE, { first: ORDERS_PER_PAGE, after: null, query: null }) / 2);
    expect(await db.order.count({ where: { shop, id: order.id as string } })).toBe(1);
    expect(await db.product.count({ where: { shop, id: product.id as string } })).toBe(1);
  });
});
