import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, vi } from "vitest";

// Each worker gets its own copy of the migrated template database, before any app module loads.
const template = process.env.THROUGHLINE_TEST_DB_TEMPLATE ?? path.resolve("tmp/test-db/template.sqlite");
const workerDb = path.resolve(`tmp/test-db/worker-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}.sqlite`);
if (!existsSync(workerDb)) copyFileSync(template, workerDb);
process.env.DATABASE_URL = `file:${workerDb}`;
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
