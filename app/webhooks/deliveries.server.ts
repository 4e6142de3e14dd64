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
export async function applyOnceBatch(
  db: PrismaClient,
  delivery: Delivery,
  writes: Prisma.PrismaPromise<unknown>[],
): Promise<"applied" | "duplicate"> {
  try {
    await db.$transaction([db.webhookDelivery.create({ data: delivery }), ...writes]);
    return "applied";
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
}
