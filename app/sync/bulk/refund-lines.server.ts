import type { AdminClient } from "~/admin-api/client.server";
import { parseMoney } from "~/lib/money";
import type { BulkStore, Row } from "./bulk-store.server";
import { REFUND_LINES } from "./documents";
import type { RefundLinesQuery } from "~/types/admin.generated";

// Refund line items, for refunds imported without them (a bulk query can't select a connection
// inside the `refunds` list). Paged queries over the refunds still incomplete, so this resumes too.

/** Lines asked per refund; a refund with more is read on with its own follow-up queries. */
export const LINES_PER_REFUND = 10;

/**
 * Refunds per query: Shopify charges `nodes(ids:)` per id, each refund 1 + its line connection (2,
 * pageInfo 1, and 4 a line: the line, `lineItem`, `subtotalSet`, `shopMoney`), and refuses a query
 * whose requested cost passes 1,000 points. What a refund doesn't use of its `first` lines is given
 * back after the query, so only the requested cost bounds the batch.
 */
export const REFUND_COST = (lines: number) => 1 + 2 + 1 + 4 * lines;
export const REFUNDS_PER_QUERY = Math.floor(1000 / REFUND_COST(LINES_PER_REFUND));

/** The rest of one refund's lines after `after` (a refund with more lines than a query asks for). */
export async function remainingRefundLines(client: AdminClient, refundId: string, after: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (let cursor: string | null = after; cursor; ) {
    const answer: RefundLinesQuery = await client.request(REFUND_LINES, { ids: [refundId], first: 100, after: cursor });
    const more = answer.nodes[0];
    if (!more || !("refundLineItems" in more)) break;
    lines.push(...more.refundLineItems.nodes);
    cursor = more.refundLineItems.pageInfo.hasNextPage ? (more.refundLineItems.pageInfo.endCursor ?? null) : null;
  }
  return lines;
}

export type Line = { quantity: number; lineItem: { id: string }; subtotalSet: { shopMoney: { amount: string } } };

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
    const { nodes } = await client.request(REFUND_LINES, { ids: refunds.map((refund) => refund.id), first: LINES_PER_REFUND, after: null });
    const lines = new Map<string, Line[]>();
    for (const [index, node] of nodes.entries()) {
      const refundId = refunds[index]!.id;
      if (!node || !("refundLineItems" in node)) {
        lines.set(refundId, []);
        continue;
      }
      const after = node.refundLineItems.pageInfo.hasNextPage ? node.refundLineItems.pageInfo.endCursor : null;
      lines.set(refundId, [...node.refundLineItems.nodes, ...(after ? await remainingRefundLines(client, refundId, after) : [])]);
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
