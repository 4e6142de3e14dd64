import type { AdminClient } from "~/admin-api/client.server";
import { parseMoney } from "~/lib/money";
import type { BulkStore, Row } from "./bulk-store.server";
import { REFUND_LINES } from "./documents";

// Refund line items, for refunds imported without them (a bulk query can't select a connection
// inside the `refunds` list). Paged queries over the refunds still incomplete, so this resumes too.

/** Refunds per query: with 10 lines each, the requested cost stays under Shopify's 1,000 points. */
export const REFUNDS_PER_QUERY = 20;

type Line = { quantity: number; lineItem: { id: string }; subtotalSet: { shopMoney: { amount: string } } };

export async function completeRefundLines({
  store,
  client,
  shop,
  runId,
  now = () => new Date(),
}: {
  store: BulkStore;
  client: AdminClient;
  shop: string;
  runId: number;
  now?: () => Date;
}): Promise<number> {
  let done = 0;
  for (;;) {
    const refunds = await store.incompleteRefunds(shop, REFUNDS_PER_QUERY);
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
    const rows: Row[] = refunds.flatMap((refund) =>
      (lines.get(refund.id) ?? []).map((line, position): Row => [
        shop,
        refund.id,
        refund.orderId,
        position,
        line.lineItem.id,
        line.quantity,
        parseMoney(line.subtotalSet.shopMoney.amount),
      ]),
    );
    await store.completeRefunds(shop, refunds.map((refund) => refund.id), rows, { runId, now: now() });
    done += refunds.length;
  }
}
