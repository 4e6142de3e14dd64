import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { databaseUrl } from "~/lib/database-url";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a command run in a test: an English terminal (LANG=C.UTF-8) on this worker's database, unless `env` says otherwise. */
export function commandEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", DATABASE_URL: databaseUrl(), ...env };
}

async function run(file: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { env: commandEnv(env), timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number | string; stdout: string; stderr: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * Runs `cli` (app/cli/main.ts) as a user would (no shell: every argument arrives as typed), on this
 * worker's database: its exit code and output, whatever the code.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return run("tsx", ["app/cli/main.ts", ...args], env);
}

/** Runs a command line as typed at a shell prompt (`npm run --silent cli -- …`, `curl …`), on this worker's database. */
export function runShell(line: string, env: Record<string, string> = {}): Promise<CliRun> {
  return run("sh", ["-c", line], env);
}
