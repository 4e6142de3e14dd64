// The command line's commands, each loaded when it runs (their modules import what they need inside
// `run`), and the usage every command's declared options must appear in (tests/cli/usage.test.ts).
import type { ParseArgsConfig } from "node:util";
import { currentLocalizer } from "~/i18n/scope";

export interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /**
   * How many words after the command it takes (an action, a file, an id); any more is a mistake.
   * Every command says, even when it is none: a default of none once refused `tokens reseal`.
   */
  maxPositionals: number;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number | void>;
}

export const commands: Record<string, () => Promise<Command>> = {
  devstore: async () => (await import("./devstore-command")).devstoreCommand,
  demo: async () => (await import("./demo-command")).demoCommand,
  sync: async () => (await import("./sync-command")).syncCommand,
  indicators: async () => (await import("./indicators-command")).indicatorsCommand,
  products: async () => (await import("./products-command")).productsCommand,
  targets: async () => (await import("./targets-command")).targetsCommand,
  promotions: async () => (await import("./promotions-command")).promotionsCommand,
  review: async () => (await import("./review-command")).reviewCommand,
  brief: async () => (await import("./brief-command")).briefCommand,
  costs: async () => (await import("./costs-command")).costsCommand,
  ads: async () => (await import("./ads-command")).adsCommand,
  tokens: async () => (await import("./tokens-command")).tokensCommand,
  jobs: async () => (await import("./jobs-command")).jobsCommand,
};

/** Each command as typed, then what it does in the terminal's language (under the command when it is long). */
export function usage(): string {
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
    ...line(
      [
        "devstore --fixture FILE [--port N] [--token T] [--app-url URL] [--api-secret S] [--plan standard|advanced|plus]",
        "         [--bucket-size N] [--restore-rate N]",
      ],
      t("cli.usage.devstore"),
    ),
    ...line("demo [--orders N] [--seed N] [--port N] [--devstore-port N] [--no-examples [--export-rate N]]", t("cli.usage.demo")),
    ...line("sync --shop DOMAIN [--admin-origin URL] [--token T] [--full]", t("cli.usage.sync")),
    ...line("indicators --shop DOMAIN --from YYYY-MM-DD --to YYYY-MM-DD [--by day|week|month|quarter] [--json]", t("cli.usage.indicators")),
    ...line("products --shop DOMAIN --from YYYY-MM-DD --to YYYY-MM-DD [--json]", t("cli.usage.products")),
    ...line(
      [
        "targets set --shop DOMAIN --indicator KEY --from YYYY-MM-DD --to YYYY-MM-DD --value N [--direction at_least|at_most] [--recurring] [--goal ID]",
        "targets status --shop DOMAIN [--on YYYY-MM-DD] [--json]",
      ],
      t("cli.usage.targets"),
    ),
    ...line("promotions import --shop DOMAIN [--owner NAME] FILE.csv | promotions list --shop DOMAIN [--json]", t("cli.usage.promotions")),
    ...line("review --shop DOMAIN [--week YYYY-Www] [--json]", t("cli.usage.review")),
    ...line("brief --shop DOMAIN [--week YYYY-Www] [--json] [--send]", t("brief.cli.usage")),
    ...line(
      [
        "costs show --shop DOMAIN [--json]",
        "costs set fee --shop DOMAIN --gateway NAME --rate FRACTION [--fixed-fee AMOUNT]",
        "costs set shipping --shop DOMAIN --destination CC|rest_of_world --per-order AMOUNT [--per-unit AMOUNT]",
        "costs set cost --shop DOMAIN [--id ID] --name TEXT --kind monthly|one_off|percent_of_net_sales [--amount AMOUNT] [--rate FRACTION]",
        "                [--from-month YYYY-MM] [--to-month YYYY-MM] [--date YYYY-MM-DD]",
        "costs set default-rate --shop DOMAIN --rate FRACTION",
        "costs remove fee|shipping|cost|default-rate --shop DOMAIN [--gateway NAME|--destination CC|--id ID]",
        "costs import-shipping --shop DOMAIN FILE.csv",
      ],
      t("cli.usage.costs"),
    ),
    ...line(
      [
        "ads connect --shop DOMAIN --platform meta|google|tiktok [--origin URL]",
        "ads list --shop DOMAIN [--json]",
        "ads sync --shop DOMAIN",
        "ads rate --shop DOMAIN --currency CODE --month YYYY-MM --rate RATE",
        "ads import --shop DOMAIN SPEND.csv",
      ],
      t("cli.usage.ads"),
    ),
    ...line("tokens reseal [--json]", t("cli.usage.tokens")),
    ...line("jobs [list] [--failed|--all] [--shop DOMAIN] [--json] | jobs retry ID", t("cli.usage.jobs")),
  ].join("\n");
}
