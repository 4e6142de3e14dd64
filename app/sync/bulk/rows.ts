// Loaded by the parse worker too (Node runs it with type stripping): imports are relative, with
// their .ts extension, and the syntax is plain erasable TypeScript.
import { parseMoney } from "@throughline/shopify-common/money";
import { shippingDestination, transactionMoney, type TransactionNode } from "../payments.ts";

export type Row = (string | number | bigint | null)[];
export type TableName = "order" | "line" | "code" | "refund" | "refundLine" | "transaction" | "product" | "variant";
export type Batch = Partial<Record<TableName, Row[]>>;

/**
 * Prisma's text form of a DateTime on SQLite, from an ISO 8601 timestamp. PostgreSQL reads the same
 * text into its `timestamp` columns as the same UTC instant (the offset is always +00:00), so the
 * rows are one format for both databases.
 */
export function sqlDate(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length === 20 && value.endsWith("Z")) return `${value.slice(0, 19)}.000+00:00`;
  return new Date(value).toISOString().replace("Z", "+00:00");
}

// Bulk result lines → rows for the bulk store, in its column order (bulk-store.server.ts).
// Each line is one object: an order (with its discount codes, refunds, shipping address and
// transactions inline, those being lists or objects), a line item (`__parentId` = its order), a
// product, or a variant (`__parentId` = product).

type Json = Record<string, unknown>;
type Bag = { shopMoney: { amount: string } } | null | undefined;

const money = (bag: unknown) => ((bag as Bag) ? parseMoney((bag as NonNullable<Bag>).shopMoney.amount) : 0n);
const id = (value: unknown) => (value as { id?: string } | null | undefined)?.id ?? null;
const str = (value: unknown) => (value === undefined || value === null ? null : String(value));

export interface RowCounts {
  objects: number;
  orders: number;
  products: number;
}

function push(batch: Batch, table: keyof Batch, row: Row) {
  (batch[table] ??= []).push(row);
}

/** Adds one bulk line to the batch; returns what it was, for progress counts. */
export function addBulkLine(batch: Batch, shop: string, line: Json): "order" | "line" | "product" | "variant" | "other" {
  const gid = String(line.id ?? "");
  const type = gid.slice(14, gid.indexOf("/", 14)); // gid://shopify/<Type>/<id>
  switch (type) {
    case "Order": {
      const utm = ((line.customerJourneySummary as Json | null)?.lastVisit as Json | null)?.utmParameters as Json | null | undefined;
      const destination = shippingDestination(line.shippingAddress as { countryCodeV2?: string | null } | null | undefined);
      push(batch, "order", [
        shop,
        gid,
        String(line.name),
        sqlDate(line.createdAt as string),
        sqlDate(line.updatedAt as string),
        sqlDate(line.processedAt as string),
        sqlDate(line.cancelledAt as string | null),
        line.test ? 1 : 0,
        id(line.customer),
        str(line.sourceName),
        String(line.currencyCode),
        str(line.presentmentCurrencyCode),
        money(line.subtotalPriceSet),
        money(line.totalDiscountsSet),
        money(line.totalShippingPriceSet),
        money(line.totalTaxSet),
        money(line.totalPriceSet),
        money(line.totalRefundedSet),
        str(utm?.source),
        str(utm?.medium),
        str(utm?.campaign),
        destination.hasShippingAddress ? 1 : 0,
        destination.shippingCountry,
      ]);
      for (const code of (line.discountCodes as string[] | undefined) ?? []) push(batch, "code", [shop, gid, code, code.toLowerCase()]);
      for (const refund of (line.refunds as Json[] | undefined) ?? []) {
        push(batch, "refund", [
          shop,
          String(refund.id),
          gid,
          sqlDate((refund.createdAt as string | null) ?? (line.processedAt as string)),
          money(refund.totalRefundedSet),
          0,
        ]);
      }
      for (const transaction of (line.transactions as TransactionNode[] | undefined) ?? []) {
        const { amount, fees, feesListed } = transactionMoney(transaction);
        push(batch, "transaction", [
          shop,
          transaction.id,
          gid,
          transaction.kind,
          transaction.status,
          transaction.gateway ?? null,
          sqlDate(transaction.processedAt),
          transaction.test ? 1 : 0,
          amount,
          fees,
          feesListed ? 1 : 0,
        ]);
      }
      return "order";
    }
    case "LineItem": {
      const variant = line.variant as Json | null;
      const cost = ((variant?.inventoryItem as Json | null)?.unitCost as { amount?: string } | null)?.amount;
      push(batch, "line", [
        shop,
        gid,
        String(line.__parentId),
        id(line.product),
        id(variant),
        String(line.title ?? ""),
        str(line.sku),
        Number(line.quantity),
        money(line.originalUnitPriceSet),
        money(line.totalDiscountSet),
        cost != null ? parseMoney(cost) : null,
      ]);
      return "line";
    }
    case "Product":
      push(batch, "product", [
        shop,
        gid,
        String(line.title ?? ""),
        str(line.handle),
        str(line.vendor),
        str(line.productType),
        str(line.status),
        sqlDate(line.createdAt as string),
        sqlDate(line.updatedAt as string),
        null,
      ]);
      return "product";
    case "ProductVariant": {
      const item = line.inventoryItem as Json | null;
      const cost = (item?.unitCost as { amount?: string } | null | undefined)?.amount;
      push(batch, "variant", [
        shop,
        gid,
        String(line.__parentId),
        str(line.title),
        str(line.sku),
        line.price != null ? parseMoney(String(line.price)) : null,
        id(item),
        cost != null ? parseMoney(cost) : null,
        null,
      ]);
      return "variant";
    }
    default:
      return "other";
  }
}
