import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { env } from "~/env.server";
import { authenticate } from "~/shopify.server";
import { PREVIEW_APP_BRIDGE_PATH } from "~/preview/paths";

// Polaris for every page, and polaris-viz for the charts (dashboard, targets, weekly review).
export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: polarisVizStyles },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  const config = env();
  // Outside Shopify admin (the local preview), App Bridge is the local stand-in instead of Shopify's CDN.
  return { apiKey: config.apiKey, appBridgeUrl: config.previewEnabled ? PREVIEW_APP_BRIDGE_PATH : undefined };
};

export default function App() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <ui-nav-menu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/targets">Targets</Link>
        <Link to="/app/promotions">Promotions</Link>
        <Link to="/app/review">Weekly review</Link>
        <Link to="/app/privacy">Customer data requests</Link>
      </ui-nav-menu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so its headers get through.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
