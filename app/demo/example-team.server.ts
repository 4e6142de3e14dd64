/**
 * The demo's team at work on the loop's second half (issue 27), so a newcomer sees it in the first
 * minute: a staff member at each stage (Mei Chen follows the playbook, Sam Rivera adapts its
 * tactics, Alex Kim creates his own and has one waiting for the owner), a self-review answered
 * before the owner's verdict, a lesson assigned and one read, a target on track whose part of the
 * goal's outcome went against it, and the people who get the Monday brief. Everything goes through
 * the app's own rules (stages, proposals, history), like the rest of the example data.
 */
import type { PrismaClient, Target } from "@prisma/client";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { INDICATORS, isIndicatorKey } from "~/indicators/definitions";
import { firstActiveDay } from "~/indicators/rollups.server";
import { setLessonAssignment, recordLessonRead } from "~/lessons/lessons.server";
import { localizer } from "~/i18n/localizer";
import { withLocalizer } from "~/i18n/scope.server";
import { formatDay, parseDay } from "~/lib/calendar";
import { storePlaybook } from "~/playbooks/playbooks.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { propose } from "~/staff/proposals.server";
import { setStage } from "~/staff/stages.server";
import type { Actor } from "~/staff/staff.server";
import { TARGET_PARTS } from "~/strategy/goal-bridge";
import { goalFlagFacts, readGoals } from "~/strategy/goal-outcome.server";
import { createTarget } from "~/strategy/targets.server";
import { targetStatus } from "~/strategy/target-status.server";
import { periodOf } from "~/strategy/target-input";
import { EXAMPLE } from "./example-title";

const staff = (shop: string, userId: string, name: string, locale: string): Actor => ({
  shop,
  userId,
  name,
  role: "staff",
  accountOwner: false,
  collaborator: false,
  locale,
});

/** The demo's staff beside the owner (the local admin preview acts as each: ?as=2, 4, 5). */
export const exampleStaff = (shop: string) => ({
  sam: staff(shop, "2", "Sam Rivera", "en"),
  mei: staff(shop, "4", "Mei Chen", "zh-CN"),
  alex: staff(shop, "5", "Alex Kim", "en"),
});

/** Records the team (their emails as the preview's sessions give them) and sets each one's stage as the owner. */
export async function seedExampleTeam(db: PrismaClient, owner: Actor, now: Date): Promise<void> {
  const { sam, mei, alex } = exampleStaff(owner.shop);
  const stages: [Actor, string, boolean][] = [
    [sam, "adapt", true],
    [mei, "follow", true],
    [alex, "create", false],
  ];
  for (const [member, stage, brief] of stages) {
    const email = `${member.name.split(" ")[0]!.toLowerCase()}@${owner.shop}`;
    const identity = { name: member.name, accountOwner: false, collaborator: false, lastSeenAt: now, locale: member.locale, email, briefOptIn: brief };
    await db.staffMember.upsert({
      where: { shop_userId: { shop: owner.shop, userId: member.userId } },
      create: { shop: owner.shop, userId: member.userId, ...identity, firstSeenAt: now },
      update: { locale: member.locale, email, briefOptIn: brief },
    });
    const refusal = await setStage(db, owner, member.userId, stage, now);
    if (refusal) throw new Error(`example stage refused: ${refusal}`);
  }
  await db.staffMember.update({ where: { shop_userId: { shop: owner.shop, userId: owner.userId } }, data: { briefOptIn: true } });
}

/**
 * Mei logs a promotion exactly as the playbook has it, Alex proposes a tactic of his own, the owner
 * assigns Mei the lesson on average order value and Sam has read the one on new customers.
 */
