/**
 * The lessons' written sections in each language the app speaks (decision 033: long texts in a typed
 * module per language, the catalogues keeping the page's words and the worked examples' formulas).
 */
import type { Language } from "~/i18n/languages";
import type { ReportedIndicatorKey } from "~/indicators/definitions";
import type { LessonText, LessonTexts } from "./lesson-sections";
import { LESSON_TEXTS_EN } from "./lesson-texts.en";
import { LESSON_TEXTS_ZH_CN } from "./lesson-texts.zh-CN";

export const LESSON_TEXTS: Record<Language, LessonTexts> = { en: LESSON_TEXTS_EN, "zh-CN": LESSON_TEXTS_ZH_CN };

export function lessonText(indicator: ReportedIndicatorKey, language: Language): LessonText {
  return LESSON_TEXTS[language][indicator];
}
