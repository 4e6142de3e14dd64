/** Which database a URL names: `postgresql://` (or `postgres://`) is PostgreSQL, anything else SQLite. */
export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}
