/**
 * The commands README.md shows, read from its text: the rows of "The command line" table (each
 * row's syntax, expanded to what a reader would type), the shell lines of its code blocks, and the
 * command-line invocations written inline. Pure: tests/readme/commands.test.ts runs what this finds.
 */

/** One row of "The command line": its syntax as written (Markdown's `\|` unescaped) and what it does. */
export interface TableRow {
  syntax: string;
  does: string;
}

/** A fenced shell block: the section it is under and its commands, one a line (continuations joined, comments cut). */
export interface ShellBlock {
  heading: string;
  lines: string[];
}

/** The text under a heading, up to the next heading of any level up to ###. */
export function section(readme: string, heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/^#{1,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The prefix every table row is typed after, from the section's first line (`npm run --silent cli -- <command>`). */
export function commandPrefix(readme: string): string {
  const match = /`([^`<]+) <command>`/.exec(section(readme, "## The command line"));
  if (!match) throw new Error("README.md's command line section no longer says how a command is typed (`… <command>`)");
  return match[1]!.trim();
}

export function commandTable(readme: string): TableRow[] {
  return section(readme, "## The command line")
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
      const syntax = /^`(.+)`$/.exec(cells[1]!)?.[1];
      if (!syntax) throw new Error(`a row of the command line table whose first cell is not one code span: ${line.slice(0, 120)}`);
      return { syntax, does: cells.slice(2).join("|") };
    });
}

export function shellBlocks(readme: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  let heading = "";
  const lines = readme.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^#{1,4} /.test(line)) heading = line.replace(/^#+ /, "");
    const fence = /^```(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index] !== "```"; index++) body.push(lines[index]!);
    // A block without a language is read as shell too: a command in it is still a command shown.
    if (["", "sh", "bash", "shell"].includes(fence[1]!)) blocks.push({ heading, lines: joinShellLines(body) });
  }
  return blocks;
}

function joinShellLines(body: string[]): string[] {
  const commands: string[] = [];
  let pending = "";
  for (const raw of body) {
    const line = pending ? pending + raw.trimStart() : raw;
    if (/\\\s*$/.test(line)) {
      pending = `${line.replace(/\\\s*$/, "").trimEnd()} `;
      continue;
    }
    pending = "";
    const command = withoutComment(line).trim();
    if (command) commands.push(command);
  }
  return commands;
}

