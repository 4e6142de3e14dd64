import { ApiType, pluckConfig, shopifyApiProject } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "@throughline/shopify-common/admin-schema";

// Types every `#graphql` document in app/ against the committed official Admin schema
// (packages/shopify-common/schema/, unpacked into app/types by `npm run codegen`).
export default {
  schema: `./app/types/admin-${ADMIN_API_VERSION}.schema.json`,
  documents: ["./app/**/*.{ts,tsx}", "!./app/types/**"],
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: ADMIN_API_VERSION,
      documents: ["./app/**/*.{ts,tsx}", "!./app/types/**"],
      outputDir: "./app/types",
    }),
  },
  extensions: { pluckConfig },
};
