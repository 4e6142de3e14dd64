/**
 * A message kept in the database to be shown later (why a sync failed, what Shopify refused): stored
 * as its catalogue key and values, put into words when a page or the command line shows it, in the
 * reader's language. A value may itself be a message (the thing refused, the reason retried), worded
 * first. Text stored as words (before messages were keys, or Shopify's own) is shown as it is.
 */
import type { ParseKeys } from "i18next";
import type { Localizer } from "./localizer";

const PREFIX = "i18n:";

export interface Message {
  key: ParseKeys;
  values?: Record<string, string | number | Message>;
}

/** The message as kept in a text column. */
export function storeMessage(message: Message): string {
  return `${PREFIX}${JSON.stringify(message)}`;
}

/** The message a stored text holds, or null when it holds words. */
export function storedMessage(stored: string): Message | null {
  if (!stored.startsWith(PREFIX)) return null;
  try {
    const message = JSON.parse(stored.slice(PREFIX.length)) as Message;
    return typeof message?.key === "string" ? message : null;
  } catch {
    return null;
  }
}

const isMessage = (value: unknown): value is Message => typeof value === "object" && value !== null && typeof (value as Message).key === "string";

/** A message in the reader's words (its values that are messages first). */
export function messageWords(message: Message, { t }: Pick<Localizer, "t">): string {
  const values = Object.fromEntries(Object.entries(message.values ?? {}).map(([name, value]) => [name, isMessage(value) ? messageWords(value, { t }) : value]));
  return (t as (key: string, values: Record<string, unknown>) => string)(message.key, values);
}

/** What a stored text says to the reader: a stored message in their words, words as they are. */
export function storedWords(stored: string | null | undefined, l10n: Pick<Localizer, "t">): string | null {
  if (!stored) return null;
  const message = storedMessage(stored);
  return message ? messageWords(message, l10n) : stored;
}