/** A `#` after a space, outside quotes, starts a comment. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "#" && (index === 0 || /\s/.test(line[index - 1]!))) {
      return line.slice(0, index);
    }
  }
  return line;
}

/** Command-line invocations written inline in the prose (`npm run --silent cli -- tokens reseal`), outside the table. */
export function inlineCommands(readme: string, prefix: string): string[] {
  const prose = readme.replace(/^```[\s\S]*?^```$/gm, "");
  const found = new Set<string>();
  for (const line of prose.split("\n")) {
    if (line.startsWith("| `")) continue;
    for (const match of line.matchAll(/`([^`]+)`/g)) {
      const span = match[1]!.trim();
      if (span.startsWith(`${prefix} `) && !/[<[]/.test(span)) found.add(span);
    }
  }
  return [...found];
}

type SyntaxItem = { word: string } | { optional: SyntaxItem[] };

function parseSyntax(syntax: string): SyntaxItem[] {
  const tokens = syntax.replace(/\[/g, " [ ").replace(/\]/g, " ] ").split(/\s+/).filter(Boolean);
  let position = 0;
  const sequence = (): SyntaxItem[] => {
    const items: SyntaxItem[] = [];
    while (position < tokens.length && tokens[position] !== "]") {
      const token = tokens[position++]!;
      if (token === "[") {
        items.push({ optional: sequence() });
        if (tokens[position++] !== "]") throw new Error(`unclosed [ in ${syntax}`);
      } else {
        items.push({ word: token });
      }
    }
    return items;
  };
  const items = sequence();
  if (position < tokens.length) throw new Error(`unopened ] in ${syntax}`);
  return items;
}

/**
 * What a reader types from a row's syntax: with only what it requires, and with every option it
 * shows (nested ones too). Where a word offers alternatives (`--failed|--all`, `day|week`), the first.
 */
export function syntaxVariants(syntax: string): { required: string[]; everyOption: string[] } {
  const expand = (items: SyntaxItem[], withOptions: boolean): string[] =>
    items.flatMap((item) => ("word" in item ? [item.word.split("|")[0]!] : withOptions ? expand(item.optional, true) : []));
  const items = parseSyntax(syntax);
  return { required: expand(items, false), everyOption: expand(items, true) };
}

/** A placeholder of the syntax (DOMAIN, FILE.csv, YYYY-MM-DD, YYYY-MM, N, KEY…): capitals, not an option or a literal word. */
export const isPlaceholder = (word: string): boolean => /^(?:[A-Z]+|YYYY-MM-DD|YYYY-MM|YYYY-Www)(?:\.[a-z]+)?$/.test(word);

/** The command a row names: its leading literal words (`targets status`, `jobs retry`). */
export function rowName(syntax: string): string {
  const words: string[] = [];
  for (const word of syntax.split(/\s+/)) {
    if (word.startsWith("-") || word.startsWith("[") || isPlaceholder(word)) break;
    words.push(word);
  }
  return words.join(" ");
}

/**
 * A JSON shape as the table writes it: `{"products": [{"product_id", "title"}]}` (an object's keys,
 * each with its value's shape where given), `[…]` every element alike, `{…}` any object.
 */
export type Shape = { kind: "any-object" } | { kind: "object"; keys: Map<string, Shape | undefined> } | { kind: "array"; element: Shape };

/** Every JSON shape a row's description shows (the code spans that open with `{"`). */
export function jsonShapes(does: string): Shape[] {
  return [...does.matchAll(/`(\{"[^`]*)`/g)].map((match) => parseShape(match[1]!));
}

export function parseShape(text: string): Shape {
  const tokens = text.match(/"[^"]*"|[{}[\]:,…]/g) ?? [];
  let position = 0;
  const expect = (token: string) => {
    if (tokens[position++] !== token) throw new Error(`JSON shape ${text}: expected ${token} at token ${position}`);
  };
  const value = (): Shape => {
    if (tokens[position] === "[") {
      position++;
      const element = value();
      expect("]");
      return { kind: "array", element };
    }
    expect("{");
    if (tokens[position] === "…") {
      position++;
      expect("}");
      return { kind: "any-object" };
    }
    const keys = new Map<string, Shape | undefined>();
    while (tokens[position] !== "}") {
      const key = tokens[position++];
      if (!key?.startsWith('"')) throw new Error(`JSON shape ${text}: expected a key at token ${position}`);
      let shape: Shape | undefined;
      if (tokens[position] === ":") {
        position++;
        shape = value();
      }
      keys.set(key.slice(1, -1), shape);
      if (tokens[position] === ",") position++;
    }
    expect("}");
    return { kind: "object", keys };
  };
  const shape = value();
  if (position !== tokens.length) throw new Error(`JSON shape ${text}: more after the end`);
  return shape;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Where a value departs from the shape (at which path, how), or undefined when it has exactly that shape. */
export function shapeMismatch(value: unknown, shape: Shape, at = "$"): string | undefined {
  if (shape.kind === "any-object") return isObject(value) ? undefined : `${at} is ${JSON.stringify(value)}, not an object`;
  if (shape.kind === "array") {
    if (!Array.isArray(value)) return `${at} is not an array`;
    for (const [index, element] of value.entries()) {
      const mismatch = shapeMismatch(element, shape.element, `${at}[${index}]`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (!isObject(value)) return `${at} is not an object`;
  const missing = [...shape.keys.keys()].filter((key) => !(key in value));
  const extra = Object.keys(value).filter((key) => !shape.keys.has(key));
  if (missing.length || extra.length) return `${at} lacks ${JSON.stringify(missing)} and has undocumented ${JSON.stringify(extra)}`;
  for (const [key, inner] of shape.keys) {
    const mismatch = inner && shapeMismatch(value[key], inner, `${at}.${key}`);
    if (mismatch) return mismatch;
  }
  return undefined;
}
