// Unpacks the committed Admin schema where the codegen preset looks for it, then types every document.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { ADMIN_API_VERSION, readAdminIntrospection } from "@throughline/shopify-common/admin-schema";

/** Generated, not committed: graphql-codegen reads a bare introspection result ({ __schema }) from a .json file. */
const CODEGEN_SCHEMA_JSON = new URL(`../types/admin-${ADMIN_API_VERSION}.schema.json`, import.meta.url);

mkdirSync(new URL(".", CODEGEN_SCHEMA_JSON), { recursive: true });
writeFileSync(CODEGEN_SCHEMA_JSON, JSON.stringify(readAdminIntrospection()));
execFileSync("graphql-codegen", ["--config", ".graphqlrc.ts", "--silent"], { stdio: "inherit" });
