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
    "productsOperation" TEXT,
    "productsCheckpoint" BIGINT NOT NULL DEFAULT 0,
    "ordersOperation" TEXT,
    "ordersCheckpoint" BIGINT NOT NULL DEFAULT 0,
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
INSERT INTO "new_SyncRun" ("attempts", "error", "finishedAt", "heartbeatAt", "id", "kind", "objectsDone", "ordersCheckpoint", "ordersDone", "ordersExpected", "ordersOperation", "phase", "productsCheckpoint", "productsDone", "productsExpected", "productsOperation", "shop", "startedAt", "status", "warning") SELECT "attempts", "error", "finishedAt", "heartbeatAt", "id", "kind", "objectsDone", "ordersCheckpoint", "ordersDone", "ordersExpected", "ordersOperation", "phase", "productsCheckpoint", "productsDone", "productsExpected", "productsOperation", "shop", "startedAt", "status", "warning" FROM "SyncRun";
DROP TABLE "SyncRun";
ALTER TABLE "new_SyncRun" RENAME TO "SyncRun";
CREATE INDEX "SyncRun_shop_startedAt_idx" ON "SyncRun"("shop", "startedAt");
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

