-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "shopifyId" TEXT;
ALTER TABLE "Shop" ADD COLUMN "scopesUpdatedAt" DATETIME;
