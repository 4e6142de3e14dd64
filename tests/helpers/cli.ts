import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { databaseUrl } from "~/lib/database-url";

const run = promisify(execFile);

/** Runs `cli` (app/cli/main.ts) on the test database: its exit code and output, whatever the code. */
/** Runs the CLI as a terminal in English would (LANG=C.UTF-8), unless `env` says otherwise. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("tsx", ["app/cli/main.ts", ...args], { env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", DATABASE_URL: databaseUrl(), ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
