/**
 * The unsubscribe link's page, outside Shopify admin (no session, no App Bridge, nothing loaded from
 * elsewhere): a button to confirm (a mail scanner that opens the link changes nothing), what was
 * done, or why the link isn't one. A whole document, in the reader's language.
 */
import { renderToStaticMarkup } from "react-dom/server";
import type { Localizer } from "~/i18n/localizer";

export type UnsubscribeView = { kind: "confirm"; shop: string; name: string; action: string } | { kind: "done"; shop: string; name: string } | { kind: "bad" };

const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  // The link carries its token: it goes nowhere else, and the page is never framed or indexed.
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function unsubscribeResponse(view: UnsubscribeView, l10n: Localizer, status = 200): Response {
  const { t } = l10n;
  const body = (
    <html lang={l10n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{t("brief.unsubscribePage.title")}</title>
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", color: "#303030", margin: 0 }}>
        <main style={{ maxWidth: 560, margin: "48px auto", padding: "0 16px", lineHeight: 1.5 }}>
          <h1 style={{ fontSize: 20 }}>{t("brief.unsubscribePage.title")}</h1>
          {view.kind === "bad" ? <p role="alert">{t("brief.unsubscribePage.bad")}</p> : null}
          {view.kind === "done" ? <p role="status">{t("brief.unsubscribePage.done", { name: view.name, shop: view.shop })}</p> : null}
          {view.kind === "confirm" ? (
            <form method="post" action={view.action}>
              <p>{t("brief.unsubscribePage.confirm", { name: view.name, shop: view.shop })}</p>
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <button type="submit" style={{ font: "inherit", padding: "8px 16px", color: "#ffffff", background: "#303030", border: 0, borderRadius: 8 }}>
                {t("brief.unsubscribePage.button")}
              </button>
            </form>
          ) : null}
        </main>
      </body>
    </html>
  );
  return new Response(`<!DOCTYPE html>${renderToStaticMarkup(body)}`, { status, headers: HEADERS });
}
