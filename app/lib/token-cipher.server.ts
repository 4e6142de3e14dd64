import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// Access and refresh tokens at rest: AES-256-GCM with a random 96-bit IV per value, under a keyring
// so the key can be rotated. A value names the key that sealed it:
//   "v2:" + key id + ":" + base64(iv | tag | ciphertext)
// The key id is derived from the key (the first 8 bytes of its SHA-256, hex): nothing to configure,
// and it reveals nothing usable. "v1:" values (before key ids) are tried with every key.
const V1 = "v1:";
const V2 = "v2:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored token no key of the ring can open: sealed with a key that was removed, or tampered with. */
export class UnreadableTokenError extends Error {
  override name = "UnreadableTokenError";
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

function open(raw: Buffer, key: Buffer): string {
  if (raw.length < IV_BYTES + TAG_BYTES) throw new UnreadableTokenError("Stored token is truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new UnreadableTokenError("Stored token was tampered with or sealed with another key");
  }
}

/**
 * The current key seals; it and the previous keys open. Rotation: make the new key current and
 * list the old one as previous until every token is sealed again (`cli tokens reseal`,
 * app/lib/token-reseal.server.ts), then drop it.
 */
export class TokenKeyring {
  private readonly keys: Map<string, Buffer>;
  readonly currentId: string;

  constructor(
    private readonly current: Buffer,
    previous: Buffer[] = [],
  ) {
    this.currentId = keyId(current);
    this.keys = new Map([current, ...previous].map((key) => [keyId(key), key] as const));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `${V2}${this.currentId}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
  }

  /** Throws UnreadableTokenError when no key of the ring opens the value. */
  open(stored: string): string {
    if (stored.startsWith(V2)) {
      const separator = stored.indexOf(":", V2.length);
      const key = separator < 0 ? undefined : this.keys.get(stored.slice(V2.length, separator));
      if (!key)
        throw new UnreadableTokenError("Stored token was sealed with a key that is not configured (TOKEN_ENCRYPTION_KEY, TOKEN_ENCRYPTION_PREVIOUS_KEYS)");
      return open(Buffer.from(stored.slice(separator + 1), "base64"), key);
    }
    if (stored.startsWith(V1)) {
      const raw = Buffer.from(stored.slice(V1.length), "base64");
      for (const key of this.keys.values()) {
        try {
          return open(raw, key);
        } catch {
          // another key of the ring may have sealed it
        }
      }
      throw new UnreadableTokenError("Stored token opens with none of the configured keys");
    }
    throw new UnreadableTokenError("Stored token is not encrypted");
  }

  /**
   * Keys for another use than sealing (signing links), derived from each key of the ring with HKDF
   * under `purpose`, so no two uses share a key: the current key's first, then the previous keys',
   * which still verify what they signed while a rotation is under way.
   */
  derivedKeys(purpose: string): Buffer[] {
    return [...this.keys.values()].map((key) => Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), `throughline:${purpose}`, 32)));
  }

  /** Whether the value is sealed with the current key (else `cli tokens reseal` seals it again). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${V2}${this.currentId}:`);
  }
}
