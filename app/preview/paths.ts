/** The local preview: a page that frames the app the way Shopify admin does, for the demo and browser tests. */
export const PREVIEW_PATH = "/preview";
export const PREVIEW_APP_BRIDGE_PATH = "/preview/app-bridge.js";
export const PREVIEW_SESSION_TOKEN_PATH = "/preview/session-token";

/** Where the preview opens the app unless `?path=` says otherwise. */
export const PREVIEW_DEFAULT_APP_PATH = "/app";

/**
 * The app page `?path=` asks the preview to open: a path of the app (`/app` or below it, with its
 * query), resolved as the browser would (so `/app/../auth` and `//elsewhere.example` are seen for
 * what they are). Anything else is refused with the reason. The result is percent-encoded by the
 * URL parser; the page still escapes it for its inline script.
 */
export function previewAppPath(requested: string | null): { ok: true; path: string } | { ok: false; reason: string } {
  if (requested === null || requested === "") return { ok: true, path: PREVIEW_DEFAULT_APP_PATH };
  const base = new URL("http://preview.invalid");
  let url: URL;
  try {
    url = new URL(requested, base);
  } catch {
    return { ok: false, reason: "?path= is not a URL path" };
  }
  const inApp = url.pathname === PREVIEW_DEFAULT_APP_PATH || url.pathname.startsWith(`${PREVIEW_DEFAULT_APP_PATH}/`);
  if (url.origin !== base.origin || !requested.startsWith("/") || !inApp) {
    return { ok: false, reason: `?path= must be a path of the app, starting with ${PREVIEW_DEFAULT_APP_PATH} (for example /app/promotions)` };
  }
  return { ok: true, path: url.pathname + url.search };
}
