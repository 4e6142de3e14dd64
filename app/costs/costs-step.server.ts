/**
 * The "Your costs" step of onboarding: after the first sync, Home tells the owner or a strategist
 * what the figures already know of the whole cost of a sale and what they still need (payment fees
 * and the gateways that list none, shipping, fixed costs, the default cost rate), each part with a
 * way to set it on the Costs page, a one-click rule where there is a suggestion, and a "Skip". The
 * step goes once every part is set or skipped, or for good when dismissed (recorded per shop).
 * Staff never see it, and are refused its actions.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { localizer } from "~/i18n/localizer";
import { formatValue } from "~/indicators/format";
import { done, intentsFor, runIntent, type Intent, type IntentResponse } from "~/lib/form-intents.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { can } from "~/staff/roles";
import { requirePermission, type Actor, type StaffActionContext } from "~/staff/staff.server";
import { fractionToPercent } from "./cost-input";
import { COSTS_STEP_PARTS, isCostsStepPart, partKey, type CostsStepPart } from "./costs-step-parts";
import {
  defaultRateSuggestion,
  feeKnowledge,
  gatewayPayments,
  needsFeeRule,
  SUGGESTION_DAYS,
  suggestionWindowStart,
  type GatewayPayments,
} from "./cost-knowledge.server";
import { gatewaySuggestions } from "./gateway-suggestions";

/** A gateway that lists no fees and has no rule, with the rule suggested for it (posted as the Costs page's form posts it). */
export interface GatewayWithoutFees {
  gateway: string;
  suggestion: { ratePercent: string; fixedFee: string; words: string } | null;
}

/** One part as Home shows it: what is found, what is missing (null when nothing is). */
export type CostsStepPartView = { part: CostsStepPart; done: boolean; found: string; missing: string | null } & (
  { part: "fees"; gateways: GatewayWithoutFees[] } | { part: "shipping" | "fixed_costs" } | { part: "default_rate"; suggestedPercent: string | null }
);

export interface CostsStepView {
  parts: CostsStepPartView[];
}

/** The parts a shop skipped, from the stored JSON (anything unreadable is no part). */
export function skippedParts(stored: string | null): CostsStepPart[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? COSTS_STEP_PARTS.filter((part) => parsed.includes(part)) : [];
  } catch {
    return [];
  }
}

/**
 * The step for this staff member, or null when Home doesn't offer it: staff, before the first sync
 * has finished, a dismissed step, or every part set or skipped. Read only: a loader's work.
 */
