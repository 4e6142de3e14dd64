-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "tactic" TEXT;

