/**
 * The Lessons page as its loader gives it (lessons-page.server.ts) and its components read it: plain
 * data, formatted in the reader's language.
 */
import type { ReportedIndicatorKey } from "~/indicators/definitions";
import type { LessonRecord } from "./lessons.server";
import type { TacticResults } from "./tactic-results.server";
import type { WorkedExample } from "./worked-example";

export interface LessonListItem {
  indicator: ReportedIndicatorKey;
  label: string;
  read: boolean;
  /** Why it is among the reader's own: who assigned it and when, or that their promotions aim at it. */
  why: string | null;
}

export interface LessonView {
  indicator: ReportedIndicatorKey;
  label: string;
  meaning: readonly string[];
  computed: readonly string[];
  levers: readonly string[];
  mistakes: readonly string[];
  /** Null while the store's figures are being counted (never synced, or being rebuilt). */
  worked: WorkedExample | null;
  /** The month the example works on ("October 2026"): the dashboard's "last month". */
  month: string;
  tactics: TacticResults[];
  /** Who the lesson is assigned to (for the owner and strategists; null for staff). */
  assignedTo: { userId: string; name: string; at: string }[] | null;
}

export interface LessonsPageView {
  canAssign: boolean;
  timeZone: string;
  /** Why no lesson is shown (an indicator nobody reports). */
  notice: string | null;
  forYou: LessonListItem[];
  groups: { title: string; items: LessonListItem[] }[];
  lesson: LessonView | null;
  /** Everyone on the team (who can be assigned a lesson), for the owner and strategists. */
  people: { userId: string; name: string }[] | null;
  /** Each person's lessons, for the owner and strategists. */
  readers: { userId: string; name: string; role: string; lessons: LessonRecord[] }[] | null;
}
