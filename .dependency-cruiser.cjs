/**
 * The import rules `npm test` checks (`npm run lint`): no cycles, and each layer importing only
 * what is below it. dependency-cruiser reads the TypeScript imports, type-only and dynamic ones too.
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle works only while one side loads lazily; pass the dependency in instead.",
      from: {},
      to: { circular: true },
    },
    {
      name: "devstore-outside-the-app",
      severity: "error",
      comment: "The devstore is a local Shopify for development and tests: what Shopify admin runs never imports it, only the CLI and the dev scripts do.",
      from: { path: "^app/", pathNot: "^app/(cli|dev)/" },
      to: { path: "^packages/devstore/" },
    },
    {
      name: "packages-stand-alone",
      severity: "error",
      comment: "The workspace packages are used by the app; they never import it.",
      from: { path: "^packages/" },
      to: { path: "^(app|tests)/" },
    },
    {
      name: "devstore-through-its-entry",
      severity: "error",
      comment: "Outside its own folder the devstore is used through its public entry (src/index.ts) alone.",
      from: { pathNot: "^packages/devstore/" },
      to: { path: "^packages/devstore/", pathNot: "^packages/devstore/src/index\\.ts$" },
    },
    {
      name: "routes-are-entry-points",
      severity: "error",
      comment:
        "Routes use the app's modules, never the other way round (a component may name a resource route's loader type for useFetcher; benchmarks drive routes).",
      from: { path: "^app/", pathNot: ["^app/routes/", "^app/dev/"] },
      to: { path: "^app/routes/", dependencyTypesNot: ["type-only"] },
    },
    { name: "cli-is-an-entry-point", severity: "error", from: { path: "^app/", pathNot: "^app/(cli|dev)/" }, to: { path: "^app/cli/" } },
    {
      name: "page-modules-shape-one-page",
      severity: "error",
      comment:
        "A *-page.server.ts shapes its own page for its route; shared rules and words live in the feature's domain modules (the demo's example data acts through a page, as staff would).",
      from: { path: "^app/", pathNot: ["^app/routes/", "^app/dev/", "^app/demo/"] },
      to: { path: "-page\\.server\\.ts$" },
    },
    {
      name: "lib-is-the-bottom",
      severity: "error",
      comment: "app/lib holds what every feature may use; it uses no feature.",
      from: { path: "^app/lib/" },
      to: { path: "^app/", pathNot: ["^app/lib/", "^app/i18n/", "^app/types/"] },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    // Workspace packages are found through their package.json "exports", as Node and Vite find them.
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "node", "default"], mainFields: ["module", "main", "types"] },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|build|dist)/" },
  },
};
