-- Signed-off weekly reviews, each with a snapshot of the page as it was.

-- CreateTable
CREATE TABLE "WeeklyReview" (
    "shop" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "signedOffBy" TEXT NOT NULL,
    "signedOffByName" TEXT NOT NULL,
    "signedOffAt" DATETIME NOT NULL,
    "comments" TEXT,
    "snapshot" TEXT NOT NULL,

    PRIMARY KEY ("shop", "weekStart")
);
