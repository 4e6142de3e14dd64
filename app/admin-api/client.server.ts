import type { AdminQueries, AdminMutations } from "@shopify/admin-api-client";
import { GraphQLClient } from "graphql-request";
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
}

export function adminGraphqlUrl(shop: string, adminOrigin?: string | null): string {
  return `${adminOriginFor(shop, adminOrigin)}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

export function createAdminClient({ shop, accessToken, adminOrigin, fetch: fetchImpl }: AdminClientOptions): AdminClient {
  const client = new GraphQLClient(adminGraphqlUrl(shop, adminOrigin), {
    headers: { "X-Shopify-Access-Token": accessToken },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    shop,
    request: (document, variables) =>
      client.request({ document, variables: (variables ?? {}) as Record<string, unknown> }) as never,
  };
}
