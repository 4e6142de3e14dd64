import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { csvResponse, productsCsv } from "~/indicators/exports.server";
import { asActingStaff } from "~/staff/acting.server";

/** GET /app/export/products.csv?period=…|from=…&to=… */
export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, async (actor, now) => csvResponse(await productsCsv(db, actor.shop, new URL(request.url).searchParams, now)));