export async function seedExampleGrowth(db: PrismaClient, owner: Actor, today: number, now: Date): Promise<void> {
  const { sam, mei, alex } = exampleStaff(owner.shop);
  const tactic = (await storePlaybook(db, owner.shop)).find((candidate) => candidate.indicator === "aov" && !candidate.hidden);
  if (!tactic) throw new Error("the playbook has no tactic for average order value");
  const parsed = parsePromotion({
    title: `${EXAMPLE} ${tactic.title}`,
    type: tactic.type,
    channel: "Online store",
    start: formatDay(today - 5),
    end: formatDay(today + 9),
    spend: "80",
    indicator: tactic.indicator,
    tactic: tactic.key,
    hypothesis: tactic.hypothesis,
  });
  if (!parsed.ok) throw new Error(`example promotion refused: ${JSON.stringify(parsed.errors)}`);
  await createPromotions(db, mei, [parsed.value], now);

  const proposed = await withLocalizer(localizer("en"), () =>
    propose(
      db,
      alex,
      "tactic",
      {
        indicator: "repurchase_rate",
        title: `${EXAMPLE} Refill reminder at 30 days`,
        how: "Email buyers of coffee 30 days after their order, with a link straight to the same beans.",
        type: "email",
        hypothesis: "Coffee runs out in about a month: a reminder then brings the second order before they buy elsewhere.",
      },
      now,
    ),
  );
  if (!proposed.ok) throw new Error(`example proposal refused: ${JSON.stringify(proposed.errors)}`);

  const assigned = await setLessonAssignment(db, owner, { userId: mei.userId, indicator: "aov" }, true, now, localizer("en"));
  if (!assigned.ok) throw new Error(`example lesson refused: ${JSON.stringify(assigned.errors)}`);
  await recordLessonRead(db, sam, "new_customers", now);
}

/** Indicators a target can be set on as "at least", in the order the demo prefers to show one flagged. */
const FLAGGABLE = ["aov", "units_per_order", "orders", "new_customers", "customers", "gross_margin", "roas", "mer"] as const;

/**
 * Makes sure the example goal shows "does the indicator serve the goal?" at work, once the example
 * costs are in its net profit: when none of its targets is flagged already, a target on track is
 * added on the first indicator whose part of net profit went against it over the goal's days so far
 * (this month so far, its value 90% of the store's own pace). Returns the flagged indicator, or
 * null when every part of the outcome helped (or there is no example goal).
 */
export async function seedFlaggedTarget(db: PrismaClient, shop: string, now: Date): Promise<string | null> {
  const goal = await db.goal.findFirst({ where: { shop, archivedAt: null, name: { startsWith: EXAMPLE } }, orderBy: { id: "asc" } });
  const record = await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  if (!goal || !record) return null;
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const already = await goalFlagFacts(db, shop, today - 1);
  if (already.length > 0) return already[0]!.indicator;
  const [reading] = await readGoals(db, shop, [goal], today - 1);
  if (!reading?.bridge || reading.bridge.outcome !== "net_profit") return null;
  // This month so far and the weeks ahead, within the goal; on a month's first day, the last two weeks.
  const month = periodOf("month", today);
  const period = { from: month.from < today ? month.from : today - 13, to: Math.min(today + 14, parseDay(goal.to)!) };
  const effect = new Map(reading.bridge.lines.map((line) => [line.part, line.effect]));
  const parts = TARGET_PARTS.net_profit;
  // A target may not overlap another on the same indicator.
  const taken = new Set(
    (await db.target.findMany({ where: { shop, deletedAt: null, from: { lte: formatDay(period.to) }, to: { gte: formatDay(period.from) } } })).map(
      (target) => target.indicator,
    ),
  );
  const indicator = FLAGGABLE.find((key) => !taken.has(key) && (parts[key] ?? []).reduce((sum, part) => sum + (effect.get(part) ?? 0n), 0n) < 0n);
  if (!indicator) return null;
  const probe = { shop, indicator, from: formatDay(period.from), to: formatDay(period.to), value: "1", direction: "at_least", periodKind: "custom" } as Target;
  const pace = await targetStatus(db, probe, today, await firstActiveDay(db, shop));
  const projected = (pace.projected ?? 0) * 0.9;
  const kind = isIndicatorKey(indicator) ? INDICATORS[indicator].kind : "multiple";
  const value = kind === "count" ? String(Math.max(1, Math.floor(projected))) : kind === "money" ? projected.toFixed(2) : projected.toFixed(4);
  const owner: Actor = { shop, userId: goal.createdBy, name: "Store Owner", role: "owner", accountOwner: true, collaborator: false, locale: "en" };
  const target = await createTarget(
    db,
    owner,
    { indicator, periodKind: "custom", from: formatDay(period.from), to: formatDay(period.to), value, direction: "at_least", goalId: String(goal.id) },
    now,
  );
  if (!target.ok) throw new Error(`example flagged target refused: ${JSON.stringify(target.errors)}`);
  return indicator;
}
