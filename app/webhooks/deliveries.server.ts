import { Prisma, type PrismaClient } from "@prisma/client";

export interface Delivery {
  webhookId: string;
  shop: string;
  topic: string;
}

/**
 * Applies a webhook delivery at most once: the delivery id is recorded in the same transaction as
 * its effect, so a repeated delivery (Shopify retries, or sends twice) changes nothing.
 */
export async function applyOnce(
  db: PrismaClient,
  delivery: Delivery,
  effect: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<"applied" | "duplicate"> {
  try {
    await db.$transaction(async (tx) => {
      await tx.webhookDelivery.create({ data: delivery });
      await effect(tx);
    });
    return "applied";
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
}

/**
 * The same guarantee for effects that are plain writes: one batch transaction with the delivery
 * record (no interactive transaction), which keeps the answer to Shopify fast under bursts.
 */
export async function applyOnceBatch(db: PrismaClient, delivery: Delivery, writes: Prisma.PrismaPromise<unknown>[]): Promise<"applied" | "duplicate"> {
  try {
    await db.$transaction([db.webhookDelivery.create({ data: delivery }), ...writes]);
    return "applied";
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
}

/**
 * How long a delivery id is kept: past Shopify's retry window a delivery can't come back. Shopify
 * retries 8 times over 4 hours since September 2024 (shopify.dev/changelog/updates-to-webhook-retry-mechanism),
 * for 48 hours before; 72 hours stays well past either, with margin for clock skew and late retries.
 */
export const DELIVERY_RETENTION_MS = 72 * 3600_000;

/** Forgets delivery ids past Shopify's retry window (the table would otherwise grow forever). Returns how many. */
export async function pruneWebhookDeliveries(db: PrismaClient, now: Date, retentionMs = DELIVERY_RETENTION_MS): Promise<number> {
  const { count } = await db.webhookDelivery.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - retentionMs) } } });
  return count;
}
