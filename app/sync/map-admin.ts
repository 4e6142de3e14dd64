import { parseMoney, type Money } from "@throughline/shopify-common/money";
import type {
  OrderLineItemsPageQuery,
  OrderRefundsQuery,
  OrdersPageQuery,
  OrderTransactionsQuery,
  ProductsPageQuery,
  ShopDetailsQuery,
} from "~/types/admin.generated";
import { shippingDestination, transactionMoney } from "./payments";
import type { OrderLineRecord, OrderRecord, ProductRecord, RefundRecord, ShopDetails, TransactionRecord, VariantRecord } from "./records";

// Maps Admin API payloads to the app's records, right where they are fetched.

type OrderNode = OrdersPageQuery["orders"]["nodes"][number];
type LineNode = OrderNode["lineItems"]["nodes"][number] | NonNullable<OrderLineItemsPageQuery["order"]>["lineItems"]["nodes"][number];
type RefundNode = OrderNode["refunds"][number] | NonNullable<OrderRefundsQuery["order"]>["refunds"][number];
type TransactionNode = OrderNode["transactions"][number] | NonNullable<OrderTransactionsQuery["order"]>["transactions"][number];
type ProductNode = ProductsPageQuery["products"]["nodes"][number];
type VariantNode = ProductNode["variants"]["nodes"][number];

const money = (bag: { shopMoney: { amount: string } } | null | undefined): Money => (bag ? parseMoney(bag.shopMoney.amount) : 0n);
const date = (value: string) => new Date(value);

export function mapShopDetails(data: ShopDetailsQuery): ShopDetails {
  return {
    shop: data.shop.myshopifyDomain,
    shopifyId: data.shop.id.split("/").pop()!,
    name: data.shop.name,
    email: data.shop.email ?? null,
    currencyCode: data.shop.currencyCode,
    ianaTimezone: data.shop.ianaTimezone,
  };
}

export function mapVariant(productId: string, node: VariantNode): VariantRecord {
  const unitCost = node.inventoryItem?.unitCost?.amount;
  return {
    id: node.id,
    productId,
    title: node.title ?? null,
    sku: node.sku ?? null,
    price: node.price != null ? parseMoney(node.price) : null,
    inventoryItemId: node.inventoryItem?.id ?? null,
    unitCost: unitCost != null ? parseMoney(unitCost) : null,
  };
}

export function mapProduct(node: ProductNode, variants: VariantNode[]): ProductRecord {
  return {
    id: node.id,
    title: node.title,
    handle: node.handle ?? null,
    vendor: node.vendor ?? null,
    productType: node.productType ?? null,
    status: node.status ?? null,
    createdAt: date(node.createdAt),
    updatedAt: date(node.updatedAt),
    variants: variants.map((variant) => mapVariant(node.id, variant)),
  };
}

export function mapLine(node: LineNode): OrderLineRecord {
  return {
    id: node.id,
    productId: node.product?.id ?? null,
    variantId: node.variant?.id ?? null,
    title: node.title,
    sku: node.sku ?? null,
    quantity: node.quantity,
    originalUnitPrice: money(node.originalUnitPriceSet),
    totalDiscount: money(node.totalDiscountSet),
  };
}

/** `fallbackDate` dates a refund Shopify returns without createdAt (nullable in the schema). */
export function mapRefund(node: RefundNode, fallbackDate: Date): RefundRecord {
  return {
    id: node.id,
    createdAt: node.createdAt ? date(node.createdAt) : fallbackDate,
    totalRefunded: money(node.totalRefundedSet),
    lines: node.refundLineItems.nodes.map((line) => ({
      lineItemId: line.lineItem.id,
      quantity: line.quantity,
      subtotal: money(line.subtotalSet),
    })),
  };
}

export function mapTransaction(node: TransactionNode): TransactionRecord {
  return {
    id: node.id,
    kind: node.kind,
    status: node.status,
    gateway: node.gateway ?? null,
    processedAt: node.processedAt ? date(node.processedAt) : null,
    test: node.test,
    ...transactionMoney(node),
  };
}

export function mapOrder(node: OrderNode, lines: LineNode[], refunds: RefundNode[], transactions: readonly TransactionNode[] = node.transactions): OrderRecord {
  const utm = node.customerJourneySummary?.lastVisit?.utmParameters;
  return {
    id: node.id,
    name: node.name,
    createdAt: date(node.createdAt),
    updatedAt: date(node.updatedAt),
    processedAt: date(node.processedAt),
    cancelledAt: node.cancelledAt ? date(node.cancelledAt) : null,
    test: node.test,
    customerId: node.customer?.id ?? null,
    sourceName: node.sourceName ?? null,
    currencyCode: node.currencyCode,
    presentmentCurrencyCode: node.presentmentCurrencyCode ?? null,
    subtotal: money(node.subtotalPriceSet),
    totalDiscounts: money(node.totalDiscountsSet),
    totalShipping: money(node.totalShippingPriceSet),
    totalTax: money(node.totalTaxSet),
    totalPrice: money(node.totalPriceSet),
    totalRefunded: money(node.totalRefundedSet),
    utmSource: utm?.source ?? null,
    utmMedium: utm?.medium ?? null,
    utmCampaign: utm?.campaign ?? null,
    discountCodes: [...new Set(node.discountCodes)],
    ...shippingDestination(node.shippingAddress),
    lines: lines.map(mapLine),
    refunds: refunds.map((refund) => mapRefund(refund, date(node.updatedAt))),
    transactions: transactions.map(mapTransaction),
  };
}
