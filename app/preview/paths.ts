/** The local preview: a page that frames the app the way Shopify admin does, for the demo and browser tests. */
export const PREVIEW_PATH = "/preview";
export const PREVIEW_APP_BRIDGE_PATH = "/preview/app-bridge.js";
export const PREVIEW_SESSION_TOKEN_PATH = "/preview/session-token";
