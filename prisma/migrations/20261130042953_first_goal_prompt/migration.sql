-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "goalPromptDismissedAt" DATETIME;

