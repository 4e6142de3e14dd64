import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { PgBossJobQueue } from "~/jobs/pg-boss-queue.server";
import { dropScratchPostgres, NO_POSTGRES, postgresRequired, postgresServer, scratchPostgres } from "../helpers/postgres";

// Two app instances on one PostgreSQL share the queue: a job whose instance is killed mid-run
// (SIGKILL: no chance to hand it back) is taken up by the other instance once its heartbeat stops,
// and completes once. The PostgreSQL server: tests/helpers/postgres.ts (required in CI).

const server = postgresServer();
const name = `throughline_test_${process.env.THROUGHLINE_TEST_RUN ?? process.pid}_instances_${process.pid}`;
const schema = "pgboss_instances";

function instance(url: string, label: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/jobs/fixtures/queue-instance.ts"], {
    env: { ...process.env, DATABASE_URL: url, INSTANCE: label, QUEUE_SCHEMA: schema, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance ${label} not ready:\n${output}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`instance ${label} exited with ${code}:\n${output}`)));
  });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

if (server) {
  describe("two instances sharing the PostgreSQL queue", () => {
    let url: string;
    let db: pg.Pool;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      url = await scratchPostgres(server, name);
      db = new pg.Pool({ connectionString: url, max: 2 });
      await db.query(`CREATE TABLE job_runs (at timestamptz NOT NULL DEFAULT clock_timestamp(), instance text NOT NULL, event text NOT NULL)`);
    }, 120_000);

    afterAll(async () => {
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      await db?.end();
      await dropScratchPostgres(server, name);
    });

    it("GIVEN a job running on one instance WHEN that instance is killed THEN the other runs it and it completes once", async () => {
      children.push(await instance(url, "a"), await instance(url, "b"));
      const sender = new PgBossJobQueue(
        url,
        createPrismaClient(url),
        { "slow-job": { retryLimit: 3, retryDelaySeconds: 1, retryDelayMaxSeconds: 1, heartbeatSeconds: 10, run: async () => undefined } },
        { schema },
      );
      try {
        await sender.enqueue({ name: "slow-job", data: { ms: 4_000 } });
      } finally {
        await sender.stop();
      }

      const first = await until(
        async () => (await db.query<{ instance: string }>(`SELECT instance FROM job_runs WHERE event = 'started'`)).rows[0]?.instance,
        "the job to start",
      );
      const killed = children[first === "a" ? 0 : 1]!;
      const survivor = first === "a" ? "b" : "a";
      killed.kill("SIGKILL");

      const completed = await until(
        async () => {
          const rows = (await db.query<{ instance: string }>(`SELECT instance FROM job_runs WHERE event = 'completed'`)).rows;
          return rows.length > 0 ? rows : undefined;
        },
        "the job to complete on the other instance",
        90_000,
      );
      // A moment more: a second completion would show now.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const runs = (await db.query<{ instance: string; event: string }>(`SELECT instance, event FROM job_runs ORDER BY at`)).rows;
      expect(completed.map((row) => row.instance)).toEqual([survivor]);
      expect(runs).toEqual([
        { instance: first, event: "started" },
        { instance: survivor, event: "started" },
        { instance: survivor, event: "completed" },
      ]);
      const states = (await db.query<{ state: string }>(`SELECT state FROM ${schema}.job WHERE name = 'slow-job'`)).rows.map((row) => row.state);
      expect(states).toEqual(["completed"]);
    }, 150_000);
  });
} else if (postgresRequired) {
  describe("two instances sharing the PostgreSQL queue", () => {
    it("GIVEN CI THEN a PostgreSQL server is there to test against", () => {
      throw new Error(NO_POSTGRES);
    });
  });
}
