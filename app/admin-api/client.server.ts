import type { AdminQueries, AdminMutations } from "@shopify/admin-api-client";
import { ClientError, GraphQLClient } from "graphql-request";
import { parseShopifyJson } from "~/lib/storable-text";
import { ADMIN_API_VERSION } from "@throughline/shopify-common/admin-schema";
import { adminOriginFor } from "./admin-origin";

type Operations = AdminQueries & AdminMutations;
type Document = keyof Operations & string;

/**
 * A typed Admin GraphQL client for one shop. The document string is the key codegen types it by
 * (app/types/admin.generated.d.ts), so `request(ORDERS_PAGE, vars)` returns `OrdersPageQuery`.
 */
export interface AdminClient {
  readonly shop: string;
  request<D extends Document>(document: D, variables: Operations[D]["variables"]): Promise<Operations[D]["return"]>;
}

export interface AdminClientOptions {
  shop: string;
  /** The token, or a function giving the current one (it may have been refreshed meanwhile). */
  accessToken: string | ((options: { stale?: string }) => Promise<string>);
  /** Loopback origin of a devstore; null/undefined means Shopify itself. */
  adminOrigin?: string | null;
  fetch?: typeof fetch;
  /** Injected in tests; waits between attempts. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts for one request before giving up on failures (429, 5xx, network). */
  maxAttempts?: number;
  /**
   * How long one request may wait on Shopify's throttle in all before giving up. Throttling isn't a
   * failure: the app's own processes (a sync, webhook tasks, another instance) share each shop's
   * bucket, so a request may find it drained again when its wait is over.
   */
  maxThrottledMs?: number;
  random?: () => number;
  /** Told the cost of every answered query (benchmarks count the points a sync spends). */
  onCost?: (cost: { requested: number; actual: number }) => void;
}

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}
interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

/** The Admin API answered with an error that retrying will not change (or kept failing). */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** How long to wait before a THROTTLED query can run: until the bucket holds its cost again. */
export function throttleWaitMs(error: unknown): number | null {
  if (!(error instanceof ClientError)) return null;
  const throttled = error.response.errors?.some((e) => (e.extensions as { code?: string } | undefined)?.code === "THROTTLED");
  if (!throttled) return null;
  const cost = (error.response.extensions as { cost?: CostExtension } | undefined)?.cost;
  const status = cost?.throttleStatus;
  if (!status || !cost?.requestedQueryCost || status.restoreRate <= 0) return 1000;
  return Math.max(50, Math.ceil(((cost.requestedQueryCost - status.currentlyAvailable) / status.restoreRate) * 1000));
}

