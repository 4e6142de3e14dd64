/**
 * The Costs page: the owner's cost settings (payment fees by gateway, shipping rules and imported
 * shipping costs, other costs, the default cost rate with its suggestion) and their history; and
 * its actions, each checked for the acting staff member's rights first (staff read, 403 on a change).
 * The gateways the store actually used come from the transactions in the copy, each with the share
 * of its payments whose fee is known, those that need a rule marked; suggestions stay suggestions.
 */
import { adsView, importSpend, parseCurrencyRate, removeCurrencyRate, setCurrencyRate } from "~/ads/ads-view.server";
import { parseSpendCsv } from "~/ads/spend-csv";
import { disconnectAdPlatform, selectAdAccount } from "~/ads/connections.server";
import { isAdPlatform } from "~/ads/platforms/types";
import { JOB } from "~/jobs/names";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { exactAmount, formatValue } from "~/indicators/format";
import { localizer, type Localizer } from "~/i18n/localizer";
import { formatDate } from "~/lib/dates";
import { done, idField, intentsFor, refused, runIntent, textField, type Intent, type IntentResponse, type IntentResult } from "~/lib/form-intents.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { can } from "~/staff/roles";
import { requirePermission, type Actor, type StaffActionContext } from "~/staff/staff.server";
import { fractionToPercent, parseCustomCost, parseDefaultCostRate, parseGatewayFee, parseShippingRule, readDestination, readGateway } from "./cost-input";
import { countryName, REST_OF_WORLD } from "./countries";
import {
  costHistory,
  createCustomCost,
  importShippingCosts,
  removeCustomCost,
  removeGatewayFee,
  removeShippingRule,
  setDefaultCostRate,
  setGatewayFee,
  setShippingRule,
  updateCustomCost,
  type CostsQueue,
} from "./costs.server";
import { defaultRateSuggestion, gatewayPayments, needsFeeRule, SUGGESTION_DAYS, suggestionWindowStart } from "./cost-knowledge.server";
import { gatewaySuggestions } from "./gateway-suggestions";
import { parseShippingCostsCsv } from "./shipping-costs-csv";

/** A gateway the store used over the last days, as the fees card lists it. */
export interface UsedGateway {
  gateway: string;
  payments: number;
  /** Σ amount of its successful sales and captures, in words. */
  amount: string;
  /** Share of that amount whose fee is known: listed by the gateway, or all of it once a rule prices the rest. */
  knownShare: number;
  knownWords: string;
  hasRule: boolean;
  /** Some of its payments list no fee and no rule prices them. */
  needsRule: boolean;
}

/**
 * The gateways of the shop's successful sales and captures since `since` (test payments left out),
 * largest amount first, with how much of each the figures know the fee of.
 */
