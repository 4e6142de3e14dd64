import type { DevstoreData, FixtureRecord, FixtureShop } from "./fixture";

type Listener = (event: { topic: string; record: FixtureRecord }) => void;

/** The devstore's in-memory store: objects kept in the fixture shape, indexed by id. */
export class DevStore {
  readonly shop: FixtureShop & { id: string };
  readonly products: FixtureRecord[];
  readonly customers: FixtureRecord[];
  readonly orders: FixtureRecord[];
  private readonly byId = new Map<string, FixtureRecord>();
  private readonly listeners: Listener[] = [];

  constructor(data: DevstoreData) {
    this.shop = { id: "gid://shopify/Shop/1", ...data.shop };
    this.products = data.products;
    this.customers = data.customers;
    this.orders = data.orders;
    for (const product of this.products) this.indexProduct(product);
    for (const customer of this.customers) this.byId.set(customer.id, customer);
    for (const order of this.orders) this.indexOrder(order);
  }

  find(id: string): FixtureRecord | undefined {
    return this.byId.get(id);
  }

  upsertOrder(order: FixtureRecord, topic = "orders/updated"): void {
    const index = this.orders.findIndex((existing) => existing.id === order.id);
    if (index >= 0) this.orders[index] = order;
    else this.orders.push(order);
    this.indexOrder(order);
    for (const listener of this.listeners) listener({ topic, record: order });
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private indexProduct(product: FixtureRecord) {
    this.byId.set(product.id, { __typename: "Product", ...product });
    for (const variant of (product.variants as FixtureRecord[] | undefined) ?? []) {
      this.byId.set(variant.id, { __typename: "ProductVariant", ...variant, product: { id: product.id } });
    }
  }

  private indexOrder(order: FixtureRecord) {
    this.byId.set(order.id, order);
    for (const line of (order.lineItems as FixtureRecord[] | undefined) ?? []) this.byId.set(line.id, { __typename: "LineItem", ...line });
    for (const refund of (order.refunds as FixtureRecord[] | undefined) ?? []) this.byId.set(refund.id, { __typename: "Refund", ...refund });
  }
}
