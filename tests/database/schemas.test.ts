import { readFileSync } from "node:fs";
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "~/dev/postgres-schema";
import { databaseKind, type DatabaseKind } from "~/lib/database-kind";
import { databaseUrlOf } from "~/db.server";
import { db } from "../helpers/database";

// One source of truth for both databases (decision 007): prisma/schema.prisma. These checks keep the
// rest in step with it: the derived PostgreSQL schema, and each database's migrations (the suite
// runs on SQLite and on PostgreSQL, so both migration folders are checked, each on its own run).

interface Column {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
}
type Model = (typeof Prisma.dmmf.datamodel.models)[number];

/** The column type each database's migrations give a Prisma scalar (no native-type attributes here). */
const COLUMN_TYPES: Record<DatabaseKind, Record<string, string>> = {
  sqlite: {
    String: "TEXT",
    Int: "INTEGER",
    BigInt: "BIGINT",
    Boolean: "BOOLEAN",
    DateTime: "DATETIME",
    Float: "REAL",
    Bytes: "BLOB",
    Decimal: "DECIMAL",
    Json: "JSONB",
  },
  postgresql: {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    DateTime: "timestamp without time zone",
    Float: "double precision",
    Bytes: "bytea",
    Decimal: "numeric",
    Json: "jsonb",
  },
};

/**
 * The optional fields ("Model.field") of prisma/schema.prisma: the client's runtime model
 * (Prisma.dmmf) names fields and types but not whether they are optional, so that is read from the
 * schema's text (`name Type?`). The schema maps no names (`@map`), so names are the columns'.
 */
function optionalFields(schema: string): Set<string> {
  const optional = new Set<string>();
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{$([\s\S]*?)^\}/gm)) {
    for (const [, field] of body!.matchAll(/^\s*(\w+)\s+\w+\?/gm)) optional.add(`${model}.${field}`);
  }
  return optional;
}

/** What the models say the database holds, as "Table.column type NULL|NOT NULL" lines. */
function expectedColumns(models: readonly Model[], kind: DatabaseKind): string[] {
  const optional = optionalFields(readFileSync(SQLITE_SCHEMA, "utf8"));
  return models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === "scalar" || field.kind === "enum")
      .map((field) => {
        const type = COLUMN_TYPES[kind][field.type] ?? `unknown Prisma type ${field.type}`;
        return `${model.dbName ?? model.name}.${field.name} ${type} ${optional.has(`${model.name}.${field.name}`) ? "NULL" : "NOT NULL"}`;
      }),
  );
}

function describeColumns(columns: Column[]): string[] {
  return columns.map((c) => `${c.table}.${c.column} ${c.type} ${c.nullable ? "NULL" : "NOT NULL"}`);
}

/** Every difference between the models and the migrated database, as lines to read in a failure. */
function schemaDifferences(models: readonly Model[], columns: Column[], kind: DatabaseKind): string[] {
  const expected = new Set(expectedColumns(models, kind));
  const actual = new Set(describeColumns(columns));
  return [
    ...[...expected].filter((line) => !actual.has(line)).map((line) => `models have, database lacks: ${line}`),
    ...[...actual].filter((line) => !expected.has(line)).map((line) => `database has, models lack: ${line}`),
  ].sort();
}

/** The tables and columns of the migrated database the worker's client is on (Prisma's own table left out). */
async function migratedColumns(): Promise<Column[]> {
  if (databaseKind(databaseUrlOf(db)) === "postgresql") {
    const rows = await db.$queryRawUnsafe<{ table: string; column: string; type: string; nullable: string }[]>(
      `SELECT table_name::text AS "table", column_name::text AS "column", data_type::text AS "type", is_nullable::text AS "nullable"
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
    );
    return rows.map((r) => ({ ...r, nullable: r.nullable === "YES" }));
  }
  const rows = await db.$queryRawUnsafe<{ table: string; column: string; type: string; notnull: number | bigint }[]>(
    `SELECT m.name AS "table", p.name AS "column", p.type AS "type", p."notnull" AS "notnull"
       FROM sqlite_master m, pragma_table_info(m.name) p
      WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations'`,
  );
  return rows.map((r) => ({ table: r.table, column: r.column, type: r.type, nullable: Number(r.notnull) === 0 }));
}

describe("the schemas stay in step with prisma/schema.prisma", () => {
  it("GIVEN prisma/schema.prisma THEN the committed PostgreSQL schema is exactly what `npm run db:postgres` derives from it", () => {
    const derived = derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(readFileSync(POSTGRES_SCHEMA, "utf8"), `${POSTGRES_SCHEMA} is stale: run npm run --silent db:postgres -- --migration NAME`).toBe(derived);
  });

  it("GIVEN the database migrated by this run's migrations (SQLite's or PostgreSQL's) THEN its tables and columns are the models' fields, with their types and nullability", async () => {
    const kind = databaseKind(databaseUrlOf(db));
    const columns = await migratedColumns();
    expect(columns.length).toBeGreaterThan(0);
    const folder = kind === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations";
    expect(schemaDifferences(Prisma.dmmf.datamodel.models, columns, kind), `${folder} does not build the schema: a migration is missing or stale`).toEqual([]);
  });

  it("GIVEN a column a migration forgot, or one left behind THEN the check names each (it can fail)", async () => {
    const kind = databaseKind(databaseUrlOf(db));
    const columns = await migratedColumns();
    const [dropped, ...kept] = columns;
    const leftBehind = { table: dropped!.table, column: "retired", type: "TEXT", nullable: true };
    const differences = schemaDifferences(Prisma.dmmf.datamodel.models, [...kept, leftBehind], kind);
    expect(differences).toEqual(
      [`models have, database lacks: ${describeColumns([dropped!])[0]}`, `database has, models lack: ${describeColumns([leftBehind])[0]}`].sort(),
    );
  });
});
