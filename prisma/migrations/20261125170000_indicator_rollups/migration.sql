-- Indicator rollups: per-day totals per shop and per product, and each customer's key and first order.

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "rollupTimeZone" TEXT;

-- CreateTable
CREATE TABLE "DailyRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "grossSales" BIGINT NOT NULL,
    "discounts" BIGINT NOT NULL,
    "returns" BIGINT NOT NULL,
    "knownCostGross" BIGINT NOT NULL,
    "knownCostNet" BIGINT NOT NULL,
    "cogs" BIGINT NOT NULL,
    "newCustomers" INTEGER NOT NULL,
    "customerKeys" BLOB NOT NULL,

    PRIMARY KEY ("shop", "day")
);

-- CreateTable
CREATE TABLE "DailyProductRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "grossSales" BIGINT NOT NULL,
    "discounts" BIGINT NOT NULL,
    "returns" BIGINT NOT NULL,
    "knownCostGross" BIGINT NOT NULL,
    "knownCostNet" BIGINT NOT NULL,
    "cogs" BIGINT NOT NULL,
    "newCustomers" INTEGER NOT NULL,

    PRIMARY KEY ("shop", "day", "productId")
);

-- CreateTable
CREATE TABLE "RollupCustomer" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "key" INTEGER NOT NULL,
    "firstOrderId" TEXT,
    "firstOrderAt" DATETIME,

    PRIMARY KEY ("shop", "customerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "RollupCustomer_shop_key_key" ON "RollupCustomer"("shop", "key");

-- CreateIndex
CREATE INDEX "Order_shop_cancelledAt_idx" ON "Order"("shop", "cancelledAt");
