/**
 * The Targets page: goals and their targets with pacing, the team and its roles, the history of
 * changes; and its actions (each checked for the acting staff member's rights first).
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { isReportedIndicatorKey, REPORTED_INDICATORS } from "~/indicators/definitions";
import { formatValue } from "~/indicators/format";
import { rollupsReady } from "~/indicators/rollups.server";
import { localizer, type Localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { formatDateRange } from "~/lib/dates";
import { done, idField, intentsFor, refused, runIntent, textField, type Intent, type IntentResponse, type IntentResult } from "~/lib/form-intents.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { can, type Role } from "~/staff/roles";
import { requirePermission, setRole, staffMembers, type Actor, type StaffActionContext } from "~/staff/staff.server";
import { teamChangeWords } from "~/staff/team-history";
import { targetStatuses } from "./target-status.server";
import { targetCard } from "./target-card.server";
import { flagsOf, readGoals } from "./goal-outcome.server";
import { goalOutcomeView, outcomeChoices } from "./goal-words";
import { defaultDirection, targetIndicatorOptions, targetNumber, type RawTarget } from "./target-input";
import {
  archivedGoals,
  archiveGoal,
  createGoal,
  createTarget,
  deleteTarget,
  liveGoals,
  moveTarget,
  strategyHistory,
  updateGoal,
  updateTarget,
} from "./targets.server";
import type { AdminClient } from "~/admin-api/client.server";
import { publishTarget, syncPublished, unpublishTarget } from "./analytics.server";

/** A target as the history names it: "Repurchase rate ≥ 20.0% (1 Nov 2026 – 30 Nov 2026)", its value formatted as the indicator is. */
function targetLabel(snapshot: Record<string, unknown> | null, currency: string, { t, locale }: Localizer): string {
  if (!snapshot) return "";
  const indicator = String(snapshot.indicator);
  const known = isReportedIndicatorKey(indicator);
  const value =
    known && typeof snapshot.value === "string" && Number.isFinite(targetNumber(indicator, snapshot.value))
      ? formatValue(REPORTED_INDICATORS[indicator].kind, targetNumber(indicator, snapshot.value), currency, locale)
      : String(snapshot.value);
  const name = known ? t(`indicators.${indicator}.label`) : indicator;
  const target = t(snapshot.direction === "at_least" ? "targets.card.atLeast" : "targets.card.atMost", { indicator: name, value });
  return t("targets.history.targetLabel", { target, range: formatDateRange(String(snapshot.from), String(snapshot.to), locale) });
}

const isRole = (role: unknown): role is Role => role === "owner" || role === "strategist" || role === "staff";
const GOAL_FIELDS = ["name", "why", "outcome", "from", "to"] as const;

function describeChange(change: { action: string; entity: string; before: string | null; after: string | null }, currency: string, l10n: Localizer): string {
  const { t } = l10n;
  const parse = (text: string | null) => (text ? (JSON.parse(text) as Record<string, unknown>) : null);
  const before = parse(change.before);
  const after = parse(change.after);
  const role = (snapshot: Record<string, unknown> | null) => t(`roles.${isRole(snapshot?.role) ? snapshot.role : "staff"}`);
  const team = teamChangeWords(change, l10n);
  if (team !== null) return team;
  if (change.entity === "staff") return t("targets.history.madeRole", { name: String(after?.name), role: role(after), was: role(before) });
  if (change.entity === "goal") {
    const name = String((after ?? before)?.name);
    if (change.action === "updated") {
      const changed = GOAL_FIELDS.filter((field) => before?.[field] !== after?.[field]);
      const text =
        String(before?.name) === String(after?.name)
          ? t("targets.history.goalChanged", { name })
          : t("targets.history.goalRenamed", { before: String(before?.name), after: name });
      return changed.length > 0
        ? t("targets.history.goalFields", { change: text, fields: changed.map((field) => t(`targets.history.fields.${field}`)).join(", ") })
        : text;
    }
    if (change.action === "created" || change.action === "archived" || change.action === "restored")
      return t(`targets.history.goal.${change.action}`, { name });
    return t("targets.history.goalOther", { action: change.action, name });
  }
  const label = (snapshot: Record<string, unknown> | null) => targetLabel(snapshot, currency, l10n);
  if (change.action === "updated") return t("targets.history.targetChanged", { before: label(before), after: label(after) });
  if (change.action === "deleted") return t("targets.history.targetRemoved", { target: label(before) });
  if (change.action === "rolled_forward") return t("targets.history.targetRolled", { target: label(after) });
  if (change.action === "moved") return t(after?.goalId ? "targets.history.targetMovedIn" : "targets.history.targetMovedOut", { target: label(after) });
  return t("targets.history.targetSet", { target: label(after) });
}

