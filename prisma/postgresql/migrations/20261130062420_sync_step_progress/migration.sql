-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "exportedRoots" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "refundsDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "refundsExpected" INTEGER,
ADD COLUMN     "stepStartedAt" TIMESTAMP(3);

