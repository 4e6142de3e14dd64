-- Orders are never looked up by updatedAt in the database (reconciliation asks Shopify), and the
-- index cost every bulk import time.
DROP INDEX "Order_shop_updatedAt_idx";
