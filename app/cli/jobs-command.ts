import type { JobState, JobView } from "~/jobs/queue";
import { UsageError } from "./usage-error";

// The operator's view of the background work: what waits, runs and failed (with the error), on
// whichever database DATABASE_URL names; and a failed job queued again once its cause is fixed.

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

function line(job: JobView): string {
  const when = job.state === "queued" ? ` after ${job.runAfter.toISOString()}` : job.finishedAt ? ` at ${job.finishedAt.toISOString()}` : "";
  const error = job.lastError ? `: ${job.lastError.replace(/\s+/g, " ").slice(0, 300)}` : "";
  return `${job.id}  ${job.state}${when}  ${job.name}${job.shop ? ` ${job.shop}` : ""}  attempts ${job.attempts}${error}`;
}

export const jobsCommand = {
  summary: "list the background jobs (queued, running, failed) or retry a failed one",
  options: { failed: { type: "boolean" }, all: { type: "boolean" }, shop: { type: "string" }, json: { type: "boolean" } },
  maxPositionals: 2,
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const [action = "list", id] = positionals;
    if (action !== "list" && action !== "retry") throw new UsageError(`jobs: say "jobs list" or "jobs retry ID", not "${action.slice(0, 40)}"`);
    if (action === "list" && id !== undefined) throw new UsageError(`jobs list: unexpected argument "${id.slice(0, 40)}"`);
    if (action === "retry" && (id === undefined || !/^[0-9a-f-]{1,36}$/i.test(id))) throw new UsageError("jobs retry: give the id of a failed job (from jobs list --failed)");
    if (action === "retry" && (values.failed || values.all || values.shop !== undefined)) throw new UsageError("jobs retry: takes only the job's id");
    if (typeof values.shop === "string" && !SHOP.test(values.shop)) throw new UsageError(`jobs: --shop must be a myshopify.com domain, not "${values.shop.slice(0, 60)}"`);
    if (values.failed && values.all) throw new UsageError("jobs: --failed or --all, not both");

    const [{ default: db }, { jobQueue }] = await Promise.all([import("~/db.server"), import("~/jobs/jobs.server")]);
    const queue = jobQueue(db);
    try {
      if (action === "retry") {
        const retried = await queue.retry(id!);
        if (!retried) throw new UsageError(`jobs retry: no failed job has the id ${id}`);
        console.log(values.json ? JSON.stringify({ retried: id }) : `Job ${id} is queued again.`);
        return 0;
      }
      const states: JobState[] | undefined = values.failed ? ["failed"] : values.all ? undefined : ["queued", "running", "failed"];
      const jobs = await queue.list({ states, shop: typeof values.shop === "string" ? values.shop : undefined, limit: 500 });
      if (values.json) {
        console.log(JSON.stringify(jobs));
      } else if (jobs.length === 0) {
        console.log(values.failed ? "No failed jobs." : "No jobs queued, running or failed.");
      } else {
        for (const job of jobs) console.log(line(job));
      }
      return 0;
    } finally {
      await queue.stop();
    }
  },
} as const;
