/**
 * Goals and targets: created, changed and removed only by an owner or strategist, each change kept
 * in the history (who, when, from what to what). Validation comes first and a refused or invalid
 * change writes nothing.
 */
import { currentLocalizer } from "~/i18n/scope";
import { formatDate } from "~/lib/dates";
import { isIndicatorKey } from "~/indicators/definitions";
import type { Goal, Prisma, PrismaClient, Target } from "@prisma/client";
import { formatDay, parseDay, readDay } from "~/lib/calendar";
import { requirePermission, systemActor, type Actor } from "~/staff/staff.server";
import { DEFAULT_OUTCOME, isGoalOutcome, type GoalOutcome } from "./goal-bridge";
import { parseTarget, periodOf, type FieldErrors, type Parsed, type ParsedTarget, type RawTarget } from "./target-input";

type Tx = Prisma.TransactionClient;

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors | GoalErrors };

/** What the history keeps of a target. */
function targetSnapshot(target: Pick<Target, "indicator" | "periodKind" | "from" | "to" | "value" | "direction" | "recurring" | "goalId">) {
  const { indicator, periodKind, from, to, value, direction, recurring, goalId } = target;
  return { indicator, periodKind, from, to, value, direction, recurring, goalId };
}

/** One change in the strategy history (who, when, from what to what): goals and targets here, lesson assignments (app/lessons). */
export async function record(tx: Tx, actor: Actor, entity: string, entityId: number | string, action: string, before: unknown, after: unknown, now: Date) {
  await tx.strategyChange.create({
    data: {
      shop: actor.shop,
      at: now,
      actorId: actor.userId,
      actorName: actor.name,
      entity,
      entityId: String(entityId),
      action,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    },
  });
}

