/**
 * A store whose average order value rose through bigger discounts, built relative to today in the
 * shop's time zone: each order went from one €50 item (cost €20) to two with €35 off, so AOV went
 * from €50 to €65 while each order kept €25 instead of €30. A goal for net profit began on the Monday
 * three weeks ago; three orders a day of one item for the 14 days before it, three a day of the
 * discounted pair through the Sunday two weeks ago (the past week a review reads), then five a day
 * to yesterday. Its targets: AOV at least €60 (on track), orders at least 80 (on track), discount
 * rate at most 5% (off track). The expected bridge is recomputed from this construction with the
 * identities written again (bridge-identity.ts), never through the app.
 */
import { timeZone } from "@throughline/shopify-common/time-zone";
import { rebuildRollups } from "~/indicators/rollups.server";
import { formatDay, weekStart, type Period } from "~/lib/calendar";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { systemActor } from "~/staff/staff.server";
import { createGoal, createTarget } from "~/strategy/targets.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import type { OrderRecord } from "~/sync/records";
import { add, div, q, round, shapley, type Q } from "./bridge-identity";
import { db } from "./database";
import { orderRecord, productRecord } from "./records";

const ZONE = "Europe/Berlin";
export const today = timeZone(ZONE).localDay(Date.now());
const thisWeek = weekStart(today);
/** The goal began on the Monday three weeks ago; the week two weeks ago is the past week reviewed. */
const GOAL: Period = { from: thisWeek - 21, to: thisWeek + 27 };
export const PAST_WEEK: Period = { from: thisWeek - 14, to: thisWeek - 8 };

// The store: three orders a day of one €50 item for the 14 days before the goal; then three a day of
// two €50 items with €35 off through the past week's Sunday; then five a day of those, to yesterday.
const plain = { items: 1, discount: 0n };
const discounted = { items: 2, discount: 35_0000n };
function ordersPerDay(day: number): { count: number; kind: typeof plain } {
  if (day >= GOAL.from - 14 && day < GOAL.from) return { count: 3, kind: plain };
  if (day >= GOAL.from && day <= PAST_WEEK.to) return { count: 3, kind: discounted };
  if (day > PAST_WEEK.to && day < today) return { count: 5, kind: discounted };
  return { count: 0, kind: plain };
}
const ORDERS: OrderRecord[] = [];
for (let day = GOAL.from - 14; day < today; day++) {
  const { count, kind } = ordersPerDay(day);
  for (let i = 0; i < count; i++)
    ORDERS.push(
      orderRecord({
        processedAt: new Date(`${formatDay(day)}T${String(8 + i).padStart(2, "0")}:00:00Z`),
        totalDiscounts: kind.discount,
        lines: [
          {
            id: `gid://shopify/LineItem/${800_000 + ORDERS.length}`,
            productId: "gid://shopify/Product/1",
            variantId: "gid://shopify/ProductVariant/11",
            title: "Mug",
            sku: "MUG",
            quantity: kind.items,
            originalUnitPrice: 50_0000n,
            totalDiscount: kind.discount,
          },
        ],
      }),
    );
}

/** Orders, sales (gross − discounts) and cost of goods over a period of the store, from its construction. */
export function totalsOver(period: Period): { orders: bigint; sales: bigint; cogs: bigint } {
  const totals = { orders: 0n, sales: 0n, cogs: 0n };
  for (let day = period.from; day <= period.to; day++) {
    const { count, kind } = ordersPerDay(day);
    totals.orders += BigInt(count);
    totals.sales += BigInt(count) * (BigInt(kind.items) * 50_0000n - kind.discount);
    totals.cogs += BigInt(count * kind.items) * 20_0000n;
  }
  return totals;
}

/**
 * The net profit bridge of the goal read through `through`, recomputed: orders × AOV × margin (no
 * returns, fees, shipping, marketing or other costs in this store), Shapley's parts in closed form,
 * rounded by the running total from net profit before.
 */
export function expectedBridge(through: number) {
  const n = Math.min(through, GOAL.to) - GOAL.from + 1;
  const [before, after] = [totalsOver({ from: GOAL.from - n, to: GOAL.from - 1 }), totalsOver({ from: GOAL.from, to: GOAL.from + n - 1 })];
  const factors = (t: typeof before): Q[] => [q(t.orders), div(q(t.sales), q(t.orders)), div(q(t.sales - t.cogs), q(t.sales))];
  const parts = shapley(factors(before), factors(after));
  const start = q(before.sales - before.cogs);
  let total = start;
  const effects = parts.map((part) => {
    const previous = round(total);
    total = add(total, part);
    return round(total) - previous;
  });
  const [orders, aov, margin] = effects as [bigint, bigint, bigint];
  return { orders, aov, margin, change: after.sales - after.cogs - (before.sales - before.cogs), before: start, after: q(after.sales - after.cogs) };
}

/** The store in the database with its goal and targets; their ids. */
export async function discountedAovStore(shop: string, owner: string): Promise<{ goal: number; aov: number; orders: number; discountRate: number }> {
  await connectDevstoreShop(db, sessionStorage, {
    shop,
    adminOrigin: "http://127.0.0.1:4999",
    accessToken: "devstore-token",
    ownerUserId: owner,
    now: new Date(),
  });
  await saveShopDetails(db, { shop, name: "Goal Flags", email: null, currencyCode: "EUR", ianaTimezone: ZONE });
  await db.shop.update({ where: { shop }, data: { lastSyncAt: new Date() } });
  await saveProducts(db, shop, [productRecord()]);
  await saveOrders(db, shop, ORDERS);
  await rebuildRollups(db, shop);
  const actor = systemActor(shop);
  const now = new Date();
  const goal = await createGoal(db, actor, { name: "Profitable growth", outcome: "net_profit", from: formatDay(GOAL.from), to: formatDay(GOAL.to) }, now);
  if (!goal.ok) throw new Error(JSON.stringify(goal.errors));
  const target = async (indicator: string, value: string) => {
    const made = await createTarget(
      db,
      actor,
      { indicator, periodKind: "custom", from: formatDay(GOAL.from), to: formatDay(GOAL.to), value, goalId: goal.value.id },
      now,
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    return made.value.id;
  };
  return { goal: goal.value.id, aov: await target("aov", "60"), orders: await target("orders", "80"), discountRate: await target("discount_rate", "0.05") };
}

/** A signed amount as the app says it ("+€310.15", "−€520.15"). */
export const euros = (amount: bigint, locale: string) =>
  `${amount < 0n ? "−" : "+"}${new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(Number(amount < 0n ? -amount : amount) / 10_000)}`;

type Bridge = ReturnType<typeof expectedBridge>;

/** The AOV target's flag as the app should say it in English… */
export const englishFlag = (bridge: Bridge) =>
  `Average order value is on track, but the discounts that raised it cost more net profit than it added (average order value ${euros(bridge.aov, "en")}; margin ${euros(bridge.margin, "en")}).`;
/** …and in Chinese. */
export const chineseFlag = (bridge: Bridge) =>
  `平均订单价值进度正常，但推高它的折扣让净利润损失的比它带来的更多（平均订单价值 ${euros(bridge.aov, "zh-CN")}；利润率 ${euros(bridge.margin, "zh-CN")}）。`;
