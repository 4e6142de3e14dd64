/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function parsePort(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, got "${value}"`);
  return port;
}

export function parsePositiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a whole number above 0, got "${value}"`);
  return Number(value);
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function parseShopDomain(value: string | undefined): string {
  if (!value) throw new UsageError("--shop is required (e.g. --shop my-store.myshopify.com)");
  const shop = value.trim().toLowerCase();
  if (!SHOP_DOMAIN.test(shop)) throw new UsageError(`--shop must be a *.myshopify.com domain, got "${value}"`);
  return shop;
}
