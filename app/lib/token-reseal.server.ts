/**
 * After a key rotation: every stored token sealed again with the current key, so the previous key
 * can be dropped from TOKEN_ENCRYPTION_PREVIOUS_KEYS. Tokens the ring can't open are left as they
 * are and reported (their shop gets a new token the next time someone opens the app).
 */
import type { PrismaClient } from "@prisma/client";
import { type TokenKeyring, UnreadableTokenError } from "./token-cipher.server";

export interface ResealReport {
  sessions: number;
  resealed: number;
  /** Sessions whose tokens no configured key opens, by shop. */
  unreadable: { id: string; shop: string }[];
}

export async function resealTokens(db: PrismaClient, keyring: TokenKeyring): Promise<ResealReport> {
  const report: ResealReport = { sessions: 0, resealed: 0, unreadable: [] };
  const rows = await db.session.findMany({ select: { id: true, shop: true, accessToken: true, refreshToken: true }, orderBy: { id: "asc" } });
  for (const row of rows) {
    report.sessions += 1;
    const stale = (value: string | null) => value !== null && value !== "" && !keyring.isCurrent(value);
    if (!stale(row.accessToken) && !stale(row.refreshToken)) continue;
    try {
      const reseal = (value: string | null) => (value ? keyring.seal(keyring.open(value)) : value);
      const accessToken = reseal(row.accessToken)!;
      const refreshToken = reseal(row.refreshToken);
      // Only if no one stored a newer token meanwhile (a refresh writes the row again).
      const updated = await db.session.updateMany({
        where: { id: row.id, accessToken: row.accessToken, refreshToken: row.refreshToken },
        data: { accessToken, refreshToken },
      });
      report.resealed += updated.count;
    } catch (error) {
      if (!(error instanceof UnreadableTokenError)) throw error;
      report.unreadable.push({ id: row.id, shop: row.shop });
    }
  }
  return report;
}
