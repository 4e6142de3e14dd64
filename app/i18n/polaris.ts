/**
 * Polaris's own words (its buttons, pagination, empty states) in the staff member's language, English
 * underneath: what routes/app.tsx gives Polaris's AppProvider.
 *
 * One of them is the app's own: a sortable DataTable's sort button. Polaris puts its English
 * direction into every language's sentence ("向 descending 排序"), so its label is left empty and
 * the table words the hint in its headings, in the reader's language (components/dashboard/ProductTable.tsx).
 */
import polarisEnglish from "@shopify/polaris/locales/en.json";
import polarisChinese from "@shopify/polaris/locales/zh-CN.json";
import type { AppProviderProps } from "@shopify/polaris";
import type { Language } from "./languages";

type Translations = Extract<AppProviderProps["i18n"], unknown[]>;

/** First in every language: what the app words itself. */
const WORDED_BY_THE_APP = { Polaris: { DataTable: { sortAccessibilityLabel: "" } } };

export const POLARIS_TRANSLATIONS: Record<Language, Translations> = {
  en: [WORDED_BY_THE_APP, polarisEnglish],
  "zh-CN": [WORDED_BY_THE_APP, polarisChinese, polarisEnglish],
};
