import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { csvResponse, indicatorsCsv } from "~/indicators/exports.server";
import { asActingStaff } from "~/staff/acting.server";

/** GET /app/export/indicators.csv?period=…|from=…&to=…[&by=day|week|month|quarter] */
export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, async (actor, now) => csvResponse(await indicatorsCsv(db, actor.shop, new URL(request.url).searchParams, now)));
