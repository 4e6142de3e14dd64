/**
 * The demo store's costs, so every figure of the whole cost of a sale shows from the first minute:
 * a fee rule for each gateway of its recent payments that lists no fees (the rule the Costs page
 * suggests for it), shipping rules for the countries most of its orders ship to and the rest of the
 * world (per order and per unit), the actual shipping cost of its latest shipped orders imported,
 * monthly fixed costs, a one-off cost, a percentage of sales, and the default cost rate its products
 * with a cost suggest. All chosen from the store's own data and written through the app's own rules
 * (validation, history, the costs job), then applied to the figures at once, as `cli costs` does.
 * A store that already has costs set gets nothing.
 */
import type { PrismaClient } from "@prisma/client";
import { parseMoney } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { applyCostSettings } from "~/costs/apply-costs.server";
import { defaultRateSuggestion, gatewayPayments, needsFeeRule, suggestionWindowStart } from "~/costs/cost-knowledge.server";
import { parseCustomCost, parseGatewayFee, parseShippingRule } from "~/costs/cost-input";
import { REST_OF_WORLD } from "~/costs/countries";
import { createCustomCost, importShippingCosts, setDefaultCostRate, setGatewayFee, setShippingRule, type CostsQueue } from "~/costs/costs.server";
import { gatewaySuggestions } from "~/costs/gateway-suggestions";
import { formatDay } from "~/lib/calendar";
import type { Actor } from "~/staff/staff.server";
import { EXAMPLE } from "./example-data.server";

const owner = (shop: string): Actor => ({ shop, userId: "1", name: "Store Owner", role: "owner", accountOwner: true, collaborator: false, locale: "en" });

/** Shipping by how many orders go there: the most common destination, the next two, then the rest of the world (per order, per unit). */
const SHIPPING_TIERS = [
  { perOrder: "5", perUnit: "0.5" },
  { perOrder: "12", perUnit: "1" },
  { perOrder: "14", perUnit: "1.5" },
] as const;
const REST_OF_WORLD_RULE = { perOrder: "20", perUnit: "2" } as const;

/** The latest shipped orders whose actual cost a carrier's export gives (a little off the rules, as real invoices are). */
const IMPORTED_ORDERS = 5;
const IMPORTED_COSTS = ["6.45", "7.80", "5.95", "13.30", "8.10"] as const;

export type ExampleCostsOutcome =
  | { seeded: false; reason: string }
  | { seeded: true; feeRules: number; shippingRules: number; importedShipping: number; customCosts: number; defaultCostRate: string | null };

function parsed<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }, what: string): T {
  if (!result.ok) throw new Error(`example ${what} refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

export async function seedExampleCosts(db: PrismaClient, queue: CostsQueue, shop: string, now: Date): Promise<ExampleCostsOutcome> {
  const [settings, fees, rules, imported, custom] = await Promise.all([
    db.costSettings.count({ where: { shop } }),
    db.gatewayFeeRule.count({ where: { shop } }),
    db.shippingRule.count({ where: { shop } }),
    db.shippingCost.count({ where: { shop } }),
    db.customCost.count({ where: { shop } }),
  ]);
  if (settings + fees + rules + imported + custom > 0) return { seeded: false, reason: "the store already has costs set" };
  const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true, currencyCode: true } });
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const since = suggestionWindowStart(record.ianaTimezone, today);
  const actor = owner(shop);

  // Fees: the rule suggested for each gateway that lists none (PayPal's published rate, manual payments' none).
  const suggestions = new Map(gatewaySuggestions(record.currencyCode).map((suggestion) => [suggestion.gateway, suggestion]));
  let feeRules = 0;
  for (const [gateway, sums] of await gatewayPayments(db, shop, since)) {
    const suggestion = suggestions.get(gateway);
    if (!suggestion || !needsFeeRule(sums, false)) continue;
    await setGatewayFee(
      db,
      queue,
      actor,
      parsed(parseGatewayFee({ gateway, rate: suggestion.rate, fixedFee: suggestion.fixedFee }, "fraction"), "fee rule"),
      now,
    );
    feeRules++;
  }

  // Shipping: the destinations most of the last days' orders ship to, each its own rule, then the rest of the world.
  const destinations = await db.order.groupBy({
    by: ["shippingCountry"],
    where: { shop, test: false, hasShippingAddress: true, shippingCountry: { not: null }, processedAt: { gte: since } },
    _count: { _all: true },
  });
  const top = destinations
    .map((row) => ({ country: row.shippingCountry as string, orders: row._count._all }))
    .sort((a, b) => b.orders - a.orders || (a.country < b.country ? -1 : 1))
    .slice(0, SHIPPING_TIERS.length);
  const shippingRules = [...top.map((row, n) => ({ destination: row.country, ...SHIPPING_TIERS[n]! })), { destination: REST_OF_WORLD, ...REST_OF_WORLD_RULE }];
  for (const rule of shippingRules) await setShippingRule(db, queue, actor, parsed(parseShippingRule(rule), "shipping rule"), now);

  // A carrier's invoice for the latest orders shipped.
  const latest = await db.order.findMany({
    where: { shop, test: false, hasShippingAddress: true, cancelledAt: null },
    orderBy: [{ processedAt: "desc" }, { id: "asc" }],
    take: IMPORTED_ORDERS,
    select: { name: true },
  });
  const invoice = latest.map((order, n) => ({ orderName: order.name, cost: parseMoney(IMPORTED_COSTS[n]!) }));
  if (invoice.length > 0) await importShippingCosts(db, queue, actor, invoice, now);

  // Other costs: the team's monthly ones, a one-off three weeks ago, and a share of sales.
  const customCosts = [
    { name: `${EXAMPLE} Rent`, kind: "monthly", amount: "1500" },
    { name: `${EXAMPLE} Software`, kind: "monthly", amount: "240" },
    { name: `${EXAMPLE} Trade fair stand`, kind: "one_off", amount: "900", date: formatDay(today - 21) },
    { name: `${EXAMPLE} Packaging`, kind: "percent_of_net_sales", rate: "1.5" },
  ];
  for (const cost of customCosts) await createCustomCost(db, queue, actor, parsed(parseCustomCost(cost, "percent"), `cost ${cost.name}`), now);

  // The default cost rate the products with a cost suggest.
  const { rate } = await defaultRateSuggestion(db, shop, today);
  if (rate !== null) await setDefaultCostRate(db, queue, actor, rate, now);

  // The figures take them into account before the app serves them (the costs job then finds nothing to do).
  await applyCostSettings(db, shop, () => now);
  return {
    seeded: true,
    feeRules,
    shippingRules: shippingRules.length,
    importedShipping: invoice.length,
    customCosts: customCosts.length,
    defaultCostRate: rate,
  };
}
