/**
 * The costs job's work (`costs-changed`): brings the figures to the owner's latest cost settings,
 * then records the version taken into account. The daily rollups hold what the fee and shipping rules
 * and the imported shipping costs price (transaction_fees, shipping_costs and their coverage): the
 * days a set, changed or removed rule or a new import reaches are recomputed, in the job and never
 * on a page view, with progress the Costs page shows. Other costs and the default cost rate are read
 * when a period is reported: nothing to recompute.
 */
import type { PrismaClient } from "@prisma/client";
import { refreshCostDays, type CostChange } from "~/indicators/rollups.server";
import { runningBackfill } from "~/sync/heartbeat";
import { REST_OF_WORLD } from "./countries";

/** A fee rule as the settings keep what the rollups were computed with. */
interface AppliedFeeRule {
  gateway: string;
  rate: string;
  /** 1/10,000 units, as text (JSON has no bigint). */
  fixedFee: string;
}

/** A shipping rule as the settings keep what the rollups were computed with (money as fee rules keep it). */
interface AppliedShippingRule {
  destination: string;
  perOrder: string;
  perUnit: string;
}

const appliedRule = (rule: { gateway: string; rate: string; fixedFee: bigint }): AppliedFeeRule => ({
  gateway: rule.gateway,
  rate: rule.rate,
  fixedFee: rule.fixedFee.toString(),
});

const appliedShippingRule = (rule: { destination: string; perOrder: bigint; perUnit: bigint }): AppliedShippingRule => ({
  destination: rule.destination,
  perOrder: rule.perOrder.toString(),
  perUnit: rule.perUnit.toString(),
});

function parseApplied<T>(text: string | null): T[] {
  return text ? (JSON.parse(text) as T[]) : [];
}

/** Names whose rule was set, changed or removed between two sets of rules, each rule named by `name` and compared by `terms`. */
function changedNames<T>(before: readonly T[], after: readonly T[], name: (rule: T) => string, terms: (rule: T) => string): string[] {
  const key = (rule: T | undefined) => (rule ? terms(rule) : null);
  const old = new Map(before.map((rule) => [name(rule), rule]));
  const current = new Map(after.map((rule) => [name(rule), rule]));
  return [...new Set([...old.keys(), ...current.keys()])].filter((each) => key(old.get(each)) !== key(current.get(each))).sort();
}

/** Gateways whose rule was set, changed or removed between two sets of rules. */
export function changedGateways(before: readonly AppliedFeeRule[], after: readonly AppliedFeeRule[]): string[] {
  return changedNames(
    before,
    after,
    (rule) => rule.gateway,
    (rule) => `${rule.rate}|${rule.fixedFee}`,
  );
}

/** Destinations (countries, or the rest of the world) whose shipping rule was set, changed or removed. */
export function changedDestinations(before: readonly AppliedShippingRule[], after: readonly AppliedShippingRule[]): string[] {
  return changedNames(
    before,
    after,
    (rule) => rule.destination,
    (rule) => `${rule.perOrder}|${rule.perUnit}`,
  );
}

export type ApplyOutcome = "applied" | "wait_for_backfill";

/**
 * Recomputes the days the fee and shipping rules and the imports changed since the rollups last took
 * them into account, then records the settings' version read first (rules and imports read after it
 * are at least as new: a later change queues another job, which finds what is left). Imports are
 * marked taken into account by the instants they were imported at, read before the days were: an
 * order imported again meanwhile has a later one and stays for the next job. While a backfill builds
 * the rollups, waits for it ("wait_for_backfill"): it may have read the settings before this change.
 */
export async function applyCostSettings(db: PrismaClient, shop: string, now: () => Date): Promise<ApplyOutcome> {
  const settings = await db.costSettings.findUnique({ where: { shop } });
  if (!settings || settings.appliedVersion === settings.version) return "applied";
  const [feeRules, shippingRules, imports] = await Promise.all([
    db.gatewayFeeRule.findMany({ where: { shop }, orderBy: { gateway: "asc" } }).then((rules) => rules.map(appliedRule)),
    db.shippingRule.findMany({ where: { shop }, orderBy: { destination: "asc" } }).then((rules) => rules.map(appliedShippingRule)),
    db.shippingCost.findMany({ where: { shop, applied: false }, distinct: ["importedAt"], select: { importedAt: true } }),
  ]);
  const destinations = changedDestinations(parseApplied(settings.appliedShippingRules), shippingRules);
  const change: CostChange = {
    gateways: changedGateways(parseApplied(settings.appliedFeeRules), feeRules),
    shippingCountries: destinations.filter((destination) => destination !== REST_OF_WORLD),
    restOfWorld: destinations.includes(REST_OF_WORLD),
    importedShipping: imports.length > 0,
  };
  const recomputed = await refreshCostDays(db, shop, change, ({ daysDone, daysTotal }) =>
    db.costSettings.update({ where: { shop }, data: { recomputeDaysDone: daysDone, recomputeDaysTotal: daysTotal } }),
  );
  // Not built: the build reads the settings as they are then, unless a backfill started it earlier.
  if (recomputed === null && (await runningBackfill(db, shop, now()))) return "wait_for_backfill";
  await db.$transaction([
    db.costSettings.update({
      where: { shop },
      data: {
        appliedFeeRules: JSON.stringify(feeRules),
        appliedShippingRules: JSON.stringify(shippingRules),
        recomputeDaysDone: null,
        recomputeDaysTotal: null,
      },
    }),
    db.shippingCost.updateMany({ where: { shop, applied: false, importedAt: { in: imports.map((row) => row.importedAt) } }, data: { applied: true } }),
  ]);
  await db.costSettings.updateMany({ where: { shop, version: settings.version }, data: { appliedVersion: settings.version, appliedAt: now() } });
  return "applied";
}
