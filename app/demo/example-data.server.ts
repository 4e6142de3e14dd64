/**
 * Example data for the demo store, so a newcomer sees every page at work in the first minute: a
 * goal with three targets (one on track, one at risk, one met, their values set from the store's
 * own figures so the statuses hold whatever day the demo runs), promotions of the last weeks (one
 * reviewed with notes, one awaiting its review, one running), and the last two weeks signed off.
 * Everything is titled "Example:" and written through the app's own rules (validation, history).
 * A store that already has goals, promotions or reviews gets nothing.
 */
import type { PrismaClient, Target } from "@prisma/client";
import { firstActiveDay } from "~/indicators/rollups.server";
import { formatDay, weekStart } from "~/lib/calendar";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { parsePromotion } from "~/promotions/promotion-input";
import { promotionsAction } from "~/promotions/promotions-page.server";
import { createPromotions } from "~/promotions/promotions.server";
import { signOffWeek } from "~/review/weekly-review.server";
import type { Actor } from "~/staff/staff.server";
import { targetStatus } from "~/strategy/target-status.server";
import { periodOf } from "~/strategy/target-input";
import { createGoalWithTargets } from "~/strategy/targets.server";
import { seedExampleGrowth, seedExampleTeam } from "./example-team.server";
import { EXAMPLE } from "./example-title";

export { EXAMPLE } from "./example-title";

