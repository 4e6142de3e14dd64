import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";
import { databaseUrl } from "./app/lib/database-url";

// schema.prisma reads env("DATABASE_URL"): give it the same default the app uses.
process.env.DATABASE_URL = databaseUrl();

// Prisma 6.19 with the JavaScript schema engine: migrations run through libSQL, no engine download.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaLibSQL({ url: databaseUrl() });
  },
});
