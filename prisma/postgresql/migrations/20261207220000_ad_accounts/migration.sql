-- CreateTable
CREATE TABLE "AdAuthorization" (
    "state" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "origin" TEXT,
    "redirectUri" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdAuthorization_pkey" PRIMARY KEY ("state")
);

