import { describe, expect, it } from "vitest";
import { commandPrefix, commandTable, inlineCommands, jsonShapes, parseShape, rowName, shapeMismatch, shellBlocks, syntaxVariants } from "./readme";

// The reading of README.md that tests/readme/commands.test.ts relies on, checked on a small README
// of its own: that it finds what is there, and that its shape check can fail.
const README = [
  "# Tool",
  "",
  "## The command line",
  "",
  "`npm run --silent cli -- <command>`; bad arguments exit 2.",
  "",
  "| command | what it does |",
  "|---|---|",
  "| `jobs [list] [--failed\\|--all] [--json]` | the jobs |",
  '| `report --shop DOMAIN [--by day\\|week] [--json]` | `{"rows": [{"day", "total"}]}`, with `--by` `{"series": [{"start", "indicators": {…}}]}` |',
  "| `demo [--orders N] [--no-examples [--export-rate N]]` | a demo |",
  "",
  "Then run `npm run --silent cli -- jobs retry 7` once it is fixed.",
  "",
  "```sh",
  "npm run --silent cli -- devstore --port 4555 &   # serves",
  "curl -H 'X-Token: a # not a comment' \\",
  "  http://127.0.0.1:4555/x",
  "```",
  "",
  "### Elsewhere",
  "",
  "```json",
  '{"not": "a command"}',
  "```",
].join("\n");

describe("reading the README's commands", () => {
  it("GIVEN the command line table THEN each row's syntax (pipes unescaped), its name and the prefix rows are typed after", () => {
    const rows = commandTable(README);
    expect(rows.map((row) => row.syntax)).toEqual([
      "jobs [list] [--failed|--all] [--json]",
      "report --shop DOMAIN [--by day|week] [--json]",
      "demo [--orders N] [--no-examples [--export-rate N]]",
    ]);
    expect(rows.map((row) => rowName(row.syntax))).toEqual(["jobs", "report", "demo"]);
    expect(commandPrefix(README)).toBe("npm run --silent cli --");
  });

  it("GIVEN a syntax with nested options and alternatives THEN what is typed with only what it requires, and with every option (the first alternative)", () => {
    expect(syntaxVariants("demo [--orders N] [--no-examples [--export-rate N]]")).toEqual({
      required: ["demo"],
      everyOption: ["demo", "--orders", "N", "--no-examples", "--export-rate", "N"],
    });
    expect(syntaxVariants("jobs [list] [--failed|--all] [--json]").everyOption).toEqual(["jobs", "list", "--failed", "--json"]);
    expect(() => syntaxVariants("jobs [list")).toThrow(/unclosed/);
  });

  it("GIVEN shell blocks THEN their commands, continuation lines joined and comments cut (not a # inside quotes); other languages' blocks are not commands", () => {
    expect(shellBlocks(README)).toEqual([
      {
        heading: "The command line",
        lines: ["npm run --silent cli -- devstore --port 4555 &", "curl -H 'X-Token: a # not a comment' http://127.0.0.1:4555/x"],
      },
    ]);
    expect(inlineCommands(README, "npm run --silent cli --")).toEqual(["npm run --silent cli -- jobs retry 7"]);
  });

  it("GIVEN a row's JSON shapes THEN output of exactly that shape passes, and a missing, an extra or a mistyped part is named", () => {
    const [rows, series] = jsonShapes(commandTable(README)[1]!.does) as [ReturnType<typeof parseShape>, ReturnType<typeof parseShape>];
    expect(shapeMismatch({ rows: [{ day: "2026-03-01", total: 3 }] }, rows)).toBeUndefined();
    expect(shapeMismatch({ rows: [] }, rows)).toBeUndefined();
    expect(shapeMismatch({ rows: [{ day: "2026-03-01" }] }, rows)).toBe('$.rows[0] lacks ["total"] and has undocumented []');
    expect(shapeMismatch({ rows: [{ day: "2026-03-01", total: 3, secret: 1 }] }, rows)).toBe('$.rows[0] lacks [] and has undocumented ["secret"]');
    expect(shapeMismatch({ rows: {} }, rows)).toBe("$.rows is not an array");
    expect(shapeMismatch({ series: [{ start: "2026-03-01", indicators: { orders: 1 } }] }, series)).toBeUndefined();
    expect(shapeMismatch({ series: [{ start: "2026-03-01", indicators: null }] }, series)).toBe("$.series[0].indicators is null, not an object");
    expect(() => parseShape('{"a": [}')).toThrow(/JSON shape/);
  });
});
