-- AlterTable
ALTER TABLE "CostSettings" ADD COLUMN "appliedFeeRules" TEXT;
ALTER TABLE "CostSettings" ADD COLUMN "recomputeDaysDone" INTEGER;
ALTER TABLE "CostSettings" ADD COLUMN "recomputeDaysTotal" INTEGER;
