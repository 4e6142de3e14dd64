import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useNavigation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
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

/** While a page or a form's answer loads, Shopify admin's loading bar says so (App Bridge). */
function useAdminLoadingBar() {
  const busy = useNavigation().state !== "idle";
  useEffect(() => {
    (window as unknown as { shopify?: { loading?: (on: boolean) => void } }).shopify?.loading?.(busy);
  }, [busy]);
}

export default function App() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  useAdminLoadingBar();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <ui-nav-menu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/targets">Targets</Link>
        <Link to="/app/promotions">Promotions</Link>
        <Link to="/app/review">Weekly review</Link>
        <Link to="/app/playbooks">Playbooks</Link>
        <Link to="/app/privacy">Customer data requests</Link>
      </ui-nav-menu>
      <Outlet />
    </AppProvider>
  );
}

/**
 * A page that fails says what happened in words and offers a way on (home, or trying again);
 * Shopify's own responses (authentication bounces and redirects) still go through its boundary so
 * their headers get through.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  // The layout's own loader answered (the error came from a page): App Bridge and the menu stay, so the way home works inside the admin.
  const layout = useRouteLoaderData<typeof loader>("routes/app");
  const response = isRouteErrorResponse(error) ? error : null;
  if (response && response.status !== 403 && response.status !== 404) return boundary.error(error);
  const [title, message] =
    response?.status === 404
      ? ["This page doesn't exist", "The address may be mistyped, or the page was moved."]
      : response
        ? ["Not allowed", typeof response.data === "string" ? response.data : "Your role doesn't allow this page."]
        : ["Something went wrong on this page", "Throughline couldn't show it; nothing was changed. Try again in a moment; if it keeps happening, the sync card on the home page says whether the store's copy is current."];
  if (!layout) return boundary.error(error);
  return (
    <AppProvider isEmbeddedApp apiKey={layout.apiKey} {...(layout.appBridgeUrl ? { __APP_BRIDGE_URL: layout.appBridgeUrl } : {})}>
      <ErrorPage title={title} message={message} />
    </AppProvider>
  );
}

function ErrorPage({ title, message }: { title: string; message: string }) {
  return (
    <main role="alert" id="page-error" style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "48px auto", padding: "0 16px", lineHeight: 1.5 }}>
      <h1 style={{ fontSize: 20 }}>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/app">Back to the home page</Link>
        {" · "}
        <a href="">Try again</a>
      </p>
    </main>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
