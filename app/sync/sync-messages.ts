/**
 * What a sync tells the owner (why it failed, what Shopify was asked again), kept on the shop and the
 * run until the next sync as a stored message (app/i18n/stored-message.ts), so each reader gets it in
 * their language. The raw error goes to the logs and the job's record.
 */
import { currentLocalizer } from "~/i18n/scope";
import { messageWords, type Message } from "~/i18n/stored-message";

export type SyncedKind = "orders" | "products";

/** A bulk export Shopify failed: its message, and its words in the current language. */
export class BulkOperationFailed extends Error {
  constructor(
    readonly syncMessage: Message,
    readonly code: string | null,
  ) {
    super(messageWords(syncMessage, currentLocalizer()));
  }
}

const KINDS = { orders: { key: "syncMessages.kinds.orders" }, products: { key: "syncMessages.kinds.products" } } as const satisfies Record<SyncedKind, Message>;

/** What to tell the owner about a bulk export Shopify failed, from its error code. */
export function bulkFailure(kind: SyncedKind, code: string | null): Message {
  const key = code === "ACCESS_DENIED" ? "syncMessages.accessDenied" : code === "TIMEOUT" ? "syncMessages.timeout" : "syncMessages.unfinished";
  return { key, values: { kind: KINDS[kind] } };
}

/** The same, when Throughline asked Shopify again. */
export const retried = (reason: Message): Message => ({ key: "syncMessages.retried", values: { reason } });

/** What a store owner can act on, instead of a stack trace. */
export function describeSyncError(error: unknown): Message {
  if (error instanceof BulkOperationFailed) return error.syncMessage;
  const message = error instanceof Error ? error.message : String(error);
  if (/401|access token|Unauthorized/i.test(message)) return { key: "syncMessages.refusedAccess" };
  // Public apps must list the addresses they call Shopify from (the app's IP allowlist); a call
  // from anywhere else, or a store that withdrew a permission, is refused with 403.
  if (/HTTP 403/.test(message)) return { key: "syncMessages.refused403" };
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|timed out|HTTP 5\d\d/i.test(message)) return { key: "syncMessages.unreachable" };
  return { key: "syncMessages.stopped", values: { detail: message.slice(0, 500) } };
}
