/**
 * What Home offers a newcomer once the first sync has copied the store: setting a first goal and the
 * "Your costs" step, each to an owner or strategist who hasn't done or dismissed it. The acting staff
 * member is recorded once for both, as on every page, with the language admin sent.
 */
import type { PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";
import { costsStep, type CostsStepView } from "~/costs/costs-step.server";
import { actingStaff, ForbiddenError } from "~/staff/staff.server";
import { offersFirstGoal } from "~/strategy/first-goal.server";

export interface Onboarding {
  firstGoal: boolean;
  costsStep: CostsStepView | null;
}

export async function onboarding(
  db: PrismaClient,
  session: Pick<Session, "shop" | "onlineAccessInfo">,
  now: Date,
  requestedLocale: string | null = null,
): Promise<Onboarding> {
  try {
    const actor = await actingStaff(db, session, now, requestedLocale);
    const [firstGoal, costs] = await Promise.all([offersFirstGoal(db, actor), costsStep(db, actor, now)]);
    return { firstGoal, costsStep: costs };
  } catch (error) {
    // A session without a staff member (an offline token): nothing to offer.
    if (error instanceof ForbiddenError) return { firstGoal: false, costsStep: null };
    throw error;
  }
}
