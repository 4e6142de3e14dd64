// Bulk operations: the two queries Shopify runs over the whole store, and the calls that start,
// watch and cancel them. Bulk queries take no variables and read whole connections (no `first`);
// a connection can't sit inside a list, so refund line items are read afterwards (REFUND_LINES).
// Lists that aren't connections (an order's refunds, its transactions and their fees) stay inline in
// the order's line.
// They read the same fields as the paged documents (sync-documents.ts), written out in full because
// codegen types a paged query by its literal text; tests/sync/documents-agree.test.ts holds them in step.

export const BULK_PRODUCTS_QUERY = `#graphql
  query BulkProducts {
    products {
      edges {
        node {
          id
          title
          handle
          vendor
          productType
          status
          createdAt
          updatedAt
          variants {
            edges {
              node {
                id
                title
                sku
                price
                inventoryItem {
                  id
                  unitCost {
                    amount
                  }
                }
              }
            }
          }
        }
      }
    }
  }
` as const;

export const BULK_ORDERS_QUERY = `#graphql
  query BulkOrders {
    orders {
      edges {
        node {
          id
          name
          createdAt
          updatedAt
          processedAt
          cancelledAt
          test
          currencyCode
          presentmentCurrencyCode
          sourceName
          customer {
            id
          }
          discountCodes
          subtotalPriceSet {
            shopMoney {
              amount
            }
          }
          totalDiscountsSet {
            shopMoney {
              amount
            }
          }
          totalShippingPriceSet {
            shopMoney {
              amount
            }
          }
          totalTaxSet {
            shopMoney {
              amount
            }
          }
          totalPriceSet {
            shopMoney {
              amount
            }
          }
          totalRefundedSet {
            shopMoney {
              amount
            }
          }
          customerJourneySummary {
            lastVisit {
              utmParameters {
                source
                medium
                campaign
              }
            }
          }
          shippingAddress {
            countryCodeV2
          }
          transactions {
            id
            kind
            status
            gateway
            processedAt
            test
            amountSet {
              shopMoney {
                amount
              }
            }
            fees {
              amount {
                amount
              }
            }
          }
          refunds {
            id
            createdAt
            totalRefundedSet {
              shopMoney {
                amount
              }
            }
          }
          lineItems {
            edges {
              node {
                id
                quantity
                sku
                title
                variant {
                  id
                  inventoryItem {
                    unitCost {
                      amount
                    }
                  }
                }
                product {
                  id
                }
                originalUnitPriceSet {
                  shopMoney {
                    amount
                  }
                }
                totalDiscountSet {
                  shopMoney {
                    amount
                  }
                }
              }
            }
          }
        }
      }
    }
  }
` as const;

/**
 * The orders' bulk query over one span (Shopify's search syntax, e.g. "created_at:>='…' created_at:<'…'"),
 * or over every order when null. Bulk queries take no variables: the filter is written into the text.
 */
export function bulkOrdersQuery(search: string | null): string {
  if (search === null) return BULK_ORDERS_QUERY;
  if (!/^[\w:<>=' .+-]*$/.test(search)) throw new Error(`Not an orders span filter: ${search}`);
  return BULK_ORDERS_QUERY.replace("    orders {", `    orders(query: "${search}") {`);
}

/** The orders of one span (Shopify's search syntax), counted whole. */
export const ORDERS_IN_SPAN = `#graphql
  query OrdersInSpan($search: String!) {
    ordersCount(query: $search, limit: null) {
      count
    }
  }
` as const;

/** When the store's first order was created: where the orders' spans begin. */
export const FIRST_ORDER_CREATED = `#graphql
  query FirstOrderCreated {
    orders(first: 1, sortKey: CREATED_AT) {
      nodes {
        createdAt
      }
    }
  }
` as const;

export const BULK_RUN = `#graphql
  mutation BulkRun($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as const;

export const BULK_STATUS = `#graphql
  query BulkStatus($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      fileSize
      url
      partialDataUrl
      createdAt
      completedAt
    }
  }
` as const;

/**
 * Refunds' lines without pageInfo (a point less a refund): each refund asks for one line more than
 * its order has, so an answer that fills it is the only one that may hold more (then read whole with
 * REFUND_LINES).
 */
export const REFUND_LINES_SIZED = `#graphql
  query RefundLinesSized($ids: [ID!]!, $first: Int!) {
    nodes(ids: $ids) {
      ... on Refund {
        id
        refundLineItems(first: $first) {
          nodes {
            quantity
            lineItem {
              id
            }
            subtotalSet {
              shopMoney {
                amount
              }
            }
          }
        }
      }
    }
  }
` as const;

export const REFUND_LINES = `#graphql
  query RefundLines($ids: [ID!]!, $first: Int!, $after: String) {
    nodes(ids: $ids) {
      ... on Refund {
        id
        refundLineItems(first: $first, after: $after) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            quantity
            lineItem {
              id
            }
            subtotalSet {
              shopMoney {
                amount
              }
            }
          }
        }
      }
    }
  }
` as const;
