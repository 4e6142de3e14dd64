import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Shopify CLI passes the tunnel URL as SHOPIFY_APP_URL; HMR goes through it when it is remote.
const appUrl = new URL(process.env.SHOPIFY_APP_URL ?? "http://localhost");
const hmr =
  appUrl.hostname === "localhost"
    ? { protocol: "ws", host: "localhost", port: Number(process.env.HMR_PORT) || 64999, clientPort: Number(process.env.HMR_PORT) || 64999 }
    : { protocol: "wss", host: appUrl.hostname, port: Number(process.env.FRONTEND_PORT) || 8002, clientPort: 443 };

export default defineConfig({
  server: {
    allowedHosts: [appUrl.hostname],
    cors: { preflightContinue: true },
    port: Number(process.env.PORT || 3000),
    hmr,
    fs: { allow: ["app", "packages", "node_modules"] },
  },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0 },
  // Scan every route at start-up: a dependency discovered on the first page load would make Vite
  // re-bundle and load a second copy of React in the middle of hydration.
  optimizeDeps: { entries: ["./app/root.tsx", "./app/routes/**/*.tsx"], include: ["@shopify/polaris", "@shopify/polaris-icons", "i18next", "react-i18next"] },
});
