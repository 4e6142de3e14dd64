import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { previewShop } from "~/preview/preview-access.server";
import { previewPageHtml } from "~/preview/preview-page";
import { adminHostParam } from "~/preview/session-token.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const shop = await previewShop(db, url.searchParams.get("shop"));
  const appPath = url.searchParams.get("path") ?? "/app";
  const html = previewPageHtml({ shop, host: adminHostParam(shop), appPath: appPath.startsWith("/app") ? appPath : "/app" });
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
};
