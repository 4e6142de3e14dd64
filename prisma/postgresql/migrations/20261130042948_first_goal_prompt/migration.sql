-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "goalPromptDismissedAt" TIMESTAMP(3);

