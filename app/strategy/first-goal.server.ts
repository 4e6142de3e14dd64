/**
 * The guided first goal: the owner picks what to grow and over which period (this month or the
 * next, this quarter or the next), sees targets suggested from the store's own history (with the
 * reasoning and the range), adjusts and saves the goal with its targets in one step. "Not now"
 * hides the prompt on the home page; the page stays reachable from Targets.
 */
import type { PrismaClient } from "@prisma/client";
import { isCostIndicatorKey, isIndicatorKey, isProfitIndicatorKey, REPORTED_INDICATORS } from "~/indicators/definitions";
import { rollupsReady } from "~/indicators/rollups.server";
import { bucketStart, formatDay, nextBucketStart, parseDay, type Period } from "~/lib/calendar";
import { localizer, type Localizer } from "~/i18n/localizer";
import { formatDateRange } from "~/lib/dates";
import { dateTimeFormat } from "~/lib/intl";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { can } from "~/staff/roles";
import { requirePermission, type Actor } from "~/staff/staff.server";
import { AIMS, isAim, suggestTargets, type Aim, type SuggestibleKey } from "./suggestions.server";

const isSuggestible = (key: string): key is SuggestibleKey => isIndicatorKey(key) || isCostIndicatorKey(key) || isProfitIndicatorKey(key);
import { DEFAULT_OUTCOME } from "./goal-bridge";
import { outcomeChoices } from "./goal-words";
import { defaultDirection, MAX_TARGET_DAYS, periodOf } from "./target-input";
import { createGoalWithTargets, liveGoals, type GoalWithTargetsErrors } from "./targets.server";

/** The periods a first goal can cover: the month or quarter holding today, or the next one. */
export const HORIZONS = ["this_month", "next_month", "this_quarter", "next_quarter"] as const;
export type Horizon = (typeof HORIZONS)[number];
const isHorizon = (value: unknown): value is Horizon => HORIZONS.includes(value as Horizon);

export function horizonPeriod(horizon: Horizon, today: number): Period {
  const kind = horizon.endsWith("quarter") ? "quarter" : "month";
  const from = horizon.startsWith("this") ? bucketStart(today, kind) : nextBucketStart(bucketStart(today, kind), kind);
  return { from, to: nextBucketStart(from, kind) - 1 };
}

/**
 * The period offered first: this month while at least half of it is still to come (a goal set on the
 * 6th paces from the 1st, and reads from today), else the next one.
 */
export function defaultHorizon(today: number): Horizon {
  const month = horizonPeriod("this_month", today);
  return month.to - today + 1 >= (month.to - month.from + 1) / 2 ? "this_month" : "next_month";
}

/** The horizon an address names, or the default one. */
export const horizonOf = (value: unknown, today: number): Horizon => (isHorizon(value) ? value : defaultHorizon(today));

/** The period in a goal's name, for good: "December 2026", "Q1 2027" ("2026年12月", "2027年第1季度"). */
function periodName(horizon: Horizon, period: Period, { t, locale }: Localizer): string {
  const first = new Date(period.from * 86_400_000);
  if (horizon.endsWith("month")) return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(first);
  return t("firstGoal.quarterName", { quarter: Math.floor(first.getUTCMonth() / 3) + 1, year: first.getUTCFullYear() });
}

/** Whether the home page invites this staff member to set a first goal (owners and strategists, before any goal, unless they said "Not now"). */
export async function offersFirstGoal(db: PrismaClient, actor: Actor): Promise<boolean> {
  if (!can(actor.role, "edit_strategy")) return false;
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { goalPromptDismissedAt: true } });
  if (!shop || shop.goalPromptDismissedAt) return false;
  return (await db.goal.count({ where: { shop: actor.shop } })) === 0;
}

