import { isIP } from "node:net";

/**
 * Shopify's Admin API lives at https://{shop}. Only the offline devstore may replace that origin,
 * and only on this machine's loopback, so a stored override can never send a token elsewhere.
 */
export function parseLoopbackOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Admin origin "${value}" is not a URL (expected e.g. http://127.0.0.1:4100)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Admin origin "${value}" must use http or https`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new Error(`Admin origin "${value}" is not on loopback: only a local devstore may replace Shopify's Admin API`);
  }
  return url.origin;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1";
  return false;
}

export function adminOriginFor(shop: string, override?: string | null): string {
  return override ? parseLoopbackOrigin(override) : `https://${shop}`;
}
