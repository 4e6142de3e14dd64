import { describe, expect, it } from "vitest";
import { INDICATORS } from "~/indicators/definitions";
import { CATALOGUES, translator } from "~/i18n/i18n";
import type { Catalogue } from "~/i18n/catalogues/types";
import { LANGUAGES } from "~/i18n/languages";

// Every language says everything English says, with the same placeholders, in the plural forms its
// own rules have: a key missing from a catalogue fails here (the page would show it in English).

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/** Messages by key without its plural suffix: each base key with its forms. */
function byBase(messages: Map<string, string>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, text] of messages) {
    const form = PLURAL.exec(key)?.[1] ?? "";
    const base = key.replace(PLURAL, "");
    if (!out.has(base)) out.set(base, new Map());
    out.get(base)!.set(form, text);
  }
  return out;
}

/** {{variables}} and <tags> a message uses ({{count}} aside: a form may say "one" in words). */
const placeholders = (texts: Iterable<string>) =>
  new Set(
    [...texts]
      .flatMap((text) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}|<\/?(\w+)>/g)].map((match) => match[1] ?? `<${match[2]}>`))
      .filter((name) => name !== "count"),
  );

const english = byBase(flatten(CATALOGUES.en as unknown as Catalogue));

describe.each(LANGUAGES.filter((language) => language !== "en"))("the %s catalogue", (language) => {
  const messages = byBase(flatten(CATALOGUES[language] as Catalogue));
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];

  it("GIVEN every English message THEN it is there too, in each plural form its language has, with the same placeholders; nothing else is", () => {
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const [base, englishForms] of english) {
      const own = messages.get(base);
      if (!own) {
        missing.push(base);
        continue;
      }
      const plural = !englishForms.has("");
      const expected = plural ? forms : [""];
      if ([...own.keys()].sort().join() !== [...expected].sort().join())
        wrong.push(`${base}: forms ${[...own.keys()].join("/") || "(plain)"}, expected ${expected.join("/") || "(plain)"}`);
      const englishPlaceholders = [...placeholders(englishForms.values())].sort().join();
      const ownPlaceholders = [...placeholders(own.values())].sort().join();
      if (englishPlaceholders !== ownPlaceholders) wrong.push(`${base}: placeholders ${ownPlaceholders}, English has ${englishPlaceholders}`);
      const emptyInEnglish = [...englishForms.values()].every((text) => text === "");
      if (!emptyInEnglish && [...own.values()].some((text) => text.trim() === "")) wrong.push(`${base}: empty`);
    }
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    expect([...messages.keys()].filter((base) => !english.has(base))).toEqual([]);
  });

  it("GIVEN a plural message THEN each count reads in the language's own form", () => {
    const t = translator(language);
    expect(t("home.products.count", { count: 1 })).not.toBe(t("home.products.count", { count: 1, lng: "en" }));
    expect(t("home.products.count", { count: 3 })).toContain("3");
  });
});

describe("the English catalogue", () => {
  it("GIVEN a plural message THEN one and many read differently", () => {
    const t = translator("en");
    expect(t("home.products.count", { count: 1 })).toBe("1 product");
    expect(t("home.products.count", { count: 2 })).toBe("2 products");
  });

  it("GIVEN an indicator THEN its name and definition are those of the indicator definitions (METRICS.md)", () => {
    const indicators = CATALOGUES.en.indicators as Record<string, { label: string; description: string }>;
    for (const definition of Object.values(INDICATORS))
      expect(indicators[definition.key], definition.key).toEqual({ label: definition.label, description: definition.description });
  });
});
