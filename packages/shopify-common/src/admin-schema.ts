import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version the app is written against: the version of the committed schema (npm run schema:extract). */
export const ADMIN_API_VERSION = "2026-10";

/** Shopify's official Admin introspection for ADMIN_API_VERSION, committed gzipped. */
export const ADMIN_SCHEMA_GZ = new URL(`../schema/admin_${ADMIN_API_VERSION}.json.gz`, import.meta.url);

/** The committed introspection, unpacked. */
export function readAdminIntrospection(): IntrospectionQuery {
  const json = JSON.parse(gunzipSync(readFileSync(ADMIN_SCHEMA_GZ)).toString("utf8")) as { data?: IntrospectionQuery } & IntrospectionQuery;
  return json.data ?? json;
}

let cached: GraphQLSchema | undefined;

/** Shopify's official Admin schema as a graphql-js schema: the devstore executes it, and the app's documents are validated against it. */
export function loadAdminSchema(): GraphQLSchema {
  cached ??= buildClientSchema(readAdminIntrospection(), { assumeValid: true });
  return cached;
}
