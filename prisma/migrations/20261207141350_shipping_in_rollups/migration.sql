-- Shipping costs in the daily rollups (docs/decisions/025). Columns are added in place, and the rollups
-- built before hold no shipping, so every shop's are rebuilt: a null rollupTimeZone is "not built",
-- which the next reconciliation rebuilds (the dashboard says it is preparing meanwhile).

-- AlterTable
ALTER TABLE "CostSettings" ADD COLUMN "appliedShippingRules" TEXT;

-- AlterTable
ALTER TABLE "DailyRollup" ADD COLUMN "shipments" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "shipmentsCostKnown" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollup" ADD COLUMN "shippingCosts" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ShippingCost" ADD COLUMN "applied" BOOLEAN NOT NULL DEFAULT false;

-- The rollups are rebuilt with shipping.
UPDATE "Shop" SET "rollupTimeZone" = NULL;
