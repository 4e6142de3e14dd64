-- Orders' payments and shipping country (docs/decisions/022). Columns are added in place (SQLite
-- adds a column with a default without copying the table); rows stored before are read again from
-- Shopify by the next sync, which the app asks for (Shop.paymentsCopiedAt).

-- CreateTable
CREATE TABLE "OrderTransaction" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "gateway" TEXT,
    "processedAt" DATETIME,
    "test" BOOLEAN NOT NULL,
    "amount" BIGINT NOT NULL,
    "fees" BIGINT NOT NULL,
    "feesListed" BOOLEAN NOT NULL,

    PRIMARY KEY ("shop", "id")
);

-- CreateIndex
CREATE INDEX "OrderTransaction_shop_orderId_idx" ON "OrderTransaction"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OrderTransaction_shop_processedAt_idx" ON "OrderTransaction"("shop", "processedAt");

-- AlterTable
ALTER TABLE "Order" ADD COLUMN "hasShippingAddress" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Order" ADD COLUMN "shippingCountry" TEXT;

-- AlterTable
ALTER TABLE "DailyRollup" ADD COLUMN "transactionFees" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "payments" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "paymentsFeeKnown" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "paymentsCopiedAt" DATETIME;
