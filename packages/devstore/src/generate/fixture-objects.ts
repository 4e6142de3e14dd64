/** The objects a generated store is made of, in the fixture format (Admin GraphQL shapes). */

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}

export interface MoneyBag {
  shopMoney: MoneyV2;
  presentmentMoney: MoneyV2;
}

export interface FixtureRef {
  id: string;
}

/** The shop's line of a generated store file (fixture.ts reads it back, checked, as `FixtureShop`). */
export interface FixtureShopLine {
  __typename: "Shop";
  myshopifyDomain: string;
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  email: string;
}

export interface FixtureInventoryItem {
  id: string;
  unitCost: MoneyV2 | null;
}

export interface FixtureVariant {
  id: string;
  title: string;
  sku: string;
  price: string;
  inventoryItem: FixtureInventoryItem;
}

export type FixtureProductStatus = "ACTIVE" | "ARCHIVED" | "DRAFT";

export interface FixtureProduct {
  __typename: "Product";
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: FixtureProductStatus;
  createdAt: string;
  updatedAt: string;
  variants: FixtureVariant[];
}

export interface FixtureCustomer {
  __typename: "Customer";
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface FixtureLineItem {
  id: string;
  quantity: number;
  sku: string | null;
  title: string;
  variant: FixtureRef | null;
  product: FixtureRef | null;
  originalUnitPriceSet: MoneyBag;
  totalDiscountSet: MoneyBag;
}

export interface FixtureRefundLineItem {
  lineItem: FixtureRef;
  quantity: number;
  subtotalSet: MoneyBag;
}

export interface FixtureRefund {
  id: string;
  createdAt: string;
  totalRefundedSet: MoneyBag;
  refundLineItems: FixtureRefundLineItem[];
}

export interface FixtureUtmParameters {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  content: string | null;
  term: string | null;
}

export interface FixtureCustomerVisit {
  source: string;
  utmParameters: FixtureUtmParameters;
}

export interface FixtureCustomerJourneySummary {
  firstVisit: FixtureCustomerVisit | null;
  lastVisit: FixtureCustomerVisit | null;
}

export type FixtureSourceName = "web" | "pos" | "shopify_draft_order";

/** Where an order is shipped: the country only (no personal data). */
export interface FixtureShippingAddress {
  countryCodeV2: string;
}

/** A fee Shopify Payments charged on a transaction, in the shop currency; `rate` a fraction as a decimal string ("0.029"). */
export interface FixtureTransactionFee {
  id: string;
  type: string;
  amount: MoneyV2;
  flatFee: MoneyV2;
  rate: string;
  taxAmount: MoneyV2;
}

export type FixtureTransactionKind = "AUTHORIZATION" | "CAPTURE" | "SALE" | "REFUND" | "VOID";
export type FixtureTransactionStatus = "SUCCESS" | "FAILURE" | "PENDING";

/** An `OrderTransaction`: money moved (or tried) through a gateway, with the fees the gateway reported. */
export interface FixtureTransaction {
  id: string;
  kind: FixtureTransactionKind;
  status: FixtureTransactionStatus;
  gateway: string;
  processedAt: string;
  test: boolean;
  amountSet: MoneyBag;
  fees: FixtureTransactionFee[];
  /** The authorization a capture or void settles, the payment a refund returns. */
  parentTransaction: FixtureRef | null;
}

export interface FixtureOrder {
  __typename: "Order";
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  test: boolean;
  currencyCode: string;
  presentmentCurrencyCode: string;
  sourceName: FixtureSourceName;
  customer: FixtureRef | null;
  discountCodes: string[];
  subtotalPriceSet: MoneyBag;
  totalDiscountsSet: MoneyBag;
  totalShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag;
  totalPriceSet: MoneyBag;
  totalRefundedSet: MoneyBag;
  lineItems: FixtureLineItem[];
  refunds: FixtureRefund[];
  customerJourneySummary: FixtureCustomerJourneySummary | null;
  shippingAddress: FixtureShippingAddress | null;
  transactions: FixtureTransaction[];
}

/** An activity another app reported to Shopify (fixtures/README.md, "MarketingActivity"). */
export interface FixtureMarketingActivityLine {
  __typename: "MarketingActivity";
  id: string;
  title: string;
  createdAt: string;
  marketingChannelType: string;
  utmParameters: { campaign: string; source: string; medium: string } | null;
  app: { title: string };
}

/** One day of an activity's engagement, as its app reported it. */
export interface FixtureMarketingEngagementLine {
  __typename: "MarketingEngagement";
  marketingActivity: FixtureRef;
  occurredOn: string;
  utcOffset: string;
  adSpend: MoneyV2 | null;
  sales: MoneyV2 | null;
  clicksCount: number;
  impressionsCount: number;
  orders: number | null;
}

/** One campaign's day in an ad platform's report. */
export interface FixtureAdCampaignDayLine {
  __typename: "AdCampaignDay";
  platform: "meta" | "google" | "tiktok";
  accountId: string;
  accountName: string;
  accountCurrency: string;
  accountTimezone: string;
  campaignId: string;
  campaignName: string;
  utmCampaign: string | null;
  date: string;
  spend: string;
  impressions: number;
  clicks: number;
}

export type FixtureObject =
  FixtureShopLine | FixtureProduct | FixtureCustomer | FixtureOrder | FixtureMarketingActivityLine | FixtureMarketingEngagementLine | FixtureAdCampaignDayLine;
