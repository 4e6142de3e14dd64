/** The official Admin API schema the app is written against, committed (npm run schema:extract). */
export const ADMIN_API_VERSION = "2026-10";
export const ADMIN_SCHEMA_GZ = new URL(`./schema/admin_${ADMIN_API_VERSION}.json.gz`, import.meta.url);
/** Unpacked copy for the codegen preset (generated, not committed). */
export const CODEGEN_SCHEMA_JSON = new URL(`../types/admin-${ADMIN_API_VERSION}.schema.json`, import.meta.url);
