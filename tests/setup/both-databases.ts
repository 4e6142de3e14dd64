// `npm test`'s last step: the whole vitest suite on SQLite, then again on PostgreSQL (decision 007:
// the app supports both, so every test runs on both). Arguments go to both runs (`npm test --
// tests/promotions`). A machine without PostgreSQL's server binaries runs SQLite only and says so;
// with THROUGHLINE_TEST_REQUIRE_POSTGRES=1 (CI) that is a failure instead.
import { spawnSync } from "node:child_process";
import { postgresInstalled } from "../../app/dev/postgres";

const args = process.argv.slice(2);

function suite(database: "sqlite" | "postgresql"): boolean {
  console.log(`\nnpm test: the suite on ${database === "sqlite" ? "SQLite" : "PostgreSQL"}`);
  const run = spawnSync("vitest", ["run", ...args], { stdio: "inherit", env: { ...process.env, THROUGHLINE_TEST_DATABASE: database } });
  return run.status === 0;
}

const sqlite = suite("sqlite");
let postgresql = true;
if (postgresInstalled()) {
  postgresql = suite("postgresql");
} else if (process.env.THROUGHLINE_TEST_REQUIRE_POSTGRES === "1") {
  console.error(
    "npm test: PostgreSQL's server binaries are not installed (Debian: apt-get install postgresql), and THROUGHLINE_TEST_REQUIRE_POSTGRES=1 requires the PostgreSQL run",
  );
  postgresql = false;
} else {
  console.log("\nnpm test: SKIPPED the PostgreSQL run: its server binaries are not installed (/usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)");
}
if (!sqlite || !postgresql) {
  console.error(`npm test: failed on ${[!sqlite && "SQLite", !postgresql && "PostgreSQL"].filter(Boolean).join(" and ")}`);
  process.exit(1);
}
