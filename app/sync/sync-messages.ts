/**
 * What a sync tells the owner (why it failed, what it retried), kept on the shop and the run until the
 * next sync: stored as a message key with its values, put into words when a page or the command line
 * shows it, in the reader's language. Text stored before (or a raw error) is shown as it was stored.
 */
import type { Localizer } from "~/i18n/localizer";

const PREFIX = "i18n:";

export type SyncMessageKey = "accessDenied" | "timeout" | "unfinished" | "refusedAccess" | "refused403" | "unreachable" | "stopped";
export type SyncedKind = "orders" | "products";

export interface SyncMessage {
  key: SyncMessageKey;
  /** The export the message is about. */
  kind?: SyncedKind;
  /** A raw error's own words ("The sync stopped: …"). */
  detail?: string;
  /** Throughline asked Shopify again after it. */
  retried?: boolean;
}

/** The message as stored in a text column. */
export function storedSyncMessage(message: SyncMessage): string {
  return `${PREFIX}${JSON.stringify(message)}`;
}

function readStored(stored: string): SyncMessage | null {
  if (!stored.startsWith(PREFIX)) return null;
  try {
    const message = JSON.parse(stored.slice(PREFIX.length)) as SyncMessage;
    return typeof message?.key === "string" ? message : null;
  } catch {
    return null;
  }
}

/** A message in the reader's words. */
export function syncMessageWords(message: SyncMessage, { t }: Pick<Localizer, "t">): string {
  const kind = message.kind ? t(`syncMessages.kinds.${message.kind}`) : "";
  const words = t(`syncMessages.${message.key}`, { kind, detail: message.detail ?? "" });
  return message.retried ? t("syncMessages.retried", { reason: words }) : words;
}

/** A stored message (or text stored as words) for the reader. */
export function storedSyncWords(stored: string | null | undefined, l10n: Pick<Localizer, "t">): string | null {
  if (!stored) return null;
  const message = readStored(stored);
  return message ? syncMessageWords(message, l10n) : stored;
}
