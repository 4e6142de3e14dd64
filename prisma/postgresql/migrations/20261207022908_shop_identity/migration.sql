-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "scopesUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "shopifyId" TEXT;