/** The preview's owner and staff member (their identities in the local admin preview). */
const owner = (shop: string): Actor => ({ shop, userId: "1", name: "Store Owner", role: "owner", accountOwner: true, collaborator: false, locale: "en" });
const sam = (shop: string): Actor => ({ shop, userId: "2", name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" });

export type ExampleOutcome = { seeded: false; reason: string } | { seeded: true; goals: number; targets: number; promotions: number; reviews: number };

export async function seedExampleData(db: PrismaClient, shop: string, now: Date): Promise<ExampleOutcome> {
  const [goals, promotions, reviews] = await Promise.all([
    db.goal.count({ where: { shop } }),
    db.promotion.count({ where: { shop } }),
    db.weeklyReview.count({ where: { shop } }),
  ]);
  if (goals + promotions + reviews > 0) return { seeded: false, reason: "the store already has goals, promotions or reviews" };
  const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true } });
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const firstDay = await firstActiveDay(db, shop);
  if (firstDay === null || today - firstDay < 70) return { seeded: false, reason: "the store has less than ten weeks of orders" };
  for (const actor of [owner(shop), sam(shop)]) {
    const identity = { name: actor.name, accountOwner: actor.accountOwner, collaborator: actor.collaborator, lastSeenAt: now };
    await db.staffMember.upsert({
      where: { shop_userId: { shop, userId: actor.userId } },
      create: { shop, userId: actor.userId, ...identity, firstSeenAt: now },
      update: {},
    });
  }
  await seedExampleTeam(db, owner(shop), now);

  // Targets set from the store's own figures: where each stands decides the value that gives its status.
  // Running targets over four weeks around today (never ending today, whatever day the demo runs),
  // and last month's, ended.
  const running = { from: today - 13, to: today + 14 };
  const lastMonth = periodOf("month", periodOf("month", today).from - 1);
  const standing = async (indicator: string, period: { from: number; to: number }) => {
    const probe = {
      shop,
      indicator,
      from: formatDay(period.from),
      to: formatDay(period.to),
      value: "1",
      direction: "at_least",
      periodKind: "custom",
    } as Target;
    return targetStatus(db, probe, today, firstDay);
  };
  const [orders, sales, aov] = await Promise.all([standing("orders", running), standing("net_sales", running), standing("aov", lastMonth)]);
  const whole = (value: number) => String(Math.max(1, Math.floor(value)));
  const cents = (value: number) => (Math.round(value * 100) / 100).toFixed(2);
  const monthTarget = (indicator: string, value: string, period = running) => ({
    indicator,
    periodKind: period === running ? "custom" : "month",
    from: formatDay(period.from),
    to: formatDay(period.to),
    value,
    direction: "at_least",
  });
  const quarter = { from: lastMonth.from, to: running.to };
  const goal = await createGoalWithTargets(
    db,
    owner(shop),
    {
      name: `${EXAMPLE} Grow revenue`,
      why: "Example data: fund the new autumn range without deeper discounts.",
      from: formatDay(quarter.from),
      to: formatDay(quarter.to),
    },
    [
      // On track: the projection clears it by a tenth.
      monthTarget("orders", whole((orders.projected ?? 0) * 0.9)),
      // At risk: the projection reaches 95% of it.
      monthTarget("net_sales", cents((sales.projected ?? 0) / 0.95)),
      // Met: last month ended 5% above it.
      monthTarget("aov", cents((aov.actual ?? 0) * 0.95), lastMonth),
    ],
    now,
  );
  if (!goal.ok) throw new Error(`example goal refused: ${JSON.stringify(goal.errors)}`);

  // Promotions of the last weeks, logged by Sam.
  const day = (offset: number) => formatDay(today + offset);
  const logged = [];
  for (const raw of [
    {
      title: `${EXAMPLE} Welcome code for first orders`,
      type: "discount",
      channel: "Instagram",
      start: day(-49),
      end: day(-15),
      spend: "120",
      discountCodes: "WELCOME10",
      indicator: "new_customers",
      tactic: "new_customers.welcome-code",
      hypothesis: "10% off the first order brings new buyers in.",
      expectedChange: "New customers +10%",
    },
    {
      title: `${EXAMPLE} VIP reward email`,
      type: "email",
      channel: "Email",
      start: day(-20),
      end: day(-3),
      spend: "60",
      discountCodes: "VIP15",
      utmCampaign: "vip",
      indicator: "repurchase_rate",
      tactic: "repurchase_rate.loyalty",
      hypothesis: "Thanking regulars with a code brings them back sooner.",
      expectedChange: "Repurchase rate +2 pts",
    },
    {
      title: `${EXAMPLE} Bundle: coffee and mug`,
      type: "bundle",
      channel: "Online store",
      start: day(-9),
      end: day(10),
      spend: "200",
      utmCampaign: "summer-sale",
      indicator: "aov",
      tactic: "aov.bundle",
      hypothesis: "A bundle lifts what each order is worth.",
      expectedChange: "AOV +5%",
    },
  ]) {
    const parsed = parsePromotion(raw);
    if (!parsed.ok) throw new Error(`example promotion refused: ${JSON.stringify(parsed.errors)}`);
    logged.push(...(await createPromotions(db, sam(shop), [parsed.value], now)));
  }
  // The welcome code has ended and was reviewed; notes on it and on the running bundle.
  const act = async (actor: Actor, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    const { status, body } = await promotionsAction(db, actor, form, now, () => Promise.reject(new Error("example data never calls Shopify")));
    if (status !== 200) throw new Error(`example ${fields.intent} refused: ${JSON.stringify(body)}`);
  };
  const [welcome, , bundle] = logged;
  await act(sam(shop), { intent: "add_note", id: String(welcome!.id), body: "Example note: most orders with the code came from the Instagram story." });
  // Sam answers first, in his own words; then the owner gives the verdict.
  await act(sam(shop), {
    intent: "self_review",
    id: String(welcome!.id),
    selfMoved: "yes",
    selfLearned: "Example self-review: the story brought people who had never bought; the code mattered less than the story.",
    selfNext: "Try the same story without the code, to see whether the code is needed at all.",
  });
  await act(owner(shop), {
    intent: "review_promotion",
    id: String(welcome!.id),
    verdict: "worked",
    learned: "Example review: first orders rose while it ran, and few buyers used the code twice.",
    nextStep: "Run it again for the autumn launch, on Instagram only.",
  });
  await act(sam(shop), { intent: "add_note", id: String(bundle!.id), body: "Example note: bundle added to the home page banner." });

  await seedExampleGrowth(db, owner(shop), today, now);

  // The last two weeks, signed off by the owner.
  let signed = 0;
  for (const start of [weekStart(today) - 14, weekStart(today) - 7]) {
    const error = await signOffWeek(db, owner(shop), formatDay(start), `Example sign-off: orders on pace; the welcome code keeps bringing new customers.`, now);
    if (error) throw new Error(`example sign-off refused: ${JSON.stringify(error)}`);
    signed++;
  }
  return {
    seeded: true,
    goals: 1,
    targets: goal.value.targets.length,
    promotions: logged.length + 1,
    reviews: signed,
  };
}
