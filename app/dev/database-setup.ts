// `npm run setup`'s database step: both Prisma clients generated (SQLite's as @prisma/client,
// PostgreSQL's as .prisma/client-postgresql: the same models, decision 007), the migrations of
// the database DATABASE_URL names applied, and on SQLite write-ahead logging switched on, so the
// app keeps reading while a bulk import writes (the mode is stored in the file and stays).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "libsql";
import { databaseKind } from "~/lib/database-kind";
import { databaseUrl } from "~/lib/database-url";

export function enableWriteAheadLog(url: string): void {
  if (databaseKind(url) !== "sqlite" || !url.startsWith("file:")) return;
  const db = new Database(url.slice("file:".length));
  try {
    db.prepare("PRAGMA journal_mode = WAL").all();
  } finally {
    db.close();
  }
}

/** prisma.config.ts picks the schema (and adapter) by DATABASE_URL: the CLI run once per database kind. */
function prisma(args: string[], url: string): void {
  try {
    execFileSync("npx", ["prisma", ...args], { env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" }, stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`prisma ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

export function generateClients(): void {
  prisma(["generate"], "file:prisma/unused.sqlite");
  prisma(["generate"], "postgresql://localhost/unused");
  sharePrismaRuntime(path.join("node_modules", ".prisma", "client-postgresql", "index.js"));
}

/**
 * A client generated outside node_modules/.prisma/client gets its own copy of Prisma's runtime, so
 * its errors are other classes than @prisma/client's: `error instanceof
 * Prisma.PrismaClientKnownRequestError` (the app's duplicate-delivery check, Shopify's session
 * storage retrying a P2002) would be false on PostgreSQL. PostgreSQL's client is pointed at
 * @prisma/client's runtime instead (the same version, installed together): one set of classes.
 */
export function sharePrismaRuntime(indexFile: string): void {
  const own = "require('./runtime/client.js')";
  const source = readFileSync(indexFile, "utf8");
  if (!source.includes(own)) throw new Error(`${indexFile}: no ${own} to point at @prisma/client's runtime (did Prisma's generated code change?)`);
  writeFileSync(indexFile, source.replaceAll(own, "require('@prisma/client/runtime/client.js')"));
}

export function migrate(url: string): void {
  prisma(["migrate", "deploy"], url);
  enableWriteAheadLog(url);
}

/**
 * Columns a migration added that are derived from others by the app's code (a promotion's dates as
 * instants in its shop's time zone): filled for the rows stored before, once the migrations are
 * applied. Imported late: the client is generated first.
 */
export async function fillDerivedColumns(url: string): Promise<void> {
  const [{ createPrismaClient }, { refreshAllPromotionWindows }] = await Promise.all([import("~/db.server"), import("~/promotions/promotion-windows.server")]);
  const db = createPrismaClient(url);
  try {
    await refreshAllPromotionWindows(db);
  } finally {
    await db.$disconnect();
  }
}

// `--generate` only generates the clients (an image build, with no database); `--migrate` only
// migrates (a container starting with the clients already generated).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const only = process.argv[2];
  if (only !== "--migrate") generateClients();
  if (only !== "--generate") {
    migrate(databaseUrl());
    await fillDerivedColumns(databaseUrl());
  }
}
