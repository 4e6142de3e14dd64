/**
 * The languages Throughline speaks, and which one a staff member gets from the locale Shopify sends
 * (their admin's language, a BCP 47 tag such as "zh-CN", "en-GB" or "zh-TW"). Shared by server and
 * browser. The full tag is kept for formatting (an "en-GB" admin sees 30/11/2026 and a "en-US" one
 * 11/30/2026); the language picks the catalogue.
 */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Each language's own name, as a language picker shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "zh-CN": "简体中文" };

/** What goes between two sentences: a space in English, nothing after Chinese's full stop. */
const SENTENCE_GAP: Record<Language, string> = { en: " ", "zh-CN": "" };

/** Sentences as one paragraph, the way the language runs them on. */
export function joinSentences(sentences: string[], language: Language): string {
  return sentences.join(SENTENCE_GAP[language]);
}

/** A locale tag as Intl accepts it, or null for text that isn't one. */
export function canonicalLocale(tag: string | null | undefined): string | null {
  if (!tag || tag.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, "-"))[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The catalogue for a locale: English for English; Simplified Chinese for any Chinese (Traditional
 * readers included: it is the closer of the two catalogues we have); English for everything else.
 */
export function languageOf(locale: string | null | undefined): Language {
  const canonical = canonicalLocale(locale);
  if (!canonical) return DEFAULT_LANGUAGE;
  const language = canonical.split("-")[0]!.toLowerCase();
  if (language === "zh") return "zh-CN";
  return DEFAULT_LANGUAGE;
}

/** The locale numbers and dates are formatted in: the staff member's own tag when we speak its language, else the language's. */
export function formattingLocale(locale: string | null | undefined): string {
  const canonical = canonicalLocale(locale);
  const language = languageOf(canonical);
  if (!canonical) return language;
  // A tag of a language we don't speak (fr-FR) would format numbers in French around English words.
  return canonical.toLowerCase().startsWith(language.split("-")[0]!) ? canonical : language;
}
