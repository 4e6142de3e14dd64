/**
 * Promotions: logged by any member of the team (staff included), each with the indicator it should
 * move. Results come from attribution (METRICS.md): orders in the promotion's dates (shop time
 * zone) carrying one of its codes (any case) or whose last visit's UTM campaign is its campaign,
 * each order once; revenue is their gross sales less discounts.
 */
import type { Prisma, PrismaClient, Promotion } from "@prisma/client";
import { hasTactic } from "~/playbooks/playbooks.server";
import { databaseUrlOf } from "~/db.server";
import { rollupStore } from "~/indicators/rollup-store.server";
import { slices } from "~/lib/slices";
import { attributionStore, type AttributedOrder } from "./attribution-store.server";
import { marketingSpendByPeriod, type PeriodMarketingSpend } from "~/ads/marketing-spend.server";
import { addAttributed, costAndReturn, NO_ATTRIBUTED, spreadSpend, type AttributedAmounts, type CostAndReturn } from "./promotion-cost";
import { formatDay, parseDay, previousPeriod, yearEarlierPeriod, type Period } from "~/lib/calendar";
import { isIndicatorKey, type IndicatorKey } from "~/indicators/definitions";
import { emptyTotals } from "~/indicators/engine";
import { firstActiveDay } from "~/indicators/rollups.server";
import { liftFigures, liftWords, type Day, type Lift, type LiftFigures } from "./lift";
import { insertPromotionRows } from "./promotion-rows.server";
import { shopTimeZone, windowFields } from "./promotion-windows.server";
import type { Money } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { can } from "~/staff/roles";
import { ForbiddenError, requirePermission, type Actor } from "~/staff/staff.server";
import type { ParsedPromotion } from "./promotion-input";
import { stageChecks } from "./stage-check.server";
import type { TacticUse } from "~/staff/stages";
import { currentLocalizer } from "~/i18n/scope";

export type PromotionWithCodes = Promotion & { codes: string[]; productIds: string[] };

async function insert(tx: Prisma.TransactionClient, actor: Actor, promotion: ParsedPromotion, tacticUse: TacticUse | null, now: Date): Promise<Promotion> {
  const { codes, productIds, ownerId, ...fields } = promotion;
  const owner = await ownerOf(tx, actor, ownerId);
  const window = windowFields(fields, await shopTimeZone(tx, actor.shop));
  const created = await tx.promotion.create({
    data: {
      shop: actor.shop,
      ...fields,
      ...window,
      tacticUse,
      ownerId: owner.userId,
      ownerName: owner.name,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    },
  });
  await linkCodesAndProducts(tx, actor.shop, created.id, codes, productIds);
  return created;
}

async function linkCodesAndProducts(tx: Prisma.TransactionClient, shop: string, promotionId: number, codes: string[], productIds: string[]) {
  if (codes.length > 0) await tx.promotionCode.createMany({ data: codes.map((code) => ({ shop, promotionId, code, codeLower: code.toLowerCase() })) });
  if (productIds.length > 0) await tx.promotionProduct.createMany({ data: productIds.map((productId) => ({ shop, promotionId, productId })) });
}

/** The staff member responsible: the one chosen (who must have opened the app in this store), or whoever logs it. */
async function ownerOf(db: Prisma.TransactionClient | PrismaClient, actor: Actor, ownerId: string | null): Promise<{ userId: string; name: string }> {
  if (ownerId === null || ownerId === actor.userId) return { userId: actor.userId, name: actor.name };
  const member = await db.staffMember.findUnique({ where: { shop_userId: { shop: actor.shop, userId: ownerId } } });
  return member ? { userId: member.userId, name: member.name } : { userId: actor.userId, name: actor.name };
}

