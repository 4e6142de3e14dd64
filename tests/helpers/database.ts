import { Prisma } from "@prisma/client";
import db from "~/db.server";

type Emptiable = { deleteMany(): Promise<unknown> };

/**
 * Empties every table of the schema (read from Prisma's generated client, so a new table is never
 * forgotten), so each test starts from a blank, migrated database of its own worker.
 */
export async function resetDatabase(): Promise<void> {
  for (const model of Prisma.dmmf.datamodel.models) {
    await (db as unknown as Record<string, Emptiable>)[model.name.charAt(0).toLowerCase() + model.name.slice(1)]!.deleteMany();
  }
}

export { db };
