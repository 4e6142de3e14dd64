// Imported by parse-worker.ts, which Node runs directly: relative imports with their extension.
import { parseShopifyJson } from "../../lib/storable-text.ts";

// Streams a bulk operation's JSONL result: never the whole file in memory, one line at a time,
// with the byte offset after each line so a stopped import resumes exactly where it stopped.

export interface JsonlLine {
  value: Record<string, unknown>;
  /** Offset in the file just after this line (its newline included). */
  end: number;
}

const NEWLINE = 0x0a;

/** Parses the lines of a byte stream that starts at file offset `start`. */
export async function* jsonlLines(body: AsyncIterable<Uint8Array>, start = 0): AsyncGenerator<JsonlLine> {
  // `base` is the file offset of buffer[0].
  let base = start;
  let rest: Buffer | null = null;
  for await (const chunk of body) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buffer: Buffer = rest ? Buffer.concat([rest, bytes]) : bytes;
    let position = 0;
    for (let newline = buffer.indexOf(NEWLINE); newline !== -1; newline = buffer.indexOf(NEWLINE, position)) {
      if (newline > position) yield { value: parseLine(buffer, position, newline, base + position), end: base + newline + 1 };
      position = newline + 1;
    }
    base += position;
    rest = position < buffer.length ? Buffer.from(buffer.subarray(position)) : null;
  }
  if (rest && rest.length > 0) yield { value: parseLine(rest, 0, rest.length, base), end: base + rest.length };
}

function parseLine(buffer: Buffer, from: number, to: number, offset: number): Record<string, unknown> {
  const text = buffer.toString("utf8", from, to);
  try {
    return parseShopifyJson(text) as Record<string, unknown>;
  } catch {
    throw new Error(`The bulk result has a line that is not JSON at byte ${offset}: ${text.slice(0, 80)}`);
  }
}

/**
 * Downloads a result file from `start`, asking for the remaining bytes only (the signed URLs
 * Shopify gives accept ranges); when the server sends the whole file anyway, the part already
 * stored is skipped.
 */
export async function* downloadJsonl(url: string, start: number, fetchImpl: typeof fetch = fetch): AsyncGenerator<JsonlLine> {
  const response = await fetchImpl(url, start > 0 ? { headers: { Range: `bytes=${start}-` } } : {});
  if (response.status === 416) return;
  if (!response.ok || !response.body) throw new Error(`Downloading the bulk result failed with HTTP ${response.status}`);
  const body = response.body as unknown as AsyncIterable<Uint8Array>;
  if (start > 0 && response.status !== 206) {
    for await (const line of jsonlLines(body, 0)) if (line.end > start) yield line;
    return;
  }
  yield* jsonlLines(body, start);
}
