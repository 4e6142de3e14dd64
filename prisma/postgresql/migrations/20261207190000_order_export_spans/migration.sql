-- CreateTable
CREATE TABLE "SyncExport" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "search" TEXT,
    "operationId" TEXT,
    "checkpoint" BIGINT NOT NULL DEFAULT 0,
    "expectedRoots" INTEGER,
    "exportedRoots" INTEGER NOT NULL DEFAULT 0,
    "stored" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SyncExport_pkey" PRIMARY KEY ("id")
);

-- A backfill running at the upgrade keeps its two exports and how far each was stored.
INSERT INTO "SyncExport" ("shop", "runId", "kind", "position", "operationId", "checkpoint", "stored")
SELECT "shop", "id", 'products', 0, "productsOperation", "productsCheckpoint", "phase" <> 'products' FROM "SyncRun"
WHERE "status" = 'running' AND "kind" = 'backfill' AND "productsOperation" IS NOT NULL;
INSERT INTO "SyncExport" ("shop", "runId", "kind", "position", "operationId", "checkpoint", "stored")
SELECT "shop", "id", 'orders', 0, "ordersOperation", "ordersCheckpoint", "phase" NOT IN ('products', 'orders') FROM "SyncRun"
WHERE "status" = 'running' AND "kind" = 'backfill' AND "ordersOperation" IS NOT NULL;

-- AlterTable
ALTER TABLE "SyncRun" DROP COLUMN "ordersCheckpoint",
DROP COLUMN "ordersOperation",
DROP COLUMN "productsCheckpoint",
DROP COLUMN "productsOperation";

-- CreateIndex
CREATE UNIQUE INDEX "SyncExport_runId_kind_position_key" ON "SyncExport"("runId", "kind", "position");

-- CreateIndex
CREATE INDEX "SyncExport_shop_idx" ON "SyncExport"("shop");
