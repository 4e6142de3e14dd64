/**
 * Every row of every table, read through the models Prisma knows (`Prisma.dmmf`): a table added
 * later is covered without touching this file. Two snapshots are equal when nothing was written.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { expect } from "vitest";

/**
 * Columns every request writes by design: the acting staff member is recorded with when they were
 * last seen on each request (good or bad), so that time is left out; everything else must stay.
 */
const WRITTEN_BY_EVERY_REQUEST: Record<string, string[]> = { StaffMember: ["lastSeenAt"] };

/** A value as comparable text: bigints, dates and bytes included. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    typeof item === "bigint" ? `${item}n` : item instanceof Uint8Array ? Buffer.from(item).toString("base64") : item,
  );
}

export type DatabaseSnapshot = Record<string, string[]>;

export async function databaseSnapshot(db: PrismaClient): Promise<DatabaseSnapshot> {
  const snapshot: DatabaseSnapshot = {};
  for (const model of Prisma.dmmf.datamodel.models) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]> }>)[
      model.name.charAt(0).toLowerCase() + model.name.slice(1)
    ];
    if (!delegate) throw new Error(`No Prisma delegate for the model ${model.name}`);
    const ignored = WRITTEN_BY_EVERY_REQUEST[model.name] ?? [];
    const rows = (await delegate.findMany()).map((row) => canonical(Object.fromEntries(Object.entries(row).filter(([column]) => !ignored.includes(column)))));
    snapshot[model.name] = rows.sort();
  }
  return snapshot;
}

/** Runs the work and checks that no table changed, naming the tables that did. */
export async function expectDatabaseUnchanged<T>(db: PrismaClient, work: () => Promise<T>): Promise<T> {
  const before = await databaseSnapshot(db);
  const result = await work();
  const after = await databaseSnapshot(db);
  const changed = Object.keys(before).filter((table) => canonical(before[table]) !== canonical(after[table]));
  expect(changed, `tables written: ${changed.map((table) => `${table} (${before[table]!.length} → ${after[table]!.length} rows)`).join(", ")}`).toEqual([]);
  return result;
}
