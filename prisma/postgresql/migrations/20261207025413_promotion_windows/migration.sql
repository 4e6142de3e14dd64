-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "endsBefore" TIMESTAMP(3),
ADD COLUMN     "startsAt" TIMESTAMP(3),
ADD COLUMN     "utmLower" TEXT,
ADD COLUMN     "windowZone" TEXT;

-- CreateIndex
CREATE INDEX "Promotion_shop_utmLower_idx" ON "Promotion"("shop", "utmLower");

