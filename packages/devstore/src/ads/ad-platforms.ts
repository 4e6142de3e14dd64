import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevStore } from "../store";
import { GOOGLE_DEFAULT_RATE_LIMITS, GOOGLE_ROWS_PER_PAGE, GooglePlatform, type GoogleRateLimits } from "./google";
import { META_DEFAULT_RATE_LIMITS, MetaPlatform, type MetaRateLimits } from "./meta";
import { AD_PLATFORM_NAMES, AdPlatformState, DEFAULT_AD_APP, type AdAppRegistration, type AdFailure, type AdPlatformName } from "./platform-state";
import { TIKTOK_DEFAULT_RATE_LIMITS, TiktokPlatform, type TiktokRateLimits } from "./tiktok";

// The ad platforms the devstore serves beside Shopify, each under a path prefix that stands for all
// of its hosts: /ads/meta, /ads/google, /ads/tiktok. An app whose endpoints all point at
// `${origin}/ads/<platform>` talks to the devstore as it would to the platform's real hosts.

export interface AdRateLimits {
  meta?: MetaRateLimits;
  google?: GoogleRateLimits;
  tiktok?: TiktokRateLimits;
}

export interface AdPlatformsOptions {
  /** The app registered with each platform; DEFAULT_AD_APP where absent. */
  apps?: Partial<Record<AdPlatformName, AdAppRegistration>>;
  rateLimits?: AdRateLimits;
  /** Rows in one Google searchStream batch or search page (Google's 10,000 unless told). */
  googleRowsPerPage?: number;
  clock?: () => number;
}

export class DevstoreAdPlatforms {
  private readonly states: Record<AdPlatformName, AdPlatformState>;
  private readonly meta: MetaPlatform;
  private readonly google: GooglePlatform;
  private readonly tiktok: TiktokPlatform;

  constructor(store: DevStore, { apps = {}, rateLimits = {}, googleRowsPerPage = GOOGLE_ROWS_PER_PAGE, clock = Date.now }: AdPlatformsOptions = {}) {
    const state = (platform: AdPlatformName) => new AdPlatformState(platform, apps[platform] ?? DEFAULT_AD_APP, clock);
    this.states = { meta: state("meta"), google: state("google"), tiktok: state("tiktok") };
    this.meta = new MetaPlatform(this.states.meta, store, rateLimits.meta ?? META_DEFAULT_RATE_LIMITS);
    this.google = new GooglePlatform(this.states.google, store, rateLimits.google ?? GOOGLE_DEFAULT_RATE_LIMITS, googleRowsPerPage);
    this.tiktok = new TiktokPlatform(this.states.tiktok, store, rateLimits.tiktok ?? TIKTOK_DEFAULT_RATE_LIMITS);
  }

  /** Answers a request under /ads/<platform>/…; false when the path is not a platform's. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const match = /^\/ads\/(meta|google|tiktok)(\/.*)$/.exec(url.pathname);
    if (!match) return false;
    const platform = match[1] as AdPlatformName;
    await this[platform].handle(request, response, match[2]!, url);
    return true;
  }

  /** The next `calls` API calls of the platform fail as it fails: throttled, or down. */
  failNext(platform: AdPlatformName, failure: AdFailure, calls: number): void {
    this.states[platform].planFailures(failure, calls);
  }

  /** Every token the platform issued stops working (the owner removed the app); returns how many were live. */
  revokeTokens(platform: AdPlatformName): number {
    return this.states[platform].revokeAll();
  }
}

export { AD_PLATFORM_NAMES, type AdAppRegistration, type AdFailure, type AdPlatformName };
