-- CreateTable
CREATE TABLE "CostSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "defaultCostRate" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" DATETIME,
    "appliedVersion" INTEGER NOT NULL DEFAULT 0,
    "appliedAt" DATETIME
);

-- CreateTable
CREATE TABLE "GatewayFeeRule" (
    "shop" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "rate" TEXT NOT NULL,
    "fixedFee" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "gateway")
);

-- CreateTable
CREATE TABLE "ShippingRule" (
    "shop" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "perOrder" BIGINT NOT NULL,
    "perUnit" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "destination")
);

-- CreateTable
CREATE TABLE "ShippingCost" (
    "shop" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "cost" BIGINT NOT NULL,
    "importedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "orderName")
);

-- CreateTable
CREATE TABLE "CustomCost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT,
    "rate" TEXT,
    "fromMonth" TEXT,
    "toMonth" TEXT,
    "date" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CustomCost_shop_idx" ON "CustomCost"("shop");

