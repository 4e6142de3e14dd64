-- AlterTable
ALTER TABLE "StaffMember" ADD COLUMN "locale" TEXT;

