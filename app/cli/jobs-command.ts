import type { JobState, JobView } from "~/jobs/queue";
import { currentLocalizer } from "~/i18n/scope";
import { UsageError } from "./usage-error";

// The operator's view of the background work: what waits, runs and failed (with the error), on
// whichever database DATABASE_URL names; and a failed job queued again once its cause is fixed.

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

function line(job: JobView): string {
  const { t } = currentLocalizer();
  const when =
    job.state === "queued"
      ? t("cli.jobs.after", { when: job.runAfter.toISOString() })
      : job.finishedAt
        ? t("cli.jobs.at", { when: job.finishedAt.toISOString() })
        : "";
  const error = job.lastError ? `: ${job.lastError.replace(/\s+/g, " ").slice(0, 300)}` : "";
  return t("cli.jobs.line", { id: job.id, state: job.state, when, name: job.name, shop: job.shop ? ` ${job.shop}` : "", attempts: job.attempts, error });
}

export const jobsCommand = {
  summary: "list the background jobs (queued, running, failed) or retry a failed one",
  options: { failed: { type: "boolean" }, all: { type: "boolean" }, shop: { type: "string" }, json: { type: "boolean" } },
  maxPositionals: 2,
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const { t } = currentLocalizer();
    const [action = "list", id] = positionals;
    if (action !== "list" && action !== "retry") throw new UsageError(t("cli.jobs.action", { action: action.slice(0, 40) }));
    if (action === "list" && id !== undefined) throw new UsageError(t("cli.jobs.unexpected", { argument: id.slice(0, 40) }));
    if (action === "retry" && (id === undefined || !/^[0-9a-f-]{1,36}$/i.test(id))) throw new UsageError(t("cli.jobs.retryNeedsId"));
    if (action === "retry" && (values.failed || values.all || values.shop !== undefined)) throw new UsageError(t("cli.jobs.retryOnlyId"));
    if (typeof values.shop === "string" && !SHOP.test(values.shop)) throw new UsageError(t("cli.jobs.shop", { value: values.shop.slice(0, 60) }));
    if (values.failed && values.all) throw new UsageError(t("cli.jobs.failedOrAll"));

    const [{ default: db }, { jobQueue }] = await Promise.all([import("~/db.server"), import("~/jobs/jobs.server")]);
    const queue = jobQueue(db);
    try {
      if (action === "retry") {
        const retried = await queue.retry(id!);
        if (!retried) throw new UsageError(t("cli.jobs.noFailedJob", { id }));
        console.log(values.json ? JSON.stringify({ retried: id }) : t("cli.jobs.retried", { id }));
        return 0;
      }
      const states: JobState[] | undefined = values.failed ? ["failed"] : values.all ? undefined : ["queued", "running", "failed"];
      const jobs = await queue.list({ states, shop: typeof values.shop === "string" ? values.shop : undefined, limit: 500 });
      if (values.json) {
        console.log(JSON.stringify(jobs));
      } else if (jobs.length === 0) {
        console.log(values.failed ? t("cli.jobs.noFailed") : t("cli.jobs.none"));
      } else {
        for (const job of jobs) console.log(line(job));
      }
      return 0;
    } finally {
      await queue.stop();
    }
  },
} as const;