/** What a form's promotion names that the store doesn't have: an owner who isn't on the team, products not in the store. */
export async function referenceErrors(db: PrismaClient, actor: Actor, promotion: ParsedPromotion): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (
    promotion.ownerId !== null &&
    promotion.ownerId !== actor.userId &&
    !(await db.staffMember.findUnique({ where: { shop_userId: { shop: actor.shop, userId: promotion.ownerId } } }))
  ) {
    errors.owner = currentLocalizer().t("promotions.errors.chooseOwnerSeen");
  }
  if (promotion.productIds.length > 0) {
    const known = await db.product.count({ where: { shop: actor.shop, id: { in: promotion.productIds } } });
    if (known !== promotion.productIds.length) errors.productIds = currentLocalizer().t("promotions.errors.productGone");
  }
  if (promotion.tactic !== null && !(await hasTactic(db, actor.shop, promotion.tactic))) errors.tactic = currentLocalizer().t("promotions.errors.chooseTactic");
  if (
    promotion.adCampaignId !== null &&
    !(await db.adCampaignDay.findFirst({
      where: { shop: actor.shop, platform: promotion.adPlatform!, accountId: promotion.adAccountId!, campaignId: promotion.adCampaignId },
      select: { date: true },
    }))
  ) {
    errors.adCampaign = currentLocalizer().t("promotions.errors.adCampaignUnknown");
  }
  return errors;
}

/**
 * Stores promotions already checked, all or none: one through Prisma (a form), several as plain
 * multi-row inserts in one transaction (a spreadsheet import: promotion-rows.server.ts). Returns their ids.
 */
