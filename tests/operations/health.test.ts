import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { freePort } from "~/dev/processes";
import { databaseProbe, readiness } from "~/operations/health.server";
import { loader as healthz } from "~/routes/healthz";
import { loader as readyz } from "~/routes/readyz";
import { freshTestDatabase, runDbDir } from "../setup/test-database";

const clients: PrismaClient[] = [];
/** The app's client on `url`, as the server holds it (opened by a first query when `open`). */
async function appOn(url: string, { open = false } = {}) {
  const client = createPrismaClient(url);
  clients.push(client);
  if (open) await client.session.findFirst();
  return client;
}

/** /readyz's database check on that client, and the text of its body (nothing in it may name the path or URL). */
async function databaseCheck(client: PrismaClient, url: string) {
  const { status, body } = await readiness({ database: databaseProbe(client, url) });
  return { status, check: body.checks[0]!, text: JSON.stringify(body) };
}

describe("health endpoints", () => {
  it("GIVEN a running process THEN /healthz answers 200 without asking anything", async () => {
    const response = healthz();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("GIVEN the database answers THEN /readyz is 200 with the check and its time", async () => {
    const response = await readyz();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, checks: [{ name: "database", ok: true, ms: expect.any(Number) }] });
  });

  it("GIVEN a dependency that fails or doesn't answer THEN 503 names it and why, without its URL", async () => {
    const { status, body } = await readiness({
      database: async () => undefined,
      queue: async () => {
        throw new Error("connect ECONNREFUSED postgresql://app:secret@db.internal:5432/app\nstack…");
      },
      slow: () => new Promise(() => undefined),
    });
    expect(status).toBe(503);
    expect(body.ready).toBe(false);
    expect(body.checks.find((check) => check.name === "database")).toMatchObject({ ok: true });
    const queue = body.checks.find((check) => check.name === "queue")!;
    expect(queue).toMatchObject({ ok: false, error: "connect ECONNREFUSED <url>" });
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(body.checks.find((check) => check.name === "slow")).toMatchObject({ ok: false, error: "no answer within 2000 ms" });
  });

  describe("GIVEN the database can't serve", () => {
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.$disconnect()));
    });

    it("GIVEN SQLite's file deleted under the running app, never migrated, not a database, its folder gone, or a folder THEN /readyz is 503 and says which, without the path", async () => {
      const deleted = await freshTestDatabase("readyz_deleted", "sqlite");
      const running = await appOn(deleted, { open: true });
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${deleted.slice("file:".length)}${suffix}`, { force: true });

      // An empty database, as SQLite makes one for a path nobody migrated.
      const notMigrated = `file:${path.join(runDbDir(), "readyz-not-migrated.sqlite")}`;
      new Database(notMigrated.slice("file:".length)).close();
      const garbage = path.join(runDbDir(), "readyz-garbage.sqlite");
      writeFileSync(garbage, "these bytes are not a SQLite database, whatever the file is called\n".repeat(100));
      const folderGone = `file:${path.join(runDbDir(), "no-such-folder", "db.sqlite")}`;
      const aFolder = path.join(runDbDir(), "readyz-a-folder.sqlite");
      mkdirSync(aFolder, { recursive: true });

      const cases = [
        { url: deleted, client: running, says: "the database file is missing" },
        {
          url: notMigrated,
          client: await appOn(notMigrated),
          says: "the database has none of the app's tables: it isn't migrated, or it is a new, empty file",
        },
        { url: `file:${garbage}`, client: await appOn(`file:${garbage}`), says: "the file is not a SQLite database" },
        { url: folderGone, client: await appOn(folderGone), says: "the database file is missing" },
        { url: `file:${aFolder}`, client: await appOn(`file:${aFolder}`), says: "the database file can't be opened (unreadable, or not a file)" },
      ];
      for (const { url, client, says } of cases) {
        const { status, check, text } = await databaseCheck(client, url);
        expect({ status, ok: check.ok, error: check.error }, url).toEqual({ status: 503, ok: false, error: says });
        expect(text).not.toContain(url.slice("file:".length));
      }
    });

    it("GIVEN another process holding SQLite's file locked THEN /readyz is 503 saying it is locked, well within its timeout; once it lets go THEN 200", async () => {
      const url = await freshTestDatabase("readyz_locked", "sqlite");
      // Another process (a maintenance script, say) keeps the file to itself: in exclusive locking
      // mode, the lock its write takes is held until the process ends.
      const holder = spawn(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `const { default: Database } = await import("libsql");
           const db = new Database(process.argv[1]);
           db.prepare("PRAGMA locking_mode = EXCLUSIVE").all();
           db.exec('DELETE FROM "StoreTactic"');
           console.log("locked");
           setInterval(() => undefined, 1000);`,
          url.slice("file:".length),
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      const exited = new Promise((resolve) => holder.once("exit", resolve));
      try {
        await new Promise<void>((resolve, reject) => {
          holder.stdout!.once("data", () => resolve());
          holder.once("exit", (code) => reject(new Error(`the locking process ended (${code})`)));
        });
        const app = await appOn(url);
        const { status, check } = await databaseCheck(app, url);
        expect({ status, error: check.error }).toEqual({ status: 503, error: "the database file is locked by another process" });
        expect(check.ms).toBeLessThan(2_000);
        holder.kill();
        await exited;
        expect((await databaseCheck(app, url)).check).toMatchObject({ ok: true });
      } finally {
        if (holder.exitCode === null) holder.kill();
      }
    });

    it("GIVEN PostgreSQL's server down (nothing listening on its port) THEN /readyz is 503 saying the server can't be reached, without the URL or password", async () => {
      const url = `postgresql://throughline:not-a-real-password@127.0.0.1:${await freePort()}/throughline`;
      const { status, check, text } = await databaseCheck(await appOn(url), url);
      expect({ status, ok: check.ok, error: check.error }).toEqual({
        status: 503,
        ok: false,
        error: "the database server can't be reached (it is down, or the host or port is wrong)",
      });
      for (const secret of ["not-a-real-password", "postgresql://", "127.0.0.1"]) expect(text).not.toContain(secret);
    });
  });
});
