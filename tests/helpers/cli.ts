import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { databaseUrl } from "~/lib/database-url";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cli` (app/cli/main.ts) as a user would (no shell: every argument arrives as typed), on this
 * worker's database: its exit code and output, whatever the code. The terminal is English
 * (LANG=C.UTF-8) unless `env` says otherwise.
 */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)("tsx", ["app/cli/main.ts", ...args], {
      env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", DATABASE_URL: databaseUrl(), ...env },
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number | string; stdout: string; stderr: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
