import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { databaseUrl } from "~/lib/database-url";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line as a user would (no shell: every argument arrives as typed), on this worker's database. */
export async function cli(...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)("tsx", ["app/cli/main.ts", ...args], { env: { ...process.env, DATABASE_URL: databaseUrl() }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number | string; stdout: string; stderr: string; killed?: boolean };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** stdout without the Shopify library's start-up notice (printed when a command loads the app's Shopify configuration). */
export function printed(run: CliRun): string {
  return run.stdout.replace(/^\[shopify-api\/INFO\].*\n/gm, "");
}
