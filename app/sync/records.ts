import type { Money } from "@throughline/shopify-common/money";

/** The app's own shapes for what it copies from a store; nothing downstream sees edges/nodes. */
export interface ShopDetails {
  shop: string;
  /** Shopify's numeric id of the shop (the GID's number), when read from Shopify. */
  shopifyId?: string;
  name: string;
  email: string | null;
  currencyCode: string;
  ianaTimezone: string;
}

export interface VariantRecord {
  id: string;
  productId: string;
  title: string | null;
  sku: string | null;
  price: Money | null;
  inventoryItemId: string | null;
  unitCost: Money | null;
}

export interface ProductRecord {
  id: string;
  title: string;
  handle: string | null;
  vendor: string | null;
  productType: string | null;
  status: string | null;
  createdAt: Date;
  updatedAt: Date;
  variants: VariantRecord[];
}

export interface OrderLineRecord {
  id: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  sku: string | null;
  quantity: number;
  originalUnitPrice: Money;
  totalDiscount: Money;
}

export interface RefundLineRecord {
  lineItemId: string;
  quantity: number;
  subtotal: Money;
}

export interface RefundRecord {
  id: string;
  createdAt: Date;
  totalRefunded: Money;
  lines: RefundLineRecord[];
}

/** A payment, capture, refund or other movement of an order's money (Order.transactions). */
export interface TransactionRecord {
  id: string;
  /** Shopify's OrderTransactionKind (SALE, CAPTURE, REFUND, AUTHORIZATION, VOID…). */
  kind: string;
  /** Shopify's OrderTransactionStatus (SUCCESS, FAILURE, PENDING…). */
  status: string;
  gateway: string | null;
  /** Null when Shopify doesn't say. */
  processedAt: Date | null;
  test: boolean;
  amount: Money;
  /** The listed fees' amounts summed, their tax left out. */
  fees: Money;
  /** Whether the gateway listed any fee (none listed: the fee is unknown, not zero). */
  feesListed: boolean;
}

export interface OrderRecord {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date;
  cancelledAt: Date | null;
  test: boolean;
  customerId: string | null;
  sourceName: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string | null;
  subtotal: Money;
  totalDiscounts: Money;
  totalShipping: Money;
  totalTax: Money;
  totalPrice: Money;
  totalRefunded: Money;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  discountCodes: string[];
  /** Whether it has a shipping address, and that address's two-letter country. */
  hasShippingAddress: boolean;
  shippingCountry: string | null;
  lines: OrderLineRecord[];
  refunds: RefundRecord[];
  transactions: TransactionRecord[];
}
