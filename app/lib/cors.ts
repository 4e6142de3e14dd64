/**
 * CORS for the app's backend, answered to Shopify's admin UI extensions only. Their fetches run in
 * a web worker on https://extensions.shopifycdn.com (Shopify's admin extension docs: the app's
 * server must allow that origin); no other site's page may read what the app answers. Shopify's
 * library answers `Access-Control-Allow-Origin: *` to any origin, in authenticate.admin's `cors`
 * and on every response it throws (a preflight's 204, a 401): this replaces its headers
 * (docs/decisions/015-cors-and-frame-ancestors.md).
 */

/** The origins whose pages may read the app's answers. */
export const ADMIN_EXTENSION_ORIGINS: readonly string[] = ["https://extensions.shopifycdn.com"];

/** What Shopify's library asks an extension to re-authorize with, after a 401 (its REAUTH_URL_HEADER). */
const REAUTHORIZE_URL_HEADER = "X-Shopify-API-Request-Failure-Reauthorize-Url";

const CORS_HEADERS = [
  "Access-Control-Allow-Origin",
  "Access-Control-Allow-Headers",
  "Access-Control-Allow-Methods",
  "Access-Control-Expose-Headers",
  "Access-Control-Max-Age",
];

/**
 * The response with CORS headers for the request's origin: the origin itself when it is an admin
 * extension's, none at all for any other. Varies by Origin, so a cache never hands one origin's
 * answer to another. Works on the response's own headers, and returns it.
 */
export function corsForAdminExtensions(request: Request, response: Response): Response {
  const origin = request.headers.get("Origin");
  const allowed = origin !== null && ADMIN_EXTENSION_ORIGINS.includes(origin);
  const maxAge = response.headers.get("Access-Control-Max-Age");
  for (const name of CORS_HEADERS) response.headers.delete(name);
  const vary = response.headers.get("Vary");
  if (!vary?.split(",").some((name) => name.trim().toLowerCase() === "origin")) response.headers.set("Vary", vary ? `${vary}, Origin` : "Origin");
  if (!allowed) return response;
  response.headers.set("Access-Control-Allow-Origin", origin);
  response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  response.headers.set("Access-Control-Expose-Headers", REAUTHORIZE_URL_HEADER);
  // A preflight's answer (Shopify's library answers OPTIONS with 204) may be cached by the browser.
  if (maxAge !== null) response.headers.set("Access-Control-Max-Age", maxAge);
  return response;
}