export async function createPromotions(db: PrismaClient, actor: Actor, promotions: ParsedPromotion[], now: Date): Promise<{ id: number }[]> {
  requirePermission(actor, "log_promotions");
  const owners = new Map<string | null, { userId: string; name: string }>();
  for (const { ownerId } of promotions) if (!owners.has(ownerId)) owners.set(ownerId, await ownerOf(db, actor, ownerId));
  const uses = await heldToStages(
    db,
    actor,
    promotions.map((promotion) => ({ promotion, runnerId: owners.get(promotion.ownerId)!.userId })),
  );
  if (promotions.length === 1) return db.$transaction(async (tx) => [await insert(tx, actor, promotions[0]!, uses[0]!, now)]);
  const zone = await shopTimeZone(db, actor.shop);
  const rows = [];
  for (const [index, { codes, productIds, ownerId, ...fields }] of promotions.entries()) {
    const owner = owners.get(ownerId)!;
    const row = {
      shop: actor.shop,
      ...fields,
      ...windowFields(fields, zone),
      tacticUse: uses[index]!,
      ownerId: owner.userId,
      ownerName: owner.name,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    rows.push({ row, codes, productIds });
  }
  return (await insertPromotionRows(databaseUrlOf(db), rows)).map((id) => ({ id }));
}

/** How each promotion uses its tactic, once none goes beyond the stages of the people behind it (a refusal is ForbiddenError: the page and the import refuse it first, in words, field by field). */
async function heldToStages(db: PrismaClient, actor: Actor, promotions: { promotion: ParsedPromotion; runnerId: string }[]): Promise<(TacticUse | null)[]> {
  const checks = await stageChecks(db, actor, promotions);
  const beyond = checks.find((check) => Object.keys(check.refusals).length > 0);
  if (beyond) throw new ForbiddenError(Object.values(beyond.refusals).join(" "));
  return checks.map((check) => check.tacticUse);
}

/** Who may change or archive a promotion: whoever logged it, whoever runs it (its owner), an owner or a strategist. */
export function mayManage(actor: Actor, promotion: Pick<Promotion, "createdBy" | "ownerId">): boolean {
  return promotion.createdBy === actor.userId || promotion.ownerId === actor.userId || can(actor.role, "edit_strategy");
}

/** Replaces a promotion's fields and codes (already checked); its review and notes stay. */
export async function updatePromotion(db: PrismaClient, actor: Actor, id: number, promotion: ParsedPromotion, now: Date): Promise<Promotion | null> {
  const existing = await db.promotion.findFirst({ where: { id, shop: actor.shop, archivedAt: null } });
  if (!existing) return null;
  if (!mayManage(actor, existing)) throw new ForbiddenError(currentLocalizer().t("promotions.errors.mayNotChange"));
  const { codes, productIds, ownerId, ...fields } = promotion;
  // An owner left empty stays who it was; a chosen one replaces them.
  const owner = ownerId === null ? { userId: existing.ownerId, name: existing.ownerName } : await ownerOf(db, actor, ownerId);
  const [tacticUse] = await heldToStages(db, actor, [{ promotion, runnerId: owner.userId ?? existing.createdBy }]);
  return db.$transaction(async (tx) => {
    await tx.promotionCode.deleteMany({ where: { promotionId: id } });
    await tx.promotionProduct.deleteMany({ where: { promotionId: id } });
    await linkCodesAndProducts(tx, actor.shop, id, codes, productIds);
    const window = windowFields(fields, await shopTimeZone(tx, actor.shop));
    return tx.promotion.update({ where: { id }, data: { ...fields, ...window, tacticUse, ownerId: owner.userId, ownerName: owner.name, updatedAt: now } });
  });
}

export async function livePromotions(db: PrismaClient, shop: string, overlapping?: Period): Promise<PromotionWithCodes[]> {
  const promotions = await db.promotion.findMany({
    where: { shop, archivedAt: null, ...(overlapping ? { start: { lte: formatDay(overlapping.to) }, end: { gte: formatDay(overlapping.from) } } : {}) },
    orderBy: [{ start: "desc" }, { id: "desc" }],
  });
  return withCodesAndProducts(db, shop, promotions);
}

/** One live promotion of the shop with its codes and products, or null. */
export async function livePromotion(db: PrismaClient, shop: string, id: number): Promise<PromotionWithCodes | null> {
  const promotion = await db.promotion.findFirst({ where: { id, shop, archivedAt: null } });
  return promotion ? ((await withCodesAndProducts(db, shop, [promotion]))[0] ?? null) : null;
}

export async function withCodesAndProducts(db: PrismaClient, shop: string, promotions: Promotion[]): Promise<PromotionWithCodes[]> {
  const codes = new Map<number, string[]>();
  const products = new Map<number, string[]>();
  for (const ids of slices(promotions.map((promotion) => promotion.id))) {
    const [codeRows, productRows] = await Promise.all([
      db.promotionCode.findMany({ where: { shop, promotionId: { in: ids } }, select: { promotionId: true, code: true } }),
      db.promotionProduct.findMany({ where: { shop, promotionId: { in: ids } }, select: { promotionId: true, productId: true } }),
    ]);
    for (const row of codeRows) (codes.get(row.promotionId) ?? codes.set(row.promotionId, []).get(row.promotionId)!).push(row.code);
    for (const row of productRows) (products.get(row.promotionId) ?? products.set(row.promotionId, []).get(row.promotionId)!).push(row.productId);
  }
  return promotions.map((promotion) => ({ ...promotion, codes: codes.get(promotion.id) ?? [], productIds: products.get(promotion.id) ?? [] }));
}

/**
 * Each promotion's attributed orders (METRICS.md), within [from, to] (local days in `zoneName`) when
 * given, else over its whole run: a few queries per IDS_PER_QUERY promotions, whatever their
 * codes (rollup-store's attributedOrdersOf, on the windows kept with each promotion).
 */
export async function attributedOrdersOf(
  db: PrismaClient,
  shop: string,
  promotions: Pick<Promotion, "id">[],
  within?: { zone: string; period: Period },
): Promise<Map<number, AttributedOrder[]>> {
  const zone = within ? timeZone(within.zone) : null;
  const from = zone && within ? new Date(zone.startOfDay(within.period.from)) : null;
  const to = zone && within ? new Date(zone.startOfDay(within.period.to + 1)) : null;
  const store = attributionStore(databaseUrlOf(db));
  const orders = new Map<number, AttributedOrder[]>(promotions.map((promotion) => [promotion.id, []]));
  for (const ids of slices(promotions.map((promotion) => promotion.id))) {
    for (const { promotionId, ...order } of await store.attributedOrdersOf(shop, ids, from, to)) orders.get(promotionId)?.push(order);
  }
  return orders;
}

/** One promotion's attributed orders over its whole run. */
export async function attributedOrders(db: PrismaClient, promotion: Pick<Promotion, "id" | "shop">): Promise<AttributedOrder[]> {
  return (await attributedOrdersOf(db, promotion.shop, [promotion])).get(promotion.id) ?? [];
}

/**
 * What a promotion's attributed orders brought and what it cost: ROAS keeps its industry meaning
 * (revenue / spend), and beside it the promotion's whole cost and the gross profit returned per unit
 * of it (promotion-cost.ts). Money is summed exactly; only the quotients are numbers.
 */
export interface PromotionResults extends CostAndReturn {
  attributedOrders: number;
  /** Σ gross sales − discounts of its orders. */
  attributedRevenue: Money;
  /** Σ discounts of its orders: what it gave away. */
  discounts: Money;
  newCustomers: number;
  spend: Money;
  /** attributedRevenue / spend (null without spend). */
  roas: number | null;
}

export function resultsOf(orders: AttributedOrder[], spend: Money): PromotionResults {
  const sums = orders.reduce(addAttributed, NO_ATTRIBUTED);
  const revenue = sums.gross - sums.discounts;
  return {
    attributedOrders: orders.length,
    attributedRevenue: revenue,
    discounts: sums.discounts,
    newCustomers: orders.filter((order) => order.firstOrder).length,
    spend,
    roas: spend === 0n ? null : Number(revenue) / Number(spend),
    ...costAndReturn(spend, sums),
  };
}

// ---------------------------------------------------------------------------------------------
// Marketing indicators of a period (METRICS.md)
// ---------------------------------------------------------------------------------------------

/** A period's marketing spend (app/ads/marketing-spend.server.ts) and the orders attributed to promotions in it. */
export interface MarketingTotals extends PeriodMarketingSpend {
  /** Revenue of orders in the period attributed to any promotion (each order once). */
  attributedRevenue: Money;
  /** The sums of those orders (their discounts, and their gross profit where cost is known). */
  attributed: AttributedAmounts;
}

type AttributionTotals = Pick<MarketingTotals, "attributedRevenue" | "attributed">;

export async function marketingTotals(db: PrismaClient, shop: string, zoneName: string, period: Period): Promise<MarketingTotals> {
  return (await marketingTotalsByPeriod(db, shop, zoneName, [period]))[0]!;
}

/**
 * The marketing totals of several periods (a series' buckets) from one query: the orders attributed
 * to any promotion over the whole span, each once (rollup-store's ordersOfAnyPromotion), then counted
 * in the period holding their local day; the spend spread over each period from the promotions' rows.
 * The same orders as asking period by period: an order in a period attributed to a promotion falls in
 * both their dates. The spend is read fresh each time (a few grouped queries).
 */
export async function marketingTotalsByPeriod(db: PrismaClient, shop: string, zoneName: string, periods: Period[]): Promise<MarketingTotals[]> {
  if (periods.length === 0) return [];
  const whole = { from: Math.min(...periods.map((period) => period.from)), to: Math.max(...periods.map((period) => period.to)) };
  const zone = timeZone(zoneName);
  const url = databaseUrlOf(db);
  const store = attributionStore(url);
  const [from, to] = [new Date(zone.startOfDay(whole.from)), new Date(zone.startOfDay(whole.to + 1))];
  // The same figures as the last time when nothing they depend on changed since (checked on every read:
  // any instance's writes count): a shop with thousands of promotions costs a dashboard no more than another.
  const key = JSON.stringify([url, shop, zoneName, periods.map((period) => [period.from, period.to])]);
  const [fingerprint, spends] = await Promise.all([store.marketingFingerprint(shop, from, to), marketingSpendByPeriod(db, shop, periods)]);
  const known = marketingMemo.get(key);
  let totals = known?.fingerprint === fingerprint ? known.totals : null;
  if (!totals) {
    totals = await attributionTotals(store, shop, zone, periods, from, to);
    marketingMemo.delete(key);
    marketingMemo.set(key, { fingerprint, totals });
    if (marketingMemo.size > MARKETING_MEMO_SIZE) marketingMemo.delete(marketingMemo.keys().next().value!);
  }
  return totals.map((attribution, index) => ({ ...spends[index]!, ...attribution }));
}

/** The last attribution figures computed, by shop, zone and periods, with what they were computed from (least recently set first). */
const marketingMemo = new Map<string, { fingerprint: string; totals: AttributionTotals[] }>();
const MARKETING_MEMO_SIZE = 1000;

/** Forgets the figures kept (tests that empty the database and fill it again with other data at the same instants). */
export function forgetMarketingFigures(): void {
  marketingMemo.clear();
}

async function attributionTotals(
  store: ReturnType<typeof attributionStore>,
  shop: string,
  zone: ReturnType<typeof timeZone>,
  periods: Period[],
  from: Date,
  to: Date,
): Promise<AttributionTotals[]> {
  const orders = await store.ordersOfAnyPromotion(shop, from, to);
  const byDay = new Map<number, AttributedAmounts>();
  for (const order of orders) {
    const day = zone.localDay(order.processedAt.getTime());
    byDay.set(day, addAttributed(byDay.get(day) ?? NO_ATTRIBUTED, order));
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  return periods.map((period) => {
    const attributed = days.filter((day) => day >= period.from && day <= period.to).reduce((sums, day) => addAttributed(sums, byDay.get(day)!), NO_ATTRIBUTED);
    return { attributedRevenue: attributed.gross - attributed.discounts, attributed };
  });
}

// ---------------------------------------------------------------------------------------------
// Lift: the linked indicator during the promotion against its baselines
// ---------------------------------------------------------------------------------------------

/**
 * The store's days as lift reads them: every local day of [from, to], empty where nothing happened,
 * and the store's first active day. `storeDays` reads them as asked (a page's few promotions);
 * `preloadedStoreDays` reads a whole span once (a command listing thousands of promotions, where three
 * queries a promotion added up to minutes).
 */
export interface StoreDays {
  firstDay: number | null;
  days(from: number, to: number): Promise<Day[]>;
}

const EMPTY_DAY: Day = { totals: emptyTotals(), customerKeys: new Int32Array(0) };

function daysFrom(stored: Map<number, Day>, from: number, to: number): Day[] {
  const days: Day[] = [];
  for (let day = from; day <= to; day++) days.push(stored.get(day) ?? EMPTY_DAY);
  return days;
}

async function readDays(db: PrismaClient, shop: string, from: number, to: number): Promise<Map<number, Day>> {
  const rows = await rollupStore(databaseUrlOf(db)).days(shop, formatDay(from), formatDay(to));
  return new Map(rows.map((row) => [parseDay(row.day)!, { totals: row.totals, customerKeys: row.customerKeys }]));
}

export async function storeDays(db: PrismaClient, shop: string): Promise<StoreDays> {
  return { firstDay: await firstActiveDay(db, shop), days: async (from, to) => daysFrom(await readDays(db, shop, from, to), from, to) };
}

/** The days every promotion's lift reads (its window, the days before, a year earlier), read in one query. */
export async function preloadedStoreDays(db: PrismaClient, shop: string, promotions: Pick<Promotion, "start" | "end">[], today: number): Promise<StoreDays> {
  const windows = promotions.flatMap((promotion) => {
    const window = liftWindow(promotion, today);
    return window ? [window] : [];
  });
  return storeDaysOver(db, shop, windows);
}

/**
 * The days the lifts over these windows read (each window, the days before it, the same dates a
 * year earlier), read in one query; days asked outside that span are read when asked.
 */
export async function storeDaysOver(db: PrismaClient, shop: string, windows: Period[]): Promise<StoreDays> {
  const firstDay = await firstActiveDay(db, shop);
  if (windows.length === 0) return { firstDay, days: async (from, to) => daysFrom(await readDays(db, shop, from, to), from, to) };
  const from = Math.min(...windows.map((window) => yearEarlierPeriod(window).from), ...windows.map((window) => previousPeriod(window).from));
  const to = Math.max(...windows.map((window) => window.to));
  const stored = await readDays(db, shop, from, to);
  return {
    firstDay,
    days: async (start, end) => daysFrom(start >= from && end <= to ? stored : await readDays(db, shop, start, end), start, end),
  };
}

/**
 * Lift and linked products' sales are measured over at most a promotion's first 13 weeks (whole
 * weeks keep the weekday mix even): its effect shows in its first weeks, later days compare
 * seasons more than the promotion, and the work a page does per promotion stays bounded (the
 * bootstrap resamples every day 300 times) however long the promotion runs.
 */
export const MAX_LIFT_DAYS = 91;

/**
 * The days a promotion's lift is measured over: its first MAX_LIFT_DAYS that have ended (today is
 * still under way: its few hours would read as a fall), or null before its first day has ended.
 */
export function liftWindow(promotion: Pick<Promotion, "start" | "end">, today: number): (Period & { clipped: boolean }) | null {
  const from = parseDay(promotion.start)!;
  const end = Math.min(parseDay(promotion.end)!, today - 1);
  if (end < from) return null;
  const to = Math.min(end, from + MAX_LIFT_DAYS - 1);
  return { from, to, clipped: to < end };
}

/**
 * The promotion's indicator against the same number of days just before, and against the same
 * dates a year earlier when the store has history then. Only the days that have ended count, and
 * at most its first MAX_LIFT_DAYS.
 */
export async function promotionLift(db: PrismaClient, promotion: Promotion, today: number, store?: StoreDays): Promise<Lift[]> {
  if (!promotion.indicator || !isIndicatorKey(promotion.indicator)) return [];
  const indicator = promotion.indicator;
  const window = liftWindow(promotion, today);
  if (!window) return [];
  const figures = await liftOver(indicator, promotion, window, store ?? (await storeDays(db, promotion.shop)));
  return figures.map((lift) => {
    const shown = window.clipped ? { ...lift, firstDays: MAX_LIFT_DAYS } : lift;
    return { ...shown, words: liftWords(indicator, shown) };
  });
}

/**
 * The indicator over some of a promotion's days (`during`, within its dates) against as many days
 * just before the promotion began, and against the same dates a year earlier when the store has
 * history then. The days before the promotion are its baseline whichever of its days are measured:
 * a later week of it is compared with the store without it, not with its own first days.
 */
export async function liftOver(indicator: IndicatorKey, promotion: Pick<Promotion, "id" | "start">, during: Period, source: StoreDays): Promise<LiftFigures[]> {
  const days = await source.days(during.from, during.to);
  const start = parseDay(promotion.start)!;
  const before = previousPeriod({ from: start, to: start + (during.to - during.from) });
  const lifts = [
    liftFigures(indicator, days, await source.days(before.from, before.to), "previous", promotion.id, during.from > start ? { beforeStart: true } : {}),
  ];
  const yearEarlier = yearEarlierPeriod(during);
  if (source.firstDay !== null && source.firstDay <= yearEarlier.from) {
    lifts.push(liftFigures(indicator, days, await source.days(yearEarlier.from, yearEarlier.to), "year_earlier", promotion.id + 1));
  }
  return lifts;
}
