import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";
import { databaseKind } from "./app/lib/database-kind";
import { databaseUrl } from "./app/lib/database-url";
import { postgresMigrationAdapter } from "./app/lib/postgres-migration-adapter";

// schema.prisma reads env("DATABASE_URL"): give it the same default the app uses.
process.env.DATABASE_URL = databaseUrl();
const postgres = databaseKind(databaseUrl()) === "postgresql";

// Prisma 6.19 with the JavaScript schema engine: migrations run through a driver adapter, no engine
// download. DATABASE_URL chooses the database: SQLite (prisma/schema.prisma, the source of truth)
// or PostgreSQL (prisma/postgresql/, derived from it: see docs/decisions/007-postgresql.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  async adapter() {
    return postgres ? postgresMigrationAdapter(databaseUrl()) : new PrismaLibSQL({ url: databaseUrl() });
  },
});
