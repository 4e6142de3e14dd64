import { currencyDecimals, formatMoney, MONEY_DECIMALS, parseMoney, type Money } from "@throughline/shopify-common/money";
import type { DevstoreData, FixtureAdCampaignDay, FixtureMarketingActivity, FixtureMarketingEngagement, FixtureRecord, FixtureShop } from "./fixture";
import { transactionsOf } from "./order-payments";
import { rateString, SHOPIFY_PAYMENTS, shopifyPaymentsSchedule } from "./payment-fees";
import { restInventoryItem, restOrder, restProduct, restRefund, restTransaction } from "./rest-payloads";

type Source = Record<string, unknown>;
type MoneyBag = { shopMoney: { amount: string; currencyCode: string }; presentmentMoney: { amount: string; currencyCode: string } };

/** A change to the store, as the webhook Shopify would send for it. */
export interface StoreEvent {
  topic: string;
  payload: unknown;
}
type Listener = (event: StoreEvent) => void;

export class DevstoreChangeError extends Error {}

export interface NewOrderLine {
  variantId: string;
  quantity: number;
  /** Unit price; the variant's price when absent. */
  unitPrice?: string;
  /** Discount on the line (total, not per unit). */
  discount?: string;
}

export interface NewOrder {
  lines: NewOrderLine[];
  customerId?: string | null;
  discountCodes?: string[];
  processedAt?: string;
  utmCampaign?: string | null;
  test?: boolean;
  /** The gateway the buyer paid through: "shopify_payments" (the default; its fee is listed), or any other, which lists none. */
  gateway?: string;
  /** The country the order ships to (ISO 3166 two letters); none when absent (a pickup, a digital order). */
  shippingCountry?: string | null;
}

const numericId = (gid: string) => Number(gid.split("/").pop());

/**
 * A shop's id when its fixture line names none: a number derived from its domain, so two devstores
 * side by side are two shops to the app (it checks a webhook's signed shop id against the shop's).
 */
export function shopGidOf(domain: string): string {
  let hash = 2166136261;
  for (const char of domain.toLowerCase()) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `gid://shopify/Shop/${(hash % 900_000_000) + 100_000_000}`;
}

/** The devstore's in-memory store: objects kept in the fixture shape, indexed by id. */
export class DevStore {
  readonly shop: FixtureShop & { id: string };
  readonly products: FixtureRecord[];
  readonly customers: FixtureRecord[];
  readonly orders: FixtureRecord[];
  /** What other apps reported to Shopify's marketing (the app's own reports are in its app records). */
  readonly marketingActivities: FixtureMarketingActivity[];
  readonly marketingEngagements: FixtureMarketingEngagement[];
  /** The ad platforms' daily campaign reports, served by the devstore's platforms. */
  readonly adCampaignDays: FixtureAdCampaignDay[];
  private readonly byId = new Map<string, FixtureRecord>();
  private readonly listeners: Listener[] = [];
  private readonly maxIds = new Map<string, number>();
  private lastStamp = 0;
  private lastOrderNumber = 1000;

  constructor(
    data: DevstoreData,
    private readonly clock: () => number = Date.now,
  ) {
    this.shop = { id: shopGidOf(data.shop.myshopifyDomain), ...data.shop };
    this.products = data.products;
    this.customers = data.customers;
    this.orders = data.orders;
    this.marketingActivities = data.marketingActivities ?? [];
    this.marketingEngagements = data.marketingEngagements ?? [];
    this.adCampaignDays = data.adCampaignDays ?? [];
    for (const product of this.products) this.indexProduct(product);
    for (const customer of this.customers) this.index(customer);
    for (const order of this.orders) this.indexOrder(order);
  }

