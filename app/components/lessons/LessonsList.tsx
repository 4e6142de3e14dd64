import { Link } from "@remix-run/react";
import { Badge } from "@shopify/polaris";
import { RegionTable } from "~/components/RegionTable";
import { useLocale } from "~/i18n/react";
import { formatDateTime } from "~/lib/dates";
import type { LessonRecord } from "~/lessons/lessons.server";

/**
 * One person's lessons (`lessonsOf`): each lesson with when and by whom it was assigned and when they
 * read it (first and last), dates in the shop's time zone; the Lessons page's "who has read what" and
 * a team member's record show it.
 */
export function LessonsList({ name, lessons, timeZone }: { name: string; lessons: LessonRecord[]; timeZone: string }) {
  const { t, locale } = useLocale();
  const when = (at: string) => formatDateTime(at, timeZone, locale);
  return (
    <RegionTable
      label={t("lessons.readers.tableLabel", { name })}
      numeric={[false, false, false]}
      headings={[t("lessons.readers.lesson"), t("lessons.readers.assigned"), t("lessons.readers.read")]}
      rows={lessons.map((lesson) => ({
        key: lesson.indicator,
        cells: [
          <Link key="lesson" to={`/app/lessons?indicator=${lesson.indicator}`}>
            {lesson.title}
          </Link>,
          lesson.assignedAt
            ? t("lessons.readers.assignedOn", { date: when(lesson.assignedAt), name: lesson.assignedByName ?? "" })
            : t("lessons.readers.notAssigned"),
          lesson.readAt === null ? (
            <Badge key="read" tone={lesson.assigned ? "attention" : undefined}>
              {t("lessons.readers.notRead")}
            </Badge>
          ) : lesson.firstReadAt === lesson.readAt ? (
            t("lessons.readers.readOnce", { date: when(lesson.readAt) })
          ) : (
            t("lessons.readers.readAgain", { last: when(lesson.readAt), first: when(lesson.firstReadAt!) })
          ),
        ],
      }))}
    />
  );
}
