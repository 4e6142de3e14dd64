import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { decryptToken, encryptToken } from "./token-cipher.server";

/**
 * Wraps a SessionStorage so access and refresh tokens are encrypted at rest and decrypted on load.
 * Everything else (ids, scopes, expiry, the acting user) is stored as the inner storage stores it.
 */
export class EncryptedSessionStorage implements SessionStorage {
  constructor(
    private readonly inner: SessionStorage,
    private readonly key: Buffer,
  ) {}

  storeSession(session: Session): Promise<boolean> {
    const sealed = new Session(session.toObject());
    if (session.accessToken) sealed.accessToken = encryptToken(session.accessToken, this.key);
    if (session.refreshToken) sealed.refreshToken = encryptToken(session.refreshToken, this.key);
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
    return sessions.map((session) => this.open(session));
  }

  private open(session: Session): Session {
    const opened = new Session(session.toObject());
    if (session.accessToken) opened.accessToken = decryptToken(session.accessToken, this.key);
    if (session.refreshToken) opened.refreshToken = decryptToken(session.refreshToken, this.key);
    return opened;
  }
}
