/** The database every command uses: DATABASE_URL, or the SQLite file the README documents. */
export const DEFAULT_DATABASE_URL = "file:prisma/dev.sqlite";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}
