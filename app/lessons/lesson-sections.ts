/**
 * What a lesson's written part holds (pure): for each indicator the app reports, what it means, how it
 * is worked out, what moves it and the usual mistakes, each a few paragraphs or points in one language
 * (lesson-texts.en.ts, lesson-texts.zh-CN.ts; decision 033). The worked example and the playbook's
 * tactics are the store's own figures, put together when the lesson is opened (lessons.server.ts).
 */
import type { ReportedIndicatorKey } from "~/indicators/definitions";

/** The written sections, in the order a lesson reads (the worked example follows "computed", the tactics "levers"). */
export const LESSON_SECTIONS = ["meaning", "computed", "levers", "mistakes"] as const;
export type LessonSection = (typeof LESSON_SECTIONS)[number];

/** Paragraphs ("meaning", "computed") or points ("levers", "mistakes"). */
export type LessonText = Record<LessonSection, readonly string[]>;

/** One language's lessons: exactly one for every indicator the app reports. */
export type LessonTexts = Record<ReportedIndicatorKey, LessonText>;
