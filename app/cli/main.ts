import { parseArgs, type ParseArgsConfig } from "node:util";
import { terminalLocalizer } from "~/i18n/localizer";
import { withLocalizer } from "~/i18n/scope.server";
import { UsageError } from "./usage-error";

interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Words after the command it takes (an action, a file); any more is a mistake. None unless said. */
  maxPositionals?: number;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number | void>;
}

const commands: Record<string, () => Promise<Command>> = {
  devstore: async () => (await import("./devstore-command")).devstoreCommand,
  demo: async () => (await import("./demo-command")).demoCommand,
  sync: async () => (await import("./sync-command")).syncCommand,
  indicators: async () => (await import("./indicators-command")).indicatorsCommand,
  products: async () => (await import("./products-command")).productsCommand,
  targets: async () => (await import("./targets-command")).targetsCommand,
  promotions: async () => (await import("./promotions-command")).promotionsCommand,
  tokens: async () => (await import("./tokens-command")).tokensCommand,
  jobs: async () => (await import("./jobs-command")).jobsCommand,
};

function usage(): string {
  return [
    "Usage: npm run --silent cli -- <command> [options]",
    "",
    "Commands:",
    "  devstore --fixture FILE [--port N] [--token T]   serve a store file as a local Admin GraphQL API",
    "  demo [--orders N] [--port N] [--no-examples]     generate a demo store, sync it, add example goals and promotions, serve the app",
    "  sync --shop DOMAIN [--admin-origin URL] [--full] copy a shop's orders and products",
    "  indicators --shop DOMAIN --from YYYY-MM-DD --to YYYY-MM-DD [--by day|week|month|quarter] [--json]",
    "                                                   the store's indicators (METRICS.md) for a period",
    "  products --shop DOMAIN --from YYYY-MM-DD --to YYYY-MM-DD [--json]",
    "                                                   per-product indicators for a period",
    "  targets set --shop DOMAIN --indicator KEY --from YYYY-MM-DD --to YYYY-MM-DD --value N [--direction at_least|at_most] [--recurring]",
    "  targets status --shop DOMAIN [--on YYYY-MM-DD] [--json]",
    "                                                   set an indicator target; pacing of every target",
    "  promotions import --shop DOMAIN FILE.csv | promotions list --shop DOMAIN [--json]",
    "                                                   import promotions from a spreadsheet; their results",
    "  tokens reseal [--json]                           after rotating TOKEN_ENCRYPTION_KEY: seal every stored token with it",
    "  jobs [list] [--failed|--all] [--shop DOMAIN] [--json] | jobs retry ID",
    "                                                   background jobs queued, running and failed (with their error); retry a failed one",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) throw new UsageError(`unknown command "${name.slice(0, 40)}" (commands: ${Object.keys(commands).join(", ")})`);
  const command = await load();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's words name the option as typed: a hostile one is cut short, and the message stays one line.
    throw new UsageError(`${name}: ${(error as Error).message.split("\n")[0]!.slice(0, 300)}`);
  }
  const extra = parsed.positionals.slice(command.maxPositionals ?? 0);
  if (extra.length > 0) throw new UsageError(`${name}: unexpected argument "${extra[0]!.slice(0, 40)}" (see npm run --silent cli -- help)`);
  // The command speaks the terminal's language (LANG): its messages and the errors of what it calls.
  return (await withLocalizer(terminalLocalizer(), () => command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals))) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      // One line, whatever the typed values held.
      process.stderr.write(`error: ${error.message.replace(/\s*[\r\n]+\s*/g, " ")}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
