-- CreateTable
CREATE TABLE "SyncRun" (
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
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "warning" TEXT,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "SyncTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "updatedAt" DATETIME,
    "payload" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Variant" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT,
    "sku" TEXT,
    "price" BIGINT,
    "inventoryItemId" TEXT,
    "unitCost" BIGINT,
    "costUpdatedAt" DATETIME,

    PRIMARY KEY ("shop", "id")
);
INSERT INTO "new_Variant" ("id", "inventoryItemId", "price", "productId", "shop", "sku", "title", "unitCost") SELECT "id", "inventoryItemId", "price", "productId", "shop", "sku", "title", "unitCost" FROM "Variant";
DROP TABLE "Variant";
ALTER TABLE "new_Variant" RENAME TO "Variant";
CREATE INDEX "Variant_shop_productId_idx" ON "Variant"("shop", "productId");
CREATE INDEX "Variant_shop_inventoryItemId_idx" ON "Variant"("shop", "inventoryItemId");
CREATE TABLE "new_OrderDiscountCode" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "codeLower" TEXT NOT NULL,

    PRIMARY KEY ("shop", "orderId", "code")
);
INSERT INTO "new_OrderDiscountCode" ("code", "codeLower", "orderId", "shop") SELECT "code", "codeLower", "orderId", "shop" FROM "OrderDiscountCode";
DROP TABLE "OrderDiscountCode";
ALTER TABLE "new_OrderDiscountCode" RENAME TO "OrderDiscountCode";
CREATE INDEX "OrderDiscountCode_shop_codeLower_idx" ON "OrderDiscountCode"("shop", "codeLower");
CREATE TABLE "new_OrderLine" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "quantity" INTEGER NOT NULL,
    "originalUnitPrice" BIGINT NOT NULL,
    "totalDiscount" BIGINT NOT NULL,
    "unitCost" BIGINT,

    PRIMARY KEY ("shop", "id")
);
INSERT INTO "new_OrderLine" ("id", "orderId", "originalUnitPrice", "productId", "quantity", "shop", "sku", "title", "totalDiscount", "unitCost", "variantId") SELECT "id", "orderId", "originalUnitPrice", "productId", "quantity", "shop", "sku", "title", "totalDiscount", "unitCost", "variantId" FROM "OrderLine";
DROP TABLE "OrderLine";
ALTER TABLE "new_OrderLine" RENAME TO "OrderLine";
CREATE INDEX "OrderLine_shop_orderId_idx" ON "OrderLine"("shop", "orderId");
CREATE INDEX "OrderLine_shop_productId_idx" ON "OrderLine"("shop", "productId");
CREATE TABLE "new_Refund" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "totalRefunded" BIGINT NOT NULL,
    "linesComplete" BOOLEAN NOT NULL DEFAULT true,

    PRIMARY KEY ("shop", "id")
);
INSERT INTO "new_Refund" ("createdAt", "id", "orderId", "shop", "totalRefunded") SELECT "createdAt", "id", "orderId", "shop", "totalRefunded" FROM "Refund";
DROP TABLE "Refund";
ALTER TABLE "new_Refund" RENAME TO "Refund";
CREATE INDEX "Refund_shop_orderId_idx" ON "Refund"("shop", "orderId");
CREATE INDEX "Refund_shop_createdAt_idx" ON "Refund"("shop", "createdAt");
CREATE INDEX "Refund_shop_linesComplete_idx" ON "Refund"("shop", "linesComplete");
CREATE TABLE "new_RefundLine" (
    "shop" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "subtotal" BIGINT NOT NULL,

    PRIMARY KEY ("shop", "refundId", "position")
);
INSERT INTO "new_RefundLine" ("lineItemId", "position", "quantity", "refundId", "shop", "subtotal") SELECT "lineItemId", "position", "quantity", "refundId", "shop", "subtotal" FROM "RefundLine";
DROP TABLE "RefundLine";
ALTER TABLE "new_RefundLine" RENAME TO "RefundLine";
CREATE INDEX "RefundLine_shop_lineItemId_idx" ON "RefundLine"("shop", "lineItemId");
CREATE INDEX "RefundLine_shop_orderId_idx" ON "RefundLine"("shop", "orderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SyncRun_shop_startedAt_idx" ON "SyncRun"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

-- CreateIndex
CREATE INDEX "SyncTask_runAfter_idx" ON "SyncTask"("runAfter");

-- CreateIndex
CREATE UNIQUE INDEX "SyncTask_shop_kind_resourceId_key" ON "SyncTask"("shop", "kind", "resourceId");