export async function targetsPage(db: PrismaClient, actor: Actor, now: Date) {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true, currencyCode: true } });
  const zone = shop?.ianaTimezone ?? "UTC";
  const currency = shop?.currencyCode ?? "USD";
  const today = timeZone(zone).localDay(now.getTime());
  // A loader reads: the sync rebuilds daily totals when they need it, and the upkeep after each sync
  // starts a recurring target's next period.
  const ready = shop !== null && (await rollupsReady(db, actor.shop));
  const [statuses, goals, archived, team, history] = await Promise.all([
    ready ? targetStatuses(db, actor.shop, today) : Promise.resolve([]),
    liveGoals(db, actor.shop),
    archivedGoals(db, actor.shop),
    staffMembers(db, actor.shop),
    strategyHistory(db, actor.shop, 30),
  ]);
  // What each goal is for, over its days that have ended, beside its targets as their cards pace them.
  const readings = ready ? await readGoals(db, actor.shop, goals, today - 1) : [];
  const flags = flagsOf(readings, statuses);
  return {
    ready,
    timeZone: zone,
    currency,
    actor: { name: actor.name, role: actor.role, roleLabel: t(`roles.${actor.role}`) },
    canEdit: can(actor.role, "edit_strategy"),
    canManageRoles: can(actor.role, "manage_roles"),
    targets: statuses.map((status) => targetCard(status, currency, l10n)),
    goals: goals.map((goal) => {
      const reading = readings.find((read) => read.goal.id === goal.id);
      return {
        id: goal.id,
        name: goal.name,
        why: goal.why,
        outcome: goal.outcome,
        from: goal.from,
        to: goal.to,
        outcomeView: reading ? goalOutcomeView(reading, flags, currency, l10n) : null,
      };
    }),
    /** What a goal can be for, as the goal form offers it. */
    outcomes: outcomeChoices(l10n),
    archivedGoals: archived.map((goal) => ({ id: goal.id, name: goal.name, from: goal.from, to: goal.to, archivedAt: goal.archivedAt!.toISOString() })),
    team: team.map((member) => ({ ...member, roleLabel: t(`roles.${member.role}`) })),
    history: history.map((change) => ({ id: change.id, at: change.at.toISOString(), who: change.actorName, what: describeChange(change, currency, l10n) })),
    // Every indicator the app reports can be targeted: the store's, then the marketing ones.
    indicators: targetIndicatorOptions(t),
  };
}

/** `partial`: done here, but Shopify refused its part (the page keeps the message in view). */
export type ActionResult = IntentResult;

/** What every intent of the Targets page works with. */
interface TargetsContext extends StaffActionContext {
  clientFor: () => Promise<AdminClient>;
  /** What Shopify Analytics refused, kept as a message, in this staff member's words. */
  said: (stored: string | null) => string | null;
}

/** Changing, removing or publishing a target names it by its id. */
const targetId = ({ l10n: { t } }: TargetsContext) =>
  idField({ missing: t("targets.errors.whichTarget"), notAnId: (given) => t("targets.errors.notTargetId", { given }) });
const goalId = ({ l10n: { t } }: TargetsContext) =>
  idField({ missing: t("targets.errors.whichGoal"), notAnId: (given) => t("targets.errors.notGoalId", { given }) });
const goalFields = { name: textField, why: textField, outcome: textField, from: textField, to: textField };
const intent = intentsFor<TargetsContext>();

