/**
 * The Lessons page: one lesson (`?indicator=KEY`; by default the reader's first) with its written
 * sections, the worked example on last month's figures and the playbook's tactics with this store's
 * results, beside the list of every lesson, the reader's own first. Opening a lesson records the read.
 * The owner and strategists also assign the lesson and see who has read what; their actions are here.
 */
import type { PrismaClient, Shop } from "@prisma/client";
import { z } from "zod";
import type { Localizer } from "~/i18n/localizer";
import { localizer } from "~/i18n/localizer";
import {
  COST_INDICATOR_KEYS,
  isReportedIndicatorKey,
  MARKETING_INDICATOR_KEYS,
  ORDER_INDICATOR_KEYS,
  PROFIT_INDICATOR_KEYS,
  type ReportedIndicatorKey,
} from "~/indicators/definitions";
import { formatDate } from "~/lib/dates";
import { done, intentsFor, refused, runIntent, textField, type Intent, type IntentResponse, type IntentResult } from "~/lib/form-intents.server";
import { can, roleOf } from "~/staff/roles";
import type { Actor, StaffActionContext } from "~/staff/staff.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { lessonText } from "./lesson-texts";
import type { LessonListItem, LessonsPageView, LessonView } from "./lesson-view";
import { lessonRecords, recordLessonRead, setLessonAssignment, type LessonRecord } from "./lessons.server";
import { lastFullMonth, monthFigures } from "./month-figures.server";
import { tacticResults } from "./tactic-results.server";
import { monthLabel, workedExample } from "./worked-example";

const GROUPS = [
  ["store", ORDER_INDICATOR_KEYS],
  ["costs", [...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS]],
  ["marketing", MARKETING_INDICATOR_KEYS],
] as const;

/**
 * The lesson on one indicator; `record` is the shop's row (null before its details are known: nothing
 * to work the example on yet), `team` the names of the people it can be assigned to (null for staff).
 */
async function lessonView(
  db: PrismaClient,
  shop: string,
  record: Shop | null,
  indicator: ReportedIndicatorKey,
  now: Date,
  team: Map<string, string> | null,
  l10n: Localizer,
): Promise<LessonView> {
  const { t, locale, language } = l10n;
  const zone = record?.ianaTimezone ?? "UTC";
  const period = lastFullMonth({ ianaTimezone: zone }, now);
  const [figures, tactics, assignments] = await Promise.all([
    record ? monthFigures(db, record, period) : null,
    tacticResults(db, shop, indicator, timeZone(zone).localDay(now.getTime()), l10n),
    team ? db.lessonAssignment.findMany({ where: { shop, indicator }, orderBy: { assignedAt: "asc" } }) : null,
  ]);
  return {
    indicator,
    label: t(`indicators.${indicator}.label`),
    ...lessonText(indicator, language),
    worked: figures ? workedExample(indicator, figures, l10n) : null,
    month: monthLabel(period, locale),
    tactics,
    assignedTo: assignments?.map((row) => ({ userId: row.userId, name: team?.get(row.userId) ?? row.userId, at: row.assignedAt.toISOString() })) ?? null,
  };
}

/** The page for the acting member; opening a lesson records their read. */
export async function lessonsPage(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date): Promise<LessonsPageView> {
  const l10n = localizer(actor.locale);
  const { t, locale } = l10n;
  const canAssign = can(actor.role, "edit_strategy");
  const shop = await db.shop.findUnique({ where: { shop: actor.shop } });
  const zone = shop?.ianaTimezone ?? "UTC";
  const members = canAssign ? await db.staffMember.findMany({ where: { shop: actor.shop }, orderBy: [{ accountOwner: "desc" }, { name: "asc" }] }) : [];
  const asked = params.get("indicator");
  const known = asked === null || isReportedIndicatorKey(asked);
  // Without a lesson named, the reader's first of their own opens (an assignment, then their promotions' indicators).
  const own = (await lessonRecords(db, actor.shop, [actor.userId], l10n)).get(actor.userId) ?? [];
  const indicator =
    asked !== null && isReportedIndicatorKey(asked)
      ? asked
      : known
        ? (own.find((record) => record.assigned || record.promotions)?.indicator ?? ORDER_INDICATOR_KEYS[0])
        : null;
  if (indicator) await recordLessonRead(db, actor, indicator, now);
  const records = await lessonRecords(db, actor.shop, [...new Set([actor.userId, ...members.map((member) => member.userId)])], l10n);
  const mine = records.get(actor.userId) ?? [];
  const forYou = mine.filter((record) => record.assigned || record.promotions);
  const read = new Set(mine.filter((record) => record.readAt !== null).map((record) => record.indicator));
  const item = (key: ReportedIndicatorKey, record?: LessonRecord): LessonListItem => ({
    indicator: key,
    label: t(`indicators.${key}.label`),
    read: read.has(key),
    why: !record
      ? null
      : record.assigned
        ? t("lessons.why.assigned", {
            name: record.assignedByName ?? "",
            date: formatDate(timeZone(zone).localDay(Date.parse(record.assignedAt!)), locale),
          })
        : t("lessons.why.promotions"),
  });
  return {
    canAssign,
    timeZone: zone,
    notice: known ? null : t("lessons.errors.unknownIndicator", { indicator: (asked ?? "").slice(0, 100) }),
    forYou: forYou.map((record) => item(record.indicator, record)),
    groups: GROUPS.map(([group, keys]) => ({ title: t(`lessons.groups.${group}`), items: keys.map((key) => item(key)) })),
    lesson: indicator
      ? await lessonView(db, actor.shop, shop, indicator, now, canAssign ? new Map(members.map((member) => [member.userId, member.name])) : null, l10n)
      : null,
    people: canAssign ? members.map((member) => ({ userId: member.userId, name: member.name })) : null,
    readers: canAssign
      ? members.map((member) => ({
          userId: member.userId,
          name: member.name,
          role: t(`roles.${roleOf(member)}`),
          lessons: records.get(member.userId) ?? [],
        }))
      : null,
  };
}

export type LessonsActionResult = IntentResult;

const intent = intentsFor<StaffActionContext>();
const assignment = (assigned: boolean) =>
  intent(
    () => z.object({ userId: textField, indicator: textField }),
    async (fields, { db, actor, now, l10n }) => {
      const outcome = await setLessonAssignment(db, actor, fields, assigned, now, l10n);
      return outcome.ok ? done(outcome.message) : refused(outcome.errors);
    },
  );

const LESSON_INTENTS: Record<string, Intent<StaffActionContext>> = {
  assign_lesson: assignment(true),
  unassign_lesson: assignment(false),
};

/** Runs one form action; staff assigning throws ForbiddenError (the route answers 403). */
export function lessonsAction(db: PrismaClient, actor: Actor, form: FormData, now: Date): Promise<IntentResponse> {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  return runIntent(form, LESSON_INTENTS, { db, actor, now, l10n }, (name) =>
    name ? t("targets.errors.unknownAction", { intent: name }) : t("targets.errors.noAction"),
  );
}
