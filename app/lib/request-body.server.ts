/**
 * A request's body read up to a limit, for every handler that takes one (form posts, webhooks): a
 * declared Content-Length over the limit is refused before anything is read, and a body without
 * one (chunked) is read only until it passes the limit. The caller turns a refusal into its answer.
 */
export type BoundedBody = { ok: true; body: Uint8Array<ArrayBuffer> } | { ok: false; reason: "too_large" | "bad_length" };

export async function readBodyWithin(request: Request, limit: number): Promise<BoundedBody> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null) {
    if (!/^\s*\d+\s*$/.test(declared)) return { ok: false, reason: "bad_length" };
    if (Number(declared) > limit) return { ok: false, reason: "too_large" };
  }
  if (!request.body) return { ok: true, body: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}