/** Another live target on the same indicator whose period overlaps, if any. */
async function overlapping(tx: Tx, shop: string, target: ParsedTarget, exceptId?: number): Promise<Target | null> {
  return tx.target.findFirst({
    where: {
      shop,
      indicator: target.indicator,
      deletedAt: null,
      from: { lte: target.to },
      to: { gte: target.from },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
  });
}

async function checked(tx: Tx, shop: string, raw: RawTarget, exceptId?: number): Promise<Parsed<ParsedTarget>> {
  const parsed = parseTarget(raw);
  if (!parsed.ok) return parsed;
  const clash = await overlapping(tx, shop, parsed.value, exceptId);
  const { t, locale } = currentLocalizer();
  if (clash)
    return { ok: false, errors: { from: t("validation.target.overlaps", { from: formatDate(clash.from, locale), to: formatDate(clash.to, locale) }) } };
  if (parsed.value.goalId !== null) {
    const goal = await tx.goal.findFirst({ where: { id: parsed.value.goalId, shop, archivedAt: null } });
    if (!goal) return { ok: false, errors: { goalId: t("validation.target.noSuchGoal") } };
    const outside = outsideGoal(parsed.value, goal);
    if (outside) return { ok: false, errors: { goalId: outside } };
  }
  return parsed;
}

/** A target as typed, checked as creating it would check it (its fields, an overlap, its goal), nothing written (a Staff member's proposal is checked alike). */
export function checkTarget(db: PrismaClient, shop: string, raw: RawTarget): Promise<Parsed<ParsedTarget>> {
  return checked(db, shop, raw);
}

/** Why a target's period doesn't fit in its goal's dates, or null when it does. */
function outsideGoal(target: Pick<Target, "from" | "to">, goal: Pick<Goal, "name" | "from" | "to">): string | null {
  const { t, locale } = currentLocalizer();
  const dates = { goal: goal.name, from: formatDate(target.from, locale), to: formatDate(target.to, locale) };
  if (target.to > goal.to) return t("validation.target.pastGoalEnd", { ...dates, end: formatDate(goal.to, locale) });
  if (target.from < goal.from) return t("validation.target.beforeGoalStart", { ...dates, start: formatDate(goal.from, locale) });
  return null;
}

export async function createTarget(db: PrismaClient, actor: Actor, raw: RawTarget, now: Date): Promise<Outcome<Target>> {
  requirePermission(actor, "edit_strategy");
  return db.$transaction(async (tx) => {
    const parsed = await checked(tx, actor.shop, raw);
    if (!parsed.ok) return parsed;
    const target = await tx.target.create({ data: { shop: actor.shop, ...parsed.value, createdBy: actor.userId, createdAt: now, updatedAt: now } });
    await record(tx, actor, "target", target.id, "created", null, targetSnapshot(target), now);
    return { ok: true as const, value: target };
  });
}

export async function updateTarget(db: PrismaClient, actor: Actor, id: number, raw: RawTarget, now: Date): Promise<Outcome<Target>> {
  requirePermission(actor, "edit_strategy");
  return db.$transaction(async (tx) => {
    const existing = await tx.target.findFirst({ where: { id, shop: actor.shop, deletedAt: null } });
    if (!existing) return { ok: false as const, errors: { indicator: currentLocalizer().t("validation.target.noSuchTarget") } };
    const parsed = await checked(tx, actor.shop, raw, id);
    if (!parsed.ok) return parsed;
    const target = await tx.target.update({ where: { id }, data: { ...parsed.value, updatedAt: now } });
    await record(tx, actor, "target", id, "updated", targetSnapshot(existing), targetSnapshot(target), now);
    return { ok: true as const, value: target };
  });
}

export async function deleteTarget(db: PrismaClient, actor: Actor, id: number, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_strategy");
  return db.$transaction(async (tx) => {
    const existing = await tx.target.findFirst({ where: { id, shop: actor.shop, deletedAt: null } });
    if (!existing) return false;
    await tx.target.update({ where: { id }, data: { deletedAt: now, updatedAt: now } });
    await record(tx, actor, "target", id, "deleted", targetSnapshot(existing), null, now);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Goals
// ---------------------------------------------------------------------------------------------

export type GoalErrors = Partial<Record<"name" | "why" | "outcome" | "from" | "to", string>>;

export async function createGoal(db: PrismaClient, actor: Actor, raw: RawGoal, now: Date): Promise<Outcome<Goal>> {
  requirePermission(actor, "edit_strategy");
  return db.$transaction((tx) => createGoalIn(tx, actor, raw, now));
}

/** A goal as typed; an outcome left out is net profit for a new goal and unchanged for a goal changed. */
type RawGoal = { name?: string | null; why?: string | null; outcome?: string | null; from?: string | null; to?: string | null };
const goalSnapshot = (goal: Pick<Goal, "name" | "why" | "outcome" | "from" | "to">) => ({
  name: goal.name,
  why: goal.why,
  outcome: goal.outcome,
  from: goal.from,
  to: goal.to,
});

/** Checks and creates a goal inside a transaction (nothing is written when it is invalid). */
async function createGoalIn(tx: Tx, actor: Actor, raw: RawGoal, now: Date): Promise<Outcome<Goal>> {
  const parsed = parseGoal(raw);
  if (!parsed.ok) return parsed;
  const { outcome, ...fields } = parsed.value;
  const goal = await tx.goal.create({
    data: { shop: actor.shop, ...fields, outcome: outcome ?? DEFAULT_OUTCOME, createdBy: actor.userId, createdAt: now, updatedAt: now },
  });
  await record(tx, actor, "goal", goal.id, "created", null, goalSnapshot(goal), now);
  return { ok: true as const, value: goal };
}

/** Changes a live goal's name, why, outcome or dates; the history keeps what it was. */
export async function updateGoal(db: PrismaClient, actor: Actor, id: number, raw: RawGoal, now: Date): Promise<Outcome<Goal>> {
  requirePermission(actor, "edit_strategy");
  const parsed = parseGoal(raw);
  if (!parsed.ok) return parsed;
  return db.$transaction(async (tx) => {
    const existing = await tx.goal.findFirst({ where: { id, shop: actor.shop, archivedAt: null } });
    if (!existing) return { ok: false as const, errors: { name: currentLocalizer().t("validation.target.noSuchGoal") } };
    // New dates must still hold the goal's targets.
    const { t, locale } = currentLocalizer();
    for (const target of await tx.target.findMany({ where: { goalId: id, shop: actor.shop, deletedAt: null }, orderBy: { from: "asc" } })) {
      const indicator = isIndicatorKey(target.indicator) ? t(`indicators.${target.indicator}.label`) : target.indicator;
      const words = { indicator, from: formatDate(target.from, locale), to: formatDate(target.to, locale) };
      if (target.to > parsed.value.to) return { ok: false as const, errors: { to: t("validation.target.goalEndsBeforeTarget", words) } };
      if (target.from < parsed.value.from) return { ok: false as const, errors: { from: t("validation.target.goalStartsAfterTarget", words) } };
    }
    const { outcome, ...fields } = parsed.value;
    const goal = await tx.goal.update({ where: { id }, data: { ...fields, outcome: outcome ?? existing.outcome, updatedAt: now } });
    await record(tx, actor, "goal", id, "updated", goalSnapshot(existing), goalSnapshot(goal), now);
    return { ok: true as const, value: goal };
  });
}

/**
 * Archives a goal (done with, or dropped) or brings it back. Its targets stay as they are: archived,
 * they show outside any goal, and come back under it when it is restored. False when there is no
 * such goal in that state.
 */
export async function archiveGoal(db: PrismaClient, actor: Actor, id: number, archive: boolean, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_strategy");
  return db.$transaction(async (tx) => {
    const existing = await tx.goal.findFirst({ where: { id, shop: actor.shop, archivedAt: archive ? null : { not: null } } });
    if (!existing) return false;
    await tx.goal.update({ where: { id }, data: { archivedAt: archive ? now : null, updatedAt: now } });
    await record(tx, actor, "goal", id, archive ? "archived" : "restored", goalSnapshot(existing), goalSnapshot(existing), now);
    return true;
  });
}

/** Puts a live target under a live goal, or (goalId null) outside any; the history keeps the move. */
export async function moveTarget(db: PrismaClient, actor: Actor, id: number, goalId: number | null, now: Date): Promise<Outcome<Target>> {
  requirePermission(actor, "edit_strategy");
  return db.$transaction(async (tx) => {
    const existing = await tx.target.findFirst({ where: { id, shop: actor.shop, deletedAt: null } });
    if (!existing) return { ok: false as const, errors: { id: currentLocalizer().t("validation.target.noSuchTarget") } as FieldErrors };
    if (goalId !== null) {
      const goal = await tx.goal.findFirst({ where: { id: goalId, shop: actor.shop, archivedAt: null } });
      if (!goal) return { ok: false as const, errors: { goalId: currentLocalizer().t("validation.target.noSuchGoal") } };
      const outside = outsideGoal(existing, goal);
      if (outside) return { ok: false as const, errors: { goalId: outside } };
    }
    const target = await tx.target.update({ where: { id }, data: { goalId, updatedAt: now } });
    await record(tx, actor, "target", id, "moved", targetSnapshot(existing), targetSnapshot(target), now);
    return { ok: true as const, value: target };
  });
}

/** A goal as typed: a name, an optional why, what it is for (null: not said), and its first and last days. */
function parseGoal(
  raw: RawGoal,
): { ok: true; value: { name: string; why: string | null; outcome: GoalOutcome | null; from: string; to: string } } | { ok: false; errors: GoalErrors } {
  const { t } = currentLocalizer();
  const errors: GoalErrors = {};
  const name = raw.name?.trim() ?? "";
  if (!name) errors.name = t("validation.target.nameGoal");
  else if (name.length > 120) errors.name = t("validation.target.nameTooLong");
  if ((raw.why?.trim().length ?? 0) > 2000) errors.why = t("validation.target.whyTooLong");
  const outcome = raw.outcome?.trim() || null;
  if (outcome !== null && !isGoalOutcome(outcome)) errors.outcome = t("goalOutcome.chooseOutcome");
  const fromDay = readDay(raw.from, "first");
  const toDay = readDay(raw.to, "last");
  const from = "day" in fromDay ? fromDay.day : null;
  const to = "day" in toDay ? toDay.day : null;
  if ("error" in fromDay) errors.from = fromDay.error;
  if ("error" in toDay) errors.to = toDay.error;
  else if (from !== null && to! < from) errors.to = t("validation.target.emptyPeriod");
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name, why: raw.why?.trim() || null, outcome: outcome as GoalOutcome | null, from: formatDay(from!), to: formatDay(to!) } };
}

// ---------------------------------------------------------------------------------------------
// Reading, and recurring targets
// ---------------------------------------------------------------------------------------------

export function liveTargets(db: PrismaClient, shop: string): Promise<Target[]> {
  return db.target.findMany({ where: { shop, deletedAt: null }, orderBy: [{ from: "desc" }, { indicator: "asc" }] });
}

export function liveGoals(db: PrismaClient, shop: string): Promise<Goal[]> {
  return db.goal.findMany({ where: { shop, archivedAt: null }, orderBy: { from: "desc" } });
}

/** Archived goals, most recently archived first (the Targets page lists them to restore). */
export function archivedGoals(db: PrismaClient, shop: string): Promise<Goal[]> {
  return db.goal.findMany({ where: { shop, archivedAt: { not: null } }, orderBy: { archivedAt: "desc" }, take: 50 });
}

/** Why a goal with its targets was refused: its own fields, and each target's by its indicator. */
export type GoalWithTargetsErrors = { goal?: GoalErrors; targets?: Record<string, FieldErrors> };

class Refused extends Error {
  constructor(readonly errors: GoalWithTargetsErrors) {
    super("refused");
  }
}

/**
 * A goal and its targets in one step (the guided first goal): all saved, or, when the goal or any
 * target is invalid or overlaps a live one, nothing, with every reason.
 */
export async function createGoalWithTargets(
  db: PrismaClient,
  actor: Actor,
  goal: RawGoal,
  targets: RawTarget[],
  now: Date,
): Promise<{ ok: true; value: { goal: Goal; targets: Target[] } } | { ok: false; errors: GoalWithTargetsErrors }> {
  requirePermission(actor, "edit_strategy");
  if (targets.length === 0) return { ok: false, errors: { goal: { name: currentLocalizer().t("validation.target.chooseOneTarget") } } };
  try {
    return await db.$transaction(async (tx) => {
      const made = await createGoalIn(tx, actor, goal, now);
      if (!made.ok) throw new Refused({ goal: made.errors });
      const errors: Record<string, FieldErrors> = {};
      const saved: Target[] = [];
      for (const raw of targets) {
        const parsed = await checked(tx, actor.shop, { ...raw, goalId: made.value.id });
        if (!parsed.ok) {
          errors[String(raw.indicator)] = parsed.errors;
          continue;
        }
        const target = await tx.target.create({ data: { shop: actor.shop, ...parsed.value, createdBy: actor.userId, createdAt: now, updatedAt: now } });
        await record(tx, actor, "target", target.id, "created", null, targetSnapshot(target), now);
        saved.push(target);
      }
      if (Object.keys(errors).length > 0) throw new Refused({ targets: errors });
      return { ok: true as const, value: { goal: made.value, targets: saved } };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** The history of goals, targets, roles and stages, and proposals (the costs keep theirs in the same table, shown on the Costs page). */
export async function strategyHistory(db: PrismaClient, shop: string, take = 50) {
  return db.strategyChange.findMany({ where: { shop, entity: { in: ["goal", "target", "staff", "proposal"] } }, orderBy: { id: "desc" }, take });
}

/**
 * Recurring targets whose period has ended get their next period (same value, direction and goal),
 * unless a target on that indicator already covers it. Returns the targets created.
 */
export async function rollForward(db: PrismaClient, shop: string, today: number, now: Date): Promise<Target[]> {
  const ended = await db.target.findMany({ where: { shop, deletedAt: null, recurring: true, to: { lt: formatDay(today) } } });
  const created: Target[] = [];
  for (const target of ended) {
    if (target.periodKind === "custom") continue;
    const kind = target.periodKind as "week" | "month" | "quarter";
    // Catch up to the period holding today (a shop that was away for months gets one target per missed period).
    let next = periodOf(kind, parseDay(target.to)! + 1);
    let current = target;
    while (next.from <= today) {
      const made = await createRolled(db, shop, current, next, now);
      if (!made) break;
      created.push(made);
      current = made;
      next = periodOf(kind, next.to + 1);
    }
  }
  return created;
}

async function createRolled(db: PrismaClient, shop: string, from: Target, period: { from: number; to: number }, now: Date): Promise<Target | null> {
  const actor = systemActor(shop);
  return db.$transaction(async (tx) => {
    // The ended one stops repeating; its successor carries the repetition on.
    const still = await tx.target.updateMany({ where: { id: from.id, recurring: true }, data: { recurring: false, updatedAt: now } });
    if (still.count === 0) return null;
    // A goal holds its targets within its dates: a period past the goal's end repeats outside it.
    const goal = from.goalId === null ? null : await tx.goal.findFirst({ where: { id: from.goalId, shop } });
    const pastGoal = goal !== null && outsideGoal({ from: formatDay(period.from), to: formatDay(period.to) }, goal) !== null;
    const goalId = pastGoal ? null : from.goalId;
    const next: ParsedTarget = {
      indicator: from.indicator as ParsedTarget["indicator"],
      periodKind: from.periodKind as ParsedTarget["periodKind"],
      from: formatDay(period.from),
      to: formatDay(period.to),
      value: from.value,
      direction: from.direction as ParsedTarget["direction"],
      recurring: true,
      goalId,
    };
    if (await overlapping(tx, shop, next)) return null;
    const made = await tx.target.create({ data: { shop, ...next, createdBy: actor.userId, createdAt: now, updatedAt: now } });
    await record(tx, actor, "target", made.id, "rolled_forward", targetSnapshot(from), targetSnapshot(made), now);
    return made;
  });
}
