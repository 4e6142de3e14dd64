import type { AdminQueries, AdminMutations } from "@shopify/admin-api-client";
import { ClientError, GraphQLClient } from "graphql-request";
import { ADMIN_API_VERSION } from "~/graphql/schema-files";
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
  accessToken: string;
  /** Loopback origin of a devstore; null/undefined means Shopify itself. */
  adminOrigin?: string | null;
  fetch?: typeof fetch;
  /** Injected in tests; waits between throttled attempts. */
  sleep?: (ms: number) => Promise<void>;
  maxThrottledRetries?: number;
}

interface CostExtension {
  requestedQueryCost?: number;
  throttleStatus?: { currentlyAvailable: number; restoreRate: number };
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

export function createAdminClient({
  shop,
  accessToken,
  adminOrigin,
  fetch: fetchImpl,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  maxThrottledRetries = 10,
}: AdminClientOptions): AdminClient {
  const client = new GraphQLClient(adminGraphqlUrl(shop, adminOrigin), {
    headers: { "X-Shopify-Access-Token": accessToken },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    shop,
    async request(document, variables) {
      for (let attempt = 0; ; attempt++) {
        try {
          return (await client.request({ document, variables: (variables ?? {}) as Record<string, unknown> })) as never;
        } catch (error) {
          const wait = throttleWaitMs(error);
          if (wait === null) throw error;
          if (attempt >= maxThrottledRetries) throw new Error(`Shopify kept throttling ${shop} after ${attempt + 1} attempts`);
          await sleep(wait);
        }
      }
    },
  };
}
