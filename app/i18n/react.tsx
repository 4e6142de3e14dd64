/**
 * Messages and formatting in React: `LocaleProvider` (set up once by routes/app.tsx for the staff
 * member's language) and `useLocale()` for a component's `t` and the locale numbers and dates are
 * formatted in. Server-rendered and hydrated alike: the catalogues are bundled.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { createI18n } from "./i18n";
import type { Language } from "./languages";

const FormattingLocale = createContext("en");

export function LocaleProvider({ language, locale, children }: { language: Language; locale: string; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(language), [language]);
  return (
    <I18nextProvider i18n={i18n}>
      <FormattingLocale.Provider value={locale}>{children}</FormattingLocale.Provider>
    </I18nextProvider>
  );
}

/** The component's `t`, its language, and the locale to format numbers and dates in. */
export function useLocale() {
  const { t, i18n } = useTranslation();
  return { t, language: i18n.language as Language, locale: useContext(FormattingLocale) };
}
