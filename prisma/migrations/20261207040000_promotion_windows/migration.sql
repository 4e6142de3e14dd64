-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN "startsAt" DATETIME;
ALTER TABLE "Promotion" ADD COLUMN "endsBefore" DATETIME;
ALTER TABLE "Promotion" ADD COLUMN "windowZone" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "utmLower" TEXT;

-- CreateIndex
CREATE INDEX "Promotion_shop_utmLower_idx" ON "Promotion"("shop", "utmLower");
