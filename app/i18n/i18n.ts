/**
 * Throughline's messages (i18next, with catalogues in ./catalogues) for server and browser alike.
 * The server translates with a `t` fixed to the staff member's language (`translator`, safe across
 * concurrent requests); React components with `useTranslation()` under the provider that
 * routes/app.tsx sets up for the same language. docs/decisions/010-languages.md.
 */
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import en from "./catalogues/en";
import zhCN from "./catalogues/zh-CN";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./languages";

export const CATALOGUES = { en, "zh-CN": zhCN } as const satisfies Record<Language, unknown>;

const OPTIONS = {
  resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: CATALOGUES[language] }])),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // React escapes what it renders, and the server's strings go through React or into files.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
} as const;

/** An i18next instance speaking `language` (one per React tree; translations are bundled, so it is ready at once). */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance({ ...OPTIONS, lng: language });
  void instance.init();
  // "Target for {{indicator, lowercase}}": English writes a name mid-sentence in lower case.
  instance.services.formatter?.add("lowercase", (value: unknown) => String(value).toLowerCase());
  return instance;
}

let shared: I18n | null = null;

/** A `t` for one language, for code outside React (loaders, actions, jobs, the CLI). */
export function translator(language: Language): TFunction {
  shared ??= createI18n(DEFAULT_LANGUAGE);
  return shared.getFixedT(language);
}

export type { TFunction };
