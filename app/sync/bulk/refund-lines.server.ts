import type { AdminClient } from "~/admin-api/client.server";
import { parseMoney } from "@throughline/shopify-common/money";
import type { BulkStore, Row } from "./bulk-store.server";
import { REFUND_LINES, REFUND_LINES_SIZED } from "./bulk-documents";
import type { RefundLinesQuery } from "~/types/admin.generated";

// Refund line items, for refunds imported without them (a bulk query can't select a connection
// inside the `refunds` list). Paged queries over the refunds still incomplete, so this resumes too.

/**
 * What a refund asks for in a query (Shopify's rules: `nodes(ids:)` per id): the refund 1, its line
 * connection 2, and 4 a line asked (the line, `lineItem`, `subtotalSet`, `shopMoney`), plus 1 for
 * pageInfo where selected. Only this requested cost is bounded (1,000 points a query); what the
 * answer doesn't use is given back, so a refund costs 3 + 4 × its actual lines.
 */
export const REFUND_COST = (lines: number, pageInfo = false) => 1 + 2 + (pageInfo ? 1 : 0) + 4 * lines;
export const MAX_QUERY_COST = 1000;
/** Candidates looked at for one query (Shopify takes at most 250 ids). */
const CANDIDATES = 250;

/** The refunds (newest first) that fit one query, each asking one line more than its order has. */
export function sizedBatch<T extends { orderLines: number }>(candidates: T[]): { refunds: T[]; first: number } {
  let first = 1;
  let taken = 0;
  for (const refund of candidates) {
    const wanted = Math.max(first, Math.min(250, refund.orderLines + 1));
    if ((taken + 1) * REFUND_COST(wanted) > MAX_QUERY_COST) break;
    first = wanted;
    taken++;
  }
  return { refunds: candidates.slice(0, Math.max(1, taken)), first };
}

/** One refund's lines from `after` on (from the first when null), page by page. */
export async function remainingRefundLines(client: AdminClient, refundId: string, after: string | null): Promise<Line[]> {
  const lines: Line[] = [];
  let cursor: string | null = after;
  do {
    const answer: RefundLinesQuery = await client.request(REFUND_LINES, { ids: [refundId], first: 100, after: cursor });
    const more = answer.nodes[0];
    if (!more || !("refundLineItems" in more)) break;
    lines.push(...more.refundLineItems.nodes);
    cursor = more.refundLineItems.pageInfo.hasNextPage ? (more.refundLineItems.pageInfo.endCursor ?? null) : null;
  } while (cursor);
  return lines;
}

export type Line = { quantity: number; lineItem: { id: string }; subtotalSet: { shopMoney: { amount: string } } };

export async function completeRefundLines({
  store,
  client,
  shop,
  runId,
  now = () => new Date(),
  onStored,
}: {
  store: BulkStore;
  client: AdminClient;
  shop: string;
  runId: number;
  now?: () => Date;
  /** After each batch is stored: when its refunds were made (their days' indicators are now exact). */
  onStored?: (createdAt: Date[]) => Promise<unknown>;
}): Promise<number> {
  let done = 0;
  for (;;) {
    const candidates = await store.incompleteRefunds(shop, CANDIDATES);
    if (candidates.length === 0) return done;
    const { refunds, first } = sizedBatch(candidates);
    const { nodes } = await client.request(REFUND_LINES_SIZED, { ids: refunds.map((refund) => refund.id), first });
    const lines = new Map<string, Line[]>();
    for (const [index, node] of nodes.entries()) {
      const refundId = refunds[index]!.id;
      if (!node || !("refundLineItems" in node)) {
        lines.set(refundId, []);
        continue;
      }
      // As many lines as asked: more than its order has, so maybe more still: read it whole.
      lines.set(refundId, node.refundLineItems.nodes.length < first ? [...node.refundLineItems.nodes] : await remainingRefundLines(client, refundId, null));
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
    await store.completeRefunds(
      shop,
      refunds.map((refund) => refund.id),
      rows,
      { runId, now: now() },
    );
    await onStored?.(refunds.map((refund) => refund.createdAt));
    done += refunds.length;
  }
}
