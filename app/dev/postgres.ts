// npm run --silent postgres -- start|stop|url
//
// A private PostgreSQL server for development, tests and benchmarks: a cluster of this checkout's
// own (tmp/postgres) listening on loopback only (its own port, its socket in the cluster's folder),
// never the machine's own server. `start` prints the DATABASE_URL of its `throughline` database;
// `stop` shuts it down. PostgreSQL refuses to run as root: when root, the cluster belongs to the
// `postgres` user (Debian's package creates it), the commands run as that user, and the cluster
// lives where that user can reach it (`clusterFolder`).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";

const PORT = Number(process.env.THROUGHLINE_PG_PORT ?? 55432);
const DATABASE = "throughline";
const asRoot = () => userInfo().uid === 0;

/**
 * Where a checkout's cluster lives. Its own `tmp/postgres`, unless root runs the scripts: the server
 * then runs as the `postgres` user, who can't reach a checkout inside a private folder (a 0700
 * temporary directory as `mktemp -d` makes, /root), so the cluster goes in that user's home, in a
 * folder named after the checkout's name and a hash of its path (two checkouts never share one).
 */
export function clusterFolder({ uid, checkout, postgresHome }: { uid: number; checkout: string; postgresHome: string }): string {
  if (uid !== 0) return path.join(checkout, "tmp", "postgres");
  const name = path
    .basename(checkout)
    .replace(/[^\w.-]/g, "_")
    .slice(0, 40);
  const hash = createHash("sha256").update(checkout).digest("hex").slice(0, 12);
  return path.join(postgresHome, `throughline-${name}-${hash}`);
}

/** The `postgres` user's id, group and home (root only: the cluster is theirs). */
function postgresUser(): { uid: number; gid: number; home: string } {
  let entry: string;
  try {
    entry = execFileSync("getent", ["passwd", "postgres"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("PostgreSQL refuses to run as root, and there is no `postgres` user to run it (Debian's postgresql package creates one)");
  }
  const [, , uid, gid, , home] = entry.split(":");
  return { uid: Number(uid), gid: Number(gid), home: home! };
}

let dir: string | undefined;
/** This checkout's cluster folder (THROUGHLINE_PG_DIR overrides it), found when first needed. */
function clusterDir(): string {
  dir ??= process.env.THROUGHLINE_PG_DIR
    ? path.resolve(process.env.THROUGHLINE_PG_DIR)
    : clusterFolder({ uid: userInfo().uid, checkout: realpathSync("."), postgresHome: asRoot() ? postgresUser().home : "" });
  return dir;
}

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
  const [file, argv] = asRoot() ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  // From the cluster's parent: as `postgres`, the checkout itself may be out of reach.
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], cwd: path.dirname(clusterDir()) });
}

export const postgresUrl = (database = DATABASE) => `postgresql://postgres@127.0.0.1:${PORT}/${database}`;

function running(): boolean {
  try {
    run(path.join(binaries(), "pg_ctl"), ["-D", clusterDir(), "status"]);
    return true;
  } catch {
    return false;
  }
}

export function startPostgres(): string {
  const bin = binaries();
  const folder = clusterDir();
  if (!existsSync(path.join(folder, "PG_VERSION"))) {
    mkdirSync(path.dirname(folder), { recursive: true });
    if (!existsSync(folder)) mkdirSync(folder, { mode: 0o700 });
    if (asRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(folder, uid, gid);
    }
    run(path.join(bin, "initdb"), ["-D", folder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale", "C"]);
    // Tests open a database per worker; benchmarks run two app instances with their pools.
    const conf = path.join(folder, "postgresql.conf");
    writeFileSync(conf, `${readFileSync(conf, "utf8")}\nmax_connections = 300\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n`);
  }
  if (!running()) {
    const log = path.join(folder, "server.log");
    try {
      run(path.join(bin, "pg_ctl"), ["-D", folder, "-o", `-p ${PORT} -k ${folder} -c listen_addresses=127.0.0.1`, "-l", log, "-w", "start"]);
    } catch (error) {
      // Every checkout's private server listens on 55432 unless told otherwise.
      if (
        existsSync(log) &&
        readFileSync(log, "utf8")
          .split("\n")
          .slice(-20)
          .some((line) => line.includes("Address already in use"))
      ) {
        throw new Error(`port ${PORT} is taken (another checkout's private server?): set THROUGHLINE_PG_PORT to a free port for this checkout`);
      }
      throw error;
    }
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
  if (running()) run(path.join(binaries(), "pg_ctl"), ["-D", clusterDir(), "-m", "fast", "-w", "stop"]);
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
