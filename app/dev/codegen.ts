// Unpacks the committed Admin schema where the codegen preset looks for it, then types every document.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { ADMIN_SCHEMA_GZ, CODEGEN_SCHEMA_JSON } from "../graphql/schema-files";

mkdirSync(new URL(".", CODEGEN_SCHEMA_JSON), { recursive: true });
const introspection = JSON.parse(gunzipSync(readFileSync(ADMIN_SCHEMA_GZ)).toString("utf8"));
// graphql-codegen reads a bare introspection result ({ __schema }) from a .json file.
writeFileSync(CODEGEN_SCHEMA_JSON, JSON.stringify(introspection.data ?? introspection));
execFileSync("graphql-codegen", ["--config", ".graphqlrc.ts", "--silent"], { stdio: "inherit" });
