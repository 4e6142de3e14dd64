// Run by `npm run setup` after the migrations: SQLite databases use write-ahead logging, so the app
// keeps reading while a bulk import writes (the mode is stored in the file and stays).
import Database from "libsql";
import { databaseUrl } from "~/lib/database-url";

export function enableWriteAheadLog(url: string): void {
  if (!url.startsWith("file:")) return;
  const db = new Database(url.slice("file:".length));
  try {
    db.prepare("PRAGMA journal_mode = WAL").all();
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) enableWriteAheadLog(databaseUrl());
