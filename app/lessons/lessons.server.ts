/**
 * Who has which lesson: the owner or a strategist assigns a lesson to a person (each assignment and
 * its removal kept in the strategy history, entity "lesson"), opening a lesson records a read (the
 * first and the last), and each person's lessons are those assigned to them, those of the indicators
 * their promotions aim at, and those they opened. `lessonsOf` and the LessonsList component show one
 * person's lessons wherever their record is shown.
 */
import type { LessonAssignment, LessonRead, PrismaClient } from "@prisma/client";
import type { Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { isReportedIndicatorKey, REPORTED_INDICATOR_KEYS, type ReportedIndicatorKey } from "~/indicators/definitions";
import { can } from "~/staff/roles";
import { ForbiddenError, type Actor } from "~/staff/staff.server";
import { record as recordStrategyChange } from "~/strategy/targets.server";

/** One person's lesson, as their record shows it. */
export interface LessonRecord {
  indicator: ReportedIndicatorKey;
  title: string;
  assigned: boolean;
  /** When and by whom it was assigned (ISO), null when it isn't. */
  assignedAt: string | null;
  assignedByName: string | null;
  /** When they first and last opened it (ISO), null until they do. */
  firstReadAt: string | null;
  readAt: string | null;
  /** Whether their own promotions aim at its indicator. */
  promotions: boolean;
}

/** The indicators of each person's promotions (those they run or logged), archived ones left out. */
async function promotionIndicators(db: PrismaClient, shop: string, userIds: string[]): Promise<Map<string, Set<ReportedIndicatorKey>>> {
  const rows = await db.promotion.groupBy({
    by: ["ownerId", "createdBy", "indicator"],
    where: {
      shop,
      archivedAt: null,
      indicator: { not: null },
      OR: [{ ownerId: { in: userIds } }, { createdBy: { in: userIds } }],
    },
  });
  const byUser = new Map<string, Set<ReportedIndicatorKey>>();
  for (const row of rows) {
    if (!row.indicator || !isReportedIndicatorKey(row.indicator)) continue;
    for (const userId of new Set([row.ownerId, row.createdBy])) {
      if (userId === null || !userIds.includes(userId)) continue;
      if (!byUser.has(userId)) byUser.set(userId, new Set());
      byUser.get(userId)!.add(row.indicator);
    }
  }
  return byUser;
}

/**
 * Each person's lessons: assigned ones first (the latest assignment first), then those their
 * promotions aim at, then those they only opened; each group in the app's order of indicators.
 */
export async function lessonRecords(
  db: PrismaClient,
  shop: string,
  userIds: string[],
  { t }: Pick<Localizer, "t"> = currentLocalizer(),
): Promise<Map<string, LessonRecord[]>> {
  const who = { userId: { in: userIds } };
  const [assignments, reads, aimedAt] = await Promise.all([
    db.lessonAssignment.findMany({ where: { shop, ...who } }),
    db.lessonRead.findMany({ where: { shop, ...who } }),
    promotionIndicators(db, shop, userIds),
  ]);
  const order = (key: string) => REPORTED_INDICATOR_KEYS.indexOf(key as ReportedIndicatorKey);
  const records = new Map<string, LessonRecord[]>();
  for (const userId of userIds) {
    const assigned = new Map<string, LessonAssignment>(assignments.filter((row) => row.userId === userId).map((row) => [row.indicator, row]));
    const read = new Map<string, LessonRead>(reads.filter((row) => row.userId === userId).map((row) => [row.indicator, row]));
    const aims = aimedAt.get(userId) ?? new Set();
    const rank = (key: ReportedIndicatorKey) => (assigned.has(key) ? 0 : aims.has(key) ? 1 : 2);
    const keys = REPORTED_INDICATOR_KEYS.filter((key) => assigned.has(key) || read.has(key) || aims.has(key)).sort(
      (a, b) => rank(a) - rank(b) || (assigned.get(b)?.assignedAt.getTime() ?? 0) - (assigned.get(a)?.assignedAt.getTime() ?? 0) || order(a) - order(b),
    );
    records.set(
      userId,
      keys.map((indicator) => {
        const assignment = assigned.get(indicator);
        const reading = read.get(indicator);
        return {
          indicator,
          title: t(`indicators.${indicator}.label`),
          assigned: assignment !== undefined,
          assignedAt: assignment?.assignedAt.toISOString() ?? null,
          assignedByName: assignment?.assignedByName ?? null,
          firstReadAt: reading?.firstReadAt.toISOString() ?? null,
          readAt: reading?.lastReadAt.toISOString() ?? null,
          promotions: aims.has(indicator),
        };
      }),
    );
  }
  return records;
}

/** One person's lessons (for their record on the Team page, with the LessonsList component). */
export async function lessonsOf(db: PrismaClient, shop: string, userId: string, l10n: Pick<Localizer, "t"> = currentLocalizer()): Promise<LessonRecord[]> {
  return (await lessonRecords(db, shop, [userId], l10n)).get(userId) ?? [];
}

/** Opening a lesson: the first read is kept, the last moves on. */
export async function recordLessonRead(db: PrismaClient, actor: Pick<Actor, "shop" | "userId">, indicator: ReportedIndicatorKey, now: Date): Promise<void> {
  await db.lessonRead.upsert({
    where: { shop_userId_indicator: { shop: actor.shop, userId: actor.userId, indicator } },
    create: { shop: actor.shop, userId: actor.userId, indicator, firstReadAt: now, lastReadAt: now },
    update: { lastReadAt: now },
  });
}

export type AssignmentOutcome = { ok: true; message: string } | { ok: false; errors: Record<string, string> };

/**
 * Checks an assignment's person and lesson, in the acting member's words; staff are refused first
 * (ForbiddenError: the page answers 403).
 */
async function checkedAssignment(db: PrismaClient, actor: Actor, userId: string | null, indicator: string | null, l10n: Localizer) {
  const { t } = l10n;
  if (!can(actor.role, "edit_strategy")) throw new ForbiddenError(t("lessons.errors.onlyOwnerAssigns"));
  const errors: Record<string, string> = {};
  const key = indicator?.trim() ?? "";
  if (!key) errors.indicator = t("lessons.errors.chooseIndicator");
  else if (!isReportedIndicatorKey(key)) errors.indicator = t("lessons.errors.unknownIndicator", { indicator: key.slice(0, 100) });
  const id = userId?.trim() ?? "";
  const member = id ? await db.staffMember.findUnique({ where: { shop_userId: { shop: actor.shop, userId: id } } }) : null;
  if (!id) errors.userId = t("lessons.errors.choosePerson");
  else if (!member) errors.userId = t("refusals.noSuchMember");
  if (Object.keys(errors).length > 0 || !member) return { ok: false as const, errors };
  return {
    ok: true as const,
    member,
    indicator: key as ReportedIndicatorKey,
    words: { name: member.name, indicator: t(`indicators.${key as ReportedIndicatorKey}.label`) },
  };
}

/**
 * The owner or a strategist assigns a lesson to a person (`assigned`), or takes the assignment back.
 * Assigning it again changes nothing; taking back one that doesn't exist is refused.
 */
export async function setLessonAssignment(
  db: PrismaClient,
  actor: Actor,
  fields: { userId: string | null; indicator: string | null },
  assigned: boolean,
  now: Date,
  l10n: Localizer,
): Promise<AssignmentOutcome> {
  const checked = await checkedAssignment(db, actor, fields.userId, fields.indicator, l10n);
  if (!checked.ok) return checked;
  const { member, indicator, words } = checked;
  const where = { shop_userId_indicator: { shop: actor.shop, userId: member.userId, indicator } };
  const changed = await db.$transaction(async (tx) => {
    if (Boolean(await tx.lessonAssignment.findUnique({ where })) === assigned) return false;
    if (assigned)
      await tx.lessonAssignment.create({
        data: { shop: actor.shop, userId: member.userId, indicator, assignedBy: actor.userId, assignedByName: actor.name, assignedAt: now },
      });
    else await tx.lessonAssignment.delete({ where });
    const history = { userId: member.userId, name: member.name, indicator };
    await recordStrategyChange(tx, actor, "lesson", indicator, assigned ? "assigned" : "unassigned", assigned ? null : history, assigned ? history : null, now);
    return true;
  });
  const { t } = l10n;
  if (assigned) return { ok: true, message: t(changed ? "lessons.messages.assigned" : "lessons.messages.alreadyAssigned", words) };
  return changed ? { ok: true, message: t("lessons.messages.unassigned", words) } : { ok: false, errors: { userId: t("lessons.errors.notAssigned", words) } };
}
