import db, { databaseUrlOf } from "~/db.server";
import { databaseProbe, readiness } from "~/operations/health.server";

// Readiness: 200 when every dependency answers, else 503 with which one failed and why.
export const loader = async () => {
  const { status, body } = await readiness({ database: databaseProbe(db, databaseUrlOf(db)) });
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
};
