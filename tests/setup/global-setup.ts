import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { enableWriteAheadLog } from "../../app/dev/database-setup";

/** Migrates one template SQLite database; each test worker copies it (tests/setup/per-worker.ts). */
export default function setup() {
  const dir = path.resolve("tmp/test-db");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.sqlite");
  execFileSync("prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  enableWriteAheadLog(`file:${template}`);
  process.env.THROUGHLINE_TEST_DB_TEMPLATE = template;
}
