/**
 * The job queue on PostgreSQL: pg-boss (docs/decisions/008-job-queue.md). Every instance runs the
 * same handlers; PostgreSQL's SKIP LOCKED gives each job to one of them. A job's key is pg-boss's
 * `singletonKey` on a `stately` queue (one waiting and one running per key), heartbeats let another
 * instance retry a job whose process died, and failed jobs stay in pg-boss's tables with their error.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { log } from "~/lib/log.server";
import { PgBoss, type JobWithMetadata, type WorkOptions } from "pg-boss";
import { errorText, runWithLog, type JobDefinition, type JobFilter, type JobQueue, type JobRegistry, type JobState, type JobView, type NewJob } from "./queue";

/** pg-boss's schema when none is given (its tables: `job`, partitioned by queue, `queue`, `schedule`…). */
export const PGBOSS_SCHEMA = "pgboss";

/** pg-boss's statements run in a Prisma interactive transaction (its `db` option). */
function executorOf(tx: Prisma.TransactionClient) {
  return { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PgBossQueueOptions {
  now?: () => Date;
  /** pg-boss's tables live in this schema (a test gives each run its own). */
  schema?: string;
  pollingIntervalSeconds?: number;
  /** How often pg-boss looks for jobs whose heartbeat stopped (and other upkeep). */
  superviseIntervalSeconds?: number;
  /** Jobs one instance runs at once, per job name. */
  concurrency?: number;
}

/**
 * pg-boss deletes a finished job (completed or failed) this long after it finished: long enough for
 * an owner or operator to see a failure (the sync card, `cli jobs --failed`) and retry it.
 */
export const FINISHED_JOBS_KEPT_SECONDS = 30 * 24 * 3600;

const STATES: Record<JobWithMetadata["state"], JobState> = {
  created: "queued",
  retry: "queued",
  active: "running",
  completed: "completed",
  failed: "failed",
  cancelled: "failed",
};

export class PgBossJobQueue implements JobQueue {
  readonly kind = "postgresql";
  private readonly boss: PgBoss;
  private readonly schema: string;
  private readonly now: () => Date;
  private connecting: Promise<void> | null = null;
  private working = false;
  /** The handlers running in this process now (drain waits for them). */
  private readonly running = new Set<Promise<void>>();

  constructor(
    url: string,
    private readonly db: PrismaClient,
    private readonly registry: JobRegistry,
    private readonly options: PgBossQueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.schema = options.schema ?? PGBOSS_SCHEMA;
    this.boss = new PgBoss({
      connectionString: url,
      schema: this.schema,
      max: 4,
      superviseIntervalSeconds: options.superviseIntervalSeconds ?? 30,
    });
    this.boss.on("error", (error) => log.warn({ error: errorText(error) }, "job queue error"));
  }

  private definition(name: string): JobDefinition<Record<string, unknown>> {
    const definition = this.registry[name] as JobDefinition<Record<string, unknown>> | undefined;
    if (!definition) throw new Error(`No job is named "${name}"`);
    return definition;
  }

  /** Connects, migrates pg-boss's schema and makes every job's queue (once per process). */
  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      await this.boss.start();
      // The sync card's question (a shop's failed jobs), answered from an index: pg-boss indexes
      // the live states only, and keeps finished jobs a month. On the partitioned table, so every
      // queue's partition, present or future, has it.
      // Instances start together: one that loses the race to create it finds it made.
      const index = `${this.schema}.throughline_failed_by_shop`;
      await this.boss
        .getDb()
        .executeSql(`CREATE INDEX IF NOT EXISTS throughline_failed_by_shop ON ${this.schema}.job ((data->>'shop'), created_on) WHERE state = 'failed'`)
        .catch(async (error: unknown) => {
          const { rows } = await this.boss.getDb().executeSql("SELECT to_regclass($1) AS made", [index]);
          if (!(rows as { made: string | null }[])[0]?.made) throw error;
        });
      for (const [name, raw] of Object.entries(this.registry)) {
        const definition = raw as JobDefinition;
        const options = {
          policy: definition.key ? "stately" : "standard",
          retryLimit: definition.retryLimit,
          retryDelay: definition.retryDelaySeconds,
          retryBackoff: true,
          retryDelayMax: definition.retryDelayMaxSeconds,
          expireInSeconds: definition.maxRunSeconds ?? 15 * 60,
          deleteAfterSeconds: FINISHED_JOBS_KEPT_SECONDS,
          ...(definition.heartbeatSeconds ? { heartbeatSeconds: definition.heartbeatSeconds } : {}),
        } as const;
        // Every instance does this at start, and instances start together: a queue another one has
        // just created is updated instead. Its policy is fixed at creation (pg-boss refuses the key
        // in an update, even undefined).
        const { policy: _policy, ...changeable } = options;
        if (!(await this.boss.getQueue(name))) {
          try {
            await this.boss.createQueue(name, options);
            continue;
          } catch (error) {
            if (!(await this.boss.getQueue(name))) throw error;
          }
        }
        await this.boss.updateQueue(name, changeable);
      }
    })();
    return this.connecting;
  }

  private sendOptions(job: NewJob) {
    const definition = this.definition(job.name);
    return {
      ...(definition.key ? { singletonKey: definition.key(job.data) } : {}),
      ...(job.runAfter ? { startAfter: job.runAfter } : {}),
    };
  }

  async enqueue(job: NewJob): Promise<string | null> {
    await this.connect();
    return this.boss.send(job.name, job.data, this.sendOptions(job));
  }

  async enqueueWith(
    writes: (tx: Prisma.TransactionClient) => Prisma.PrismaPromise<unknown>[],
    jobs: NewJob[],
    options: { timeoutMs?: number } = {},
  ): Promise<void> {
    await this.connect();
    // One short interactive transaction: the caller's rows, then pg-boss's insert through the same
    // connection (its `db` option), then commit.
    await this.db.$transaction(
      async (tx) => {
        for (const write of writes(tx)) await write;
        const executor = executorOf(tx);
        for (const job of jobs) await this.boss.send(job.name, job.data, { ...this.sendOptions(job), db: executor });
      },
      options.timeoutMs === undefined ? undefined : { timeout: options.timeoutMs },
    );
  }

  async every(name: string, minutes: number): Promise<void> {
    this.definition(name);
    await this.connect();
    await this.boss.schedule(name, `*/${minutes} * * * *`, {});
  }

  async start(): Promise<void> {
    await this.connect();
    if (this.working) return;
    this.working = true;
    // Each worker takes one job at a time; a worker that has just run one looks for the next at
    // once (woken below), and only a worker that found none waits out the polling interval.
    // pg-boss's own burst options don't serve here: burstWhenBatchFull is ignored at a batch of
    // one, and burstWhenReadyExceeds reads queue counts refreshed once a minute.
    const workOptions: WorkOptions = {
      batchSize: 1,
      localConcurrency: this.options.concurrency ?? 4,
      pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2,
    };
    for (const name of Object.keys(this.registry)) {
      const definition = this.definition(name);
      await this.boss.work<Record<string, unknown>>(name, workOptions, async ([job]) => {
        if (!job) return;
        const data = job.data ?? {};
        const run = runWithLog({ id: job.id, name, shop: definition.shop?.(data as never) ?? null, attempt: job.retryCount + 1 }, () =>
          definition.run(data, { db: this.db, queue: this, now: this.now, attempt: job.retryCount + 1 }),
        );
        const settled = run.then(
          () => undefined,
          () => undefined,
        );
        this.running.add(settled);
        try {
          await run;
        } finally {
          this.running.delete(settled);
          // The workers holding a job (this one among them) fetch again without the polling pause.
          for (const worker of this.boss.getWipData()) if (worker.name === name && worker.count > 0) this.boss.notifyWorker(worker.id);
        }
      });
    }
  }

  /** Stops this process's workers, waiting for what they fetched to run and be recorded. */
  private async stopWorking(): Promise<void> {
    for (const name of Object.keys(this.registry)) await this.boss.offWork(name, { wait: true });
    this.working = false;
  }

  /**
   * pg-boss's workers poll; drain wakes them so a test doesn't wait out the interval. Done once no
   * handler of ours runs and no job is due, checked again with our workers stopped: offWork waits
   * for a fetch in flight, so a job claimed but not yet handed to its handler can't be missed.
   */
  async drain(): Promise<void> {
    await this.start();
    for (;;) {
      for (;;) {
        if (this.running.size > 0) {
          await Promise.race(this.running);
          continue;
        }
        const inHand = this.boss.getWipData().some((worker) => worker.count > 0);
        if (!inHand && !(await this.hasDueJobs())) break;
        for (const worker of this.boss.getWipData()) this.boss.notifyWorker(worker.id);
        await pause(50);
      }
      await this.stopWorking();
      if (!(await this.hasDueJobs())) return;
      await this.start();
    }
  }

  /** A job waiting that could start now (by the database's clock, which pg-boss fetches by). */
  private async hasDueJobs(): Promise<boolean> {
    const now = Date.now();
    for (const name of Object.keys(this.registry)) {
      const waiting = await this.boss.findJobs(name, { queued: true, limit: 100_000 });
      if (waiting.some((job) => !job.blocked && job.startAfter.getTime() <= now)) return true;
    }
    return false;
  }

  async stop(timeoutMs = 30_000): Promise<void> {
    if (!this.connecting) return;
    await this.connecting.catch(() => undefined);
    // graceful: no new job is fetched, and stop() resolves once the running handlers finished.
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    this.connecting = null;
    this.working = false;
  }

  /**
   * Jobs by state and shop, newest first, in one statement on pg-boss's job table (its documented
   * columns). pg-boss's findJobs filters neither by state nor by shop with an index, and finished jobs
   * are kept a month: the sync card asks on every page view, so it must not read a shop's month of
   * completed webhook tasks, nor every shop's, to find the few that failed.
   */
  async list({ states, shop, limit = 200 }: JobFilter = {}): Promise<JobView[]> {
    await this.connect();
    const bossStates = states ? (Object.keys(STATES) as JobWithMetadata["state"][]).filter((state) => states.includes(STATES[state])) : null;
    const values: unknown[] = [Object.keys(this.registry)];
    const where = ["name = ANY($1::text[])"];
    if (bossStates) where.push(`state::text = ANY($${values.push(bossStates)}::text[])`);
    if (shop) where.push(`data->>'shop' = $${values.push(shop)}`);
    const sql = `SELECT id, name, state, data, output, retry_count AS "retryCount", singleton_key AS "singletonKey",
        start_after AS "startAfter", created_on AS "createdOn", completed_on AS "completedOn"
      FROM ${this.schema}.job WHERE ${where.join(" AND ")} ORDER BY created_on DESC LIMIT $${values.push(limit)}`;
    const { rows } = await this.boss.getDb().executeSql(sql, values);
    return (rows as (JobWithMetadata<Record<string, unknown>> & { name: string })[]).map((job) => this.view(job.name, job));
  }

  private view(name: string, job: JobWithMetadata<Record<string, unknown>>): JobView {
    const definition = this.definition(name);
    const output = job.output as { message?: unknown } | null;
    const state = STATES[job.state];
    return {
      id: job.id,
      name,
      state,
      shop: definition.shop?.(job.data) ?? null,
      key: job.singletonKey,
      data: job.data,
      attempts: job.retryCount + (job.state === "created" ? 0 : 1),
      lastError: (job.state === "failed" || job.state === "retry") && output && typeof output.message === "string" ? output.message : null,
      runAfter: job.startAfter,
      createdAt: job.createdOn,
      finishedAt: job.completedOn,
    };
  }

  async forgetShop(shop: string, tx?: Prisma.TransactionClient): Promise<number> {
    await this.connect();
    const connection = tx ? { db: executorOf(tx) } : {};
    let forgotten = 0;
    for (const name of Object.keys(this.registry)) {
      // Every job whose data names the shop (a webhook task's payload too), whatever its state.
      const jobs = await this.boss.findJobs(name, { data: { shop }, limit: 100_000 });
      if (jobs.length === 0) continue;
      const deleted = await this.boss.deleteJob(
        name,
        jobs.map((job) => job.id),
        connection,
      );
      forgotten += (deleted as { affected?: number }).affected ?? 0;
    }
    return forgotten;
  }

  async retry(id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    await this.connect();
    for (const name of Object.keys(this.registry)) {
      const [job] = await this.boss.findJobs(name, { id });
      if (!job) continue;
      if (job.state !== "failed") return false;
      await this.boss.retry(name, id);
      return true;
    }
    return false;
  }
}
