/**
 * The owner's cost settings, stored: read, changed only by an owner or strategist, each change kept
 * in the history (StrategyChange: who, when, from what to what) and raising the settings' version,
 * with a `costs-changed` job queued in the same transaction. Input is checked first (cost-input.ts);
 * a refused or invalid change writes nothing.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { JOB } from "~/jobs/names";
import type { JobQueue } from "~/jobs/queue";
import { formatMoney } from "@throughline/shopify-common/money";
import { slices } from "~/lib/slices";
import { requirePermission, type Actor } from "~/staff/staff.server";
import type { CustomCostInput, GatewayFee, ShippingRuleInput } from "./cost-input";
import { costSettingsOf, type CostSettings, type StoredCostSettings } from "./cost-settings";

/** What a change needs of the job queue: its writes and the job, in one transaction. */
export type CostsQueue = Pick<JobQueue, "enqueueWith" | "enqueue">;

/** The history's entities for the costs (StrategyChange.entity). */
export const COST_ENTITIES = ["default_cost_rate", "gateway_fee", "shipping_rule", "shipping_costs", "custom_cost"] as const;
export type CostEntity = (typeof COST_ENTITIES)[number];

type Write = (tx: Prisma.TransactionClient) => Prisma.PrismaPromise<unknown>;

/** Money as the history keeps it: exact decimal text ("4.9"), readable in a year whatever the code. */
const moneyText = (value: bigint) =>
  formatMoney(value, 4)
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");

function historyWrite(actor: Actor, now: Date, entity: CostEntity, entityId: string, action: string, before: unknown, after: unknown): Write {
  return (tx) =>
    tx.strategyChange.create({
      data: {
        shop: actor.shop,
        at: now,
        actorId: actor.userId,
        actorName: actor.name,
        entity,
        entityId,
        action,
        before: before === null ? null : JSON.stringify(before),
        after: after === null ? null : JSON.stringify(after),
      },
    });
}

/** Raises the settings' version (the costs job takes the latest), optionally with the default rate. */
function versionWrite(shop: string, now: Date, defaultCostRate?: string | null): Write {
  const rate = defaultCostRate === undefined ? {} : { defaultCostRate };
  return (tx) =>
    tx.costSettings.upsert({
      where: { shop },
      create: { shop, version: 1, changedAt: now, ...rate },
      update: { version: { increment: 1 }, changedAt: now, ...rate },
    });
}

/**
 * The writes of one change, its history and version, and the costs job: all stored, or none.
 * `timeoutMs` for an import: 100,000 orders take seconds (1,000 statements), more than PostgreSQL's
 * interactive transaction allows by default.
 */
async function commit(
  queue: CostsQueue,
  actor: Actor,
  now: Date,
  writes: Write[],
  history: Write,
  { defaultCostRate, timeoutMs }: { defaultCostRate?: string | null; timeoutMs?: number } = {},
): Promise<void> {
  await queue.enqueueWith(
    (tx) => [...writes.map((write) => write(tx)), history(tx), versionWrite(actor.shop, now, defaultCostRate)(tx)],
    [{ name: JOB.costsChanged, data: { shop: actor.shop } }],
    { timeoutMs },
  );
}

export async function storedCostSettings(db: PrismaClient, shop: string): Promise<StoredCostSettings> {
  const [settings, gatewayFeeRules, shippingRules, shippingCosts, customCosts] = await Promise.all([
    db.costSettings.findUnique({ where: { shop } }),
    db.gatewayFeeRule.findMany({ where: { shop }, orderBy: { gateway: "asc" } }),
    db.shippingRule.findMany({ where: { shop }, orderBy: { destination: "asc" } }),
    db.shippingCost.findMany({ where: { shop }, orderBy: { orderName: "asc" } }),
    db.customCost.findMany({ where: { shop }, orderBy: { id: "asc" } }),
  ]);
  return { settings, gatewayFeeRules, shippingRules, shippingCosts, customCosts };
}

/** The shop's settings as the whole cost of a sale reads them. */
export async function costSettings(db: PrismaClient, shop: string): Promise<CostSettings> {
  return costSettingsOf(await storedCostSettings(db, shop));
}

