/**
 * What code outside React needs to speak to one staff member: their language's `t`, and the locale
 * numbers and dates are formatted in. Loaders and actions build one from the acting staff member
 * (`actor.locale`); the CLI from the terminal's LANG.
 */
import { translator, type TFunction } from "./i18n";
import { formattingLocale, languageOf, type Language } from "./languages";

export interface Localizer {
  language: Language;
  /** For Intl: the staff member's own tag when it is of the language (en-GB), else the language. */
  locale: string;
  t: TFunction;
}

export function localizer(locale: string | null | undefined): Localizer {
  const language = languageOf(locale);
  return { language, locale: formattingLocale(locale), t: translator(language) };
}

/** The CLI's language: LC_ALL, LC_MESSAGES or LANG, as a terminal says it (zh_CN.UTF-8). */
export function terminalLocalizer(env: Record<string, string | undefined> = process.env): Localizer {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  const tag = raw.split(".")[0]!.replace(/_/g, "-");
  return localizer(tag === "C" || tag === "POSIX" ? null : tag);
}