const TARGET_INTENTS: Record<string, Intent<TargetsContext>> = {
  create_target: intent(
    () =>
      z.object({
        indicator: textField,
        periodKind: textField,
        from: textField,
        to: textField,
        value: textField,
        direction: textField,
        recurring: textField,
        goalId: textField,
      }),
    async (fields, { db, actor, now, l10n: { t } }) => {
      const raw: RawTarget = { ...fields, indicator: fields.indicator ?? "", value: fields.value ?? "", ratioAs: "percent" };
      const outcome = await createTarget(db, actor, raw, now);
      return outcome.ok ? done(t("targets.messages.targetSaved")) : refused(outcome.errors as Record<string, string>);
    },
  ),
  delete_target: intent(
    (c) => z.object({ id: targetId(c) }),
    async ({ id }, { db, actor, now, clientFor, l10n: { t }, said }) => {
      const removed = await deleteTarget(db, actor, id, now);
      if (!removed) return refused({ id: t("validation.target.noSuchTarget") });
      // Keep Shopify's Analytics in step: a removed target leaves Shopify's reports too.
      const target = await db.target.findUniqueOrThrow({ where: { id } });
      const error = said(target.analyticsTargetId ? await unpublishTarget(db, await clientFor(), target) : null);
      return done(error ? t("targets.messages.targetRemovedBut", { error }) : t("targets.messages.targetRemoved"), error !== null);
    },
  ),
  update_target: intent(
    (c) => z.object({ id: targetId(c), value: textField, direction: textField }),
    async ({ id, value, direction }, { db, actor, now, clientFor, l10n: { t }, said }) => {
      const existing = await db.target.findFirst({ where: { id, shop: actor.shop, deletedAt: null } });
      if (!existing) return refused({ id: t("validation.target.noSuchTarget") });
      const outcome = await updateTarget(
        db,
        actor,
        existing.id,
        {
          indicator: existing.indicator,
          periodKind: existing.periodKind,
          from: existing.from,
          to: existing.to,
          value: value ?? "",
          ratioAs: "percent",
          direction: direction ?? existing.direction,
          recurring: existing.recurring,
          goalId: existing.goalId,
        },
        now,
      );
      if (!outcome.ok) return refused(outcome.errors as Record<string, string>);
      // Keep Shopify's Analytics in step with the new value.
      const error = said(outcome.value.analyticsTargetId ? await syncPublished(db, await clientFor(), outcome.value) : null);
      return done(error ? t("targets.messages.targetChangedBut", { error }) : t("targets.messages.targetChanged"), error !== null);
    },
  ),
  publish_target: intent(
    (c) => z.object({ id: targetId(c) }),
    async ({ id }, { db, actor, clientFor, l10n: { t }, said }) => {
      const error = said(await publishTarget(db, actor, await clientFor(), id));
      return error ? refused({ analytics: error }) : done(t("targets.messages.published"));
    },
  ),
  unpublish_target: intent(
    (c) => z.object({ id: targetId(c) }),
    async ({ id }, { db, actor, clientFor, l10n: { t }, said }) => {
      requirePermission(actor, "edit_strategy");
      const target = await db.target.findFirst({ where: { id, shop: actor.shop, deletedAt: null } });
      if (!target) return refused({ id: t("validation.target.noSuchTarget") });
      const error = said(await unpublishTarget(db, await clientFor(), target));
      return error ? refused({ analytics: error }) : done(t("targets.messages.unpublished"));
    },
  ),
  create_goal: intent(
    () => z.object(goalFields),
    async (fields, { db, actor, now, l10n: { t } }) => {
      const outcome = await createGoal(db, actor, fields, now);
      return outcome.ok ? done(t("targets.messages.goalSaved")) : refused(outcome.errors as Record<string, string>);
    },
  ),
  update_goal: intent(
    (c) => z.object({ id: goalId(c), ...goalFields }),
    async ({ id, ...fields }, { db, actor, now, l10n: { t } }) => {
      const outcome = await updateGoal(db, actor, id, fields, now);
      return outcome.ok ? done(t("targets.messages.goalChanged")) : refused(outcome.errors as Record<string, string>);
    },
  ),
  archive_goal: intent(
    (c) => z.object({ id: goalId(c) }),
    async ({ id }, { db, actor, now, l10n: { t } }) =>
      (await archiveGoal(db, actor, id, true, now)) ? done(t("targets.messages.goalArchived")) : refused({ id: t("targets.errors.goalMissingOrArchived") }),
  ),
  restore_goal: intent(
    (c) => z.object({ id: goalId(c) }),
    async ({ id }, { db, actor, now, l10n: { t } }) =>
      (await archiveGoal(db, actor, id, false, now)) ? done(t("targets.messages.goalRestored")) : refused({ id: t("targets.errors.goalNotArchived") }),
  ),
  move_target: intent(
    (c) =>
      z.object({
        id: targetId(c),
        // A goal's id, or empty to take the target out of its goal.
        goalId: textField.transform((value, context) => {
          const given = value?.trim() ?? "";
          if (given === "") return null;
          if (/^[1-9]\d{0,9}$/.test(given)) return Number(given);
          context.addIssue({ code: "custom", message: c.l10n.t("targets.errors.chooseGoalOrNone") });
          return z.NEVER;
        }),
      }),
    async ({ id, goalId: goal }, { db, actor, now, l10n: { t } }) => {
      const outcome = await moveTarget(db, actor, id, goal, now);
      if (!outcome.ok) return refused(outcome.errors as Record<string, string>);
      return done(goal === null ? t("targets.messages.movedOut") : t("targets.messages.movedUnder"));
    },
  ),
  set_role: intent(
    () => z.object({ userId: textField, role: textField }),
    async ({ userId, role }, { db, actor, now, l10n: { t } }) => {
      const error = await setRole(db, actor, userId ?? "", role ?? "", now);
      return error ? refused({ role: error }) : done(t("targets.messages.roleSaved"));
    },
  ),
};

/** Runs one form action; a refused action throws ForbiddenError (the route answers 403). */
export async function targetsAction(db: PrismaClient, actor: Actor, form: FormData, now: Date, clientFor: () => Promise<AdminClient>): Promise<IntentResponse> {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  const context: TargetsContext = { db, actor, now, l10n, clientFor, said: (stored) => storedWords(stored, l10n) };
  return runIntent(form, TARGET_INTENTS, context, (intent) => (intent ? t("targets.errors.unknownAction", { intent }) : t("targets.errors.noAction")));
}
