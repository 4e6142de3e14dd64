import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { canonicalLocale } from "~/i18n/languages";
import { PREVIEW_USER_COOKIE, PREVIEW_USERS, previewShop, previewShops, previewUserId } from "~/preview/preview-access.server";
import { previewPageHtml } from "~/preview/preview-page";
import { previewAppPath } from "~/preview/paths";
import { adminHostParam } from "~/preview/session-token.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const shop = await previewShop(db, url.searchParams.get("shop"));
  const appPath = previewAppPath(url.searchParams.get("path"));
  if (!appPath.ok) throw new Response(appPath.reason, { status: 400 });
  // ?as=2 acts as another of the devstore's staff members (remembered in a cookie for the app's requests).
  const as = url.searchParams.get("as");
  const userId = PREVIEW_USERS.some((user) => user.id === as) ? (as as string) : previewUserId(request);
  const html = previewPageHtml({
    shop,
    // With several devstore shops connected (the demo's, one synced by the CLI), a menu says which is shown and switches (?shop=).
    shops: await previewShops(db),
    host: adminHostParam(shop),
    appPath: appPath.path,
    users: PREVIEW_USERS.map((user) => ({ id: user.id, label: user.label })),
    userId,
    // Shopify sends the admin's language on every load; the preview sends the one asked (?locale=zh-CN), English by default.
    locale: canonicalLocale(url.searchParams.get("locale")) ?? "en",
  });
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Set-Cookie": `${PREVIEW_USER_COOKIE}=${userId}; Path=/; SameSite=Lax; HttpOnly` },
  });
};
