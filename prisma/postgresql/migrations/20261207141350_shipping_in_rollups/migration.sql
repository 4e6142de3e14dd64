-- Shipping costs in the daily rollups (docs/decisions/025): the rollups built before hold no shipping,
-- so every shop's are rebuilt: a null rollupTimeZone is "not built", which the next reconciliation rebuilds.

-- AlterTable
ALTER TABLE "DailyRollup" ADD COLUMN     "shipments" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shipmentsCostKnown" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shippingCosts" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CostSettings" ADD COLUMN     "appliedShippingRules" TEXT;

-- AlterTable
ALTER TABLE "ShippingCost" ADD COLUMN     "applied" BOOLEAN NOT NULL DEFAULT false;


-- The rollups are rebuilt with shipping.
UPDATE "Shop" SET "rollupTimeZone" = NULL;
