import { describe, expect, it } from "vitest";
import { CATALOGUES } from "~/i18n/i18n";
import { LANGUAGES } from "~/i18n/languages";
import { REPORTED_INDICATOR_KEYS } from "~/indicators/definitions";
import { LESSON_SECTIONS } from "~/lessons/lesson-sections";
import { LESSON_TEXTS } from "~/lessons/lesson-texts";

// Every indicator the app reports has its lesson in every language, each section written out (training
// material staff read, not a placeholder): a key without one, or a section left short, fails here.

const SENTENCE_END = /[.!?。！？](?=\s|$|[”"）)])/g;
const sentences = (texts: readonly string[]) => texts.reduce((sum, text) => sum + (text.match(SENTENCE_END)?.length ?? 0), 0);
const CJK = /[\u4e00-\u9fff]/;

describe.each(LANGUAGES)("the lessons in %s", (language) => {
  const lessons = LESSON_TEXTS[language] as Record<string, Record<string, readonly string[]> | undefined>;

  it("GIVEN every indicator the catalogue names THEN it has a lesson, and there is no lesson on anything else", () => {
    const catalogueKeys = Object.keys(CATALOGUES[language].indicators).sort();
    expect(catalogueKeys).toEqual([...REPORTED_INDICATOR_KEYS].sort());
    expect(REPORTED_INDICATOR_KEYS.filter((key) => !lessons[key])).toEqual([]);
    expect(Object.keys(lessons).sort()).toEqual([...REPORTED_INDICATOR_KEYS].sort());
  });

  it.each(REPORTED_INDICATOR_KEYS)("GIVEN the lesson on %s THEN each section says several things, in the language's own script", (key) => {
    const lesson = lessons[key];
    expect(lesson, `${key} has no lesson`).toBeDefined();
    for (const section of LESSON_SECTIONS) {
      const texts = lesson![section] ?? [];
      expect(texts.length, `${key}.${section}`).toBeGreaterThanOrEqual(section === "computed" ? 2 : section === "meaning" ? 3 : 2);
      expect(sentences(texts), `${key}.${section}: sentences`).toBeGreaterThanOrEqual(2);
      for (const text of texts) {
        expect(text.trim(), `${key}.${section}`).toBe(text);
        expect(text.length, `${key}.${section}: "${text}"`).toBeGreaterThan(language === "en" ? 30 : 10);
        expect(CJK.test(text), `${key}.${section}: "${text}"`).toBe(language === "zh-CN");
      }
    }
  });
});
