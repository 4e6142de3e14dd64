-- CreateTable
CREATE TABLE "SyncExport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "search" TEXT,
    "operationId" TEXT,
    "checkpoint" BIGINT NOT NULL DEFAULT 0,
    "expectedRoots" INTEGER,
    "exportedRoots" INTEGER NOT NULL DEFAULT 0,
    "stored" BOOLEAN NOT NULL DEFAULT false
);

-- A backfill running at the upgrade keeps its two exports and how far each was stored.
INSERT INTO "SyncExport" ("shop", "runId", "kind", "position", "operationId", "checkpoint", "stored")
SELECT "shop", "id", 'products', 0, "productsOperation", "productsCheckpoint", "phase" <> 'products' FROM "SyncRun"
WHERE "status" = 'running' AND "kind" = 'backfill' AND "productsOperation" IS NOT NULL;
INSERT INTO "SyncExport" ("shop", "runId", "kind", "position", "operationId", "checkpoint", "stored")
SELECT "shop", "id", 'orders', 0, "ordersOperation", "ordersCheckpoint", "phase" NOT IN ('products', 'orders') FROM "SyncRun"
WHERE "status" = 'running' AND "kind" = 'backfill' AND "ordersOperation" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SyncRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "objectsDone" INTEGER NOT NULL DEFAULT 0,
    "ordersDone" INTEGER NOT NULL DEFAULT 0,
    "productsDone" INTEGER NOT NULL DEFAULT 0,
    "ordersExpected" INTEGER,
    "productsExpected" INTEGER,
    "stepStartedAt" DATETIME,
    "exportedRoots" INTEGER NOT NULL DEFAULT 0,
    "refundsExpected" INTEGER,
    "refundsDone" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "warning" TEXT,
    "error" TEXT
);
INSERT INTO "new_SyncRun" ("attempts", "error", "exportedRoots", "finishedAt", "heartbeatAt", "id", "kind", "objectsDone", "ordersDone", "ordersExpected", "phase", "productsDone", "productsExpected", "refundsDone", "refundsExpected", "shop", "startedAt", "status", "stepStartedAt", "warning") SELECT "attempts", "error", "exportedRoots", "finishedAt", "heartbeatAt", "id", "kind", "objectsDone", "ordersDone", "ordersExpected", "phase", "productsDone", "productsExpected", "refundsDone", "refundsExpected", "shop", "startedAt", "status", "stepStartedAt", "warning" FROM "SyncRun";
DROP TABLE "SyncRun";
ALTER TABLE "new_SyncRun" RENAME TO "SyncRun";
CREATE INDEX "SyncRun_shop_startedAt_idx" ON "SyncRun"("shop", "startedAt");
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SyncExport_runId_kind_position_key" ON "SyncExport"("runId", "kind", "position");

-- CreateIndex
CREATE INDEX "SyncExport_shop_idx" ON "SyncExport"("shop");
