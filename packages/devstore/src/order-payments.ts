/** An order's payments as the devstore reads them: which transactions it has, which gateways, which belong to a refund. */

type Source = Record<string, unknown>;

export const transactionsOf = (order: Source) => (order.transactions as Source[] | undefined) ?? [];

/** An authorization that went through and that no capture or void has settled yet. */
export function isCapturable(transaction: Source, order: Source): boolean {
  if (transaction.kind !== "AUTHORIZATION" || transaction.status !== "SUCCESS") return false;
  return !transactionsOf(order).some(
    (other) =>
      (other.kind === "CAPTURE" || other.kind === "VOID") && other.status === "SUCCESS" && (other.parentTransaction as Source | null)?.id === transaction.id,
  );
}

/** The gateways an order's transactions went through, each once, in the order they were first used. */
export function paymentGatewayNames(order: Source): string[] {
  return [...new Set(transactionsOf(order).flatMap((transaction) => (typeof transaction.gateway === "string" ? [transaction.gateway] : [])))];
}

/**
 * A refund's transactions. The fixture format keeps transactions on the order only; a refund's are
 * the order's REFUND transactions processed at the moment the refund was created (the generator and
 * the control API make them so).
 */
export function refundTransactions(order: Source, refund: Source): Source[] {
  return transactionsOf(order).filter((transaction) => transaction.kind === "REFUND" && transaction.processedAt === refund.createdAt);
}
