import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { asActingStaff } from "~/staff/acting.server";
import { suggestionFor } from "~/strategy/first-goal.server";

/** GET /app/target-suggestion?indicator=…&periodKind=…&from=…[&to=…]: the suggested value the Targets form shows beside its value field. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, (actor, now) => suggestionFor(db, actor, new URL(request.url).searchParams, now));
