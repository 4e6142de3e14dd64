/**
 * The discount codes the store's buyers have used, most used first: what the promotion form offers,
 * so staff pick a code the store really has instead of typing one from memory.
 */
import type { PrismaClient } from "@prisma/client";

/** Codes offered at most. */
export const CODES_OFFERED = 30;

export async function storeDiscountCodes(db: PrismaClient, shop: string): Promise<{ code: string; orders: number }[]> {
  const groups = await db.orderDiscountCode.groupBy({
    by: ["codeLower"],
    where: { shop },
    _count: { codeLower: true },
    _min: { code: true },
    orderBy: [{ _count: { codeLower: "desc" } }, { codeLower: "asc" }],
    take: CODES_OFFERED,
  });
  // Codes compare in any case (as attribution does); one of the spellings buyers typed stands for each.
  return groups.map((group) => ({ code: group._min.code ?? group.codeLower, orders: group._count.codeLower }));
}