export async function firstGoalPage(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date) {
  const l10n = localizer(actor.locale);
  const { t, locale } = l10n;
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true, currencyCode: true, lastSyncAt: true } });
  const zone = shop?.ianaTimezone ?? "UTC";
  const currency = shop?.currencyCode ?? "USD";
  const today = timeZone(zone).localDay(now.getTime());
  const aimParam = params.get("aim") ?? "";
  const aim: Aim | null = isAim(aimParam) ? aimParam : null;
  const horizon = horizonOf(params.get("period"), today);
  const period = horizonPeriod(horizon, today);
  // Suggestions read the store's whole history: not before the first sync has copied it all.
  const ready = shop?.lastSyncAt != null && (await rollupsReady(db, actor.shop));
  const suggestions = aim && ready ? await suggestTargets(db, actor.shop, currency, AIMS[aim].indicators, period, today) : [];
  return {
    canEdit: can(actor.role, "edit_strategy"),
    ready,
    hasGoals: (await liveGoals(db, actor.shop)).length > 0,
    aims: (Object.keys(AIMS) as Aim[]).map((key) => ({ key, label: t(`firstGoal.aims.${key}.label`) })),
    horizons: HORIZONS.map((key) => {
      const { from, to } = horizonPeriod(key, today);
      return { key, label: t(`firstGoal.horizons.${key}`, { range: formatDateRange(from, to, locale) }) };
    }),
    aim,
    /** The outcome the goal is offered for: the aim's (net profit when none is chosen yet). */
    outcome: aim ? AIMS[aim].outcome : DEFAULT_OUTCOME,
    outcomes: outcomeChoices(l10n),
    horizon,
    period: { from: formatDay(period.from), to: formatDay(period.to), label: formatDateRange(period.from, period.to, locale) },
    goalName: aim ? t("firstGoal.goalName", { goal: t(`firstGoal.aims.${aim}.goal`), period: periodName(horizon, period, l10n) }) : "",
    suggestions: suggestions.map((item) => ({
      indicator: item.indicator,
      label: item.label,
      kind: REPORTED_INDICATORS[item.indicator].kind,
      direction: defaultDirection(item.indicator),
      reasoning: item.reasoning,
      shown: item.shown,
      inputs: item.inputs,
      valueInput: item.valueInput,
    })),
    /** Indicators of the aim without a suggestion (too little history), set by hand. */
    unsuggested: aim
      ? AIMS[aim].indicators
          .filter((key) => !suggestions.some((item) => item.indicator === key))
          .map((key) => ({ indicator: key, label: t(`indicators.${key}.label`) }))
      : [],
  };
}

export type FirstGoalResult = { ok: true; redirect: string } | { ok: false; errors: GoalWithTargetsErrors & { form?: string } };

/** Saves the goal with the targets the owner kept ("target_<indicator>" holds each value; "include_<indicator>" keeps it). */
export async function saveFirstGoal(db: PrismaClient, actor: Actor, form: FormData, now: Date): Promise<FirstGoalResult> {
  requirePermission(actor, "edit_strategy");
  const shop = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
  const today = timeZone(shop.ianaTimezone).localDay(now.getTime());
  const horizon = form.get("period");
  if (!isHorizon(horizon)) return { ok: false, errors: { form: localizer(actor.locale).t("firstGoal.choosePeriod") } };
  const period = horizonPeriod(horizon, today);
  const targets = [...form.keys()]
    .filter((key) => key.startsWith("include_"))
    .map((key) => key.slice("include_".length))
    .filter((indicator) => isIndicatorKey(indicator))
    .map((indicator) => ({
      indicator,
      periodKind: horizon.endsWith("quarter") ? "quarter" : "month",
      from: formatDay(period.from),
      to: formatDay(period.to),
      value: String(form.get(`target_${indicator}`) ?? ""),
      ratioAs: "percent" as const,
      direction: isIndicatorKey(indicator) ? defaultDirection(indicator) : null,
    }));
  const outcome = await createGoalWithTargets(
    db,
    actor,
    {
      name: String(form.get("name") ?? ""),
      why: String(form.get("why") ?? "") || null,
      outcome: String(form.get("outcome") ?? "") || null,
      from: formatDay(period.from),
      to: formatDay(period.to),
    },
    targets,
    now,
  );
  if (!outcome.ok) return { ok: false, errors: outcome.errors };
  return { ok: true, redirect: `/app/targets?saved=goal&count=${outcome.value.targets.length}` };
}

/** "Not now": the home page stops offering the first goal (the Targets page still links to it). */
export async function dismissFirstGoal(db: PrismaClient, actor: Actor, now: Date): Promise<void> {
  requirePermission(actor, "edit_strategy");
  await db.shop.update({ where: { shop: actor.shop }, data: { goalPromptDismissedAt: now } });
}

/**
 * The suggestion for one indicator over the period the new-target form names (any day of a week,
 * month or quarter; or custom dates): what the Targets form shows beside its value field.
 */
export async function suggestionFor(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date) {
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true, currencyCode: true, lastSyncAt: true } });
  const indicator = params.get("indicator") ?? "";
  if (!shop || !isSuggestible(indicator)) return { suggestion: null };
  const today = timeZone(shop.ianaTimezone).localDay(now.getTime());
  const kind = params.get("periodKind") ?? "month";
  const fromDay = parseDay(params.get("from") ?? "") ?? today;
  let period: Period | null = null;
  if (kind === "week" || kind === "month" || kind === "quarter") period = periodOf(kind, fromDay);
  else {
    const toDay = parseDay(params.get("to") ?? "");
    if (toDay !== null && toDay >= fromDay && toDay - fromDay < MAX_TARGET_DAYS) period = { from: fromDay, to: toDay };
  }
  if (!period || !(await rollupsReady(db, actor.shop))) return { suggestion: null };
  const [found] = await suggestTargets(db, actor.shop, shop.currencyCode, [indicator], period, today);
  return {
    suggestion: found
      ? {
          reasoning: found.reasoning,
          shown: found.shown,
          inputs: found.inputs,
          valueInput: found.valueInput,
          period: formatDateRange(period.from, period.to, localizer(actor.locale).locale),
        }
      : null,
  };
}
