/**
 * The PostgreSQL adapter Prisma's schema engine migrates through (prisma.config.ts only; the app
 * uses @prisma/adapter-pg as it is). Prisma 6.19's adapter has no mapping for PostgreSQL's `name`
 * type (OID 19), which the schema engine reads from the catalog, so `migrate deploy` fails with
 * "Column type 'name' could not be deserialized" (prisma/prisma#27403, STACK.md). Here every
 * result's `name` columns are declared text (what they are, as strings) before the adapter maps them.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { FieldDef } from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

interface PerformsIO {
  performIO(query: unknown): Promise<{ fields: FieldDef[] }>;
  startTransaction?(isolationLevel?: unknown): Promise<unknown>;
}

function namesAsText<T>(queryable: T): T {
  const target = queryable as unknown as PerformsIO;
  const perform = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await perform(query);
    for (const field of result.fields) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
  const start = target.startTransaction?.bind(target);
  if (start) target.startTransaction = async (isolationLevel) => namesAsText(await start(isolationLevel));
  return queryable;
}

export function postgresMigrationAdapter(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  // The CLI never closes the pool: let the process exit once its connections are idle.
  const factory = new PrismaPg({ connectionString, allowExitOnIdle: true, idleTimeoutMillis: 100 });
  return {
    provider: "postgres",
    adapterName: factory.adapterName,
    connect: async () => namesAsText(await factory.connect()),
    connectToShadowDb: async () => namesAsText(await factory.connectToShadowDb()),
  };
}
