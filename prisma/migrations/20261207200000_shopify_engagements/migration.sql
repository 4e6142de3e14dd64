-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "engagementsReadThrough" TEXT;

-- CreateTable
CREATE TABLE "ShopifyEngagementDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "activityTitle" TEXT NOT NULL,
    "adSpend" BIGINT,
    "sales" BIGINT,
    "impressions" INTEGER,
    "clicks" INTEGER,

    PRIMARY KEY ("shop", "day", "client", "activityTitle")
);