  find(id: string): FixtureRecord | undefined {
    return this.byId.get(id);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  // ---- changes, each announced as its webhook ------------------------------------------------

  createOrder(spec: NewOrder): FixtureRecord {
    if (!Array.isArray(spec.lines) || spec.lines.length === 0) throw new DevstoreChangeError("An order needs at least one line");
    const currency = this.shop.currencyCode;
    const now = this.stamp();
    let gross = 0n;
    let discounts = 0n;
    const lineItems = spec.lines.map((line) => {
      const variant = this.byId.get(line.variantId);
      if (!variant || variant.__typename !== "ProductVariant") throw new DevstoreChangeError(`Unknown variant ${line.variantId}`);
      if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new DevstoreChangeError("Line quantities must be positive integers");
      const unit = parseMoney(line.unitPrice ?? String(variant.price ?? "0"));
      const discount = parseMoney(line.discount ?? "0");
      gross += unit * BigInt(line.quantity);
      discounts += discount;
      return {
        __typename: "LineItem",
        id: this.nextId("LineItem"),
        quantity: line.quantity,
        sku: variant.sku ?? null,
        title: String(this.byId.get(String((variant.product as Source).id))?.title ?? "Item"),
        variant: { id: variant.id },
        product: variant.product,
        originalUnitPriceSet: this.money(unit),
        totalDiscountSet: this.money(discount),
      };
    });
    const customerId = spec.customerId ?? null;
    if (customerId && !this.byId.has(customerId)) throw new DevstoreChangeError(`Unknown customer ${customerId}`);
    const id = this.nextId("Order");
    const order: FixtureRecord = {
      __typename: "Order",
      id,
      name: `#${++this.lastOrderNumber}`,
      createdAt: now,
      updatedAt: now,
      processedAt: spec.processedAt ?? now,
      cancelledAt: null,
      test: spec.test ?? false,
      currencyCode: currency,
      presentmentCurrencyCode: currency,
      sourceName: "web",
      customer: customerId ? { id: customerId } : null,
      discountCodes: spec.discountCodes ?? [],
      subtotalPriceSet: this.money(gross - discounts),
      totalDiscountsSet: this.money(discounts),
      totalShippingPriceSet: this.money(0n),
      totalTaxSet: this.money(0n),
      totalPriceSet: this.money(gross - discounts),
      totalRefundedSet: this.money(0n),
      lineItems,
      refunds: [],
      shippingAddress: spec.shippingCountry ? { countryCodeV2: spec.shippingCountry } : null,
      transactions: [],
      customerJourneySummary: spec.utmCampaign
        ? {
            firstVisit: null,
            lastVisit: { source: "email", utmParameters: { source: "newsletter", medium: "email", campaign: spec.utmCampaign, content: null, term: null } },
          }
        : null,
    };
    const test = spec.test ?? false;
    const payment =
      gross - discounts > 0n ? this.addTransaction(order, "SALE", spec.gateway ?? (test ? "bogus" : SHOPIFY_PAYMENTS), gross - discounts, null, now) : null;
    this.orders.push(order);
    this.indexOrder(order);
    this.emit("orders/create", restOrder(order));
    if (payment) this.emit("order_transactions/create", restTransaction(order, payment));
    return order;
  }

  /** Any edit to an order (a note, a tag): Shopify bumps updatedAt and sends orders/updated. */
  touchOrder(id: string): FixtureRecord {
    const order = this.order(id);
    order.updatedAt = this.stamp();
    this.emit("orders/updated", restOrder(order));
    return order;
  }

  refundOrder(id: string, lines: { lineItemId: string; quantity: number }[]): FixtureRecord {
    const order = this.order(id);
    if (!Array.isArray(lines) || lines.length === 0) throw new DevstoreChangeError("A refund needs at least one line");
    const now = this.stamp();
    const refunded = new Map<string, number>();
    for (const refund of order.refunds as Source[]) {
      for (const line of refund.refundLineItems as Source[]) {
        const lineId = String((line.lineItem as Source).id);
        refunded.set(lineId, (refunded.get(lineId) ?? 0) + Number(line.quantity));
      }
    }
    let total = 0n;
    const refundLineItems = lines.map((line) => {
      const item = (order.lineItems as Source[]).find((candidate) => candidate.id === line.lineItemId);
      if (!item) throw new DevstoreChangeError(`Line ${line.lineItemId} is not on ${id}`);
      const left = Number(item.quantity) - (refunded.get(line.lineItemId) ?? 0);
      if (!Number.isInteger(line.quantity) || line.quantity <= 0 || line.quantity > left) {
        throw new DevstoreChangeError(`Line ${line.lineItemId} has ${left} refundable units, not ${line.quantity}`);
      }
      const unit = parseMoney((item.originalUnitPriceSet as MoneyBag).shopMoney.amount);
      const lineDiscount = parseMoney((item.totalDiscountSet as MoneyBag).shopMoney.amount);
      const subtotal = unit * BigInt(line.quantity) - (lineDiscount * BigInt(line.quantity)) / BigInt(Number(item.quantity));
      total += subtotal;
      return { lineItem: { id: item.id }, quantity: line.quantity, subtotalSet: this.money(subtotal) };
    });
    const refund = {
      __typename: "Refund",
      id: this.nextId("Refund"),
      createdAt: now,
      totalRefundedSet: this.money(total),
      refundLineItems,
      order: { id: order.id },
    };
    (order.refunds as Source[]).push(refund);
    order.totalRefundedSet = this.money(parseMoney((order.totalRefundedSet as MoneyBag).shopMoney.amount) + total);
    order.updatedAt = now;
    this.index(refund as FixtureRecord);
    // The money goes back through the gateway that took it (Shopify Payments keeps its fee).
    const paid = transactionsOf(order).findLast((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS");
    const returned = paid ? this.addTransaction(order, "REFUND", String(paid.gateway), total, { id: String(paid.id) }, now) : null;
    this.emit("refunds/create", restRefund(order, refund));
    if (returned) this.emit("order_transactions/create", restTransaction(order, returned));
    this.emit("orders/updated", restOrder(order));
    return order;
  }

  cancelOrder(id: string): FixtureRecord {
    const order = this.order(id);
    if (order.cancelledAt) throw new DevstoreChangeError(`${id} is already cancelled`);
    const now = this.stamp();
    order.cancelledAt = now;
    order.updatedAt = now;
    this.emit("orders/cancelled", restOrder(order));
    this.emit("orders/updated", restOrder(order));
    return order;
  }

  updateProduct(id: string, changes: { title?: string }): FixtureRecord {
    const product = this.product(id);
    if (changes.title !== undefined) {
      if (typeof changes.title !== "string" || !changes.title.trim()) throw new DevstoreChangeError("A product title can't be empty");
      product.title = changes.title;
    }
    product.updatedAt = this.stamp();
    this.emit("products/update", restProduct(product));
    return product;
  }

  deleteProduct(id: string): void {
    const product = this.product(id);
    this.products.splice(this.products.indexOf(product), 1);
    this.byId.delete(id);
    for (const variant of (product.variants as Source[]) ?? []) this.byId.delete(String(variant.id));
    this.emit("products/delete", { id: numericId(id) });
  }

  setUnitCost(inventoryItemId: string, cost: string | null): Source {
    for (const product of this.products) {
      for (const variant of (product.variants as Source[]) ?? []) {
        const item = variant.inventoryItem as Source | undefined;
        if (item?.id !== inventoryItemId) continue;
        if (cost !== null && !/^\d+(\.\d+)?$/.test(cost)) throw new DevstoreChangeError(`Not a cost: ${cost}`);
        item.unitCost = cost === null ? null : { amount: cost, currencyCode: this.shop.currencyCode };
        this.emit("inventory_items/update", restInventoryItem(item, variant, this.stamp()));
        return item;
      }
    }
    throw new DevstoreChangeError(`Unknown inventory item ${inventoryItemId}`);
  }

  /**
   * An ad platform corrects a day it already reported (late conversions, invalid clicks refunded):
   * the day's spend changes and the platform's reports say so from now on. No webhook: platforms
   * send none, an app finds out by reading recent days again.
   */
  restateAdCampaignDay(day: { platform: string; accountId: string; campaignId: string; date: string; spend: string }): FixtureAdCampaignDay {
    const line = this.adCampaignDays.find(
      (candidate) =>
        candidate.platform === day.platform && candidate.accountId === day.accountId && candidate.campaignId === day.campaignId && candidate.date === day.date,
    );
    if (!line) throw new DevstoreChangeError(`No ${day.platform} report for campaign ${day.campaignId} of account ${day.accountId} on ${day.date}`);
    if (!/^\d+(\.\d+)?$/.test(day.spend)) throw new DevstoreChangeError(`Not a spend: ${day.spend}`);
    line.spend = day.spend;
    return line;
  }

  // ---- internals --------------------------------------------------------------------------------

  private emit(topic: string, payload: unknown) {
    for (const listener of this.listeners) listener({ topic, payload });
  }

  /** Shopify timestamps have whole seconds; each change gets a later one than the last. */
  private stamp(): string {
    const seconds = Math.max(Math.floor(this.clock() / 1000), this.lastStamp + 1);
    this.lastStamp = seconds;
    return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /**
   * A successful transaction of `amount` added to the order; a Shopify Payments sale lists its fee
   * (the online schedule of the shop currency, rounded half up to the currency's minor unit).
   */
  private addTransaction(
    order: FixtureRecord,
    kind: "SALE" | "REFUND",
    gateway: string,
    amount: Money,
    parent: { id: string } | null,
    at: string,
  ): FixtureRecord {
    const currency = this.shop.currencyCode;
    const fees: Source[] = [];
    if (kind === "SALE" && gateway === SHOPIFY_PAYMENTS && !order.test) {
      const { rateMicro, flatMinor } = shopifyPaymentsSchedule(currency, "online", false);
      const unit = 10n ** BigInt(MONEY_DECIMALS - Math.min(currencyDecimals(currency), MONEY_DECIMALS));
      const rated = (amount * BigInt(rateMicro) * 2n + 1_000_000n * unit) / (2_000_000n * unit);
      const fee = (rated + BigInt(flatMinor)) * unit;
      const moneyV2 = (value: Money) => ({ amount: formatMoney(value, currencyDecimals(currency)), currencyCode: currency });
      fees.push({
        id: this.nextId("TransactionFee"),
        type: "processing_fee",
        amount: moneyV2(fee),
        flatFee: moneyV2(BigInt(flatMinor) * unit),
        rate: rateString(rateMicro),
        taxAmount: moneyV2(0n),
      });
    }
    const transaction: FixtureRecord = {
      id: this.nextId("OrderTransaction"),
      kind,
      status: "SUCCESS",
      gateway,
      processedAt: at,
      test: Boolean(order.test),
      amountSet: this.money(amount),
      fees,
      parentTransaction: parent,
      order: { id: order.id },
    };
    ((order.transactions ??= []) as Source[]).push(transaction);
    this.index(transaction);
    return transaction;
  }

  /** An amount in the shop currency, written with that currency's decimals (JPY 0, KWD 3). */
  private money(value: bigint): MoneyBag {
    const amount = formatMoney(value, currencyDecimals(this.shop.currencyCode));
    const currencyCode = this.shop.currencyCode;
    return { shopMoney: { amount, currencyCode }, presentmentMoney: { amount, currencyCode } };
  }

  private nextId(type: string): string {
    const next = (this.maxIds.get(type) ?? 0) + 1;
    this.maxIds.set(type, next);
    return `gid://shopify/${type}/${next}`;
  }

  private order(id: string): FixtureRecord {
    const order = this.byId.get(id);
    if (!order || order.__typename !== "Order") throw new DevstoreChangeError(`Unknown order ${id}`);
    return order;
  }

  private product(id: string): FixtureRecord {
    const product = this.byId.get(id);
    if (!product || product.__typename !== "Product") throw new DevstoreChangeError(`Unknown product ${id}`);
    return product;
  }

  private index(record: FixtureRecord) {
    this.byId.set(record.id, record);
    this.noteId(record.id);
  }

  private noteId(id: string) {
    const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(id);
    if (match) this.maxIds.set(match[1]!, Math.max(this.maxIds.get(match[1]!) ?? 0, Number(match[2])));
  }

  private indexProduct(product: FixtureRecord) {
    product.__typename = "Product";
    this.index(product);
    for (const variant of (product.variants as FixtureRecord[] | undefined) ?? []) {
      variant.__typename = "ProductVariant";
      variant.product = { id: product.id };
      this.index(variant);
    }
  }

  private indexOrder(order: FixtureRecord) {
    order.__typename = "Order";
    const number = /^#(\d+)$/.exec(String(order.name ?? ""))?.[1];
    if (number) this.lastOrderNumber = Math.max(this.lastOrderNumber, Number(number));
    this.index(order);
    for (const line of (order.lineItems as FixtureRecord[] | undefined) ?? []) {
      line.__typename = "LineItem";
      this.index(line);
    }
    for (const refund of (order.refunds as FixtureRecord[] | undefined) ?? []) {
      refund.__typename = "Refund";
      refund.order = { id: order.id };
      this.index(refund);
    }
    for (const transaction of (order.transactions as FixtureRecord[] | undefined) ?? []) {
      transaction.order = { id: order.id };
      this.index(transaction);
      // Fees are not looked up by id; only their ids are noted, so that new ones follow them.
      for (const fee of (transaction.fees as FixtureRecord[] | undefined) ?? []) this.noteId(fee.id);
    }
  }
}
