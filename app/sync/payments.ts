// An order's payments as Shopify answers them: Order.transactions with their fees, the same shape in
// a bulk export's order line (a list stays inline) and in a paged answer. What the app keeps of a
// transaction's fees is read here once for both paths. Loaded by the bulk parse worker too (through
// bulk/rows.ts): relative imports with their .ts extension, plain erasable TypeScript.
import { parseMoney } from "@throughline/shopify-common/money";

export interface TransactionFeeNode {
  amount: { amount: string };
}

/** The fields of an OrderTransaction the app reads (sync-documents.ts, bulk-documents.ts). */
export interface TransactionNode {
  id: string;
  kind: string;
  status: string;
  gateway?: string | null;
  processedAt?: string | null;
  test: boolean;
  amountSet: { shopMoney: { amount: string } };
  fees: readonly TransactionFeeNode[];
}

/**
 * A transaction's amount in the shop currency and its fees: the listed fees' amounts summed, their
 * tax left out (METRICS.md: "the tax on a fee is left out, like other taxes"), and whether any fee
 * was listed at all. An empty list is not a zero fee: Shopify lists fees for Shopify Payments
 * only, so a payment through another gateway has a fee Shopify doesn't know.
 */
export function transactionMoney(node: TransactionNode): { amount: bigint; fees: bigint; feesListed: boolean } {
  let fees = 0n;
  for (const fee of node.fees) fees += parseMoney(fee.amount.amount);
  return { amount: parseMoney(node.amountSet.shopMoney.amount), fees, feesListed: node.fees.length > 0 };
}

/** Where an order ships, from its shippingAddress (the country only). */
export function shippingDestination(address: { countryCodeV2?: string | null } | null | undefined): {
  hasShippingAddress: boolean;
  shippingCountry: string | null;
} {
  return { hasShippingAddress: address != null, shippingCountry: address?.countryCodeV2 ?? null };
}