const feeSnapshot = (rule: { gateway: string; rate: string; fixedFee: bigint }) => ({
  gateway: rule.gateway,
  rate: rule.rate,
  fixedFee: moneyText(rule.fixedFee),
});
const ruleSnapshot = (rule: { destination: string; perOrder: bigint; perUnit: bigint }) => ({
  destination: rule.destination,
  perOrder: moneyText(rule.perOrder),
  perUnit: moneyText(rule.perUnit),
});
function customSnapshot(cost: {
  name: string;
  kind: string;
  amount: bigint | null;
  rate: string | null;
  fromMonth: string | null;
  toMonth: string | null;
  date: string | null;
}) {
  return {
    name: cost.name,
    kind: cost.kind,
    amount: cost.amount === null ? null : moneyText(cost.amount),
    rate: cost.rate,
    fromMonth: cost.fromMonth,
    toMonth: cost.toMonth,
    date: cost.date,
  };
}

export async function setGatewayFee(db: PrismaClient, queue: CostsQueue, actor: Actor, fee: GatewayFee, now: Date): Promise<void> {
  requirePermission(actor, "edit_costs");
  const before = await db.gatewayFeeRule.findUnique({ where: { shop_gateway: { shop: actor.shop, gateway: fee.gateway } } });
  const data = { rate: fee.rate, fixedFee: fee.fixedFee, updatedAt: now };
  await commit(
    queue,
    actor,
    now,
    [
      (tx) =>
        tx.gatewayFeeRule.upsert({
          where: { shop_gateway: { shop: actor.shop, gateway: fee.gateway } },
          create: { shop: actor.shop, gateway: fee.gateway, ...data },
          update: data,
        }),
    ],
    historyWrite(actor, now, "gateway_fee", fee.gateway, before ? "updated" : "created", before ? feeSnapshot(before) : null, feeSnapshot(fee)),
  );
}

/** False when the gateway has no rule. */
export async function removeGatewayFee(db: PrismaClient, queue: CostsQueue, actor: Actor, gateway: string, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_costs");
  const before = await db.gatewayFeeRule.findUnique({ where: { shop_gateway: { shop: actor.shop, gateway } } });
  if (!before) return false;
  await commit(
    queue,
    actor,
    now,
    [(tx) => tx.gatewayFeeRule.deleteMany({ where: { shop: actor.shop, gateway } })],
    historyWrite(actor, now, "gateway_fee", gateway, "deleted", feeSnapshot(before), null),
  );
  return true;
}

export async function setShippingRule(db: PrismaClient, queue: CostsQueue, actor: Actor, rule: ShippingRuleInput, now: Date): Promise<void> {
  requirePermission(actor, "edit_costs");
  const where = { shop_destination: { shop: actor.shop, destination: rule.destination } };
  const before = await db.shippingRule.findUnique({ where });
  const data = { perOrder: rule.perOrder, perUnit: rule.perUnit, updatedAt: now };
  await commit(
    queue,
    actor,
    now,
    [(tx) => tx.shippingRule.upsert({ where, create: { shop: actor.shop, destination: rule.destination, ...data }, update: data })],
    historyWrite(actor, now, "shipping_rule", rule.destination, before ? "updated" : "created", before ? ruleSnapshot(before) : null, ruleSnapshot(rule)),
  );
}

/** False when the destination has no rule. */
export async function removeShippingRule(db: PrismaClient, queue: CostsQueue, actor: Actor, destination: string, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_costs");
  const before = await db.shippingRule.findUnique({ where: { shop_destination: { shop: actor.shop, destination } } });
  if (!before) return false;
  await commit(
    queue,
    actor,
    now,
    [(tx) => tx.shippingRule.deleteMany({ where: { shop: actor.shop, destination } })],
    historyWrite(actor, now, "shipping_rule", destination, "deleted", ruleSnapshot(before), null),
  );
  return true;
}

/**
 * Orders a statement of an import names or writes: 200 rows of four columns stay under the 999
 * parameters SQLite's older builds take (Prisma's among them; `~/lib/slices`).
 */
const IMPORT_CHUNK = 200;

/**
 * Stores imported shipping costs (already checked whole): an order's cost replaces what an earlier
 * import gave it. The history keeps the import's counts, not every row. Returns how many orders
 * had a cost before.
 */
