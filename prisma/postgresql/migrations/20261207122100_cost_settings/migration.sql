-- CreateTable
CREATE TABLE "CostSettings" (
    "shop" TEXT NOT NULL,
    "defaultCostRate" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3),
    "appliedVersion" INTEGER NOT NULL DEFAULT 0,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "CostSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "GatewayFeeRule" (
    "shop" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "rate" TEXT NOT NULL,
    "fixedFee" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatewayFeeRule_pkey" PRIMARY KEY ("shop","gateway")
);

-- CreateTable
CREATE TABLE "ShippingRule" (
    "shop" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "perOrder" BIGINT NOT NULL,
    "perUnit" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingRule_pkey" PRIMARY KEY ("shop","destination")
);

-- CreateTable
CREATE TABLE "ShippingCost" (
    "shop" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "cost" BIGINT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingCost_pkey" PRIMARY KEY ("shop","orderName")
);

-- CreateTable
CREATE TABLE "CustomCost" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT,
    "rate" TEXT,
    "fromMonth" TEXT,
    "toMonth" TEXT,
    "date" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomCost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomCost_shop_idx" ON "CustomCost"("shop");

