// Numeric id bases: realistic-looking Shopify ids, all far below 2^53.
export const PRODUCT_ID_BASE = 8_412_000_000;
export const VARIANT_ID_BASE = 45_180_000_000;
export const INVENTORY_ITEM_ID_BASE = 47_230_000_000;
export const CUSTOMER_ID_BASE = 7_301_000_000;
export const ORDER_ID_BASE = 5_930_000_000_000;
export const LINE_ITEM_ID_BASE = 14_820_000_000_000;
export const REFUND_ID_BASE = 912_000_000;
export const TRANSACTION_ID_BASE = 7_430_000_000_000;
export const FEE_ID_BASE = 2_930_000_000_000;
/** Lines added by an order edit get ids from the time of the edit: later than any order's own. */
export const EDITED_LINE_ITEM_ID_BASE = 19_000_000_000_000;
export const FIRST_ORDER_NUMBER = 1001;
