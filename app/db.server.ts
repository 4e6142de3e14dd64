/**
 * The app's Prisma client: one per database URL, on one SQLite connection (lib/sqlite-adapter.server.ts).
 */
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./lib/database-url";
import { OneConnectionPrismaLibSQL } from "./lib/sqlite-adapter.server";

const urls = new WeakMap<PrismaClient, string>();

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  const client = new PrismaClient({ adapter: new OneConnectionPrismaLibSQL({ url }) });
  urls.set(client, url);
  return client;
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
