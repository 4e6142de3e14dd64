import { parseArgs, type ParseArgsConfig } from "node:util";
import { terminalLocalizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { withLocalizer } from "~/i18n/scope.server";
import { UsageError } from "./usage-error";

interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /**
   * How many words after the command it takes (an action, a file, an id); any more is a mistake.
   * Every command says, even when it is none: a default of none once refused `tokens reseal`.
   */
  maxPositionals: number;
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

/** Each command as typed, then what it does in the terminal's language (under the command when it is long). */
function usage(): string {
  const { t } = currentLocalizer();
  const column = 51;
  const line = (syntax: string | string[], does: string) => {
    const lines = Array.isArray(syntax) ? syntax : [syntax];
    const last = lines[lines.length - 1]!;
    return [
      ...lines.slice(0, -1).map((text) => `  ${text}`),
      last.length < column - 2 ? `  ${last.padEnd(column - 2)}${does}` : `  ${last}\n${" ".repeat(column)}${does}`,
    ];
  };
  return [
    t("cli.usage.title", { command: t("cli.usage.command"), options: t("cli.usage.options") }),
    "",
    t("cli.usage.commands"),
    ...line("devstore --fixture FILE [--port N] [--token T]", t("cli.usage.devstore")),
    ...line("demo [--orders N] [--port N] [--no-examples]", t("cli.usage.demo")),
    ...line("sync --shop DOMAIN [--admin-origin URL] [--full]", t("cli.usage.sync")),
    ...line("indicators --shop DOMAIN --from YYYY-MM-DD --to YYYY-MM-DD [--by day|week|month|quarter] [--json]", t("cli.usage.indicators")),
    ...line("products --shop DOMAIN --from YYYY-MM-DD --to YYYY-MM-DD [--json]", t("cli.usage.products")),
    ...line(
      [
        "targets set --shop DOMAIN --indicator KEY --from YYYY-MM-DD --to YYYY-MM-DD --value N [--direction at_least|at_most] [--recurring] [--goal ID]",
        "targets status --shop DOMAIN [--on YYYY-MM-DD] [--json]",
      ],
      t("cli.usage.targets"),
    ),
    ...line("promotions import --shop DOMAIN FILE.csv | promotions list --shop DOMAIN [--json]", t("cli.usage.promotions")),
    ...line("tokens reseal [--json]", t("cli.usage.tokens")),
    ...line("jobs [list] [--failed|--all] [--shop DOMAIN] [--json] | jobs retry ID", t("cli.usage.jobs")),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const { t } = currentLocalizer();
  if (!name || name === "--help" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) throw new UsageError(t("cli.args.unknownCommand", { name: name.slice(0, 40), commands: Object.keys(commands).join(", ") }));
  const command = await load();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's words (English) name the option as typed: a hostile one is cut short, and the message stays one line.
    throw new UsageError(t("cli.args.badOption", { command: name, problem: (error as Error).message.split("\n")[0]!.slice(0, 300) }));
  }
  const extra = parsed.positionals.slice(command.maxPositionals);
  if (extra.length > 0) throw new UsageError(t("cli.args.unexpected", { command: name, argument: extra[0]!.slice(0, 40) }));
  return (await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals)) ?? 0;
}

// The command line speaks the terminal's language (LANG): its messages, and the errors of what it calls.
const terminal = terminalLocalizer();
withLocalizer(terminal, () => main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      // One line, whatever the typed values held.
      process.stderr.write(`${terminal.t("cli.error", { message: error.message.replace(/\s*[\r\n]+\s*/g, " ") })}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${terminal.t("cli.error", { message: error instanceof Error ? error.message : String(error) })}\n`);
    process.exitCode = 1;
  },
);
