import { Prisma, type PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import { sessionStorage } from "~/shopify.server";

// A row of a shop in every table of the schema, so erasure and "nothing changed" checks cover all of
// them. Typed by Prisma's model names: a new table doesn't compile until it has a row here.

const at = new Date("2026-03-10T12:00:00Z");
const money = { grossSales: 100_0000n, discounts: 0n, returns: 0n, knownCostGross: 100_0000n, knownCostNet: 100_0000n, cogs: 40_0000n };

/** Shopify's id of a seeded shop, as the sync stores it (a number of its own for each domain). */
export function seededShopId(shop: string): string {
  return String([...shop].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 1_000_000_007, 7));
}

/** The customer every seeded shop has an order from. */
export const SEEDED_CUSTOMER = "gid://shopify/Customer/4242";

const seeders = {
  Session: (_db, shop) =>
    sessionStorage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "s", isOnline: false, scope: "read_orders", accessToken: "shpat_secret" })),
  Shop: (db, shop) => db.shop.create({ data: { shop, shopifyId: seededShopId(shop), name: shop, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" } }),
  ShopifyEngagementDay: (db, shop) =>
    db.shopifyEngagementDay.create({ data: { shop, day: "2026-03-01", client: "Facebook & Instagram", activityTitle: "Spring", adSpend: 12_3400n } }),
  AdConnection: (db, shop) =>
    db.adConnection.create({ data: { shop, platform: "meta", accessToken: "sealed", connectedAt: new Date("2026-03-01T00:00:00Z") } }),
  AdAccount: (db, shop) =>
    db.adAccount.create({ data: { shop, platform: "meta", accountId: "act_1", name: "Main", currency: "EUR", timeZone: "Europe/Berlin" } }),
  AdCampaignDay: (db, shop) =>
    db.adCampaignDay.create({
      data: { shop, platform: "meta", accountId: "act_1", campaignId: "1", date: "2026-03-01", campaignName: "Spring", spend: 10_0000n },
    }),
  AdAuthorization: (db, shop) =>
    db.adAuthorization.create({
      data: {
        state: `state-${shop}`,
        shop,
        platform: "meta",
        redirectUri: "https://app.example/ads/callback/meta",
        expiresAt: new Date("2026-03-01T00:10:00Z"),
      },
    }),
  ImportedAdSpend: (db, shop) =>
    db.importedAdSpend.create({
      data: { shop, promotionId: 1, channel: "Print", date: "2026-03-01", spend: 50_0000n, importedAt: new Date("2026-03-02T00:00:00Z") },
    }),
  Proposal: (db, shop) => db.proposal.create({ data: { shop, kind: "tactic", payload: "{}", proposedBy: "2", proposedByName: "Sam", proposedAt: at } }),
  LessonAssignment: (db, shop) =>
    db.lessonAssignment.create({ data: { shop, userId: "2", indicator: "aov", assignedBy: "1", assignedByName: "Olivia", assignedAt: at } }),
  LessonRead: (db, shop) => db.lessonRead.create({ data: { shop, userId: "2", indicator: "aov", firstReadAt: at, lastReadAt: at } }),
  BriefSettings: (db, shop) => db.briefSettings.create({ data: { shop, slackWebhook: null, updatedBy: "1", updatedAt: at } }),
  BriefDelivery: (db, shop) => db.briefDelivery.create({ data: { shop, week: "2026-W10", recipient: "slack", channel: "slack", locale: "en", createdAt: at } }),
  AdCurrencyRate: (db, shop) => db.adCurrencyRate.create({ data: { shop, currency: "USD", month: "2026-03", rate: "0.92" } }),
  SyncExport: async (db, shop) => {
    const run = await db.syncRun.create({ data: { shop, kind: "backfill", status: "running", phase: "orders", startedAt: at, heartbeatAt: at } });
    return db.syncExport.create({ data: { shop, runId: run.id, kind: "orders", position: 0, search: "created_at:<'2026-01-01T00:00:00Z'" } });
  },
  SyncRun: (db, shop) => db.syncRun.create({ data: { shop, kind: "backfill", status: "succeeded", phase: "done", startedAt: at, heartbeatAt: at } }),
  SyncTask: (db, shop) => db.syncTask.create({ data: { shop, kind: "order", resourceId: "gid://shopify/Order/1" } }),
  Job: (db, shop) => db.job.create({ data: { shop, name: "sync", data: JSON.stringify({ shop }), key: `sync:${shop}` } }),
  TokenRefreshLease: (db, shop) => db.tokenRefreshLease.create({ data: { shop, holder: "a-process", until: new Date() } }),
  WebhookDelivery: (db, shop) => db.webhookDelivery.create({ data: { webhookId: `seeded-${shop}`, shop, topic: "ORDERS_CREATE" } }),
  CustomerDataRequest: (db, shop) => db.customerDataRequest.create({ data: { shop, webhookId: `seeded-request-${shop}`, customerId: SEEDED_CUSTOMER } }),
  Product: (db, shop) => db.product.create({ data: { shop, id: "gid://shopify/Product/1", title: "Mug", createdAt: at, updatedAt: at } }),
  Variant: (db, shop) => db.variant.create({ data: { shop, id: "gid://shopify/ProductVariant/11", productId: "gid://shopify/Product/1" } }),
  Order: (db, shop) =>
    db.order.create({
      data: {
        shop,
        id: "gid://shopify/Order/1",
        name: "#1001",
        createdAt: at,
        updatedAt: at,
        processedAt: at,
        test: false,
        customerId: SEEDED_CUSTOMER,
        currencyCode: "EUR",
        subtotal: 100_0000n,
        totalDiscounts: 0n,
        totalShipping: 0n,
        totalTax: 0n,
        totalPrice: 100_0000n,
        totalRefunded: 0n,
      },
    }),
  OrderDiscountCode: (db, shop) => db.orderDiscountCode.create({ data: { shop, orderId: "gid://shopify/Order/1", code: "SPRING", codeLower: "spring" } }),
  OrderLine: (db, shop) =>
    db.orderLine.create({
      data: {
        shop,
        id: "gid://shopify/LineItem/1",
        orderId: "gid://shopify/Order/1",
        title: "Mug",
        quantity: 2,
        originalUnitPrice: 50_0000n,
        totalDiscount: 0n,
      },
    }),
  Refund: (db, shop) => db.refund.create({ data: { shop, id: "gid://shopify/Refund/1", orderId: "gid://shopify/Order/1", createdAt: at, totalRefunded: 0n } }),
  RefundLine: (db, shop) =>
    db.refundLine.create({
      data: {
        shop,
        refundId: "gid://shopify/Refund/1",
        orderId: "gid://shopify/Order/1",
        position: 0,
        lineItemId: "gid://shopify/LineItem/1",
        quantity: 1,
        subtotal: 0n,
      },
    }),
  OrderTransaction: (db, shop) =>
    db.orderTransaction.create({
      data: {
        shop,
        id: "gid://shopify/OrderTransaction/1",
        orderId: "gid://shopify/Order/1",
        kind: "SALE",
        status: "SUCCESS",
        gateway: "shopify_payments",
        processedAt: at,
        test: false,
        amount: 100_0000n,
        fees: 3_2000n,
        feesListed: true,
      },
    }),
  DailyRollup: (db, shop) =>
    db.dailyRollup.create({ data: { shop, day: "2026-03-10", orders: 1, units: 2, newCustomers: 1, customerKeys: new Uint8Array([0, 0, 0, 0]), ...money } }),
  DailyProductRollup: (db, shop) =>
    db.dailyProductRollup.create({ data: { shop, day: "2026-03-10", productId: "gid://shopify/Product/1", orders: 1, units: 2, newCustomers: 1, ...money } }),
  RollupCustomer: (db, shop) =>
    db.rollupCustomer.create({ data: { shop, customerId: SEEDED_CUSTOMER, key: 0, firstOrderId: "gid://shopify/Order/1", firstOrderAt: at } }),
  StaffMember: (db, shop) =>
    db.staffMember.create({ data: { shop, userId: "1", name: "Store Owner", accountOwner: true, collaborator: false, firstSeenAt: at, lastSeenAt: at } }),
  Goal: (db, shop) =>
    db.goal.create({ data: { shop, name: "Grow profit", from: "2026-01-01", to: "2026-03-31", createdBy: "1", createdAt: at, updatedAt: at } }),
  Target: (db, shop) =>
    db.target.create({
      data: {
        shop,
        indicator: "net_sales",
        periodKind: "month",
        from: "2026-03-01",
        to: "2026-03-31",
        value: "1000",
        direction: "at_least",
        createdBy: "1",
        createdAt: at,
        updatedAt: at,
      },
    }),
  StrategyChange: (db, shop) =>
    db.strategyChange.create({ data: { shop, at, actorId: "1", actorName: "Store Owner", entity: "goal", entityId: "1", action: "created" } }),
  Promotion: (db, shop) =>
    db.promotion.create({
      data: {
        shop,
        title: "Spring sale",
        type: "discount",
        ownerId: "2",
        ownerName: "Sam Rivera",
        start: "2026-03-01",
        end: "2026-03-14",
        createdBy: "1",
        createdAt: at,
        updatedAt: at,
        reviewedBy: "1",
        reviewedByName: "Store Owner",
      },
    }),
  PromotionNote: (db, shop) =>
    db.promotionNote.create({ data: { shop, promotionId: 1, authorId: "2", authorName: "Sam Rivera", body: "Sold out by Tuesday", createdAt: at } }),
  PromotionProduct: (db, shop) => db.promotionProduct.create({ data: { shop, promotionId: seededPromotionKey(shop), productId: "gid://shopify/Product/1" } }),
  PromotionCode: (db, shop) => db.promotionCode.create({ data: { shop, promotionId: seededPromotionKey(shop), code: "SPRING", codeLower: "spring" } }),
  WeeklyReview: (db, shop) =>
    db.weeklyReview.create({ data: { shop, weekStart: "2026-03-09", signedOffBy: "1", signedOffByName: "Store Owner", signedOffAt: at, snapshot: "{}" } }),
  StoreTactic: (db, shop) =>
    db.storeTactic.create({
      data: {
        shop,
        key: "aov.custom-1",
        indicator: "aov",
        title: "Gift wrap upsell",
        how: "Offer gift wrap at checkout.",
        type: "content",
        hypothesis: "Gifts carry more.",
        updatedBy: "1",
        updatedAt: at,
      },
    }),
  CostSettings: (db, shop) => db.costSettings.create({ data: { shop, defaultCostRate: "0.35", version: 1, changedAt: at } }),
  GatewayFeeRule: (db, shop) => db.gatewayFeeRule.create({ data: { shop, gateway: "paypal", rate: "0.0349", fixedFee: 4900n, updatedAt: at } }),
  ShippingRule: (db, shop) => db.shippingRule.create({ data: { shop, destination: "DE", perOrder: 4_5000n, perUnit: 5000n, updatedAt: at } }),
  ShippingCost: (db, shop) => db.shippingCost.create({ data: { shop, orderName: "#1001", cost: 6_2000n, importedAt: at } }),
  CustomCost: (db, shop) => db.customCost.create({ data: { shop, name: "Rent", kind: "monthly", amount: 1200_0000n, createdAt: at, updatedAt: at } }),
} satisfies Record<Prisma.ModelName, (db: PrismaClient, shop: string) => Promise<unknown>>;

// PromotionProduct and PromotionCode are keyed by promotion id alone: a distinct one per shop.
const promotionKeys = new Map<string, number>();
function seededPromotionKey(shop: string): number {
  if (!promotionKeys.has(shop)) promotionKeys.set(shop, 1000 + promotionKeys.size);
  return promotionKeys.get(shop)!;
}

/** Stores one row of `shop` in every table. */
export async function seedEveryTable(db: PrismaClient, shop: string): Promise<void> {
  for (const seed of Object.values(seeders)) await seed(db, shop);
}

type Counter = { count(args?: { where?: { shop?: string } }): Promise<number> };
const delegate = (db: PrismaClient, model: string) => (db as unknown as Record<string, Counter>)[model.charAt(0).toLowerCase() + model.slice(1)]!;

/** Every model of the schema, as Prisma's generated client describes it. */
export const schemaModels = () => Prisma.dmmf.datamodel.models;

/** Rows of `shop` in each table of the schema (tables without a shop column count every row). */
export async function rowsOfShop(db: PrismaClient, shop: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of schemaModels()) {
    const hasShop = model.fields.some((field) => field.name === "shop");
    counts[model.name] = await delegate(db, model.name).count(hasShop ? { where: { shop } } : undefined);
  }
  return counts;
}
