-- Promotions shown in Shopify (Analytics annotation, marketing activity with daily spend), and the
-- week the "Weekly review ready" Flow trigger last fired for.

-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN "annotationId" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "marketingRemoteId" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "spendSentFrom" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "spendSentThrough" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "shopifyError" TEXT;

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "reviewReadyWeek" TEXT;
