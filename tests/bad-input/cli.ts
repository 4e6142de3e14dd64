import { runCli, type CliRun } from "../helpers/cli";

export type { CliRun };

/** The command line in an English terminal, with the arguments as typed. */
export const cli = (...args: string[]): Promise<CliRun> => runCli(args);
