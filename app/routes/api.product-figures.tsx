import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { productFigures } from "~/products/product-figures.server";
import { authenticate } from "~/shopify.server";

/** GET /api/product-figures?id=NUMERIC_ID: what the product block in Shopify admin shows (session token from the extension, CORS for admin). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  const figures = await productFigures(db, session.shop, new URL(request.url).searchParams.get("id") ?? "", new Date());
  return cors(figures ? Response.json(figures, { headers: { "Cache-Control": "no-store" } }) : Response.json({ error: "No such product in this store's copy." }, { status: 404 }));
};
