/**
 * The job queue on SQLite: the Job table, run in the server process. SQLite is the one-process
 * install (decision 006), so the guarantees pg-boss gives across instances are kept here within one:
 * a job is a row before anyone is told it was accepted, a failure waits its backoff and is retried,
 * the last failure is kept with its error (never deleted), at most one job of a key runs at a time,
 * and a job left running by a process that stopped is queued again when the next one starts.
 */
import type { Job, Prisma, PrismaClient } from "@prisma/client";
import { log } from "~/lib/log.server";
import {
  errorText,
  retryDelayMs,
  runWithLog,
  type JobDefinition,
  type JobFilter,
  type JobQueue,
  type JobRegistry,
  type JobState,
  type JobView,
  type NewJob,
} from "./queue";

export interface SqliteQueueOptions {
  now?: () => Date;
  /** How often due jobs are looked for when nothing kicked the queue. */
  pollMs?: number;
  /** Jobs run at once (of different keys). */
  concurrency?: number;
}

export class SqliteJobQueue implements JobQueue {
  readonly kind = "sqlite";
  private readonly now: () => Date;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly running = new Map<number, { key: string | null; done: Promise<void> }>();
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private ticking: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: PrismaClient,
    private readonly registry: JobRegistry,
    options: SqliteQueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 4;
  }

  private definition(name: string): JobDefinition<Record<string, unknown>> {
    const definition = this.registry[name] as JobDefinition<Record<string, unknown>> | undefined;
    if (!definition) throw new Error(`No job is named "${name}"`);
    return definition;
  }

  private row(job: NewJob): Prisma.JobCreateInput {
    const definition = this.definition(job.name);
    return {
      name: job.name,
      data: JSON.stringify(job.data),
      shop: definition.shop?.(job.data) ?? null,
      key: definition.key?.(job.data) ?? null,
      runAfter: job.runAfter ?? this.now(),
      createdAt: this.now(),
    };
  }

  async enqueue(job: NewJob): Promise<string | null> {
    const row = this.row(job);
    if (row.key) {
      const waiting = await this.db.job.findFirst({ where: { key: row.key, state: "queued" }, orderBy: { id: "asc" } });
      if (waiting) {
        // Merged: the waiting job does this one's work; it runs no later than this one would.
        if (waiting.runAfter > (row.runAfter as Date))
          await this.db.job.updateMany({ where: { id: waiting.id, state: "queued" }, data: { runAfter: row.runAfter } });
        this.kick();
        return null;
      }
    }
    const created = await this.db.job.create({ data: row });
    this.kick();
    return String(created.id);
  }

  async enqueueWith(writes: (tx: Prisma.TransactionClient) => Prisma.PrismaPromise<unknown>[], jobs: NewJob[]): Promise<void> {
    // One batch transaction (the app's SQLite writes take the lock up front, decision 006), which
    // has no timeout to raise. A job of a key already waiting is merged when it is claimed.
    await this.db.$transaction([...writes(this.db), ...jobs.map((job) => this.db.job.create({ data: this.row(job) }))]);
    this.kick();
  }

  async every(name: string, minutes: number): Promise<void> {
    this.definition(name);
    this.timers.push(setInterval(() => void this.enqueue({ name, data: {} }).catch(warn(name)), minutes * 60_000).unref());
  }

  async start(): Promise<void> {
    if (this.started) return;
    // One process runs SQLite's jobs: a job still "running" was left by one that stopped.
    await this.db.job.updateMany({ where: { state: "running" }, data: { state: "queued", runAfter: this.now() } });
    this.started = true;
    this.timers.push(setInterval(() => this.kick(), this.pollMs).unref());
    this.kick();
  }

  async stop(timeoutMs = 30_000): Promise<void> {
    this.started = false;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    const all = Promise.all([...this.running.values()].map((run) => run.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    await this.ticking;
  }

  /** Looks for due jobs now (once at a time; a kick during a look makes it look again after). */
  kick(): void {
    if (!this.started) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = (async () => {
      do {
        this.again = false;
        try {
          await this.claimDue();
        } catch (error) {
          log.warn({ error: errorText(error) }, "looking for due jobs failed");
        }
      } while (this.again && this.started);
    })().finally(() => {
      this.ticking = null;
    });
  }

  /** Resolves once no job is running or due (tests, and `cli jobs run`). */
  async drain(): Promise<void> {
    for (;;) {
      this.kick();
      await this.ticking;
      if (this.running.size === 0) {
        const due = await this.db.job.count({ where: { state: "queued", runAfter: { lte: this.now() } } });
        if (due === 0 || !this.started) return;
      } else {
        await Promise.race([...this.running.values()].map((run) => run.done));
      }
    }
  }

  private async claimDue(): Promise<void> {
    while (this.started && this.running.size < this.concurrency) {
      const busyKeys = [...this.running.values()].map((run) => run.key).filter((key): key is string => key !== null);
      const job = await this.db.job.findFirst({
        where: { state: "queued", runAfter: { lte: this.now() }, ...(busyKeys.length ? { OR: [{ key: null }, { key: { notIn: busyKeys } }] } : {}) },
        orderBy: { id: "asc" },
      });
      if (!job) return;
      const startedAt = this.now();
      const claimed = await this.db.job.updateMany({
        where: { id: job.id, state: "queued" },
        data: { state: "running", startedAt, attempts: { increment: 1 } },
      });
      if (claimed.count === 0) continue;
      // Jobs of the key queued before this run began are done by it (they'd do the same work).
      if (job.key)
        await this.db.job.deleteMany({
          where: { key: job.key, state: "queued", id: { not: job.id }, createdAt: { lte: startedAt }, runAfter: { lte: startedAt } },
        });
      const done = this.run({ ...job, attempts: job.attempts + 1 }).finally(() => {
        this.running.delete(job.id);
        this.kick();
      });
      this.running.set(job.id, { key: job.key, done });
    }
  }

  private async run(job: Job): Promise<void> {
    let definition: JobDefinition<Record<string, unknown>>;
    try {
      definition = this.definition(job.name);
      const data = JSON.parse(job.data) as Record<string, unknown>;
      await runWithLog({ id: String(job.id), name: job.name, shop: job.shop, attempt: job.attempts }, () =>
        definition.run(data, { db: this.db, queue: this, now: this.now, attempt: job.attempts }),
      );
    } catch (error) {
      const retries = (this.registry[job.name] as JobDefinition | undefined)?.retryLimit ?? 0;
      const lastError = errorText(error);
      if (job.attempts > retries) {
        await this.db.job.updateMany({ where: { id: job.id }, data: { state: "failed", finishedAt: this.now(), lastError } });
        log.error({ jobId: String(job.id), job: job.name, shop: job.shop, attempts: job.attempts, error: lastError }, "job failed for good");
      } else {
        const runAfter = new Date(this.now().getTime() + retryDelayMs(this.registry[job.name] as JobDefinition, job.attempts));
        await this.db.job.updateMany({ where: { id: job.id }, data: { state: "queued", runAfter, lastError } });
      }
      return;
    }
    // updateMany: the shop's jobs may have been erased meanwhile (shop/redact), and stay erased.
    await this.db.job.updateMany({ where: { id: job.id }, data: { state: "completed", finishedAt: this.now(), lastError: null } });
  }

  async list({ states, shop, limit = 200 }: JobFilter = {}): Promise<JobView[]> {
    const jobs = await this.db.job.findMany({
      where: { ...(states ? { state: { in: [...states] } } : {}), ...(shop ? { shop } : {}) },
      orderBy: { id: "desc" },
      take: limit,
    });
    return jobs.map((job) => ({
      id: String(job.id),
      name: job.name,
      state: job.state as JobState,
      shop: job.shop,
      key: job.key,
      data: JSON.parse(job.data) as unknown,
      attempts: job.attempts,
      lastError: job.lastError,
      runAfter: job.runAfter,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    }));
  }

  async retry(id: string): Promise<boolean> {
    if (!/^\d{1,15}$/.test(id)) return false;
    const { count } = await this.db.job.updateMany({
      where: { id: Number(id), state: "failed" },
      data: { state: "queued", attempts: 0, runAfter: this.now(), finishedAt: null },
    });
    this.kick();
    return count === 1;
  }

  async forgetShop(shop: string, tx?: Prisma.TransactionClient): Promise<number> {
    const { count } = await (tx ?? this.db).job.deleteMany({ where: { shop } });
    return count;
  }

  /** Forgets completed jobs finished before `before` (failed ones stay until retried). */
  async pruneCompleted(before: Date): Promise<number> {
    const { count } = await this.db.job.deleteMany({ where: { state: "completed", finishedAt: { lt: before } } });
    return count;
  }
}

const warn = (name: string) => (error: unknown) => log.warn({ job: name, error: errorText(error) }, "queueing a job failed");
