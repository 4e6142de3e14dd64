-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "adsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "adAccountId" TEXT,
ADD COLUMN     "adCampaignId" TEXT,
ADD COLUMN     "adPlatform" TEXT;

-- CreateTable
CREATE TABLE "AdConnection" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "refreshToken" TEXT,
    "expiresAt" TIMESTAMP(3),
    "origin" TEXT,
    "state" TEXT NOT NULL DEFAULT 'active',
    "connectedAt" TIMESTAMP(3) NOT NULL,
    "refreshedAt" TIMESTAMP(3),
    "failingSince" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "AdConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdAccount" (
    "shop" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "selected" BOOLEAN NOT NULL DEFAULT true,
    "readThrough" TEXT,

    CONSTRAINT "AdAccount_pkey" PRIMARY KEY ("shop","platform","accountId")
);

-- CreateTable
CREATE TABLE "AdCampaignDay" (
    "shop" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "campaignName" TEXT NOT NULL,
    "utmCampaign" TEXT,
    "utmLower" TEXT,
    "spend" BIGINT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AdCampaignDay_pkey" PRIMARY KEY ("shop","platform","accountId","campaignId","date")
);

-- CreateTable
CREATE TABLE "AdCurrencyRate" (
    "shop" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "rate" TEXT NOT NULL,

    CONSTRAINT "AdCurrencyRate_pkey" PRIMARY KEY ("shop","currency","month")
);

-- CreateTable
CREATE TABLE "AdAuthorization" (
    "state" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "origin" TEXT,
    "redirectUri" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdAuthorization_pkey" PRIMARY KEY ("state")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdConnection_shop_platform_key" ON "AdConnection"("shop", "platform");

-- CreateIndex
CREATE INDEX "AdCampaignDay_shop_date_idx" ON "AdCampaignDay"("shop", "date");

-- CreateIndex
CREATE INDEX "AdCampaignDay_shop_utmLower_idx" ON "AdCampaignDay"("shop", "utmLower");

