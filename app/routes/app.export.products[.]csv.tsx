import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { csvResponse, productsCsv } from "~/indicators/exports.server";
import { authenticate } from "~/shopify.server";

/** GET /app/export/products.csv?period=…|from=…&to=… */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return csvResponse(await productsCsv(db, session.shop, new URL(request.url).searchParams, new Date()));
};