export async function usedGateways(
  db: PrismaClient,
  shop: string,
  since: Date,
  ruled: ReadonlySet<string>,
  words: { money: (value: bigint) => string; ratio: (value: number) => string },
): Promise<UsedGateway[]> {
  const byGateway = await gatewayPayments(db, shop, since);
  return [...byGateway]
    .sort(([a, x], [b, y]) => (x.amount > y.amount ? -1 : x.amount < y.amount ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([gateway, sums]) => {
      const hasRule = ruled.has(gateway);
      const knownShare = sums.amount === 0n ? 1 : hasRule ? 1 : Number(sums.listed) / Number(sums.amount);
      return {
        gateway,
        payments: sums.payments,
        amount: words.money(sums.amount),
        knownShare,
        knownWords: words.ratio(knownShare),
        hasRule,
        needsRule: needsFeeRule(sums, hasRule),
      };
    });
}

type Snapshot = Record<string, unknown> | null;

/** Words for one change of the costs' history, in the reader's language. */
export function describeCostChange(
  change: { entity: string; action: string; before: string | null; after: string | null },
  currency: string,
  { t, locale }: Localizer,
): string {
  const parse = (text: string | null): Snapshot => (text ? (JSON.parse(text) as Record<string, unknown>) : null);
  const before = parse(change.before);
  const after = parse(change.after);
  const money = (value: unknown) => formatValue("money", (typeof value === "string" ? value : "0") as `${number}`, currency, locale);
  const percent = (value: unknown) => `${fractionToPercent(String(value))}%`;
  const destination = (value: unknown) => (value === REST_OF_WORLD ? t("costs.shipping.restOfWorld") : countryName(String(value), locale));
  const fee = (snapshot: Snapshot) => t("costs.history.feeRule", { rate: percent(snapshot?.rate), fee: money(snapshot?.fixedFee) });
  const rule = (snapshot: Snapshot) => t("costs.history.shippingRule", { perOrder: money(snapshot?.perOrder), perUnit: money(snapshot?.perUnit) });
  const custom = (snapshot: Snapshot) => customCostWords(snapshot, currency, { t, locale } as Localizer);
  const action = change.action === "created" ? "created" : change.action === "deleted" ? "deleted" : "updated";
  switch (change.entity) {
    case "gateway_fee":
      return t(`costs.history.gateway.${action}`, { gateway: String((after ?? before)?.gateway), before: fee(before), after: fee(after) });
    case "shipping_rule":
      return t(`costs.history.shipping.${action}`, { destination: destination((after ?? before)?.destination), before: rule(before), after: rule(after) });
    case "shipping_costs":
      return t("costs.history.imported", { count: Number(after?.orders ?? 0), replaced: Number(after?.replaced ?? 0), total: money(after?.total) });
    case "custom_cost":
      return t(`costs.history.custom.${action}`, { name: String((after ?? before)?.name), before: custom(before), after: custom(after) });
    default:
      return after?.rate ? t("costs.history.defaultRateSet", { rate: percent(after.rate) }) : t("costs.history.defaultRateCleared");
  }
}

/** A custom cost in words: "1,200.00 € a month from Jan 2027", "2% of net sales", "500.00 € on 3 Mar 2027". */
function customCostWords(cost: Snapshot, currency: string, { t, locale }: Localizer): string {
  if (!cost) return "";
  const money = formatValue("money", String(cost.amount ?? "0") as `${number}`, currency, locale);
  if (cost.kind === "percent_of_net_sales") return t("costs.custom.percentWords", { rate: `${fractionToPercent(String(cost.rate))}%` });
  if (cost.kind === "one_off") return t("costs.custom.oneOffWords", { amount: money, date: formatDate(String(cost.date), locale) });
  const from = cost.fromMonth ? String(cost.fromMonth) : null;
  const to = cost.toMonth ? String(cost.toMonth) : null;
  const key = from && to ? "monthlyBetween" : from ? "monthlyFrom" : to ? "monthlyUntil" : "monthlyWords";
  return t(`costs.custom.${key}`, { amount: money, from, to });
}

export async function costsPage(db: PrismaClient, actor: Actor, now: Date) {
  const l10n = localizer(actor.locale);
  const { t, locale } = l10n;
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true, currencyCode: true } });
  const zone = shop?.ianaTimezone ?? "UTC";
  const currency = shop?.currencyCode ?? "USD";
  const today = timeZone(zone).localDay(now.getTime());
  const money = (value: bigint) => formatValue("money", exactAmount(value), currency, locale);
  const decimal = (value: bigint) =>
    exactAmount(value)
      .replace(/(\.\d*?)0+$/, "$1")
      .replace(/\.$/, "");
  const fees = await db.gatewayFeeRule.findMany({ where: { shop: actor.shop }, orderBy: { gateway: "asc" } });
  const ruled = new Set(fees.map((fee) => fee.gateway));
  const [settings, gateways, rules, imported, customCosts, suggestion, history] = await Promise.all([
    db.costSettings.findUnique({ where: { shop: actor.shop } }),
    usedGateways(db, actor.shop, suggestionWindowStart(zone, today), ruled, {
      money,
      ratio: (value) => formatValue("ratio", value, currency, locale),
    }),
    db.shippingRule.findMany({ where: { shop: actor.shop }, orderBy: { destination: "asc" } }),
    db.shippingCost.aggregate({ where: { shop: actor.shop }, _count: true, _sum: { cost: true }, _max: { importedAt: true } }),
    db.customCost.findMany({ where: { shop: actor.shop }, orderBy: { id: "asc" } }),
    // Days that have ended: the last 90 before today.
    defaultRateSuggestion(db, actor.shop, today),
    costHistory(db, actor.shop, 30),
  ]);
  // Country rules first, by name in the reader's language; the rest of the world last (it applies last).
  const named = rules.map((rule) => ({
    rule,
    name: rule.destination === REST_OF_WORLD ? t("costs.shipping.restOfWorld") : countryName(rule.destination, locale),
  }));
  named.sort((a, b) => Number(a.rule.destination === REST_OF_WORLD) - Number(b.rule.destination === REST_OF_WORLD) || a.name.localeCompare(b.name, locale));
  return {
    currency,
    timeZone: zone,
    canEdit: can(actor.role, "edit_costs"),
    actor: { name: actor.name, roleLabel: t(`roles.${actor.role}`) },
    gatewayFees: fees.map((fee) => ({
      gateway: fee.gateway,
      ratePercent: fractionToPercent(fee.rate),
      fixedFee: decimal(fee.fixedFee),
      words: t("costs.history.feeRule", { rate: `${fractionToPercent(fee.rate)}%`, fee: money(fee.fixedFee) }),
    })),
    usedGateways: gateways,
    usedGatewayDays: SUGGESTION_DAYS,
    /** While the costs job brings the figures to the latest settings: how far it is (null: queued, not started). */
    applying:
      settings && settings.appliedVersion !== settings.version
        ? settings.recomputeDaysTotal === null
          ? { done: null, total: null }
          : { done: settings.recomputeDaysDone ?? 0, total: settings.recomputeDaysTotal }
        : null,
    gatewaySuggestions: gatewaySuggestions(currency)
      .filter((suggestion) => !ruled.has(suggestion.gateway))
      .map((suggestion) => ({ ...suggestion, ratePercent: fractionToPercent(suggestion.rate) })),
    shippingRules: named.map(({ rule, name }) => ({
      destination: rule.destination,
      name,
      perOrder: decimal(rule.perOrder),
      perUnit: decimal(rule.perUnit),
      words: t("costs.history.shippingRule", { perOrder: money(rule.perOrder), perUnit: money(rule.perUnit) }),
    })),
    importedShipping: {
      orders: imported._count,
      total: money(imported._sum.cost ?? 0n),
      lastImportedAt: imported._max.importedAt?.toISOString() ?? null,
    },
    customCosts: customCosts.map((cost) => ({
      id: cost.id,
      name: cost.name,
      kind: cost.kind,
      amount: cost.amount === null ? "" : decimal(cost.amount),
      ratePercent: cost.rate === null ? "" : fractionToPercent(cost.rate),
      fromMonth: cost.fromMonth ?? "",
      toMonth: cost.toMonth ?? "",
      date: cost.date ?? "",
      words: customCostWords({ ...cost, amount: cost.amount === null ? null : exactAmount(cost.amount) }, currency, l10n),
    })),
    defaultCostRate: {
      ratePercent: settings?.defaultCostRate ? fractionToPercent(settings.defaultCostRate) : "",
      suggestedPercent: suggestion.rate === null ? null : fractionToPercent(suggestion.rate),
      fills: suggestion.fills,
      fillsWords: suggestion.fills === null ? null : formatValue("ratio", suggestion.fills, currency, locale),
      days: SUGGESTION_DAYS,
    },
    history: history.map((change) => ({ id: change.id, at: change.at.toISOString(), who: change.actorName, what: describeCostChange(change, currency, l10n) })),
    ads: await adsView(db, actor.shop),
  };
}

