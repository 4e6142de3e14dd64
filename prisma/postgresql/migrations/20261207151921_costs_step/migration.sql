-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "costsStepDismissedAt" TIMESTAMP(3),
ADD COLUMN     "costsStepSkipped" TEXT;

