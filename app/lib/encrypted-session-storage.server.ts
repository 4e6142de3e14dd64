import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { errorField, log } from "./log.server";
import { type TokenKeyring, UnreadableTokenError } from "./token-cipher.server";

/**
 * Wraps a SessionStorage so access and refresh tokens are encrypted at rest and decrypted on load.
 * Everything else (ids, scopes, expiry, the acting user) is stored as the inner storage stores it.
 *
 * A session whose tokens no configured key opens (the key was changed without keeping the old one
 * as a previous key) reads as no session at all: Shopify's library then exchanges a new token the
 * next time someone opens the app, and the background work skips that shop meanwhile. It is never
 * an error that stops a page, a webhook or the other shops.
 */
export class EncryptedSessionStorage implements SessionStorage {
  constructor(
    private readonly inner: SessionStorage,
    private readonly keyring: TokenKeyring,
  ) {}

  storeSession(session: Session): Promise<boolean> {
    const sealed = new Session(session.toObject());
    if (session.accessToken) sealed.accessToken = this.keyring.seal(session.accessToken);
    if (session.refreshToken) sealed.refreshToken = this.keyring.seal(session.refreshToken);
    return this.inner.storeSession(sealed);
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const session = await this.inner.loadSession(id);
    return session ? this.open(session) : undefined;
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const sessions = await this.inner.findSessionsByShop(shop);
    return sessions.map((session) => this.open(session)).filter((session): session is Session => session !== undefined);
  }

  private open(session: Session): Session | undefined {
    const opened = new Session(session.toObject());
    try {
      if (session.accessToken) opened.accessToken = this.keyring.open(session.accessToken);
      if (session.refreshToken) opened.refreshToken = this.keyring.open(session.refreshToken);
    } catch (error) {
      if (!(error instanceof UnreadableTokenError)) throw error;
      log.warn(
        { shop: session.shop, session: session.id, ...errorField(error) },
        "session can't be read: treated as missing until the shop opens the app again",
      );
      return undefined;
    }
    return opened;
  }
}
