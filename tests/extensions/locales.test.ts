import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXTENSIONS_DIR, extensionLocales, messages } from "../helpers/extension-locales";

// The admin extensions speak the staff member's admin language from their locales/ folder (Shopify's
// CLI uploads it with the extension): one default file, every language with every message, the same
// {{placeholders}}, the plural forms its language has, and every message the code asks for there.

const placeholders = (message: string | Record<string, string>) =>
  [
    ...new Set(
      Object.values(typeof message === "string" ? { text: message } : message).flatMap((text) =>
        [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!),
      ),
    ),
  ]
    .sort()
    .join();

/** The message keys an extension's source asks for: `key: "…"` in its messages, `t:…` in its TOML. */
function keysUsed(extension: string): string[] {
  const dir = path.join(EXTENSIONS_DIR, extension);
  const sources = readdirSync(path.join(dir, "src")).map((name) => readFileSync(path.join(dir, "src", name), "utf8"));
  const fromCode = sources.flatMap((source) => [...source.matchAll(/\bkey: "([\w.]+)"/g)].map((match) => match[1]!));
  const fromToml = [...readFileSync(path.join(dir, "shopify.extension.toml"), "utf8").matchAll(/^\s*\w+ = "t:([\w.]+)"/gm)].map((match) => match[1]!);
  return [...new Set([...fromCode, ...fromToml])];
}

const localized = extensionLocales();

describe("the admin extensions' locales", () => {
  it("GIVEN the extensions with a UI THEN each has its locales, English as the default and Simplified Chinese", () => {
    expect(localized.map((entry) => entry.extension).sort()).toEqual(["product-figures", "track-as-promotion"]);
    for (const entry of localized) {
      expect(entry.defaultLocale, entry.extension).toBe("en");
      expect([...entry.files.keys()].sort(), entry.extension).toEqual(["en", "zh-CN"]);
    }
  });

  describe.each(localized.map((entry) => [entry.extension, entry] as const))("%s", (extension, entry) => {
    const reference = messages(entry.files.get(entry.defaultLocale)!);

    it("GIVEN the messages its code and TOML ask for THEN the default locale has each of them", () => {
      const used = keysUsed(extension);
      expect(used.length).toBeGreaterThan(3);
      expect(used.filter((key) => !reference.has(key))).toEqual([]);
    });

    it.each([...entry.files.keys()].filter((locale) => locale !== entry.defaultLocale))(
      "GIVEN the %s file THEN it has every message, with the same placeholders and its language's plural forms, and nothing else",
      (locale) => {
        const own = messages(entry.files.get(locale)!);
        const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
        const problems: string[] = [];
        for (const [key, message] of reference) {
          const translated = own.get(key);
          if (translated === undefined) problems.push(`${key}: missing`);
          else if (placeholders(translated) !== placeholders(message))
            problems.push(`${key}: placeholders ${placeholders(translated)}, default has ${placeholders(message)}`);
          else if (typeof message !== "string" && (typeof translated === "string" || Object.keys(translated).sort().join() !== [...forms].sort().join()))
            problems.push(`${key}: plural forms`);
          else if (Object.values(typeof translated === "string" ? { text: translated } : translated).some((text) => text.trim() === ""))
            problems.push(`${key}: empty`);
        }
        for (const key of own.keys()) if (!reference.has(key)) problems.push(`${key}: not in the default locale`);
        expect(problems).toEqual([]);
      },
    );
  });
});
