// The Admin GraphQL documents the sync sends. Validated against the official schema in tests and
// typed by codegen: the literal text is the key of AdminQueries in app/types/admin.generated.d.ts.
// The bulk export (bulk/bulk-documents.ts) reads the same fields: tests/sync/documents-agree.test.ts.

export const SHOP_DETAILS = `#graphql
  query ShopDetails {
    shop {
      id
      name
      email
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
  }
` as const;

export const PRODUCTS_PAGE = `#graphql
  query ProductsPage($first: Int!, $after: String, $query: String) {
    products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        handle
        vendor
        productType
        status
        createdAt
        updatedAt
        variants(first: 25) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...SyncVariant
          }
        }
      }
    }
  }

  fragment SyncVariant on ProductVariant {
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
` as const;

export const PRODUCT_VARIANTS_PAGE = `#graphql
  query ProductVariantsPage($id: ID!, $after: String) {
    product(id: $id) {
      variants(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
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
` as const;

export const ORDERS_PAGE = `#graphql
  query OrdersPage($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
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
        lineItems(first: 10) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...SyncLineItem
          }
        }
        shippingAddress {
          countryCodeV2
        }
        transactions(first: 5) {
          ...SyncTransaction
        }
        refunds(first: 4) {
          id
          createdAt
          totalRefundedSet {
            shopMoney {
              amount
            }
          }
          refundLineItems(first: 10) {
            pageInfo {
              hasNextPage
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
  }

  fragment SyncTransaction on OrderTransaction {
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

  fragment SyncLineItem on LineItem {
    id
    quantity
    sku
    title
    variant {
      id
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
` as const;

export const ORDER_LINE_ITEMS_PAGE = `#graphql
  query OrderLineItemsPage($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          quantity
          sku
          title
          variant {
            id
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
` as const;

export const ORDER_REFUNDS = `#graphql
  query OrderRefunds($id: ID!) {
    order(id: $id) {
      refunds {
        id
        createdAt
        totalRefundedSet {
          shopMoney {
            amount
          }
        }
        refundLineItems(first: 200) {
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

/** Every transaction of an order whose first page (ORDERS_PAGE) was full. */
export const ORDER_TRANSACTIONS = `#graphql
  query OrderTransactions($id: ID!) {
    order(id: $id) {
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
    }
  }
` as const;

export const STORE_COUNTS = `#graphql
  query StoreCounts {
    ordersCount(limit: null) {
      count
    }
    productsCount(limit: null) {
      count
    }
  }
` as const;
