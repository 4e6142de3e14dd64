-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "currencyCode" TEXT NOT NULL,
    "ianaTimezone" TEXT NOT NULL,
    "adminOrigin" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "rollupTimeZone" TEXT,
    "reviewReadyWeek" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
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
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncTask" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3),
    "payload" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "SyncTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "webhookId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("webhookId")
);

-- CreateTable
CREATE TABLE "CustomerDataRequest" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "dataRequestId" TEXT,
    "customerId" TEXT,
    "ordersRequested" TEXT NOT NULL DEFAULT '[]',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redactedAt" TIMESTAMP(3),

    CONSTRAINT "CustomerDataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT,
    "vendor" TEXT,
    "productType" TEXT,
    "status" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Product_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "Variant" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT,
    "sku" TEXT,
    "price" BIGINT,
    "inventoryItemId" TEXT,
    "unitCost" BIGINT,
    "costUpdatedAt" TIMESTAMP(3),

    CONSTRAINT "Variant_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "Order" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "test" BOOLEAN NOT NULL,
    "customerId" TEXT,
    "sourceName" TEXT,
    "currencyCode" TEXT NOT NULL,
    "presentmentCurrencyCode" TEXT,
    "subtotal" BIGINT NOT NULL,
    "totalDiscounts" BIGINT NOT NULL,
    "totalShipping" BIGINT NOT NULL,
    "totalTax" BIGINT NOT NULL,
    "totalPrice" BIGINT NOT NULL,
    "totalRefunded" BIGINT NOT NULL,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "OrderDiscountCode" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "codeLower" TEXT NOT NULL,

    CONSTRAINT "OrderDiscountCode_pkey" PRIMARY KEY ("shop","orderId","code")
);

-- CreateTable
CREATE TABLE "OrderLine" (
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

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "totalRefunded" BIGINT NOT NULL,
    "linesComplete" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "RefundLine" (
    "shop" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "subtotal" BIGINT NOT NULL,

    CONSTRAINT "RefundLine_pkey" PRIMARY KEY ("shop","refundId","position")
);

-- CreateTable
CREATE TABLE "DailyRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "grossSales" BIGINT NOT NULL,
    "discounts" BIGINT NOT NULL,
    "returns" BIGINT NOT NULL,
    "knownCostGross" BIGINT NOT NULL,
    "knownCostNet" BIGINT NOT NULL,
    "cogs" BIGINT NOT NULL,
    "newCustomers" INTEGER NOT NULL,
    "customerKeys" BYTEA NOT NULL,

    CONSTRAINT "DailyRollup_pkey" PRIMARY KEY ("shop","day")
);

-- CreateTable
CREATE TABLE "DailyProductRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "grossSales" BIGINT NOT NULL,
    "discounts" BIGINT NOT NULL,
    "returns" BIGINT NOT NULL,
    "knownCostGross" BIGINT NOT NULL,
    "knownCostNet" BIGINT NOT NULL,
    "cogs" BIGINT NOT NULL,
    "newCustomers" INTEGER NOT NULL,

    CONSTRAINT "DailyProductRollup_pkey" PRIMARY KEY ("shop","day","productId")
);

-- CreateTable
CREATE TABLE "RollupCustomer" (
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "key" INTEGER NOT NULL,
    "firstOrderId" TEXT,
    "firstOrderAt" TIMESTAMP(3),

    CONSTRAINT "RollupCustomer_pkey" PRIMARY KEY ("shop","customerId")
);

