-- The owner's strategy: staff roles, goals, indicator targets and the history of every change.

-- CreateTable
CREATE TABLE "StaffMember" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accountOwner" BOOLEAN NOT NULL,
    "collaborator" BOOLEAN NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'staff',
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "userId")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "why" TEXT,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Target" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "goalId" INTEGER,
    "indicator" TEXT NOT NULL,
    "periodKind" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "recurring" BOOLEAN NOT NULL DEFAULT false,
    "lastStatus" TEXT,
    "lastStatusAt" DATETIME,
    "flowError" TEXT,
    "analyticsTargetId" TEXT,
    "analyticsError" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME
);

-- CreateTable
CREATE TABLE "StrategyChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT
);

-- CreateIndex
CREATE INDEX "Goal_shop_idx" ON "Goal"("shop");

-- CreateIndex
CREATE INDEX "Target_shop_indicator_idx" ON "Target"("shop", "indicator");

-- CreateIndex
CREATE INDEX "Target_shop_goalId_idx" ON "Target"("shop", "goalId");

-- CreateIndex
CREATE INDEX "StrategyChange_shop_at_idx" ON "StrategyChange"("shop", "at");

-- CreateIndex
CREATE INDEX "StrategyChange_shop_entity_entityId_idx" ON "StrategyChange"("shop", "entity", "entityId");
