/**
 * `help` is where a user learns a command's options: every option a command takes is in its usage
 * line, and the usage names none it doesn't take (demo's --seed, --devstore-port and --export-rate
 * were missing).
 */
import { describe, expect, it } from "vitest";
import { commands, usage } from "~/cli/commands";
import { localizer } from "~/i18n/localizer";
import { withLocalizer } from "~/i18n/scope.server";

describe("the command line's help", () => {
  const help = withLocalizer(localizer("en"), () => usage());

  it.each(Object.keys(commands))("GIVEN `%s` THEN its usage names exactly the options it takes", async (name) => {
    const command = await commands[name]!();
    // Each command's usage: its lines starting with its name, and the lines indented under them.
    const blocks: string[][] = [];
    for (const line of help.split("\n")) {
      if (/^ {2}\S/.test(line)) blocks.push([line]);
      else if (/^ {3,}\S/.test(line)) blocks.at(-1)?.push(line);
    }
    const lines = blocks.filter((block) => block[0]!.startsWith(`  ${name} `) || block[0]!.trim() === name).flat();
    expect(lines.length, `no usage line for ${name}`).toBeGreaterThan(0);
    const named = new Set([...lines.join(" ").matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1]!));
    expect([...named].sort()).toEqual(Object.keys(command.options).sort());
  });
});
