-- CreateTable
CREATE TABLE "StoreTactic" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "how" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "hypothesis" TEXT NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreTactic_pkey" PRIMARY KEY ("shop","key")
);