export type CostsActionResult = IntentResult;

interface CostsContext extends StaffActionContext {
  queue: CostsQueue;
}

const intent = intentsFor<CostsContext>();
const customFields = { name: textField, kind: textField, amount: textField, rate: textField, fromMonth: textField, toMonth: textField, date: textField };
const customCostId = ({ l10n: { t } }: CostsContext) =>
  idField({ missing: t("costs.errors.whichCost"), notAnId: (given) => t("costs.errors.notCostId", { given }) });

const COST_INTENTS: Record<string, Intent<CostsContext>> = {
  set_gateway_fee: intent(
    () => z.object({ gateway: textField, rate: textField, fixedFee: textField }),
    async (fields, { db, queue, actor, now, l10n: { t } }) => {
      const parsed = parseGatewayFee(fields, "percent");
      if (!parsed.ok) return refused(parsed.errors);
      await setGatewayFee(db, queue, actor, parsed.value, now);
      return done(t("costs.messages.feeSaved", { gateway: parsed.value.gateway }));
    },
  ),
  remove_gateway_fee: intent(
    () => z.object({ gateway: textField }),
    async (fields, { db, queue, actor, now, l10n: { t } }) => {
      const gateway = readGateway(fields.gateway);
      if ("error" in gateway) return refused({ gateway: gateway.error });
      return (await removeGatewayFee(db, queue, actor, gateway.value, now))
        ? done(t("costs.messages.feeRemoved", { gateway: gateway.value }))
        : refused({ gateway: t("costs.errors.noSuchFee", { gateway: gateway.value }) });
    },
  ),
  set_shipping_rule: intent(
    () => z.object({ destination: textField, perOrder: textField, perUnit: textField }),
    async (fields, { db, queue, actor, now, l10n: { t } }) => {
      const parsed = parseShippingRule(fields);
      if (!parsed.ok) return refused(parsed.errors);
      await setShippingRule(db, queue, actor, parsed.value, now);
      return done(t("costs.messages.ruleSaved"));
    },
  ),
  remove_shipping_rule: intent(
    () => z.object({ destination: textField }),
    async (fields, { db, queue, actor, now, l10n: { t } }) => {
      const destination = readDestination(fields.destination);
      if ("error" in destination) return refused({ destination: destination.error });
      return (await removeShippingRule(db, queue, actor, destination.value, now))
        ? done(t("costs.messages.ruleRemoved"))
        : refused({ destination: t("costs.errors.noSuchRule") });
    },
  ),
  import_shipping_costs: intent(
    () => z.object({ csv: textField }),
    async ({ csv }, { db, queue, actor, now, l10n: { t } }) => {
      const parsed = parseShippingCostsCsv(csv ?? "");
      if (!parsed.ok) return refused({ csv: parsed.errors.join("\n") });
      const { imported, replaced } = await importShippingCosts(db, queue, actor, parsed.costs, now);
      return done(t("costs.messages.imported", { count: imported, replaced }));
    },
  ),
  create_custom_cost: intent(
    () => z.object(customFields),
    async (fields, { db, queue, actor, now, l10n: { t } }) => {
      const parsed = parseCustomCost(fields, "percent");
      if (!parsed.ok) return refused(parsed.errors);
      await createCustomCost(db, queue, actor, parsed.value, now);
      return done(t("costs.messages.costSaved", { name: parsed.value.name }));
    },
  ),
  update_custom_cost: intent(
    (c) => z.object({ id: customCostId(c), ...customFields }),
    async ({ id, ...fields }, { db, queue, actor, now, l10n: { t } }) => {
      const parsed = parseCustomCost(fields, "percent");
      if (!parsed.ok) return refused(parsed.errors);
      return (await updateCustomCost(db, queue, actor, id, parsed.value, now))
        ? done(t("costs.messages.costChanged", { name: parsed.value.name }))
        : refused({ id: t("costs.errors.noSuchCost") });
    },
  ),
  remove_custom_cost: intent(
    (c) => z.object({ id: customCostId(c) }),
    async ({ id }, { db, queue, actor, now, l10n: { t } }) =>
      (await removeCustomCost(db, queue, actor, id, now)) ? done(t("costs.messages.costRemoved")) : refused({ id: t("costs.errors.noSuchCost") }),
  ),
  select_ad_account: intent(
    () => z.object({ platform: textField, accountId: textField, selected: textField }),
    async ({ platform, accountId, selected }, { db, queue, actor, l10n: { t } }) => {
      if (!platform || !isAdPlatform(platform)) return refused({ platform: t("costs.ads.errors.platform", { given: (platform ?? "").slice(0, 20) }) });
      const counted = selected === "true";
      if (!(await selectAdAccount(db, actor.shop, platform, accountId ?? "", counted))) return refused({ accountId: t("costs.ads.errors.noSuchAccount") });
      if (counted) await queue.enqueue({ name: JOB.adsRefresh, data: { shop: actor.shop } });
      return done(t(counted ? "costs.ads.messages.accountCounted" : "costs.ads.messages.accountLeftOut"));
    },
  ),
  disconnect_ad_platform: intent(
    () => z.object({ platform: textField }),
    async ({ platform }, { db, actor, l10n: { t } }) => {
      if (!platform || !isAdPlatform(platform)) return refused({ platform: t("costs.ads.errors.platform", { given: (platform ?? "").slice(0, 20) }) });
      return (await disconnectAdPlatform(db, actor.shop, platform))
        ? done(t("costs.ads.messages.disconnected", { platform: t(`costs.ads.platforms.${platform}`) }))
        : refused({ platform: t("costs.ads.errors.notConnected") });
    },
  ),
  refresh_ad_spend: intent(
    () => z.object({}),
    async (_fields, { db, queue, actor, l10n: { t } }) => {
      if (!(await db.adConnection.findFirst({ where: { shop: actor.shop, state: "active" } })))
        return refused({ form: t("costs.ads.errors.nothingToRefresh") });
      await queue.enqueue({ name: JOB.adsRefresh, data: { shop: actor.shop } });
      return done(t("costs.ads.messages.refreshQueued"));
    },
  ),
  set_currency_rate: intent(
    () => z.object({ currency: textField, month: textField, rate: textField }),
    async (fields, { db, actor, l10n: { t } }) => {
      const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { currencyCode: true } });
      const parsed = parseCurrencyRate(fields, shop?.currencyCode ?? "USD", t);
      if (!parsed.ok) return refused(parsed.errors);
      await setCurrencyRate(db, actor.shop, parsed.value);
      return done(t("costs.ads.messages.rateSaved", parsed.value));
    },
  ),
  remove_currency_rate: intent(
    () => z.object({ currency: textField, month: textField }),
    async ({ currency, month }, { db, actor, l10n: { t } }) =>
      (await removeCurrencyRate(db, actor.shop, currency ?? "", month ?? ""))
        ? done(t("costs.ads.messages.rateRemoved"))
        : refused({ currency: t("costs.ads.errors.noSuchRate") }),
  ),
  import_ad_spend: intent(
    () => z.object({ csv: textField }),
    async ({ csv }, { db, actor, now, l10n: { t, locale } }) => {
      const shop = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { currencyCode: true, ianaTimezone: true } });
      const promotions = await db.promotion.findMany({ where: { shop: actor.shop, archivedAt: null }, select: { id: true, title: true, utmCampaign: true } });
      const today = timeZone(shop.ianaTimezone).localDay(now.getTime());
      const parsed = parseSpendCsv(csv ?? "", { shopCurrency: shop.currencyCode, today, promotions });
      if (!parsed.ok) return refused({ spendCsv: parsed.errors.join("\n") });
      const result = await importSpend(db, actor.shop, parsed.rows, now);
      const amount = formatValue("money", exactAmount(result.total), shop.currencyCode, locale);
      return done(t("ads.csv.imported", { days: result.days, promotions: result.promotions, amount }));
    },
  ),
  set_default_cost_rate: intent(
    () => z.object({ rate: textField }),
    async ({ rate }, { db, queue, actor, now, l10n: { t } }) => {
      const parsed = parseDefaultCostRate(rate, "percent");
      if (!parsed.ok) return refused(parsed.errors);
      await setDefaultCostRate(db, queue, actor, parsed.value, now);
      return done(
        parsed.value === null ? t("costs.messages.defaultRateCleared") : t("costs.messages.defaultRateSaved", { rate: `${fractionToPercent(parsed.value)}%` }),
      );
    },
  ),
};

/** Runs one form action; a staff member's change throws ForbiddenError (the route answers 403). */
export async function costsAction(db: PrismaClient, queue: CostsQueue, actor: Actor, form: FormData, now: Date): Promise<IntentResponse> {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  // Every action of this page changes the costs: staff are refused whatever they post.
  requirePermission(actor, "edit_costs");
  return runIntent(form, COST_INTENTS, { db, queue, actor, now, l10n }, (name) =>
    name ? t("costs.errors.unknownAction", { intent: name }) : t("costs.errors.noAction"),
  );
}
