import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { csvText } from "~/lib/csv";
import { weeklyReviewPage, weekCsvRows } from "~/review/weekly-review.server";
import { asActingStaff } from "~/staff/acting.server";

/** GET /app/review.csv?week=YYYY-MM-DD: the week's review (its snapshot once signed off) as CSV. */
export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, async (actor, now) => {
    const page = await weeklyReviewPage(db, actor, new URL(request.url).searchParams, now);
    // A download of another week than asked would mislead: a week that can't be read is refused with why.
    if (page.problem) return new Response(page.problem, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    return new Response(csvText(weekCsvRows(page.content, page.signOff, page.timeZone)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="weekly-review-${page.content.weekStart}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