export async function costsStep(db: PrismaClient, actor: Actor, now: Date): Promise<CostsStepView | null> {
  if (!can(actor.role, "edit_costs")) return null;
  const shop = await db.shop.findUnique({
    where: { shop: actor.shop },
    select: { ianaTimezone: true, currencyCode: true, lastSyncAt: true, costsStepDismissedAt: true, costsStepSkipped: true },
  });
  // After the first sync: what the store's payments show is known only once it has copied them.
  if (!shop || shop.lastSyncAt === null || shop.costsStepDismissedAt) return null;
  const skipped = skippedParts(shop.costsStepSkipped);
  if (skipped.length === COSTS_STEP_PARTS.length) return null;
  const { t, locale } = localizer(actor.locale);
  const currency = shop.currencyCode;
  const today = timeZone(shop.ianaTimezone).localDay(now.getTime());
  const days = SUGGESTION_DAYS;
  const [knowledge, feeRules, shippingRules, imported, monthly, otherCosts, settings, rateSuggestion] = await Promise.all([
    feeKnowledge(db, actor.shop, today),
    db.gatewayFeeRule.findMany({ where: { shop: actor.shop }, select: { gateway: true } }),
    db.shippingRule.count({ where: { shop: actor.shop } }),
    db.shippingCost.count({ where: { shop: actor.shop } }),
    db.customCost.count({ where: { shop: actor.shop, kind: "monthly" } }),
    db.customCost.count({ where: { shop: actor.shop, kind: { not: "monthly" } } }),
    db.costSettings.findUnique({ where: { shop: actor.shop }, select: { defaultCostRate: true } }),
    defaultRateSuggestion(db, actor.shop, today),
  ]);
  const ratio = (value: number) => formatValue("ratio", value, currency, locale);
  const money = (text: string) => formatValue("money", text as `${number}`, currency, locale);

  // Fees: the share of the payments' amount whose fee is known (listed, or priced by a rule), as fee
  // coverage reads it. The payments themselves are read only when the rollups say some fee is unknown
  // (Home is opened often; a store whose fees are all known pays a few rows for it), and then the
  // share comes from them too, with today's rules, beside the gateways they name.
  const ruled = new Set(feeRules.map((rule) => rule.gateway));
  const payments =
    knowledge.known === knowledge.payments
      ? new Map<string, GatewayPayments>()
      : await gatewayPayments(db, actor.shop, suggestionWindowStart(shop.ianaTimezone, today));
  let amount = payments.size === 0 ? knowledge.payments : 0n;
  let known = payments.size === 0 ? knowledge.known : 0n;
  for (const [gateway, sums] of payments) {
    amount += sums.amount;
    known += ruled.has(gateway) ? sums.amount : sums.listed;
  }
  const suggested = new Map(gatewaySuggestions(currency).map((suggestion) => [suggestion.gateway, suggestion]));
  const withoutFees: GatewayWithoutFees[] = [...payments]
    .filter(([gateway, sums]) => needsFeeRule(sums, ruled.has(gateway)))
    .sort(([a, x], [b, y]) => (x.amount > y.amount ? -1 : x.amount < y.amount ? 1 : a < b ? -1 : 1))
    .map(([gateway]) => {
      const suggestion = suggested.get(gateway);
      if (!suggestion) return { gateway, suggestion: null };
      const ratePercent = fractionToPercent(suggestion.rate);
      return {
        gateway,
        suggestion: {
          ratePercent,
          fixedFee: suggestion.fixedFee,
          words: t("costs.history.feeRule", { rate: `${ratePercent}%`, fee: money(suggestion.fixedFee) }),
        },
      };
    });
  const fees: CostsStepPartView = {
    part: "fees",
    done: withoutFees.length === 0,
    found: amount === 0n ? t("costsStep.fees.noPayments", { days }) : t("costsStep.fees.found", { share: ratio(Number(known) / Number(amount)), days }),
    missing:
      withoutFees.length === 0 ? null : t("costsStep.fees.missing", { count: withoutFees.length, gateways: withoutFees.map((row) => row.gateway).join(", ") }),
    gateways: withoutFees,
  };

  const shipping: CostsStepPartView = {
    part: "shipping",
    done: shippingRules + imported > 0,
    found:
      shippingRules + imported === 0
        ? t("costsStep.shipping.none")
        : [t("costsStep.shipping.rules", { count: shippingRules }), ...(imported > 0 ? [t("costsStep.shipping.imported", { count: imported })] : [])].join(" "),
    missing: shippingRules + imported === 0 ? t("costsStep.shipping.missing") : null,
  };

  const fixedCosts: CostsStepPartView = {
    part: "fixed_costs",
    done: monthly > 0,
    found: [
      monthly > 0 ? t("costsStep.fixedCosts.monthly", { count: monthly }) : t("costsStep.fixedCosts.none"),
      ...(otherCosts > 0 ? [t("costsStep.fixedCosts.others", { count: otherCosts })] : []),
    ].join(" "),
    missing: monthly > 0 ? null : t("costsStep.fixedCosts.missing"),
  };

  // The default rate matters only where sales have no product cost.
  const uncovered = settings?.defaultCostRate == null && rateSuggestion.fills !== null && rateSuggestion.fills > 0;
  const defaultRate: CostsStepPartView = {
    part: "default_rate",
    done: !uncovered,
    found:
      settings?.defaultCostRate != null
        ? t("costsStep.defaultRate.set", { rate: `${fractionToPercent(settings.defaultCostRate)}%` })
        : uncovered
          ? t("costsStep.defaultRate.uncovered", { share: ratio(rateSuggestion.fills!), days })
          : t("costsStep.defaultRate.allCosted", { days }),
    missing: uncovered
      ? rateSuggestion.rate === null
        ? t("costsStep.defaultRate.missing")
        : t("costsStep.defaultRate.missingSuggested", { rate: `${fractionToPercent(rateSuggestion.rate)}%` })
      : null,
    suggestedPercent: uncovered && rateSuggestion.rate !== null ? fractionToPercent(rateSuggestion.rate) : null,
  };

  const parts = [fees, shipping, fixedCosts, defaultRate].filter((part) => !skipped.includes(part.part));
  if (parts.every((part) => part.done)) return null;
  return { parts };
}

const intent = intentsFor<StaffActionContext>();

const STEP_INTENTS: Record<string, Intent<StaffActionContext>> = {
  skip: intent(
    ({ l10n: { t } }) =>
      z.object({
        part: z
          .string()
          .nullish()
          .transform((value, context) => {
            if (isCostsStepPart(value)) return value;
            context.addIssue({
              code: "custom",
              message: value
                ? t("costsStep.errors.unknownPart", { part: value.slice(0, 100), parts: COSTS_STEP_PARTS.join(", ") })
                : t("costsStep.errors.whichPart"),
            });
            return z.NEVER;
          }),
      }),
    async ({ part }, { db, actor, l10n: { t } }) => {
      const shop = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { costsStepSkipped: true } });
      const skipped = new Set([...skippedParts(shop.costsStepSkipped), part]);
      await db.shop.update({ where: { shop: actor.shop }, data: { costsStepSkipped: JSON.stringify(COSTS_STEP_PARTS.filter((each) => skipped.has(each))) } });
      return done(t("costsStep.messages.skipped", { part: t(`costsStep.${partKey(part)}.title`) }));
    },
  ),
  dismiss: intent(
    () => z.object({}),
    async (_fields, { db, actor, now, l10n: { t } }) => {
      await db.shop.update({ where: { shop: actor.shop }, data: { costsStepDismissedAt: now } });
      return done(t("costsStep.messages.dismissed"));
    },
  ),
};

/** Skips a part of the step, or dismisses it; staff are refused (ForbiddenError, 403) whatever they post. */
export async function costsStepAction(db: PrismaClient, actor: Actor, form: FormData, now: Date): Promise<IntentResponse> {
  const l10n = localizer(actor.locale);
  requirePermission(actor, "edit_costs");
  return runIntent(form, STEP_INTENTS, { db, actor, now, l10n }, (name) =>
    name ? l10n.t("costsStep.errors.unknownAction", { intent: name }) : l10n.t("costsStep.errors.noAction"),
  );
}
