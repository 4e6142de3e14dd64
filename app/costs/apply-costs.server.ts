/**
 * The costs job's work (`costs-changed`): brings the figures to the owner's latest cost settings,
 * then records the version taken into account. The figures read the fee rules so far
 * (transaction_fees, fee_coverage): the days whose payments a set, changed or removed rule prices
 * are recomputed, in the job and never on a page view, with progress the Costs page shows.
 */
import type { PrismaClient } from "@prisma/client";
import { refreshFeeDays } from "~/indicators/rollups.server";
import { runningBackfill } from "~/sync/heartbeat";

/** A fee rule as the settings keep what the rollups were computed with. */
interface AppliedFeeRule {
  gateway: string;
  rate: string;
  /** 1/10,000 units, as text (JSON has no bigint). */
  fixedFee: string;
}

const appliedRule = (rule: { gateway: string; rate: string; fixedFee: bigint }): AppliedFeeRule => ({
  gateway: rule.gateway,
  rate: rule.rate,
  fixedFee: rule.fixedFee.toString(),
});

function parseApplied(text: string | null): AppliedFeeRule[] {
  return text ? (JSON.parse(text) as AppliedFeeRule[]) : [];
}

/** Gateways whose rule was set, changed or removed between two sets of rules. */
export function changedGateways(before: readonly AppliedFeeRule[], after: readonly AppliedFeeRule[]): string[] {
  const key = (rule: AppliedFeeRule | undefined) => (rule ? `${rule.rate}|${rule.fixedFee}` : null);
  const old = new Map(before.map((rule) => [rule.gateway, rule]));
  const current = new Map(after.map((rule) => [rule.gateway, rule]));
  return [...new Set([...old.keys(), ...current.keys()])].filter((gateway) => key(old.get(gateway)) !== key(current.get(gateway))).sort();
}

export type ApplyOutcome = "applied" | "wait_for_backfill";

/**
 * Recomputes the days the fee rules changed since the rollups last took them into account, then
 * records the settings' version read first (rules read after it are at least as new: a later change
 * queues another job, which finds what is left). While a backfill builds the rollups, waits for it
 * ("wait_for_backfill"): it may have read the rules before this change.
 */
export async function applyCostSettings(db: PrismaClient, shop: string, now: () => Date): Promise<ApplyOutcome> {
  const settings = await db.costSettings.findUnique({ where: { shop } });
  if (!settings || settings.appliedVersion === settings.version) return "applied";
  const rules = (await db.gatewayFeeRule.findMany({ where: { shop }, orderBy: { gateway: "asc" } })).map(appliedRule);
  const changed = changedGateways(parseApplied(settings.appliedFeeRules), rules);
  if (changed.length > 0) {
    const recomputed = await refreshFeeDays(db, shop, changed, ({ daysDone, daysTotal }) =>
      db.costSettings.update({ where: { shop }, data: { recomputeDaysDone: daysDone, recomputeDaysTotal: daysTotal } }),
    );
    // Not built: the build reads the rules as they are then, unless a backfill started it earlier.
    if (recomputed === null && (await runningBackfill(db, shop, now()))) return "wait_for_backfill";
  }
  await db.costSettings.update({
    where: { shop },
    data: { appliedFeeRules: JSON.stringify(rules), recomputeDaysDone: null, recomputeDaysTotal: null },
  });
  await db.costSettings.updateMany({ where: { shop, version: settings.version }, data: { appliedVersion: settings.version, appliedAt: now() } });
  return "applied";
}
