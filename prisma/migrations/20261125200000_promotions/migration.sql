-- Promotions staff log against an indicator, and the discount codes they track.

-- CreateTable
CREATE TABLE "Promotion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "channel" TEXT,
    "ownerId" TEXT,
    "ownerName" TEXT,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,
    "budget" BIGINT,
    "spend" BIGINT NOT NULL DEFAULT 0,
    "utmCampaign" TEXT,
    "indicator" TEXT,
    "hypothesis" TEXT,
    "expectedChange" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    "verdict" TEXT,
    "learned" TEXT,
    "nextStep" TEXT,
    "reviewedBy" TEXT,
    "reviewedByName" TEXT,
    "reviewedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PromotionNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PromotionCode" (
    "shop" TEXT NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "codeLower" TEXT NOT NULL,

    PRIMARY KEY ("promotionId", "codeLower")
);

-- CreateIndex
CREATE INDEX "Promotion_shop_start_idx" ON "Promotion"("shop", "start");

-- CreateIndex
CREATE INDEX "PromotionNote_promotionId_idx" ON "PromotionNote"("promotionId");

-- CreateIndex
CREATE INDEX "PromotionCode_shop_codeLower_idx" ON "PromotionCode"("shop", "codeLower");
