import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The admin extensions' locales/ files, and their messages put into words the way admin's
// `shopify.i18n.translate` does ({{name}} replaced; a message with forms picks one by `count`
// and the locale's plural rules), so tests can read what a staff member reads.

export const EXTENSIONS_DIR = path.resolve(__dirname, "../../extensions");

export type LocaleFile = { [key: string]: string | LocaleFile };

export const PLURAL_FORMS = ["zero", "one", "two", "few", "many", "other"];

/** The extensions with a locales/ folder, each with its files by locale ("en" for en.default.json). */
export function extensionLocales(): { extension: string; defaultLocale: string; files: Map<string, LocaleFile> }[] {
  return readdirSync(EXTENSIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(path.join(EXTENSIONS_DIR, entry.name)).includes("locales"))
    .map((entry) => {
      const dir = path.join(EXTENSIONS_DIR, entry.name, "locales");
      const names = readdirSync(dir).filter((name) => name.endsWith(".json"));
      const defaults = names.filter((name) => name.endsWith(".default.json"));
      const files = new Map(names.map((name) => [name.split(".")[0]!, JSON.parse(readFileSync(path.join(dir, name), "utf8")) as LocaleFile]));
      return { extension: entry.name, defaultLocale: defaults.length === 1 ? defaults[0]!.split(".")[0]! : "", files };
    });
}

/** An object whose keys are plural forms is one message with forms. */
export const isPlural = (value: string | LocaleFile): value is Record<string, string> =>
  typeof value === "object" && Object.keys(value).length > 0 && Object.keys(value).every((key) => PLURAL_FORMS.includes(key));

/** Every message by its dotted key (a plural message as its forms). */
export function messages(file: LocaleFile, prefix = ""): Map<string, string | Record<string, string>> {
  const out = new Map<string, string | Record<string, string>>();
  for (const [key, value] of Object.entries(file)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string" || isPlural(value)) out.set(dotted, value as string | Record<string, string>);
    else for (const [inner, text] of messages(value, dotted)) out.set(inner, text);
  }
  return out;
}

/** `shopify.i18n.translate` for one extension's locale (falling back to its default file, as admin does). */
export function translatorFor(extension: string, locale: string) {
  const found = extensionLocales().find((entry) => entry.extension === extension);
  if (!found) throw new Error(`no locales/ in extensions/${extension}`);
  const own = messages(found.files.get(locale) ?? {});
  const fallback = messages(found.files.get(found.defaultLocale)!);
  const rules = new Intl.PluralRules(locale);
  return (key: string, values: Record<string, string | number> = {}): string => {
    const message = own.get(key) ?? fallback.get(key);
    if (message === undefined) throw new Error(`extensions/${extension}: no message "${key}"`);
    const text = typeof message === "string" ? message : (message[rules.select(Number(values.count))] ?? message.other!);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
  };
}
