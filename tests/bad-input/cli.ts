import { runCli, type CliRun } from "../helpers/cli";

export type { CliRun };

/** The command line in an English terminal, with the arguments as typed. */
export const cli = (...args: string[]): Promise<CliRun> => runCli(args);

/** stdout without the Shopify library's start-up notice (printed when a command loads the app's Shopify configuration). */
export function printed(run: CliRun): string {
  return run.stdout.replace(/^\[shopify-api\/INFO\].*\n/gm, "");
}
