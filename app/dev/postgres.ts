// npm run --silent postgres -- start|stop|url
//
// A private PostgreSQL server for development, tests and benchmarks: a cluster in tmp/postgres
// listening on loopback only (its own port, its socket in the cluster's folder), never the
// machine's own server. `start` prints the DATABASE_URL of its `throughline` database; `stop`
// shuts it down. PostgreSQL refuses to run as root: when root, the cluster belongs to the
// `postgres` user (Debian's package creates it) and the commands run as that user.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";

const DIR = path.resolve(process.env.THROUGHLINE_PG_DIR ?? "tmp/postgres");
const PORT = Number(process.env.THROUGHLINE_PG_PORT ?? 55432);
const DATABASE = "throughline";

function installedBinaries(): string | undefined {
  for (const version of ["17", "16", "15"]) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  return undefined;
}

/** Whether this machine can run the private server (`npm test` runs the PostgreSQL suite only then). */
export const postgresInstalled = (): boolean => installedBinaries() !== undefined;

function binaries(): string {
  const dir = installedBinaries();
  if (dir === undefined) throw new Error("PostgreSQL's server binaries are not installed (Debian: apt-get install postgresql)");
  return dir;
}

function run(command: string, args: string[]): string {
  const asRoot = userInfo().uid === 0;
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export const postgresUrl = (database = DATABASE) => `postgresql://postgres@127.0.0.1:${PORT}/${database}`;

function running(): boolean {
  try {
    run(path.join(binaries(), "pg_ctl"), ["-D", DIR, "status"]);
    return true;
  } catch {
    return false;
  }
}

export function startPostgres(): string {
  const bin = binaries();
  if (!existsSync(path.join(DIR, "PG_VERSION"))) {
    mkdirSync(DIR, { recursive: true });
    if (userInfo().uid === 0) {
      const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
      chownSync(DIR, id("-u"), id("-g"));
    }
    run(path.join(bin, "initdb"), ["-D", DIR, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale", "C"]);
    // Tests open a database per worker; benchmarks run two app instances with their pools.
    const conf = path.join(DIR, "postgresql.conf");
    writeFileSync(conf, `${readFileSync(conf, "utf8")}\nmax_connections = 300\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n`);
  }
  if (!running()) {
    run(path.join(bin, "pg_ctl"), ["-D", DIR, "-o", `-p ${PORT} -k ${DIR} -c listen_addresses=127.0.0.1`, "-l", path.join(DIR, "server.log"), "-w", "start"]);
  }
  const exists = run(path.join(bin, "psql"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(PORT),
    "-U",
    "postgres",
    "-tAc",
    `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`,
  ]).trim();
  if (exists !== "1") run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(PORT), "-U", "postgres", DATABASE]);
  return postgresUrl();
}

export function stopPostgres(): void {
  if (running()) run(path.join(binaries(), "pg_ctl"), ["-D", DIR, "-m", "fast", "-w", "stop"]);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const command = process.argv[2];
  if (command === "start") console.log(startPostgres());
  else if (command === "stop") stopPostgres();
  else if (command === "url") console.log(postgresUrl());
  else {
    console.error("usage: npm run --silent postgres -- start|stop|url");
    process.exit(2);
  }
}
