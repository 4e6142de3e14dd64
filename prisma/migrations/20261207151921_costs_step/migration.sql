-- The "Your costs" step of onboarding: its dismissal and the parts skipped, per shop.

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "costsStepDismissedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "costsStepSkipped" TEXT;