export function adminGraphqlUrl(shop: string, adminOrigin?: string | null): string {
  return `${adminOriginFor(shop, adminOrigin)}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

type Failure =
  { kind: "throttled"; waitMs: number } | { kind: "retry"; waitMs?: number; reason: string } | { kind: "unauthorized" } | { kind: "fatal"; error: Error };

function retryAfterMs(error: ClientError): number | undefined {
  const header = (error.response.headers as Headers | undefined)?.get?.("retry-after");
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** Sorts an error into: wait for the bucket, retry with backoff, refresh the token, or give up. */
function classify(error: unknown): Failure {
  const wait = throttleWaitMs(error);
  if (wait !== null) return { kind: "throttled", waitMs: wait };
  if (error instanceof ClientError) {
    const status = error.response.status;
    if (status === 401) return { kind: "unauthorized" };
    if (status === 429) return { kind: "retry", waitMs: retryAfterMs(error), reason: "HTTP 429" };
    if (status >= 500) return { kind: "retry", reason: `HTTP ${status}` };
    if (status >= 400) return { kind: "fatal", error: new AdminApiError(`The Admin API refused the request (HTTP ${status})`, status) };
    const internal = error.response.errors?.some((e) => (e.extensions as { code?: string } | undefined)?.code === "INTERNAL_SERVER_ERROR");
    if (internal) return { kind: "retry", reason: "INTERNAL_SERVER_ERROR" };
    return { kind: "fatal", error: new AdminApiError(error.response.errors?.map((e) => e.message).join("; ") || error.message, status) };
  }
  // fetch failed: the connection dropped or never opened.
  if (error instanceof TypeError) return { kind: "retry", reason: error.message };
  return { kind: "fatal", error: error instanceof Error ? error : new Error(String(error)) };
}

/**
 * The client waits before the bucket runs dry (from the last `throttleStatus`), retries THROTTLED
 * answers once the bucket holds the query's cost (for up to `maxThrottledMs` in all), retries 429,
 * 5xx and dropped connections with exponential backoff and jitter (`maxAttempts`), asks for a fresh
 * token once on 401, and gives up after those bounds with a clear error. Other 4xx answers are
 * never retried.
 */
export function createAdminClient({
  shop,
  accessToken,
  adminOrigin,
  fetch: fetchImpl,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  maxAttempts = 8,
  maxThrottledMs = 5 * 60_000,
  random = Math.random,
  onCost,
}: AdminClientOptions): AdminClient {
  const tokenFor = typeof accessToken === "string" ? async () => accessToken : accessToken;
  let token: string | null = null;
  // Shopify's answers are parsed into storable text (a NUL in a product title can't go into PostgreSQL).
  const client = new GraphQLClient(adminGraphqlUrl(shop, adminOrigin), {
    jsonSerializer: { parse: parseShopifyJson, stringify: JSON.stringify },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  // What the bucket held after the last answer, and when: estimated forward with the restore rate.
  let bucket: { status: ThrottleStatus; at: number; lastCost: number } | null = null;

  const beforeRunningDry = () => {
    if (!bucket) return 0;
    const restored = ((Date.now() - bucket.at) / 1000) * bucket.status.restoreRate;
    const available = Math.min(bucket.status.maximumAvailable, bucket.status.currentlyAvailable + restored);
    const needed = bucket.lastCost - available;
    return needed > 0 && bucket.status.restoreRate > 0 ? Math.ceil((needed / bucket.status.restoreRate) * 1000) : 0;
  };

  return {
    shop,
    async request(document, variables) {
      let refreshed = false;
      let failures = 0;
      let throttles = 0;
      let throttledMs = 0;
      for (;;) {
        const pause = beforeRunningDry();
        if (pause > 0) await sleep(pause);
        token ??= await tokenFor({});
        try {
          const response = await client.rawRequest<Record<string, unknown>>(document, (variables ?? {}) as Record<string, unknown>, {
            "X-Shopify-Access-Token": token,
          });
          const cost = (response.extensions as { cost?: CostExtension } | undefined)?.cost;
          if (cost?.throttleStatus) bucket = { status: cost.throttleStatus, at: Date.now(), lastCost: cost.requestedQueryCost ?? 0 };
          if (onCost && cost?.requestedQueryCost !== undefined)
            onCost({ requested: cost.requestedQueryCost, actual: cost.actualQueryCost ?? cost.requestedQueryCost });
          return response.data as never;
        } catch (error) {
          const failure = classify(error);
          if (failure.kind === "fatal") throw failure.error;
          if (failure.kind === "unauthorized") {
            if (refreshed) throw new AdminApiError(`Shopify refused the access token for ${shop} (HTTP 401)`, 401);
            refreshed = true;
            token = await tokenFor({ stale: token });
            continue;
          }
          if (failure.kind === "throttled") {
            // Wait until the bucket holds the query's cost. Found drained again (someone else
            // spent it meanwhile), wait that long again, plus up to as much at random, so the
            // processes sharing the bucket stop meeting at the same instant.
            const wait = throttles++ === 0 ? failure.waitMs : Math.round(failure.waitMs * (1 + random()));
            if (throttledMs + wait > maxThrottledMs)
              throw new AdminApiError(`Shopify kept throttling for ${shop}: ${Math.round(throttledMs / 1000)} s waited over ${throttles} attempts`, null);
            throttledMs += wait;
            await sleep(wait);
            continue;
          }
          failures++;
          if (failures >= maxAttempts) throw new AdminApiError(`Shopify kept failing (${failure.reason}) for ${shop} after ${failures} attempts`, null);
          // Exponential backoff with full jitter, at least what Retry-After asks.
          const backoff = Math.min(30_000, 500 * 2 ** (failures - 1));
          await sleep(Math.max(failure.waitMs ?? 0, Math.round(backoff / 2 + (random() * backoff) / 2)));
        }
      }
    },
  };
}
