-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN "adAccountId" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "adCampaignId" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "adPlatform" TEXT;

-- CreateTable
CREATE TABLE "AdConnection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "refreshToken" TEXT,
    "expiresAt" DATETIME,
    "origin" TEXT,
    "state" TEXT NOT NULL DEFAULT 'active',
    "connectedAt" DATETIME NOT NULL,
    "refreshedAt" DATETIME,
    "failingSince" DATETIME,
    "lastError" TEXT
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

    PRIMARY KEY ("shop", "platform", "accountId")
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

    PRIMARY KEY ("shop", "platform", "accountId", "campaignId", "date")
);

-- CreateTable
CREATE TABLE "AdCurrencyRate" (
    "shop" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "rate" TEXT NOT NULL,

    PRIMARY KEY ("shop", "currency", "month")
);

-- CreateTable
CREATE TABLE "AdAuthorization" (
    "state" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "origin" TEXT,
    "redirectUri" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "shopifyId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "currencyCode" TEXT NOT NULL,
    "ianaTimezone" TEXT NOT NULL,
    "adminOrigin" TEXT,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSyncAt" DATETIME,
    "lastSyncError" TEXT,
    "paymentsCopiedAt" DATETIME,
    "engagementsReadThrough" TEXT,
    "adsVersion" INTEGER NOT NULL DEFAULT 0,
    "rollupTimeZone" TEXT,
    "reviewReadyWeek" TEXT,
    "goalPromptDismissedAt" DATETIME,
    "costsStepDismissedAt" DATETIME,
    "costsStepSkipped" TEXT,
    "scopesUpdatedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Shop" ("adminOrigin", "costsStepDismissedAt", "costsStepSkipped", "currencyCode", "email", "engagementsReadThrough", "goalPromptDismissedAt", "ianaTimezone", "installedAt", "lastSyncAt", "lastSyncError", "name", "paymentsCopiedAt", "reviewReadyWeek", "rollupTimeZone", "scopesUpdatedAt", "shop", "shopifyId", "updatedAt") SELECT "adminOrigin", "costsStepDismissedAt", "costsStepSkipped", "currencyCode", "email", "engagementsReadThrough", "goalPromptDismissedAt", "ianaTimezone", "installedAt", "lastSyncAt", "lastSyncError", "name", "paymentsCopiedAt", "reviewReadyWeek", "rollupTimeZone", "scopesUpdatedAt", "shop", "shopifyId", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AdConnection_shop_platform_key" ON "AdConnection"("shop", "platform");

-- CreateIndex
CREATE INDEX "AdCampaignDay_shop_date_idx" ON "AdCampaignDay"("shop", "date");

-- CreateIndex
CREATE INDEX "AdCampaignDay_shop_utmLower_idx" ON "AdCampaignDay"("shop", "utmLower");

