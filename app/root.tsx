import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import en from "./i18n/catalogues/en";

export default function App() {
  // The app's pages speak the staff member's language (routes/app.tsx decides it); the rest is English.
  const language = useRouteLoaderData<{ language?: string }>("routes/app")?.language ?? "en";
  // Marks the page interactive once React has hydrated (the local App Bridge stand-in waits for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <link rel="stylesheet" href="https://cdn.shopify.com/static/fonts/inter/v4/styles.css" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/**
 * An address no route answers, or a page outside the app's own (app.tsx has its boundary) that
 * failed: a plain page, in English as the rest outside the app. Without it Remix's default
 * boundary would print the error to the log again, after the server's handleError logged it.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const [title, message] = notFound ? [en.errorPage.notFoundTitle, en.errorPage.notFoundMessage] : [en.errorPage.failedTitle, en.errorPage.failedMessage];
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>
        <main role="alert" style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "48px auto", padding: "0 16px", lineHeight: 1.5 }}>
          <h1 style={{ fontSize: 20 }}>{title}</h1>
          <p>{message}</p>
        </main>
      </body>
    </html>
  );
}
