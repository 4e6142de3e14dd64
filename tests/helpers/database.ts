import { forgetMarketingFigures } from "~/promotions/promotions.server";
import { Prisma } from "@prisma/client";
import db, { databaseUrlOf } from "~/db.server";
import { databaseKind } from "~/lib/database-kind";

type Emptiable = { deleteMany(): Promise<unknown> };

/**
 * Empties every table of the schema (read from Prisma's generated client, so a new table is never
 * forgotten), so each test starts from a blank, migrated database of its own worker. On PostgreSQL,
 * one TRUNCATE of them all (foreign keys make a table-by-table delete order-dependent there, and
 * TRUNCATE is one statement where deletes are many); its sequences restart too, and pg-boss's jobs
 * (app/jobs/pg-boss-queue.server.ts) go with them, or a test would see another's jobs.
 */
export async function resetDatabase(): Promise<void> {
  // Figures the app keeps in memory for the data as it was (the next test's data may match their fingerprint).
  forgetMarketingFigures();
  const models = Prisma.dmmf.datamodel.models;
  if (databaseKind(databaseUrlOf(db)) === "postgresql") {
    const tables = models.map((model) => `"${model.dbName ?? model.name}"`).join(", ");
    // pg-boss's jobs too (its queues and schedules stay: a queue in this process keeps using them).
    // Its schema exists once a queue of this worker has started, so it is checked in the statement.
    const jobs = `${(await import("~/jobs/pg-boss-queue.server")).PGBOSS_SCHEMA}.job`;
    await db.$executeRawUnsafe(
      `DO $$ BEGIN TRUNCATE ${tables} RESTART IDENTITY CASCADE; IF to_regclass('${jobs}') IS NOT NULL THEN TRUNCATE ${jobs}; END IF; END $$`,
    );
    return;
  }
  for (const model of models) {
    await (db as unknown as Record<string, Emptiable>)[model.name.charAt(0).toLowerCase() + model.name.slice(1)]!.deleteMany();
  }
}

export { db };
