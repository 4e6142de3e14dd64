/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function parsePort(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, got "${value.slice(0, 40)}"`);
  return port;
}

export function parsePositiveInt(value: string | undefined, flag: string, fallback: number, max = 1_000_000_000): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a whole number above 0, got "${value.slice(0, 40)}"`);
  if (Number(value) > max) throw new UsageError(`${flag} must be at most ${max.toLocaleString("en")}, got ${value.length > 20 ? `${value.length} digits` : value}`);
  return Number(value);
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function parseShopDomain(value: string | undefined): string {
  if (!value) throw new UsageError("--shop is required (e.g. --shop my-store.myshopify.com)");
  const shop = value.trim().toLowerCase();
  if (!SHOP_DOMAIN.test(shop) || shop.length > 255) throw new UsageError(`--shop must be a *.myshopify.com domain, got "${value.slice(0, 80)}"`);
  return shop;
}
