/**
 * Polaris's own words (its buttons, pagination, empty states) in the staff member's language, English
 * underneath: what routes/app.tsx gives Polaris's AppProvider.
 */
import polarisEnglish from "@shopify/polaris/locales/en.json";
import polarisChinese from "@shopify/polaris/locales/zh-CN.json";
import type { AppProviderProps } from "@shopify/polaris";
import type { Language } from "./languages";

type Translations = Extract<AppProviderProps["i18n"], unknown[]>;

export const POLARIS_TRANSLATIONS: Record<Language, Translations> = { en: [polarisEnglish], "zh-CN": [polarisChinese, polarisEnglish] };
