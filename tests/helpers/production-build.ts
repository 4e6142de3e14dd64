import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { runDbDir } from "../setup/test-database";

/**
 * `npm run build` once per test run, for the test files that run the production server as
 * `npm start` does: they run side by side, and two builds writing `build/` at once would break
 * each other. The first file to ask builds (it holds the run's lock, a directory made atomically);
 * the others wait for its outcome.
 */
export async function productionBuild(): Promise<void> {
  const dir = runDbDir();
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, "production-build.lock");
  const outcome = path.join(dir, "production-build.outcome");
  let builder = false;
  try {
    mkdirSync(lock);
    builder = true;
  } catch {
    // Another file of this run is building.
  }
  if (builder) {
    let result = "ok";
    try {
      await promisify(execFile)("npm", ["run", "--silent", "build"], { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      result = `the production build failed:\n${stdout ?? ""}${stderr ?? String(error)}`;
    }
    // Written whole, then renamed: a waiting file never reads it half-written.
    writeFileSync(`${outcome}.partial`, result);
    renameSync(`${outcome}.partial`, outcome);
  }
  for (let waited = 0; !existsSync(outcome); waited += 200) {
    if (waited > 180_000) throw new Error("the production build of this run did not finish within 3 minutes");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const result = readFileSync(outcome, "utf8");
  if (result !== "ok") throw new Error(result);
}
