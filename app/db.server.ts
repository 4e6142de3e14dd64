import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./lib/database-url";

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
}

declare global {
  // Keeps one client across Vite's module reloads in development.
  var throughlinePrisma: PrismaClient | undefined;
}

/** The app's single Prisma client, on the database DATABASE_URL names. */
const prisma: PrismaClient = globalThis.throughlinePrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalThis.throughlinePrisma = prisma;

export default prisma;
