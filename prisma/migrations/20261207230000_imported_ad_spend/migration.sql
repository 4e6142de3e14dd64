-- CreateTable
CREATE TABLE "ImportedAdSpend" (
    "shop" TEXT NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "spend" BIGINT NOT NULL,
    "importedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "promotionId", "channel", "date")
);

-- CreateIndex
CREATE INDEX "ImportedAdSpend_shop_date_idx" ON "ImportedAdSpend"("shop", "date");

