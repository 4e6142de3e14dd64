/**
 * Text both databases store alike. PostgreSQL's text can't hold the NUL character (U+0000: "invalid
 * byte sequence for encoding UTF8: 0x00") where SQLite stores it, and a lone UTF-16 surrogate has no
 * UTF-8 form at all: each driver writes it its own way. Text is made storable at the one place it
 * enters, the same way whichever database is behind:
 * - what Shopify sends (Admin API answers, bulk results) is stored whatever it holds: each NUL and lone
 *   surrogate becomes U+FFFD, the replacement character, as a UTF-8 decoder does with broken bytes
 *   (`parseShopifyJson`);
 * - what a person types (forms, spreadsheets) is refused with the field or line that holds a NUL, so
 *   they can fix it (`containsNul`); their broken UTF-8 is already U+FFFD from the form decoder, or
 *   refused by the spreadsheet import.
 * The command line's arguments can't carry a NUL (the OS ends them there).
 */

const NUL = "\u0000";

export function containsNul(text: string): boolean {
  return text.includes(NUL);
}

/** Each NUL and lone surrogate replaced by U+FFFD; well-formed text is returned as it is. */
export function storableText(text: string): string {
  return text.replaceAll(NUL, "\uFFFD").toWellFormed();
}

/**
 * JSON writes a NUL or a lone surrogate only as a `\u` escape (raw control characters are invalid JSON,
 * and decoding bytes never yields a lone surrogate): text without such an escape is parsed as it is, at
 * full speed (bulk results run to gigabytes); text with one is parsed with every string made storable.
 */
const SUSPECT_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/** JSON from Shopify, every string in it storable (`storableText`). */
export function parseShopifyJson(text: string): unknown {
  if (!SUSPECT_ESCAPE.test(text)) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => (typeof value === "string" ? storableText(value) : value));
}
