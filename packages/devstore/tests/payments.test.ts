import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture } from "../src/fixture";
import { startDevstore, type RunningDevstore } from "../src/server";
import { DevStore } from "../src/store";

const PAYMENTS_STORE = new URL("./fixtures/payments-store.jsonl", import.meta.url).pathname;
const FAST = { maximumAvailable: 100_000, restoreRate: 100_000 };

async function graphql(devstore: RunningDevstore, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${devstore.origin}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

describe("the devstore serves orders' shipping countries and payments", () => {
  let devstore: RunningDevstore;
  let fixture: Awaited<ReturnType<typeof loadFixture>>;

  beforeAll(async () => {
    fixture = await loadFixture(PAYMENTS_STORE);
    devstore = await startDevstore({ store: new DevStore(await loadFixture(PAYMENTS_STORE)), throttle: FAST, bulk: { sliceSize: 4 } });
  });
  afterAll(() => devstore.close());

  const TRANSACTION_FIELDS = `id kind status gateway processedAt test amountSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } fees { id type rate amount { amount currencyCode } flatFee { amount currencyCode } taxAmount { amount currencyCode } } parentTransaction { id }`;

  it("GIVEN a store with payments WHEN a paged query asks for each order's country, gateways and transactions with fees THEN it answers what the store holds (an order without them: null and empty lists) and charges Shopify's cost for it", async () => {
    const body = await graphql(
      devstore,
      `{ orders(first: 10) { nodes { name shippingAddress { countryCodeV2 } paymentGatewayNames transactions(first: 5) { ${TRANSACTION_FIELDS} } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data.orders.nodes as any[];
    expect(nodes.map((node) => node.name)).toEqual(fixture.orders.map((order) => order.name));
    for (const node of nodes) {
      const order = fixture.orders.find((candidate) => candidate.name === node.name)!;
      expect(node.shippingAddress).toEqual(order.shippingAddress ?? null);
      const transactions = (order.transactions as Record<string, unknown>[] | undefined) ?? [];
      expect(node.transactions).toEqual(transactions.slice(0, 5));
      expect(node.paymentGatewayNames).toEqual([...new Set(transactions.map((t) => t.gateway))]);
    }
    // Requested, by Shopify's rules (objects 1, connections 2 + first × a node, lists by `first`, else
    // one item): each order 1 + shippingAddress 1 + 5 transactions × (1 + amountSet 1 + shopMoney 1 +
    // presentmentMoney 1 + parentTransaction 1 + one fee × (1 + amount, flatFee, taxAmount 3)) = 47.
    expect(body.extensions.cost.requestedQueryCost).toBe(2 + 10 * (1 + 1 + 5 * (1 + 1 + 1 + 1 + 1 + (1 + 3))));
    // Actual: what came back, a null object or a missing item costing nothing.
    const actual =
      2 +
      nodes.reduce(
        (sum, node) =>
          sum +
          1 +
          (node.shippingAddress ? 1 : 0) +
          node.transactions.reduce((s: number, t: any) => s + 1 + 3 + (t.parentTransaction ? 1 : 0) + 4 * t.fees.length, 0),
        0,
      );
    expect(body.extensions.cost.actualQueryCost).toBe(actual);
  });

  it("GIVEN an order authorized and not captured, and one captured WHEN transactions are asked for by `first` and `capturable` THEN the list is truncated and filtered as Shopify's arguments say, and a filter the devstore can't honour is refused", async () => {
    const body = await graphql(
      devstore,
      `
        {
          open: order(id: "gid://shopify/Order/1002") {
            capturable: transactions(capturable: true) {
              id
            }
          }
          captured: order(id: "gid://shopify/Order/1003") {
            capturable: transactions(capturable: true) {
              id
            }
            notCapturable: transactions(capturable: false) {
              id
            }
            first: transactions(first: 1) {
              id
            }
          }
        }
      `,
    );
    expect(body.data.open.capturable).toEqual([{ id: "gid://shopify/OrderTransaction/3" }]);
    expect(body.data.captured.capturable).toEqual([]);
    expect(body.data.captured.notCapturable.map((t: any) => t.id)).toHaveLength(3);
    expect(body.data.captured.first).toEqual([{ id: "gid://shopify/OrderTransaction/4" }]);
    const refused = await graphql(
      devstore,
      `
        {
          order(id: "gid://shopify/Order/1003") {
            transactions(manuallyResolvable: true) {
              id
            }
          }
        }
      `,
    );
    expect(refused.errors[0].message).toMatch(/manuallyResolvable/);
  });

  it("GIVEN a refunded order WHEN its refund's transactions and a transaction by id are asked for THEN the refund holds the REFUND transaction made with it, and a transaction links to its parent and its order", async () => {
    const body = await graphql(
      devstore,
      `
        {
          order(id: "gid://shopify/Order/1001") {
            refunds(first: 5) {
              id
              transactions(first: 5) {
                nodes {
                  id
                  kind
                  fees {
                    amount {
                      amount
                    }
                  }
                }
              }
            }
          }
          node(id: "gid://shopify/OrderTransaction/6") {
            ... on OrderTransaction {
              kind
              createdAt
              manualPaymentGateway
              parentTransaction {
                kind
                processedAt
              }
              order {
                name
              }
            }
          }
        }
      `,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.order.refunds[0].transactions.nodes).toEqual([
      { id: "gid://shopify/OrderTransaction/2", kind: "REFUND", fees: [{ amount: { amount: "-0.68" } }] },
    ]);
    expect(body.data.node).toEqual({
      kind: "CAPTURE",
      createdAt: "2026-03-06T08:00:00Z",
      manualPaymentGateway: false,
      parentTransaction: { kind: "AUTHORIZATION", processedAt: "2026-03-04T11:02:00Z" },
      order: { name: "#1003" },
    });
  });

  it("GIVEN a bulk query of orders with their transactions and fees WHEN it runs THEN the lists stay inline in each order's line (only connections get lines of their own)", async () => {
    const query = `{ orders { edges { node { id shippingAddress { countryCodeV2 } transactions { id kind fees { amount { amount } } } lineItems { edges { node { id } } } } } } }`;
    const started = (
      await graphql(
        devstore,
        `
          mutation ($q: String!) {
            bulkOperationRunQuery(query: $q) {
              bulkOperation {
                id
              }
              userErrors {
                message
              }
            }
          }
        `,
        { q: query },
      )
    ).data.bulkOperationRunQuery;
    expect(started.userErrors).toEqual([]);
    let operation: any;
    do {
      await new Promise((resolve) => setTimeout(resolve, 10));
      operation = (
        await graphql(
          devstore,
          `
            query ($id: ID!) {
              bulkOperation(id: $id) {
                status
                url
                objectCount
              }
            }
          `,
          { id: started.bulkOperation.id },
        )
      ).data.bulkOperation;
    } while (operation.status === "CREATED" || operation.status === "RUNNING");
    expect(operation.status).toBe("COMPLETED");
    const rows = (await (await fetch(operation.url)).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const lineItems = fixture.orders.reduce((sum, order) => sum + (order.lineItems as unknown[]).length, 0);
    expect(Number(operation.objectCount)).toBe(fixture.orders.length + lineItems);
    for (const order of fixture.orders) {
      const row = rows.find((candidate) => candidate.id === order.id);
      const transactions = (order.transactions as any[] | undefined) ?? [];
      expect(row.shippingAddress).toEqual(order.shippingAddress ?? null);
      expect(row.transactions).toEqual(
        transactions.map((t) => ({ id: t.id, kind: t.kind, fees: t.fees.map((f: any) => ({ amount: { amount: f.amount.amount } })) })),
      );
    }
    expect(rows.filter((row) => row.__parentId).every((row) => row.id.startsWith("gid://shopify/LineItem/"))).toBe(true);
  });
});

describe("the devstore's payments through its control API and webhooks", () => {
  let receiver: Server;
  let received: { topic: string; body: any }[];
  let appUrl: string;

  beforeAll(async () => {
    received = [];
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ topic: String(request.headers["x-shopify-topic"]), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  const subscriptions = Object.fromEntries(
    ["orders/create", "orders/updated", "refunds/create", "order_transactions/create"].map((topic) => [topic, "/hooks"]),
  );

  async function storeIn(currencyCode: string, price: string) {
    const data = await loadFixture(PAYMENTS_STORE);
    data.shop.currencyCode = currencyCode;
    (data.products[0]!.variants as any[])[0].price = price;
    return startDevstore({ store: new DevStore(data), throttle: FAST, webhooks: { appUrl, secret: "s", subscriptions } });
  }
  const control = async (devstore: RunningDevstore, action: string, body: unknown) => {
    const response = await fetch(`${devstore.origin}/devstore/control/${action}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "devstore-token" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it.each([
    // 2 × 20.00 = 40.00; 2.4% = 0.96, + 0.25.
    { currency: "EUR", price: "20.00", total: "40.00", fee: "1.21", flat: "0.25", rate: "0.024" },
    // 3 × 1500 = 4500; 3.55% = 159.75, rounded half up to the yen: 160.
    { currency: "JPY", price: "1500", total: "4500", fee: "160", flat: "0", rate: "0.0355" },
    // 3 × 12.345 = 37.035; 2.9% = 1.074015 → 1.074, + 0.092 (30 US cents at the table rate).
    { currency: "KWD", price: "12.345", total: "37.035", fee: "1.166", flat: "0.092", rate: "0.029" },
  ])(
    "GIVEN a $currency store WHEN an order is placed through the control API THEN it is paid by a Shopify Payments sale whose fee is listed in the currency's decimals, and order_transactions/create follows orders/create",
    async ({ currency, price, total, fee, flat, rate }) => {
      const devstore = await storeIn(currency, price);
      try {
        await devstore.webhooks.settled();
        received.length = 0;
        const quantity = currency === "EUR" ? 2 : 3;
        const created = await control(devstore, "orders/create", {
          lines: [{ variantId: "gid://shopify/ProductVariant/31", quantity }],
          shippingCountry: "CA",
        });
        expect(created.status).toBe(200);
        const order = created.body.order;
        expect(order.totalPriceSet.shopMoney.amount).toBe(total);
        expect(order.shippingAddress).toEqual({ countryCodeV2: "CA" });
        expect(order.transactions).toHaveLength(1);
        expect(order.transactions[0]).toMatchObject({
          kind: "SALE",
          status: "SUCCESS",
          gateway: "shopify_payments",
          test: false,
          amountSet: { shopMoney: { amount: total, currencyCode: currency } },
          fees: [{ type: "processing_fee", rate, amount: { amount: fee, currencyCode: currency }, flatFee: { amount: flat } }],
        });
        await devstore.webhooks.settled();
        expect(received.map((delivery) => delivery.topic)).toEqual(["orders/create", "order_transactions/create"]);
        expect(received[0]!.body).toMatchObject({ shipping_address: { country_code: "CA" }, payment_gateway_names: ["shopify_payments"] });
        expect(received[0]!.body).not.toHaveProperty("transactions");
        expect(received[1]!.body).toEqual(
          expect.objectContaining({
            order_id: Number(order.id.split("/").pop()),
            kind: "sale",
            status: "success",
            gateway: "shopify_payments",
            amount: total,
            currency,
            parent_id: null,
            admin_graphql_api_id: order.transactions[0].id,
          }),
        );
        expect(received[1]!.body).not.toHaveProperty("fees");
      } finally {
        await devstore.close();
      }
    },
  );

  it("GIVEN an order paid through PayPal WHEN part of it is refunded through the control API THEN the refund goes back through PayPal with no fees, and refunds/create and order_transactions/create carry that REFUND", async () => {
    const devstore = await storeIn("EUR", "20.00");
    try {
      const order = (await control(devstore, "orders/create", { lines: [{ variantId: "gid://shopify/ProductVariant/31", quantity: 2 }], gateway: "paypal" }))
        .body.order;
      expect(order.shippingAddress).toBeNull();
      expect(order.transactions[0]).toMatchObject({ gateway: "paypal", fees: [] });
      await devstore.webhooks.settled();
      received.length = 0;
      const refunded = await control(devstore, "orders/refund", { id: order.id, lines: [{ lineItemId: order.lineItems[0].id, quantity: 1 }] });
      expect(refunded.status).toBe(200);
      const refund = refunded.body.order.transactions[1];
      expect(refund).toMatchObject({
        kind: "REFUND",
        gateway: "paypal",
        fees: [],
        amountSet: { shopMoney: { amount: "20.00" } },
        parentTransaction: { id: order.transactions[0].id },
      });
      await devstore.webhooks.settled();
      expect(received.map((delivery) => delivery.topic)).toEqual(["refunds/create", "order_transactions/create", "orders/updated"]);
      const restRefund = {
        kind: "refund",
        gateway: "paypal",
        amount: "20.00",
        parent_id: Number(order.transactions[0].id.split("/").pop()),
        admin_graphql_api_id: refund.id,
      };
      expect(received[0]!.body.transactions).toEqual([expect.objectContaining(restRefund)]);
      expect(received[1]!.body).toEqual(expect.objectContaining(restRefund));
      expect(received[2]!.body.payment_gateway_names).toEqual(["paypal"]);
    } finally {
      await devstore.close();
    }
  });

  it("GIVEN the control API WHEN an order names a country that isn't a two-letter code THEN it is refused with 400 and nothing is placed", async () => {
    const devstore = await storeIn("EUR", "20.00");
    try {
      const before = devstore.store.orders.length;
      const refused = await control(devstore, "orders/create", {
        lines: [{ variantId: "gid://shopify/ProductVariant/31", quantity: 1 }],
        shippingCountry: "Canada",
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatch(/^shippingCountry: /);
      expect(devstore.store.orders).toHaveLength(before);
    } finally {
      await devstore.close();
    }
  });
});
