-- Products a promotion is about (optional).

-- CreateTable
CREATE TABLE "PromotionProduct" (
    "shop" TEXT NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "productId" TEXT NOT NULL,

    PRIMARY KEY ("promotionId", "productId")
);
