-- AlterTable
ALTER TABLE "CostSettings" ADD COLUMN     "appliedFeeRules" TEXT,
ADD COLUMN     "recomputeDaysDone" INTEGER,
ADD COLUMN     "recomputeDaysTotal" INTEGER;

