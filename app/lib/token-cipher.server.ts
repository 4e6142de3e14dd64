import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a random 96-bit IV per value. Stored as "v1:" + base64(iv | tag | ciphertext).
const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptToken(plain: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

export function isEncryptedToken(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** Throws when the value was not encrypted with this key or was tampered with. */
export function decryptToken(stored: string, key: Buffer): string {
  if (!isEncryptedToken(stored)) throw new Error("Stored token is not encrypted (expected the v1: format)");
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("Stored token is truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
