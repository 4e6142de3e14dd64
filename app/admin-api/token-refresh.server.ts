/**
 * A shop's offline token refreshed once, whichever process needs it first. Shopify's refresh
 * token is single-use: two processes refreshing at once would each spend it, and one of them (or
 * both) would fail and could leave the older pair stored. So a refresh is taken under a lease in
 * the database (TokenRefreshLease): the process that gets it refreshes and stores the new pair
 * (Shopify's library does both in `unauthenticated.admin`); the others wait for that pair to be
 * stored and use it. A lease left by a process that died expires after LEASE_MS.
 */
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";

/**
 * Shopify's library refreshes a token within five minutes of its expiry; the lease is taken for
 * tokens within six, so the library never refreshes one outside a lease.
 */
export const LEASE_WINDOW_MS = 6 * 60_000;
export const LEASE_MS = 30_000;
const WAIT_STEP_MS = 250;

export interface TokenRefreshDeps {
  db: PrismaClient;
  /** The stored offline session, as it is (no refresh). */
  loadSession: (shop: string) => Promise<Session | undefined>;
  /** The offline session, refreshed and stored if it is about to expire (Shopify's library). */
  ensureFresh: (shop: string) => Promise<Session>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

function needsRefresh(session: Session | undefined, now: Date): boolean {
  if (!session?.refreshToken || !session.expires) return false;
  return session.expires.getTime() - now.getTime() < LEASE_WINDOW_MS;
}

async function acquire(db: PrismaClient, shop: string, holder: string, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + LEASE_MS);
  try {
    await db.tokenRefreshLease.create({ data: { shop, holder, until } });
    return true;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  // Held: taken over only if its holder let it expire (it died mid-refresh).
  const taken = await db.tokenRefreshLease.updateMany({ where: { shop, until: { lt: now } }, data: { holder, until } });
  return taken.count === 1;
}

export async function freshOfflineSession(
  { db, loadSession, ensureFresh, now = () => new Date(), sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }: TokenRefreshDeps,
  shop: string,
): Promise<Session> {
  const holder = randomUUID();
  const deadline = now().getTime() + 2 * LEASE_MS;
  for (;;) {
    if (!needsRefresh(await loadSession(shop), now())) return ensureFresh(shop);
    if (await acquire(db, shop, holder, now())) {
      try {
        return await ensureFresh(shop);
      } finally {
        await db.tokenRefreshLease.deleteMany({ where: { shop, holder } });
      }
    }
    if (now().getTime() > deadline)
      throw new Error(`The offline token of ${shop} is being refreshed by another process that hasn't finished in ${(2 * LEASE_MS) / 1000} s`);
    await sleep(WAIT_STEP_MS);
  }
}
