// First: the app's log is a terminal's (standard error, warnings and errors) before anything creates it.
import "./terminal-log";
import { parseArgs } from "node:util";
import { terminalLocalizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { withLocalizer } from "~/i18n/scope.server";
import { commands, usage } from "./commands";
import { UsageError } from "./usage-error";

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
