import { ApiType, pluckConfig, shopifyApiProject } from "@shopify/api-codegen-preset";

// Types every `#graphql` document in app/ against the committed official Admin schema
// (app/graphql/schema/admin_2026-10.json.gz, unpacked into app/types by `npm run codegen`).
export default {
  schema: "./app/types/admin-2026-10.schema.json",
  documents: ["./app/**/*.{ts,tsx}", "!./app/types/**"],
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: "2026-10",
      documents: ["./app/**/*.{ts,tsx}", "!./app/types/**", "!./app/devstore/**"],
      outputDir: "./app/types",
    }),
  },
  extensions: { pluckConfig },
};
