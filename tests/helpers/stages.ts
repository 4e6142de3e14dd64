import type { PrismaClient } from "@prisma/client";
import type { Stage } from "~/staff/stages";

/**
 * A member of the team at a stage, as the owner would have set it (a test's set-up: the member need
 * not have opened the app yet; their name and identity follow Shopify's when they do).
 */
export async function memberAtStage(db: PrismaClient, shop: string, userId: string, stage: Stage, name = `Staff member ${userId}`): Promise<void> {
  const now = new Date();
  await db.staffMember.upsert({
    where: { shop_userId: { shop, userId } },
    create: { shop, userId, name, accountOwner: false, collaborator: false, stage, firstSeenAt: now, lastSeenAt: now },
    update: { stage },
  });
}
