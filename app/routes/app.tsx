import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useNavigation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import db from "~/db.server";
import { env } from "~/env.server";
import { localizer } from "~/i18n/localizer";
import { POLARIS_TRANSLATIONS } from "~/i18n/polaris";
import { LocaleProvider, useLocale } from "~/i18n/react";
import { requestLocale } from "~/i18n/request-locale.server";
import { authenticate } from "~/shopify.server";
import { PREVIEW_APP_BRIDGE_PATH } from "~/preview/paths";

// Polaris for every page, and polaris-viz for the charts (dashboard, targets, weekly review).
export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: polarisVizStyles },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const config = env();
  // The staff member's admin language, for every page and Polaris's own words.
  const locale = await requestLocale(db, request, session);
  const l10n = localizer(locale);
  // Outside Shopify admin (the local preview), App Bridge is the local stand-in instead of Shopify's CDN.
  return { apiKey: config.apiKey, appBridgeUrl: config.previewEnabled ? PREVIEW_APP_BRIDGE_PATH : undefined, language: l10n.language, locale: l10n.locale };
};

/** While a page or a form's answer loads, Shopify admin's loading bar says so (App Bridge). */
function useAdminLoadingBar() {
  const busy = useNavigation().state !== "idle";
  useEffect(() => {
    (window as unknown as { shopify?: { loading?: (on: boolean) => void } }).shopify?.loading?.(busy);
  }, [busy]);
}

export default function App() {
  const { apiKey, appBridgeUrl, language, locale } = useLoaderData<typeof loader>();
  useAdminLoadingBar();
  return (
    <LocaleProvider language={language} locale={locale}>
      <AppProvider isEmbeddedApp apiKey={apiKey} i18n={[...POLARIS_TRANSLATIONS[language]]} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
        <NavMenu />
        <Outlet />
      </AppProvider>
    </LocaleProvider>
  );
}

function NavMenu() {
  const { t } = useLocale();
  return (
    <ui-nav-menu>
      <Link to="/app" rel="home">
        {t("nav.home")}
      </Link>
      <Link to="/app/targets">{t("nav.targets")}</Link>
      <Link to="/app/promotions">{t("nav.promotions")}</Link>
      <Link to="/app/review">{t("nav.review")}</Link>
      <Link to="/app/brief">{t("brief.nav")}</Link>
      <Link to="/app/playbooks">{t("nav.playbooks")}</Link>
      <Link to="/app/lessons">{t("nav.lessons")}</Link>
      <Link to="/app/team">{t("nav.team")}</Link>
      <Link to="/app/costs">{t("nav.costs")}</Link>
      <Link to="/app/privacy">{t("nav.privacy")}</Link>
    </ui-nav-menu>
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
  if (!layout) return boundary.error(error);
  return (
    <LocaleProvider language={layout.language} locale={layout.locale}>
      <AppProvider
        isEmbeddedApp
        apiKey={layout.apiKey}
        i18n={[...POLARIS_TRANSLATIONS[layout.language]]}
        {...(layout.appBridgeUrl ? { __APP_BRIDGE_URL: layout.appBridgeUrl } : {})}
      >
        <ErrorPage status={response?.status ?? null} refusal={typeof response?.data === "string" ? response.data : null} />
      </AppProvider>
    </LocaleProvider>
  );
}

function ErrorPage({ status, refusal }: { status: number | null; refusal: string | null }) {
  const { t } = useLocale();
  const [title, message] =
    status === 404
      ? [t("errorPage.notFoundTitle"), t("errorPage.notFoundMessage")]
      : status !== null
        ? [t("errorPage.forbiddenTitle"), refusal ?? t("errorPage.forbiddenMessage")]
        : [t("errorPage.failedTitle"), t("errorPage.failedMessage")];
  return (
    <main role="alert" id="page-error" style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "48px auto", padding: "0 16px", lineHeight: 1.5 }}>
      <h1 style={{ fontSize: 20 }}>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/app">{t("errorPage.home")}</Link>
        {" · "}
        <a href="">{t("errorPage.retry")}</a>
      </p>
    </main>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
