import { AdPlatformUnavailable, type AdPlatform } from "./types";

/**
 * What the three platform clients share: fetch, and waiting a platform out. Each client sorts its
 * platform's answers into a value, a retry (with the platform's own delay when it gives one) or an
 * error it throws; this runs the attempts, waits between them (the platform's delay plus a little
 * at random, or exponential backoff with jitter when it gives none) and, once the attempts or the
 * longest wait allowed are used up, says the platform is unavailable for now.
 */

export interface AdClientOptions {
  fetch?: typeof fetch;
  /** Waits between attempts; injected in tests so they don't really wait. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock tokens' expiry is computed from (ms since the epoch). */
  now?: () => number;
  random?: () => number;
  /** Attempts for one request, the first included (5 unless told). */
  maxAttempts?: number;
  /** The longest single wait accepted (10 minutes unless told); a platform asking for more is unavailable for now. */
  maxWaitMs?: number;
  /** Rows a page where the client chooses (Meta's `limit`, TikTok's `page_size`): 500 and 1,000 unless told. */
  pageSize?: number;
}

export interface ClientContext {
  platform: AdPlatform;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  maxAttempts: number;
  maxWaitMs: number;
  pageSize: number | null;
}

export function clientContext(platform: AdPlatform, options: AdClientOptions = {}): ClientContext {
  return {
    platform,
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    maxAttempts: options.maxAttempts ?? 5,
    maxWaitMs: options.maxWaitMs ?? 10 * 60_000,
    pageSize: options.pageSize ?? null,
  };
}

/** One attempt's outcome: the value, or a reason to try again (after the platform's delay, when it gave one). */
export type Attempt<T> = { value: T } | { retry: string; waitMs?: number };

export interface PlatformAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; null when the body isn't JSON (a proxy's error page). */
  body: unknown;
}

/** One HTTP exchange; a connection that fails is an answer too (`failed`), to be retried. */
export async function exchange(context: ClientContext, url: string, init: RequestInit = {}): Promise<PlatformAnswer | { failed: string }> {
  let response: Response;
  try {
    response = await context.fetch(url, { ...init, redirect: "manual" });
  } catch (error) {
    return { failed: `no answer (${error instanceof Error ? error.message : String(error)})` };
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * How long to wait before attempt `attempt + 1`: the platform's delay and up to a tenth more (at
 * most a second), or without one 1 s, 2 s, 4 s… (at most a minute) and up to half as much again, at
 * random, so that the app's jobs retrying together spread out.
 */
export function retryWaitMs(attempt: number, platformDelayMs: number | undefined, random: () => number): number {
  if (platformDelayMs !== undefined) return Math.ceil(platformDelayMs + random() * Math.min(1000, platformDelayMs / 10));
  const backoff = Math.min(60_000, 1000 * 2 ** (attempt - 1));
  return Math.round(backoff + (random() * backoff) / 2);
}

const PLATFORM_NAMES: Record<AdPlatform, string> = { meta: "Meta", google: "Google Ads", tiktok: "TikTok" };

export function platformName(platform: AdPlatform): string {
  return PLATFORM_NAMES[platform];
}

/** Sleeps `ms`, unless that is longer than the client accepts: then the platform is unavailable for now. */
export async function waitOrGiveUp(context: ClientContext, ms: number, what: string, reason: string): Promise<void> {
  if (ms > context.maxWaitMs) {
    throw new AdPlatformUnavailable(context.platform, `${platformName(context.platform)} asks to wait ${Math.ceil(ms / 1000)} s before ${what} (${reason})`);
  }
  if (ms > 0) await context.sleep(ms);
}

/** Runs `attempt` until it gives a value, waiting between tries; throws AdPlatformUnavailable when the tries are used up. */
export async function withRetries<T>(context: ClientContext, what: string, attempt: () => Promise<Attempt<T>>): Promise<T> {
  for (let tries = 1; ; tries++) {
    const outcome = await attempt();
    if ("value" in outcome) return outcome.value;
    if (tries >= context.maxAttempts) {
      throw new AdPlatformUnavailable(context.platform, `${platformName(context.platform)} kept failing ${what}: ${outcome.retry}, ${tries} attempts`);
    }
    await waitOrGiveUp(context, retryWaitMs(tries, outcome.waitMs, context.random), what, outcome.retry);
  }
}
