import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { localizer } from "~/i18n/localizer";
import { urlLocale } from "~/i18n/request-locale.server";
import { productFigures } from "~/products/product-figures.server";
import { authenticate } from "~/shopify.server";

/**
 * GET /api/product-figures?id=NUMERIC_ID&locale=TAG: what the product block in Shopify admin shows
 * (session token from the extension, CORS for admin extensions' origin only: lib/cors.ts), in the
 * language the block itself shows.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  const l10n = localizer(urlLocale(request));
  const figures = await productFigures(db, session.shop, new URL(request.url).searchParams.get("id") ?? "", new Date(), l10n);
  return cors(
    figures
      ? Response.json(figures, { headers: { "Cache-Control": "no-store" } })
      : Response.json({ error: l10n.t("productBlock.noProduct") }, { status: 404 }),
  );
};
