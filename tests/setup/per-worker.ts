import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, vi } from "vitest";
import { freshTestDatabase, runDbDir, sqliteTemplate, testDatabaseKind } from "./test-database";

// Each worker gets its own copy of the migrated template database, before any app module loads
// (tests/setup/test-database.ts): a file copy on SQLite, a database cloned from the run's template
// on PostgreSQL.
const pool = process.env.VITEST_POOL_ID ?? "0";
if (testDatabaseKind() === "postgresql") {
  process.env.DATABASE_URL = await freshTestDatabase(`worker_${pool}`);
} else {
  const workerDb = path.join(runDbDir(), `worker-${pool}-${process.pid}.sqlite`);
  if (!existsSync(workerDb)) copyFileSync(sqliteTemplate(), workerDb);
  process.env.DATABASE_URL = `file:${workerDb}`;
}
process.env.NODE_ENV = "test";
process.env.SHOPIFY_API_KEY ??= "test-api-key";
process.env.SHOPIFY_API_SECRET ??= "test-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://throughline.test";
process.env.TOKEN_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

// A console.error during a test is a failure: it means something went wrong that nobody asserted.
let errorSpy: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called during a test: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => {
  errorSpy?.mockRestore();
});
