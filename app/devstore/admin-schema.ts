import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ADMIN_SCHEMA_GZ } from "~/graphql/schema-files";

export { ADMIN_API_VERSION } from "~/graphql/schema-files";

let cached: GraphQLSchema | undefined;

/** Shopify's official Admin schema (committed introspection), as an executable graphql-js schema. */
export function loadAdminSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(gunzipSync(readFileSync(ADMIN_SCHEMA_GZ)).toString("utf8")) as { data?: IntrospectionQuery } & IntrospectionQuery;
    cached = buildClientSchema(json.data ?? json, { assumeValid: true });
  }
  return cached;
}
