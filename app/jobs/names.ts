/**
 * The background jobs by name (what the queues store, and what the sync card groups failures by).
 * Their handlers are in registry.server.ts; this module has no imports so that anything may name a job.
 */
export const JOB = {
  sync: "sync",
  upkeep: "upkeep",
  webhookTask: "webhook-task",
  reconcileAll: "reconcile-all",
  prune: "prune",
  costsChanged: "costs-changed",
  adsRefresh: "ads-refresh",
  adsRefreshAll: "ads-refresh-all",
  brief: "brief",
  briefAll: "brief-all",
} as const;

export type JobName = (typeof JOB)[keyof typeof JOB];
