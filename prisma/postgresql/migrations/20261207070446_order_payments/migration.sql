-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "paymentsCopiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "hasShippingAddress" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "shippingCountry" TEXT;

-- AlterTable
ALTER TABLE "DailyRollup" ADD COLUMN     "payments" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "paymentsFeeKnown" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "transactionFees" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OrderTransaction" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "gateway" TEXT,
    "processedAt" TIMESTAMP(3),
    "test" BOOLEAN NOT NULL,
    "amount" BIGINT NOT NULL,
    "fees" BIGINT NOT NULL,
    "feesListed" BOOLEAN NOT NULL,

    CONSTRAINT "OrderTransaction_pkey" PRIMARY KEY ("shop","id")
);

-- CreateIndex
CREATE INDEX "OrderTransaction_shop_orderId_idx" ON "OrderTransaction"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OrderTransaction_shop_processedAt_idx" ON "OrderTransaction"("shop", "processedAt");

