/**
 * A shop's domain as the app stores and compares it: Shopify's `{name}.myshopify.com`, lower case.
 * Domains arrive from headers, signed payloads, the command line and sessions in whatever case their
 * sender wrote; every comparison goes through `normalizeShopDomain` so "Shop.MyShopify.com" and
 * "shop.myshopify.com" are one shop (a redaction in capitals once erased nothing).
 */
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function normalizeShopDomain(value: string): string {
  return value.trim().toLowerCase();
}

/** Whether the value, normalised, is a shop domain the app accepts (at most 255 characters). */
export function isShopDomain(value: string): boolean {
  const shop = normalizeShopDomain(value);
  return shop.length <= 255 && SHOP_DOMAIN.test(shop);
}
