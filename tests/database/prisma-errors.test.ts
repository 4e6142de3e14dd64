import { Prisma } from "@prisma/client";
import { beforeEach, describe, expect, it } from "vitest";
import { db, resetDatabase } from "../helpers/database";

// The app (a repeated webhook delivery) and Shopify's session storage (an upsert that raced) tell a
// duplicate key by `instanceof Prisma.PrismaClientKnownRequestError` with code P2002, Prisma
// imported from @prisma/client. On PostgreSQL the client is another generated one: its errors must
// be those same classes (app/dev/database-setup.ts, sharePrismaRuntime), or a duplicate is a crash.

beforeEach(resetDatabase);

describe("Prisma's errors on the run's database", () => {
  it("GIVEN a row whose unique key exists WHEN inserted again THEN the error is @prisma/client's PrismaClientKnownRequestError with code P2002", async () => {
    const delivery = { webhookId: "wh-1", shop: "errors.myshopify.com", topic: "orders/create" };
    await db.webhookDelivery.create({ data: delivery });
    const error = await db.webhookDelivery.create({ data: delivery }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });

  it("GIVEN a duplicate inside an interactive transaction THEN the same error comes out, and nothing of the transaction stays", async () => {
    const delivery = { webhookId: "wh-2", shop: "errors.myshopify.com", topic: "orders/create" };
    await db.webhookDelivery.create({ data: delivery });
    const error = await db
      .$transaction(async (tx) => {
        await tx.webhookDelivery.create({ data: { ...delivery, webhookId: "wh-3" } });
        await tx.webhookDelivery.create({ data: delivery });
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect(await db.webhookDelivery.count()).toBe(1);
  });
});
