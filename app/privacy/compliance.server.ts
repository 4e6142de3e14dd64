import type { Prisma } from "@prisma/client";
import type { OrderChange } from "~/indicators/rollups.server";
import type { JobQueue } from "~/jobs/queue";
import { customerGid, orderGid } from "~/webhooks/payloads";

type Tx = Prisma.TransactionClient;

/** customers/data_request: kept so the store owner can see, in the app, what it holds on that customer. */
export async function recordCustomerDataRequest(
  tx: Tx,
  request: { shop: string; webhookId: string; customerId: string; ordersRequested: string[]; dataRequestId?: string },
): Promise<void> {
  await tx.customerDataRequest.create({
    data: {
      shop: request.shop,
      webhookId: request.webhookId,
      dataRequestId: request.dataRequestId ?? null,
      customerId: customerGid(request.customerId),
      ordersRequested: JSON.stringify(request.ordersRequested.map(orderGid)),
    },
  });
}

/** Values a `where … in (…)` list holds at most (SQLite binds at most 999 parameters). */
const IN_CHUNK = 900;

/**
 * customers/redact: the app holds no personal data; it removes the customer's id from every row
 * (their orders, the orders Shopify lists in `orders_to_redact`, the rollups' customer list and the
 * data requests). The orders stay, without a customer, as the shop's sales.
 * Returns the change to apply to the indicator rollups once committed: the days of those orders
 * (their lists of customer keys), and any other customer an order listed was linked to here.
 */
export async function redactCustomer(tx: Tx, shop: string, customerId: string, now: Date, ordersToRedact: string[] = []): Promise<OrderChange> {
  const gid = customerGid(customerId);
  const orders = await tx.order.findMany({ where: { shop, customerId: gid }, select: { processedAt: true } });
  await tx.order.updateMany({ where: { shop, customerId: gid }, data: { customerId: null } });
  const instants = orders.map((order) => order.processedAt);
  const others = new Set<string>();
  const listed = ordersToRedact.map(orderGid);
  for (let i = 0; i < listed.length; i += IN_CHUNK) {
    const where = { shop, id: { in: listed.slice(i, i + IN_CHUNK) }, customerId: { not: null } };
    for (const order of await tx.order.findMany({ where, select: { processedAt: true, customerId: true } })) {
      instants.push(order.processedAt);
      if (order.customerId !== gid) others.add(order.customerId as string);
    }
    await tx.order.updateMany({ where, data: { customerId: null } });
  }
  await tx.rollupCustomer.deleteMany({ where: { shop, customerId: gid } });
  await tx.customerDataRequest.updateMany({ where: { shop, customerId: gid }, data: { customerId: null, redactedAt: now } });
  return { instants, customerIds: [...others] };
}

/**
 * What shop/redact does with each table. Typed by Prisma's model names: a new table doesn't compile
 * until it is placed here, and tests/webhooks/shop-redact.test.ts checks this against the schema.
 * "erase": every row whose `shop` is the shop is deleted; "no shop data": the table holds nothing
 * of any shop (none today). Children come before their parents.
 */
export const SHOP_ERASURE = {
  Proposal: "erase",
  LessonAssignment: "erase",
  LessonRead: "erase",
  BriefSettings: "erase",
  BriefDelivery: "erase",
  ShopifyEngagementDay: "erase",
  AdConnection: "erase",
  AdAccount: "erase",
  AdCampaignDay: "erase",
  AdCurrencyRate: "erase",
  AdAuthorization: "erase",
  ImportedAdSpend: "erase",
  CostSettings: "erase",
  GatewayFeeRule: "erase",
  ShippingRule: "erase",
  ShippingCost: "erase",
  CustomCost: "erase",
  StoreTactic: "erase",
  WeeklyReview: "erase",
  PromotionNote: "erase",
  PromotionProduct: "erase",
  PromotionCode: "erase",
  Promotion: "erase",
  StrategyChange: "erase",
  Target: "erase",
  Goal: "erase",
  StaffMember: "erase",
  DailyRollup: "erase",
  DailyProductRollup: "erase",
  RollupCustomer: "erase",
  RefundLine: "erase",
  Refund: "erase",
  OrderTransaction: "erase",
  OrderLine: "erase",
  OrderDiscountCode: "erase",
  Order: "erase",
  Variant: "erase",
  Product: "erase",
  CustomerDataRequest: "erase",
  SyncExport: "erase",
  SyncRun: "erase",
  SyncTask: "erase",
  Job: "erase",
  TokenRefreshLease: "erase",
  WebhookDelivery: "erase",
  Session: "erase",
  Shop: "erase",
} as const satisfies Record<Prisma.ModelName, "erase" | "no shop data">;

/** Whether the app is installed on the shop now: it holds the shop's offline session (app/uninstalled deletes it). */
export async function isInstalledNow(db: Pick<Tx, "session">, shop: string): Promise<boolean> {
  return (await db.session.count({ where: { shop, isOnline: false } })) > 0;
}

type ErasableDelegate = { deleteMany(args: { where: { shop: string } }): Promise<unknown> };

/**
 * shop/redact (48 hours after uninstall): every row of that shop, in every table, is erased, and
 * every job of it wherever the queue keeps them (pg-boss's own tables on PostgreSQL, which Prisma's
 * schema doesn't describe): a webhook task carries the shop's payload. In the same transaction.
 */
export async function eraseShop(tx: Tx, shop: string, jobs: Pick<JobQueue, "forgetShop">): Promise<void> {
  for (const [model, rule] of Object.entries(SHOP_ERASURE)) {
    if (rule !== "erase") continue;
    const delegate = (tx as unknown as Record<string, ErasableDelegate>)[model.charAt(0).toLowerCase() + model.slice(1)];
    if (!delegate) throw new Error(`shop/redact: the Prisma client has no ${model} model`);
    await delegate.deleteMany({ where: { shop } });
  }
  await jobs.forgetShop(shop, tx);
}

export interface CustomerDataReport {
  requestedAt: Date;
  customerId: string | null;
  redacted: boolean;
  ordersRequested: string[];
  /** Order ids the app stores for this customer: all it holds on them. */
  ordersHeld: string[];
}

export async function customerDataReports(db: Tx, shop: string): Promise<CustomerDataReport[]> {
  const requests = await db.customerDataRequest.findMany({ where: { shop }, orderBy: { receivedAt: "desc" } });
  return Promise.all(
    requests.map(async (request) => ({
      requestedAt: request.receivedAt,
      customerId: request.customerId,
      redacted: request.redactedAt !== null,
      ordersRequested: JSON.parse(request.ordersRequested) as string[],
      ordersHeld: request.customerId
        ? (
            await db.order.findMany({
              where: { shop, customerId: request.customerId },
              select: { id: true },
              orderBy: { processedAt: "asc" },
            })
          ).map((order) => order.id)
        : [],
    })),
  );
}
