-- The home page counts a shop's test orders; without this index that reads every order.
-- CreateIndex
CREATE INDEX "Order_shop_test_idx" ON "Order"("shop", "test");
