-- DropIndex
DROP INDEX "Refund_shop_linesComplete_idx";

-- CreateIndex
CREATE INDEX "Refund_shop_linesComplete_createdAt_idx" ON "Refund"("shop", "linesComplete", "createdAt");

