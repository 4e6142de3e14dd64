import { parseArgs } from "node:util";

/**
 * A benchmark's options: numbers, all whole numbers above 0 (`positive(name, fallback)` gives the
 * value or the fallback; anything else stops the benchmark with the reason, exit 2, before it starts
 * work), one of a few words (`oneOf(name, words, fallback)`, the same way), and switches without a
 * value (`flag(name)`).
 */
export function benchOptions<Name extends string, Flag extends string = never>(bench: string, names: readonly Name[], flags: readonly Flag[] = []) {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(names.map((name) => [name, { type: "string" as const }])),
      ...Object.fromEntries(flags.map((name) => [name, { type: "boolean" as const }])),
    },
  });
  const given = values as Partial<Record<Name, string>>;
  return {
    given: (name: Name) => given[name] !== undefined,
    /** A word among `choices` (the first is the fallback); anything else stops the benchmark with the reason. */
    choice<Choice extends string>(name: Name, choices: readonly [Choice, ...Choice[]]): Choice {
      const value = given[name] ?? choices[0];
      if (!(choices as readonly string[]).includes(value)) {
        console.error(`${bench}: --${name} must be ${choices.join(" or ")}, not "${value}"`);
        process.exit(2);
      }
      return value as Choice;
    },
    flag: (name: Flag) => (values as Record<string, unknown>)[name] === true,
    oneOf<Word extends string>(name: Name, words: readonly Word[], fallback: Word): Word {
      const value = given[name];
      if (value === undefined) return fallback;
      if (!(words as readonly string[]).includes(value)) {
        console.error(`${bench}: --${name} must be ${words.join(" or ")}, not "${value}"`);
        process.exit(2);
      }
      return value as Word;
    },
    positive(name: Name, fallback: number): number {
      const value = given[name];
      if (value === undefined) return fallback;
      if (!/^\d+$/.test(value) || Number(value) < 1) {
        console.error(`${bench}: --${name} must be a whole number above 0, not "${value}"`);
        process.exit(2);
      }
      return Number(value);
    },
  };
}
