/**
 * The app's Prisma client: one per database URL. On SQLite, one connection
 * (lib/sqlite-adapter.server.ts); on PostgreSQL, a pool through @prisma/adapter-pg. The client is
 * generated for the database DATABASE_URL names when `npm run setup` runs (decision 007).
 */
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { databaseKind } from "./lib/database-kind";
import { databaseUrl } from "./lib/database-url";
import { OneConnectionPrismaLibSQL } from "./lib/sqlite-adapter.server";

const urls = new WeakMap<PrismaClient, string>();

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  // allowExitOnIdle: a CLI command ends when its work does, not after pg's 10-second idle timeout
  // (a server stays up anyway: it listens).
  const client =
    databaseKind(url) === "postgresql"
      ? new (postgresClient())({ adapter: new PrismaPg({ connectionString: url, allowExitOnIdle: true }) })
      : new PrismaClient({ adapter: new OneConnectionPrismaLibSQL({ url }) });
  urls.set(client, url);
  return client;
}

/**
 * PostgreSQL's generated client (`npm run setup` writes it beside @prisma/client): the same models
 * and the same runtime (its errors are Prisma's), typed as the app's client.
 */
function postgresClient(): typeof PrismaClient {
  return (createRequire(import.meta.url)(".prisma/client-postgresql") as { PrismaClient: typeof PrismaClient }).PrismaClient;
}

/** The database a client was created on (modules that read through their own driver open the same one). */
export function databaseUrlOf(client: PrismaClient): string {
  return urls.get(client) ?? databaseUrl();
}

declare global {
  // Keeps one client across Vite's module reloads in development.
  var throughlinePrisma: PrismaClient | undefined;
}

/** The app's single Prisma client, on the database DATABASE_URL names. */
const prisma: PrismaClient = globalThis.throughlinePrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalThis.throughlinePrisma = prisma;

export default prisma;