export async function importShippingCosts(
  db: PrismaClient,
  queue: CostsQueue,
  actor: Actor,
  costs: readonly { orderName: string; cost: bigint }[],
  now: Date,
): Promise<{ imported: number; replaced: number }> {
  requirePermission(actor, "edit_costs");
  const chunks = slices([...costs], IMPORT_CHUNK);
  let replaced = 0;
  for (const chunk of chunks) replaced += await db.shippingCost.count({ where: { shop: actor.shop, orderName: { in: chunk.map((row) => row.orderName) } } });
  const writes: Write[] = chunks.flatMap((chunk): Write[] => [
    (tx) => tx.shippingCost.deleteMany({ where: { shop: actor.shop, orderName: { in: chunk.map((row) => row.orderName) } } }),
    (tx) => tx.shippingCost.createMany({ data: chunk.map((row) => ({ shop: actor.shop, orderName: row.orderName, cost: row.cost, importedAt: now })) }),
  ]);
  const total = costs.reduce((sum, row) => sum + row.cost, 0n);
  await commit(
    queue,
    actor,
    now,
    writes,
    historyWrite(actor, now, "shipping_costs", now.toISOString(), "imported", null, { orders: costs.length, replaced, total: moneyText(total) }),
    { timeoutMs: 120_000 },
  );
  return { imported: costs.length, replaced };
}

export async function createCustomCost(db: PrismaClient, queue: CostsQueue, actor: Actor, cost: CustomCostInput, now: Date): Promise<void> {
  requirePermission(actor, "edit_costs");
  const row = customRow(cost);
  // The new row's id is known only once it is written: the history names the cost by its name.
  await commit(
    queue,
    actor,
    now,
    [(tx) => tx.customCost.create({ data: { shop: actor.shop, ...row, createdAt: now, updatedAt: now } })],
    historyWrite(actor, now, "custom_cost", cost.name, "created", null, customSnapshot(row)),
  );
}

/** False when no custom cost of the shop has that id. */
export async function updateCustomCost(db: PrismaClient, queue: CostsQueue, actor: Actor, id: number, cost: CustomCostInput, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_costs");
  const before = await db.customCost.findFirst({ where: { id, shop: actor.shop } });
  if (!before) return false;
  const row = customRow(cost);
  await commit(
    queue,
    actor,
    now,
    [(tx) => tx.customCost.updateMany({ where: { id, shop: actor.shop }, data: { ...row, updatedAt: now } })],
    historyWrite(actor, now, "custom_cost", String(id), "updated", customSnapshot(before), customSnapshot(row)),
  );
  return true;
}

/** False when no custom cost of the shop has that id. */
export async function removeCustomCost(db: PrismaClient, queue: CostsQueue, actor: Actor, id: number, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_costs");
  const before = await db.customCost.findFirst({ where: { id, shop: actor.shop } });
  if (!before) return false;
  await commit(
    queue,
    actor,
    now,
    [(tx) => tx.customCost.deleteMany({ where: { id, shop: actor.shop } })],
    historyWrite(actor, now, "custom_cost", String(id), "deleted", customSnapshot(before), null),
  );
  return true;
}

function customRow(cost: CustomCostInput) {
  return {
    name: cost.name,
    kind: cost.kind,
    amount: cost.kind === "percent_of_net_sales" ? null : cost.amount,
    rate: cost.kind === "percent_of_net_sales" ? cost.rate : null,
    fromMonth: cost.kind === "monthly" ? cost.fromMonth : null,
    toMonth: cost.kind === "monthly" ? cost.toMonth : null,
    date: cost.kind === "one_off" ? cost.date : null,
  };
}

/** Sets (or clears, with null) the default cost rate; false when it is already that. */
export async function setDefaultCostRate(db: PrismaClient, queue: CostsQueue, actor: Actor, rate: string | null, now: Date): Promise<boolean> {
  requirePermission(actor, "edit_costs");
  const before = (await db.costSettings.findUnique({ where: { shop: actor.shop } }))?.defaultCostRate ?? null;
  if (before === rate) return false;
  await commit(queue, actor, now, [], historyWrite(actor, now, "default_cost_rate", actor.shop, "updated", { rate: before }, { rate }), {
    defaultCostRate: rate,
  });
  return true;
}

/** The history of the costs, newest first. */
export function costHistory(db: PrismaClient, shop: string, take = 30) {
  return db.strategyChange.findMany({ where: { shop, entity: { in: [...COST_ENTITIES] } }, orderBy: { id: "desc" }, take });
}
