import type { FixtureRecord } from "./fixture";
import { paymentGatewayNames, refundTransactions, transactionsOf } from "./order-payments";

// Webhook payloads are REST resources (snake_case, numeric ids beside `admin_graphql_api_id`).
// These build them from the devstore's GraphQL-shaped objects, with the fields Shopify sends that
// matter to an app reading orders, refunds, payments, products and costs. An order's payload has no
// transactions (Shopify's hasn't either): they come with order_transactions/create, and a refund's
// with its refunds/create.

type Source = Record<string, unknown>;
type MoneyBag = { shopMoney: { amount: string; currencyCode: string }; presentmentMoney?: { amount: string; currencyCode: string } };

export const legacyId = (gid: unknown): number | null => (typeof gid === "string" ? Number(gid.split("/").pop()) : null);
const amount = (bag: unknown) => (bag as MoneyBag | undefined)?.shopMoney.amount ?? "0.00";
const moneySet = (bag: unknown) => {
  const b = bag as MoneyBag | undefined;
  if (!b) return null;
  const presentment = b.presentmentMoney ?? b.shopMoney;
  return {
    shop_money: { amount: b.shopMoney.amount, currency_code: b.shopMoney.currencyCode },
    presentment_money: { amount: presentment.amount, currency_code: presentment.currencyCode },
  };
};
const ref = (value: unknown) => (value as { id?: string } | null | undefined)?.id ?? null;

/**
 * A transaction as Shopify's REST Transaction resource (the order_transactions/create payload and a
 * refund's `transactions`): lower-case kind and status, the amount in the currency the buyer paid in,
 * and no fees (Shopify's REST transaction has none: an app reads them from OrderTransaction.fees).
 */
export function restTransaction(order: FixtureRecord, transaction: Source) {
  const bag = transaction.amountSet as MoneyBag | undefined;
  const paid = bag?.presentmentMoney ?? bag?.shopMoney;
  const position = transactionsOf(order).indexOf(transaction);
  return {
    id: legacyId(transaction.id),
    order_id: legacyId(order.id),
    kind: String(transaction.kind).toLowerCase(),
    gateway: transaction.gateway ?? null,
    status: String(transaction.status).toLowerCase(),
    message: null,
    created_at: transaction.createdAt ?? transaction.processedAt ?? null,
    test: transaction.test ?? false,
    authorization: null,
    location_id: null,
    user_id: null,
    parent_id: legacyId(ref(transaction.parentTransaction)),
    processed_at: transaction.processedAt ?? null,
    device_id: null,
    error_code: null,
    source_name: order.sourceName ?? "web",
    receipt: {},
    amount: paid?.amount ?? "0.00",
    currency: paid?.currencyCode ?? order.currencyCode,
    payment_id: `${String(order.name)}.${position + 1}`,
    manual_payment_gateway: transaction.gateway === "manual",
    admin_graphql_api_id: transaction.id,
  };
}

export function restRefund(order: FixtureRecord, refund: Source) {
  return {
    id: legacyId(refund.id),
    admin_graphql_api_id: refund.id,
    order_id: legacyId(order.id),
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: null,
    restock: false,
    refund_line_items: ((refund.refundLineItems as Source[] | undefined) ?? []).map((line, index) => ({
      id: (legacyId(refund.id) ?? 0) * 100 + index,
      line_item_id: legacyId(ref(line.lineItem)),
      quantity: line.quantity,
      subtotal: amount(line.subtotalSet),
      subtotal_set: moneySet(line.subtotalSet),
    })),
    transactions: refundTransactions(order, refund).map((transaction) => restTransaction(order, transaction)),
  };
}

export function restOrder(order: FixtureRecord) {
  const customer = ref(order.customer);
  const shipping = order.shippingAddress as { countryCodeV2?: string } | null | undefined;
  return {
    id: legacyId(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt ?? null,
    test: order.test ?? false,
    currency: order.currencyCode,
    presentment_currency: order.presentmentCurrencyCode ?? order.currencyCode,
    source_name: order.sourceName ?? null,
    customer: customer ? { id: legacyId(customer), admin_graphql_api_id: customer } : null,
    // The country only: the store holds no personal data (Shopify's address also has names, street, phone).
    shipping_address: shipping ? { country_code: shipping.countryCodeV2 ?? null } : null,
    payment_gateway_names: paymentGatewayNames(order),
    discount_codes: ((order.discountCodes as string[] | undefined) ?? []).map((code) => ({ code, type: "fixed_amount" })),
    subtotal_price: amount(order.subtotalPriceSet),
    total_discounts: amount(order.totalDiscountsSet),
    total_tax: amount(order.totalTaxSet),
    total_price: amount(order.totalPriceSet),
    subtotal_price_set: moneySet(order.subtotalPriceSet),
    total_discounts_set: moneySet(order.totalDiscountsSet),
    total_price_set: moneySet(order.totalPriceSet),
    line_items: ((order.lineItems as Source[] | undefined) ?? []).map((line) => ({
      id: legacyId(line.id),
      admin_graphql_api_id: line.id,
      product_id: legacyId(ref(line.product)),
      variant_id: legacyId(ref(line.variant)),
      title: line.title,
      sku: line.sku ?? null,
      quantity: line.quantity,
      price: amount(line.originalUnitPriceSet),
      price_set: moneySet(line.originalUnitPriceSet),
      total_discount: amount(line.totalDiscountSet),
      total_discount_set: moneySet(line.totalDiscountSet),
    })),
    refunds: ((order.refunds as Source[] | undefined) ?? []).map((refund) => restRefund(order, refund)),
  };
}

export function restProduct(product: FixtureRecord) {
  return {
    id: legacyId(product.id),
    admin_graphql_api_id: product.id,
    title: product.title,
    handle: product.handle ?? null,
    vendor: product.vendor ?? null,
    product_type: product.productType ?? null,
    status: String(product.status ?? "ACTIVE").toLowerCase(),
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    variants: ((product.variants as Source[] | undefined) ?? []).map((variant) => ({
      id: legacyId(variant.id),
      admin_graphql_api_id: variant.id,
      product_id: legacyId(product.id),
      title: variant.title ?? null,
      sku: variant.sku ?? null,
      price: variant.price ?? null,
      inventory_item_id: legacyId(ref(variant.inventoryItem)),
    })),
  };
}

export function restInventoryItem(item: Source, variant: Source, updatedAt: string) {
  const cost = (item.unitCost as { amount?: string } | null | undefined)?.amount ?? null;
  return {
    id: legacyId(item.id),
    admin_graphql_api_id: item.id,
    sku: variant.sku ?? null,
    cost,
    tracked: true,
    requires_shipping: true,
    created_at: updatedAt,
    updated_at: updatedAt,
  };
}
