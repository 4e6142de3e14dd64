import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { csvResponse, indicatorsCsv } from "~/indicators/exports.server";
import { authenticate } from "~/shopify.server";

/** GET /app/export/indicators.csv?period=…|from=…&to=…[&by=day|week|month|quarter] */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return csvResponse(await indicatorsCsv(db, session.shop, new URL(request.url).searchParams, new Date()));
};
