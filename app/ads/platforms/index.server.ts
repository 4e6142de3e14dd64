import { createGoogleClient } from "./google.server";
import { createMetaClient } from "./meta.server";
import type { AdClientOptions } from "./platform-http.server";
import { createTiktokClient } from "./tiktok.server";
import type { AdAppCredentials, AdPlatform, AdPlatformClient, AdPlatformEndpoints } from "./types";

/**
 * The way in to the ad platforms: a platform's client for the app's registration with it, talking
 * to the platform's real hosts in production or to a devstore on loopback (which serves each
 * platform under /ads/<platform>, that prefix standing for all of the platform's hosts).
 */

export function adPlatformClient(
  platform: AdPlatform,
  endpoints: AdPlatformEndpoints,
  credentials: AdAppCredentials,
  options?: AdClientOptions,
): AdPlatformClient {
  switch (platform) {
    case "meta":
      return createMetaClient(endpoints, credentials, options);
    case "google":
      return createGoogleClient(endpoints, credentials, options);
    case "tiktok":
      return createTiktokClient(endpoints, credentials, options);
  }
}

const PRODUCTION: Record<AdPlatform, AdPlatformEndpoints> = {
  meta: { authorizeOrigin: "https://www.facebook.com", tokenOrigin: "https://graph.facebook.com", apiOrigin: "https://graph.facebook.com" },
  google: { authorizeOrigin: "https://accounts.google.com", tokenOrigin: "https://oauth2.googleapis.com", apiOrigin: "https://googleads.googleapis.com" },
  tiktok: { authorizeOrigin: "https://business-api.tiktok.com", tokenOrigin: "https://business-api.tiktok.com", apiOrigin: "https://business-api.tiktok.com" },
};

export function productionEndpoints(platform: AdPlatform): AdPlatformEndpoints {
  return PRODUCTION[platform];
}

/** A devstore's stand-in for every host of the platform (`origin` as the devstore prints it, e.g. http://127.0.0.1:4555). */
export function devstoreEndpoints(origin: string, platform: AdPlatform): AdPlatformEndpoints {
  const base = `${new URL(origin).origin}/ads/${platform}`;
  return { authorizeOrigin: base, tokenOrigin: base, apiOrigin: base };
}

export type { AdClientOptions };
