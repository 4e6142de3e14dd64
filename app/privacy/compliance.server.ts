import type { Prisma } from "@prisma/client";
import type { OrderChange } from "~/indicators/rollups.server";
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

/**
 * customers/redact: the app holds no personal data; it removes the customer id from every row.
 * Returns the change to apply to the indicator rollups once committed (the customer's order days).
 */
export async function redactCustomer(tx: Tx, shop: string, customerId: string, now: Date): Promise<OrderChange> {
  const gid = customerGid(customerId);
  const orders = await tx.order.findMany({ where: { shop, customerId: gid }, select: { processedAt: true } });
  await tx.order.updateMany({ where: { shop, customerId: gid }, data: { customerId: null } });
  await tx.rollupCustomer.deleteMany({ where: { shop, customerId: gid } });
  await tx.customerDataRequest.updateMany({ where: { shop, customerId: gid }, data: { customerId: null, redactedAt: now } });
  return { instants: orders.map((order) => order.processedAt), customerIds: [] };
}

/** shop/redact (48 hours after uninstall): every row of that shop is erased. */
export async function eraseShop(tx: Tx, shop: string): Promise<void> {
  const where = { shop };
  await tx.dailyRollup.deleteMany({ where });
  await tx.dailyProductRollup.deleteMany({ where });
  await tx.rollupCustomer.deleteMany({ where });
  await tx.refundLine.deleteMany({ where });
  await tx.refund.deleteMany({ where });
  await tx.orderLine.deleteMany({ where });
  await tx.orderDiscountCode.deleteMany({ where });
  await tx.order.deleteMany({ where });
  await tx.variant.deleteMany({ where });
  await tx.product.deleteMany({ where });
  await tx.customerDataRequest.deleteMany({ where });
  await tx.syncRun.deleteMany({ where });
  await tx.syncTask.deleteMany({ where });
  await tx.webhookDelivery.deleteMany({ where });
  await tx.session.deleteMany({ where });
  await tx.shop.deleteMany({ where });
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
