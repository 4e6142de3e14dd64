import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { parseMoney } from "~/lib/money";
import { REFUND_LINES } from "./documents";

// Refund line items, for refunds imported without them (a bulk query can't select a connection
// inside the `refunds` list). Paged queries over the refunds still incomplete, so this resumes too.

/** Refunds per query: with 10 lines each, the requested cost stays under Shopify's 1,000 points. */
export const REFUNDS_PER_QUERY = 20;

type Line = { quantity: number; lineItem: { id: string }; subtotalSet: { shopMoney: { amount: string } } };

export async function completeRefundLines({
  db,
  client,
  shop,
  onPage,
}: {
  db: PrismaClient;
  client: AdminClient;
  shop: string;
  onPage?: (done: number) => Promise<void>;
}): Promise<number> {
  let done = 0;
  for (;;) {
    const refunds = await db.refund.findMany({
      where: { shop, linesComplete: false },
      select: { id: true, orderId: true },
      orderBy: { id: "asc" },
      take: REFUNDS_PER_QUERY,
    });
    if (refunds.length === 0) return done;
    const { nodes } = await client.request(REFUND_LINES, { ids: refunds.map((refund) => refund.id), after: null });
    const lines = new Map<string, Line[]>();
    for (const [index, node] of nodes.entries()) {
      const refundId = refunds[index]!.id;
      if (!node || !("refundLineItems" in node)) {
        lines.set(refundId, []);
        continue;
      }
      const all: Line[] = [...node.refundLineItems.nodes];
      let after = node.refundLineItems.pageInfo.hasNextPage ? node.refundLineItems.pageInfo.endCursor : null;
      while (after) {
        const more = (await client.request(REFUND_LINES, { ids: [refundId], after })).nodes[0];
        if (!more || !("refundLineItems" in more)) break;
        all.push(...more.refundLineItems.nodes);
        after = more.refundLineItems.pageInfo.hasNextPage ? more.refundLineItems.pageInfo.endCursor : null;
      }
      lines.set(refundId, all);
    }
    const ids = refunds.map((refund) => refund.id);
    await db.$transaction([
      db.refundLine.deleteMany({ where: { shop, refundId: { in: ids } } }),
      db.refundLine.createMany({
        data: refunds.flatMap((refund) =>
          (lines.get(refund.id) ?? []).map((line, position) => ({
            shop,
            refundId: refund.id,
            orderId: refund.orderId,
            position,
            lineItemId: line.lineItem.id,
            quantity: line.quantity,
            subtotal: parseMoney(line.subtotalSet.shopMoney.amount),
          })),
        ),
      }),
      db.refund.updateMany({ where: { shop, id: { in: ids } }, data: { linesComplete: true } }),
    ]);
    done += refunds.length;
    await onPage?.(done);
  }
}
