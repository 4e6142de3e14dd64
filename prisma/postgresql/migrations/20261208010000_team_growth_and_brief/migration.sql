-- AlterTable
ALTER TABLE "StaffMember" ADD COLUMN     "briefOptIn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "email" TEXT,
ADD COLUMN     "stage" TEXT NOT NULL DEFAULT 'follow';

-- Members who were on the team before stages keep every right they had, and new members start at "follow".
UPDATE "StaffMember" SET "stage" = 'create';

-- AlterTable
ALTER TABLE "Goal" ADD COLUMN     "outcome" TEXT NOT NULL DEFAULT 'net_profit';

-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "selfLearned" TEXT,
ADD COLUMN     "selfMoved" TEXT,
ADD COLUMN     "selfNext" TEXT,
ADD COLUMN     "selfReviewedAt" TIMESTAMP(3),
ADD COLUMN     "selfReviewedBy" TEXT,
ADD COLUMN     "selfReviewedByName" TEXT,
ADD COLUMN     "tacticUse" TEXT;

-- AlterTable
ALTER TABLE "StoreTactic" ADD COLUMN     "createdBy" TEXT;

-- CreateTable
CREATE TABLE "Proposal" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "proposedBy" TEXT NOT NULL,
    "proposedByName" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "comment" TEXT,
    "decidedBy" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "resultKey" TEXT,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonAssignment" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "assignedBy" TEXT NOT NULL,
    "assignedByName" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LessonAssignment_pkey" PRIMARY KEY ("shop","userId","indicator")
);

-- CreateTable
CREATE TABLE "LessonRead" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "firstReadAt" TIMESTAMP(3) NOT NULL,
    "lastReadAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LessonRead_pkey" PRIMARY KEY ("shop","userId","indicator")
);

-- CreateTable
CREATE TABLE "BriefSettings" (
    "shop" TEXT NOT NULL,
    "slackWebhook" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BriefSettings_pkey" PRIMARY KEY ("shop")
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
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BriefDelivery_pkey" PRIMARY KEY ("shop","week","recipient")
);

-- CreateIndex
CREATE INDEX "Proposal_shop_status_idx" ON "Proposal"("shop", "status");

-- CreateIndex
CREATE INDEX "BriefDelivery_status_idx" ON "BriefDelivery"("status");

