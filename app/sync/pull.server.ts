import type { AdminClient } from "~/admin-api/client.server";
import { ORDER_LINE_ITEMS_PAGE, ORDER_REFUNDS, ORDER_TRANSACTIONS, ORDERS_PAGE, PRODUCT_VARIANTS_PAGE, PRODUCTS_PAGE } from "./sync-documents";
import { remainingRefundLines } from "./bulk/refund-lines.server";
import { mapOrder, mapProduct } from "./map-admin";
import type { OrderRecord, ProductRecord } from "./records";
import type { OrdersPageQuery, ProductsPageQuery } from "~/types/admin.generated";

// Paged reads of the Admin API (a page of 3 orders, each with 10 lines, 4 refunds of 10 lines and 5
// transactions with their fees, asks for 903 points). Page sizes keep each query's requested cost
// under Shopify's 1,000-point limit; an order or product with more nested rows than one page holds
// is completed with its own follow-up queries, so nothing is silently cut off.
export const PRODUCTS_PER_PAGE = 5;
export const ORDERS_PER_PAGE = 3;
/** ORDERS_PAGE's `refunds(first: 4)`. */
const REFUNDS_PER_ORDER_PAGE = 4;
/** ORDERS_PAGE's `transactions(first: 5)`: most orders have one to three (a sale; an authorization and its capture; a refund). */
const TRANSACTIONS_PER_ORDER_PAGE = 5;

export interface PageOptions {
  /** Shopify search syntax, e.g. `updated_at:>=2026-01-01T00:00:00Z`. */
  query?: string;
  /**
   * Records a page asks for: a full page by default. One when reading a single record by id: Shopify
   * charges the page's requested cost before the query runs (an order page of 3 asks for 963 points,
   * one order for 323), so a page for one record would hold the shop's bucket three times over.
   */
  first?: number;
}

export async function* pullProducts(client: AdminClient, { query, first = PRODUCTS_PER_PAGE }: PageOptions = {}): AsyncGenerator<ProductRecord[]> {
  let after: string | null = null;
  do {
    const { products }: ProductsPageQuery = await client.request(PRODUCTS_PAGE, { first, after, query: query ?? null });
    const page: ProductRecord[] = [];
    for (const node of products.nodes) {
      const variants = [...node.variants.nodes];
      let variantsAfter = node.variants.pageInfo.hasNextPage ? node.variants.pageInfo.endCursor : null;
      while (variantsAfter) {
        const rest = await client.request(PRODUCT_VARIANTS_PAGE, { id: node.id, after: variantsAfter });
        if (!rest.product) break;
        variants.push(...rest.product.variants.nodes);
        variantsAfter = rest.product.variants.pageInfo.hasNextPage ? rest.product.variants.pageInfo.endCursor : null;
      }
      page.push(mapProduct(node, variants));
    }
    yield page;
    after = products.pageInfo.hasNextPage ? (products.pageInfo.endCursor ?? null) : null;
  } while (after);
}

export async function* pullOrders(client: AdminClient, { query, first = ORDERS_PER_PAGE }: PageOptions = {}): AsyncGenerator<OrderRecord[]> {
  let after: string | null = null;
  do {
    const { orders }: OrdersPageQuery = await client.request(ORDERS_PAGE, { first, after, query: query ?? null });
    const page: OrderRecord[] = [];
    for (const node of orders.nodes) {
      const lines = [...node.lineItems.nodes];
      let linesAfter = node.lineItems.pageInfo.hasNextPage ? node.lineItems.pageInfo.endCursor : null;
      while (linesAfter) {
        const rest = await client.request(ORDER_LINE_ITEMS_PAGE, { id: node.id, after: linesAfter });
        if (!rest.order) break;
        lines.push(...rest.order.lineItems.nodes);
        linesAfter = rest.order.lineItems.pageInfo.hasNextPage ? rest.order.lineItems.pageInfo.endCursor : null;
      }
      let refunds: Parameters<typeof mapOrder>[2] = node.refunds;
      const truncated = node.refunds.length >= REFUNDS_PER_ORDER_PAGE || node.refunds.some((refund) => refund.refundLineItems.pageInfo.hasNextPage);
      if (truncated) {
        const full = await client.request(ORDER_REFUNDS, { id: node.id });
        refunds = full.order
          ? await Promise.all(
              full.order.refunds.map(async (refund) => {
                const after = refund.refundLineItems.pageInfo.hasNextPage ? refund.refundLineItems.pageInfo.endCursor : null;
                if (!after) return refund;
                return {
                  ...refund,
                  refundLineItems: {
                    ...refund.refundLineItems,
                    nodes: [...refund.refundLineItems.nodes, ...(await remainingRefundLines(client, refund.id, after))],
                  },
                };
              }),
            )
          : node.refunds;
      }
      // A full first page may hold them all or not: an order's transactions are read whole then (a list, not a connection).
      let transactions: Parameters<typeof mapOrder>[3] = node.transactions;
      if (node.transactions.length >= TRANSACTIONS_PER_ORDER_PAGE)
        transactions = (await client.request(ORDER_TRANSACTIONS, { id: node.id })).order?.transactions ?? transactions;
      page.push(mapOrder(node, lines, refunds, transactions));
    }
    yield page;
    after = orders.pageInfo.hasNextPage ? (orders.pageInfo.endCursor ?? null) : null;
  } while (after);
}
