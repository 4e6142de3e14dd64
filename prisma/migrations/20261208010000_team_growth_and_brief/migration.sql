-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN "selfLearned" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "selfMoved" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "selfNext" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "selfReviewedAt" DATETIME;
ALTER TABLE "Promotion" ADD COLUMN "selfReviewedBy" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "selfReviewedByName" TEXT;
ALTER TABLE "Promotion" ADD COLUMN "tacticUse" TEXT;

-- AlterTable
ALTER TABLE "StoreTactic" ADD COLUMN "createdBy" TEXT;

-- CreateTable
CREATE TABLE "Proposal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "proposedBy" TEXT NOT NULL,
    "proposedByName" TEXT NOT NULL,
    "proposedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "comment" TEXT,
    "decidedBy" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "resultKey" TEXT
);

-- CreateTable
CREATE TABLE "LessonAssignment" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "assignedBy" TEXT NOT NULL,
    "assignedByName" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "userId", "indicator")
);

-- CreateTable
CREATE TABLE "LessonRead" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "firstReadAt" DATETIME NOT NULL,
    "lastReadAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "userId", "indicator")
);

-- CreateTable
CREATE TABLE "BriefSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "slackWebhook" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BriefDelivery" (
    "shop" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "week", "recipient")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StaffMember" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accountOwner" BOOLEAN NOT NULL,
    "collaborator" BOOLEAN NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'staff',
    "locale" TEXT,
    "stage" TEXT NOT NULL DEFAULT 'follow',
    "email" TEXT,
    "briefOptIn" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "userId")
);
INSERT INTO "new_StaffMember" ("accountOwner", "collaborator", "firstSeenAt", "lastSeenAt", "locale", "name", "role", "shop", "userId") SELECT "accountOwner", "collaborator", "firstSeenAt", "lastSeenAt", "locale", "name", "role", "shop", "userId" FROM "StaffMember";
DROP TABLE "StaffMember";
ALTER TABLE "new_StaffMember" RENAME TO "StaffMember";
-- Members who were on the team before stages keep every right they had, and new members start at "follow".
UPDATE "StaffMember" SET "stage" = 'create';
CREATE TABLE "new_Goal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "why" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'net_profit',
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME
);
INSERT INTO "new_Goal" ("archivedAt", "createdAt", "createdBy", "from", "id", "name", "shop", "to", "updatedAt", "why") SELECT "archivedAt", "createdAt", "createdBy", "from", "id", "name", "shop", "to", "updatedAt", "why" FROM "Goal";
DROP TABLE "Goal";
ALTER TABLE "new_Goal" RENAME TO "Goal";
CREATE INDEX "Goal_shop_idx" ON "Goal"("shop");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Proposal_shop_status_idx" ON "Proposal"("shop", "status");

-- CreateIndex
CREATE INDEX "BriefDelivery_status_idx" ON "BriefDelivery"("status");

