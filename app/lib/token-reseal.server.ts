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
  /** The ad platforms' connections (their tokens sealed alike), and those no configured key opens (the owner reconnects them). */
  adConnections: number;
  adResealed: number;
  adUnreadable: { shop: string; platform: string }[];
  /** The Monday brief's Slack webhooks (sealed alike), and the shops whose webhook no configured key opens (the owner pastes it again). */
  slackWebhooks: number;
  slackResealed: number;
  slackUnreadable: { shop: string }[];
}

interface SealedRow {
  accessToken: string;
  refreshToken: string | null;
}

/**
 * Seals each row's tokens again with the current key, unless they are already; a row written again
 * meanwhile (a refresh) is left to its writer. Returns how many were resealed and the rows no key opens.
 */
async function resealRows<Row extends SealedRow>(
  rows: Row[],
  keyring: TokenKeyring,
  write: (row: Row, sealed: SealedRow) => Promise<{ count: number }>,
): Promise<{ resealed: number; unreadable: Row[] }> {
  const result = { resealed: 0, unreadable: [] as Row[] };
  const stale = (value: string | null) => value !== null && value !== "" && !keyring.isCurrent(value);
  const reseal = (value: string | null) => (value ? keyring.seal(keyring.open(value)) : value);
  for (const row of rows) {
    if (!stale(row.accessToken) && !stale(row.refreshToken)) continue;
    try {
      result.resealed += (await write(row, { accessToken: reseal(row.accessToken)!, refreshToken: reseal(row.refreshToken) })).count;
    } catch (error) {
      if (!(error instanceof UnreadableTokenError)) throw error;
      result.unreadable.push(row);
    }
  }
  return result;
}

export async function resealTokens(db: PrismaClient, keyring: TokenKeyring): Promise<ResealReport> {
  const select = { id: true, shop: true, accessToken: true, refreshToken: true } as const;
  const [sessions, connections, briefSettings] = await Promise.all([
    db.session.findMany({ select, orderBy: { id: "asc" } }),
    db.adConnection.findMany({ select: { ...select, platform: true }, orderBy: { id: "asc" } }),
    db.briefSettings.findMany({ where: { slackWebhook: { not: null } }, select: { shop: true, slackWebhook: true }, orderBy: { shop: "asc" } }),
  ]);
  // Only if no one stored a newer token meanwhile (a refresh writes the row again).
  const unchanged = (row: { accessToken: string; refreshToken: string | null }) => ({ accessToken: row.accessToken, refreshToken: row.refreshToken });
  const session = await resealRows(sessions, keyring, (row, data) => db.session.updateMany({ where: { id: row.id, ...unchanged(row) }, data }));
  const ads = await resealRows(connections, keyring, (row, data) => db.adConnection.updateMany({ where: { id: row.id, ...unchanged(row) }, data }));
  const webhooks = briefSettings.map((row) => ({ shop: row.shop, accessToken: row.slackWebhook!, refreshToken: null }));
  const slack = await resealRows(webhooks, keyring, (row, data) =>
    db.briefSettings.updateMany({ where: { shop: row.shop, slackWebhook: row.accessToken }, data: { slackWebhook: data.accessToken } }),
  );
  return {
    sessions: sessions.length,
    resealed: session.resealed,
    unreadable: session.unreadable.map(({ id, shop }) => ({ id, shop })),
    adConnections: connections.length,
    adResealed: ads.resealed,
    adUnreadable: ads.unreadable.map(({ shop, platform }) => ({ shop, platform })),
    slackWebhooks: webhooks.length,
    slackResealed: slack.resealed,
    slackUnreadable: slack.unreadable.map(({ shop }) => ({ shop })),
  };
}
