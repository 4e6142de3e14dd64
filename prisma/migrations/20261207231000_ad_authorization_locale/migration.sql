-- AlterTable
ALTER TABLE "AdAuthorization" ADD COLUMN "locale" TEXT;