-- CreateTable
CREATE TABLE "StaffMember" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accountOwner" BOOLEAN NOT NULL,
    "collaborator" BOOLEAN NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'staff',
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffMember_pkey" PRIMARY KEY ("shop","userId")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "why" TEXT,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
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
    "lastStatusAt" TIMESTAMP(3),
    "flowError" TEXT,
    "analyticsTargetId" TEXT,
    "analyticsError" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StrategyChange" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "StrategyChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Promotion" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "channel" TEXT,
    "ownerId" TEXT,
    "ownerName" TEXT,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,
    "budget" BIGINT,
    "spend" BIGINT NOT NULL DEFAULT 0,
    "utmCampaign" TEXT,
    "indicator" TEXT,
    "hypothesis" TEXT,
    "expectedChange" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "verdict" TEXT,
    "learned" TEXT,
    "nextStep" TEXT,
    "reviewedBy" TEXT,
    "reviewedByName" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "annotationId" TEXT,
    "marketingRemoteId" TEXT,
    "spendSentFrom" TEXT,
    "spendSentThrough" TEXT,
    "shopifyError" TEXT,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionNote" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromotionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionProduct" (
    "shop" TEXT NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "productId" TEXT NOT NULL,

    CONSTRAINT "PromotionProduct_pkey" PRIMARY KEY ("promotionId","productId")
);

-- CreateTable
CREATE TABLE "PromotionCode" (
    "shop" TEXT NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "codeLower" TEXT NOT NULL,

    CONSTRAINT "PromotionCode_pkey" PRIMARY KEY ("promotionId","codeLower")
);

-- CreateTable
CREATE TABLE "WeeklyReview" (
    "shop" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "signedOffBy" TEXT NOT NULL,
    "signedOffByName" TEXT NOT NULL,
    "signedOffAt" TIMESTAMP(3) NOT NULL,
    "comments" TEXT,
    "snapshot" TEXT NOT NULL,

    CONSTRAINT "WeeklyReview_pkey" PRIMARY KEY ("shop","weekStart")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "SyncRun_shop_startedAt_idx" ON "SyncRun"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

-- CreateIndex
CREATE INDEX "SyncTask_runAfter_idx" ON "SyncTask"("runAfter");

-- CreateIndex
CREATE UNIQUE INDEX "SyncTask_shop_kind_resourceId_key" ON "SyncTask"("shop", "kind", "resourceId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_idx" ON "WebhookDelivery"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerDataRequest_webhookId_key" ON "CustomerDataRequest"("webhookId");

-- CreateIndex
CREATE INDEX "CustomerDataRequest_shop_customerId_idx" ON "CustomerDataRequest"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Variant_shop_productId_idx" ON "Variant"("shop", "productId");

-- CreateIndex
CREATE INDEX "Variant_shop_inventoryItemId_idx" ON "Variant"("shop", "inventoryItemId");

-- CreateIndex
CREATE INDEX "Order_shop_processedAt_idx" ON "Order"("shop", "processedAt");

-- CreateIndex
CREATE INDEX "Order_shop_customerId_processedAt_idx" ON "Order"("shop", "customerId", "processedAt");

-- CreateIndex
CREATE INDEX "Order_shop_cancelledAt_idx" ON "Order"("shop", "cancelledAt");

-- CreateIndex
CREATE INDEX "OrderDiscountCode_shop_codeLower_idx" ON "OrderDiscountCode"("shop", "codeLower");

-- CreateIndex
CREATE INDEX "OrderLine_shop_orderId_idx" ON "OrderLine"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OrderLine_shop_productId_idx" ON "OrderLine"("shop", "productId");

-- CreateIndex
CREATE INDEX "Refund_shop_orderId_idx" ON "Refund"("shop", "orderId");

-- CreateIndex
CREATE INDEX "Refund_shop_createdAt_idx" ON "Refund"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Refund_shop_linesComplete_idx" ON "Refund"("shop", "linesComplete");

-- CreateIndex
CREATE INDEX "RefundLine_shop_lineItemId_idx" ON "RefundLine"("shop", "lineItemId");

-- CreateIndex
CREATE INDEX "RefundLine_shop_orderId_idx" ON "RefundLine"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "RollupCustomer_shop_key_key" ON "RollupCustomer"("shop", "key");

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

-- CreateIndex
CREATE INDEX "Promotion_shop_start_idx" ON "Promotion"("shop", "start");

-- CreateIndex
CREATE INDEX "PromotionNote_promotionId_idx" ON "PromotionNote"("promotionId");

-- CreateIndex
CREATE INDEX "PromotionCode_shop_codeLower_idx" ON "PromotionCode"("shop", "codeLower");

