/** When each order happens, on which channel, by which customer: demand by season, weekday, hour and campaign. */
import { type TimeZone as Zone } from "@throughline/shopify-common/time-zone";
import { campaignWindows } from "./campaigns";
import { type FixtureSourceName } from "./fixture-objects";
import { CUSTOMER_ID_BASE } from "./ids";
import { Rng, cumulate, WeightTree } from "./random";
import { type Settings } from "./settings";
import { DAY_MS, HOUR_MS, DAY_S } from "./timestamps";

/** Store demand by month, anchored at mid-month (Jan..Dec): summer dip, November/December peak. */
const MONTH_DEMAND = [0.8, 0.78, 0.9, 0.97, 1.02, 0.9, 0.8, 0.85, 0.96, 1.05, 1.32, 1.5];
/** In a steady store, how long after their first order a customer may come back. */
export const STEADY_LOYAL_DAYS = 120;
/** Demand by local weekday (Sun..Sat): Sunday and Monday evenings shop most, Saturday least. */
const WEEKDAY_DEMAND = [1.1, 1.06, 1.02, 1.0, 0.97, 0.9, 0.84];

/** Order times by local hour, per channel and weekday/weekend. */
const HOURS_WEB_WEEKDAY = [0.9, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.6, 2.4, 3.0, 3.3, 3.6, 4.0, 3.8, 3.5, 3.4, 3.5, 3.9, 4.6, 5.4, 5.9, 5.6, 4.3, 2.4];
const HOURS_WEB_WEEKEND = [1.2, 0.7, 0.4, 0.25, 0.2, 0.25, 0.5, 0.9, 1.7, 2.8, 3.6, 4.1, 4.3, 4.2, 4.0, 3.8, 3.8, 4.1, 4.6, 5.2, 5.6, 5.3, 4.2, 2.6];
const HOURS_POS_WEEKDAY = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2.0, 2.6, 3.4, 3.2, 2.6, 2.6, 3.0, 3.6, 3.4, 0, 0, 0, 0, 0];
const HOURS_POS_SATURDAY = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3.0, 4.0, 4.6, 4.6, 4.2, 4.0, 3.6, 3.0, 0, 0, 0, 0, 0, 0];
const HOURS_POS_SUNDAY = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3.0, 4.2, 4.4, 4.0, 3.4, 2.6, 0, 0, 0, 0, 0, 0, 0];
const HOURS_DRAFT = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5, 2.5, 3.0, 2.0, 2.5, 3.0, 2.8, 2.2, 1.0, 0, 0, 0, 0, 0, 0];

export const SOURCE_WEB = 0;
export const SOURCE_POS = 1;
export const SOURCE_DRAFT = 2;
export const SOURCE_NAMES: readonly FixtureSourceName[] = ["web", "pos", "shopify_draft_order"];

/** Extra demand on campaign and holiday days, beyond the smooth month curve. */
function eventDemand(localDay: number): number {
  const date = new Date(localDay * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const dom = date.getUTCDate();
  const windows = campaignWindows(year);
  const bfcm = windows[2];
  if (bfcm) {
    const blackFriday = bfcm.from + 3;
    const offset = localDay - blackFriday;
    const boost: Record<number, number> = {
      [-8]: 1.15,
      [-7]: 1.15,
      [-6]: 1.2,
      [-5]: 1.2,
      [-4]: 1.25,
      [-3]: 1.35,
      [-2]: 1.4,
      [-1]: 1.3,
      0: 3.2,
      1: 2.2,
      2: 2.0,
      3: 2.8,
      4: 1.4,
    };
    const factor = boost[offset];
    if (factor !== undefined) return factor;
  }
  if (month === 12) {
    if (dom >= 21 && dom <= 23) return 0.8;
    if (dom === 24) return 0.5;
    if (dom === 25) return 0.35;
    if (dom >= 26) return 0.75;
    if (dom <= 17) return 1.1;
  }
  const summer = windows[1];
  if (summer && localDay >= summer.from && localDay < summer.from + 3) return 1.6;
  const spring = windows[0];
  if (spring && localDay >= spring.from && localDay < spring.from + 2) return 1.3;
  return 1;
}

/** Smooth demand by day of year, interpolated between mid-month anchors. */
function seasonalDemand(localDay: number): number {
  const date = new Date(localDay * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const mid = Date.UTC(year, month, 15) / DAY_MS;
  const otherMonth = localDay >= mid ? month + 1 : month - 1;
  const otherMid = Date.UTC(year, otherMonth, 15) / DAY_MS;
  const t = (localDay - mid) / (otherMid - mid);
  const a = MONTH_DEMAND[month] as number;
  const b = MONTH_DEMAND[(otherMonth + 12) % 12] as number;
  return a + (b - a) * t;
}

export interface OrderPlan {
  firstDay: number;
  /** Orders per local day, from `firstDay`. */
  dayCounts: Int32Array;
  /** Campaign windows active on each local day (bit mask). */
  dayCampaigns: Uint8Array;
  /** processedAt of each order, seconds after `startSec`, ascending. */
  orderTime: Uint32Array;
  orderSource: Uint8Array;
  /** Customer index of each order, or -1 for a guest. */
  orderCustomer: Int32Array;
  customerCount: number;
  /** Customer id (numeric) by customer index. */
  customerId: Float64Array;
  /** Customer indices in id order, with their timestamps. */
  customersInIdOrder: Uint32Array;
  customerCreated: Float64Array;
  customerUpdated: Float64Array;
}

function hourCurve(source: number, weekday: number): readonly number[] {
  if (source === SOURCE_POS) return weekday === 0 ? HOURS_POS_SUNDAY : weekday === 6 ? HOURS_POS_SATURDAY : HOURS_POS_WEEKDAY;
  if (source === SOURCE_DRAFT) return weekday === 0 || weekday === 6 ? HOURS_WEB_WEEKEND : HOURS_DRAFT;
  return weekday === 0 || weekday === 6 ? HOURS_WEB_WEEKEND : HOURS_WEB_WEEKDAY;
}
const HOUR_CUMULATIVE = new Map<readonly number[], Float64Array>(
  [HOURS_WEB_WEEKDAY, HOURS_WEB_WEEKEND, HOURS_POS_WEEKDAY, HOURS_POS_SATURDAY, HOURS_POS_SUNDAY, HOURS_DRAFT].map((curve) => [curve, cumulate(curve)]),
);

export function planOrders(settings: Settings, zone: Zone, rng: Rng): OrderPlan {
  const { orders, startSec, endSec } = settings;
  const startMs = startSec * 1000;
  const endMs = endSec * 1000;
  const firstDay = zone.localDay(startMs);
  const lastDay = zone.localDay(endMs - 1000);
  const dayCount = lastDay - firstDay + 1;

  // Daily demand: season × weekday × growth × events × noise, times the share of the day's
  // traffic that falls inside the range (the first and last local days are partial).
  const weights = new Float64Array(dayCount);
  const dayCampaigns = new Uint8Array(dayCount);
  const webDay = HOURS_WEB_WEEKDAY.reduce((a, b) => a + b, 0);
  const windowsByYear = new Map<number, ReturnType<typeof campaignWindows>>();
  for (let d = 0; d < dayCount; d++) {
    const day = firstDay + d;
    const weekday = (((day + 4) % 7) + 7) % 7;
    const year = new Date(day * DAY_MS).getUTCFullYear();
    let windows = windowsByYear.get(year);
    if (!windows) windowsByYear.set(year, (windows = campaignWindows(year)));
    for (const window of windows) if (day >= window.from && day <= window.to) dayCampaigns[d] = (dayCampaigns[d] as number) | window.mask;

    const dayStart = zone.toUtc(day * DAY_MS);
    const dayEnd = zone.toUtc((day + 1) * DAY_MS);
    let share = 1;
    if (dayStart < startMs || dayEnd > endMs) {
      let mass = 0;
      for (let h = 0; h < 24; h++) {
        const hourStart = zone.toUtc(day * DAY_MS + h * HOUR_MS);
        const inside = Math.min(hourStart + HOUR_MS, endMs) - Math.max(hourStart, startMs);
        if (inside > 0) mass += ((HOURS_WEB_WEEKDAY[h] as number) * inside) / HOUR_MS;
      }
      share = mass / webDay;
    }
    const progress = (d + 0.5) / dayCount;
    const growth = 0.88 + 0.24 * progress;
    const noise = Math.exp(0.1 * rng.normal() - 0.005);
    const season = settings.steady ? 1 : seasonalDemand(day) * growth * eventDemand(day);
    weights[d] = share * (WEEKDAY_DEMAND[weekday] as number) * season * noise;
  }

  // Exact integer counts per day by cumulative rounding.
  const dayCounts = new Int32Array(dayCount);
  let cumulative = 0;
  let total = 0;
  for (let d = 0; d < dayCount; d++) total += weights[d] as number;
  let allocated = 0;
  for (let d = 0; d < dayCount; d++) {
    cumulative += weights[d] as number;
    const upTo = d === dayCount - 1 ? orders : Math.min(orders, Math.round((orders * cumulative) / total));
    dayCounts[d] = upTo - allocated;
    allocated = upTo;
  }

  // Times of day and channels, sorted within each day.
  const orderTime = new Uint32Array(orders);
  const orderSource = new Uint8Array(orders);
  let j = 0;
  let scratch = new Float64Array(64);
  for (let d = 0; d < dayCount; d++) {
    const count = dayCounts[d] as number;
    if (count === 0) continue;
    const day = firstDay + d;
    const weekday = (((day + 4) % 7) + 7) % 7;
    const from = Math.max(zone.toUtc(day * DAY_MS), startMs);
    const to = Math.min(zone.toUtc((day + 1) * DAY_MS), endMs);
    if (scratch.length < count) scratch = new Float64Array(count * 2);
    for (let k = 0; k < count; k++) {
      const r = rng.next();
      let source = r < 0.84 ? SOURCE_WEB : r < 0.95 ? SOURCE_POS : SOURCE_DRAFT;
      const curve = HOUR_CUMULATIVE.get(hourCurve(source, weekday)) as Float64Array;
      let at = -1;
      for (let attempt = 0; attempt < 64 && at < 0; attempt++) {
        const candidate = zone.toUtc(day * DAY_MS + rng.cumulative(curve) * HOUR_MS + rng.int(3600) * 1000);
        if (candidate >= from && candidate < to) at = candidate;
      }
      if (at < 0) {
        // A partial day without shop hours left: an online order at any time in what remains.
        source = SOURCE_WEB;
        at = from + rng.int(Math.max(1, (to - from) / 1000)) * 1000;
      }
      scratch[k] = ((at - startMs) / 1000) * 4 + source;
    }
    const sorted = scratch.subarray(0, count).sort();
    for (let k = 0; k < count; k++, j++) {
      const code = sorted[k] as number;
      orderTime[j] = Math.floor(code / 4);
      orderSource[j] = code % 4;
    }
  }

  // Customers: ~8% guest orders; otherwise a new customer about half the time, else a returning
  // one, drawn by a heavy-tailed loyalty weight (a few loyal buyers order many times). In a steady
  // store, a customer comes back only in the STEADY_LOYAL_DAYS after their first order.
  const orderCustomer = new Int32Array(orders);
  const firstOrder = new Uint32Array(orders);
  const lastOrder = new Uint32Array(orders);
  const loyalty = new Float64Array(orders);
  const tree = new WeightTree(orders);
  let customers = 0;
  let lapsed = 0;
  for (let k = 0; k < orders; k++) {
    const source = orderSource[k] as number;
    const guestChance = source === SOURCE_WEB ? 0.055 : source === SOURCE_POS ? 0.3 : 0;
    if (rng.chance(guestChance)) {
      orderCustomer[k] = -1;
      continue;
    }
    const time = orderTime[k] as number;
    if (settings.steady) {
      // Customers are numbered in the order of their first orders: those too old to come back are a prefix.
      for (; lapsed < customers && (firstOrder[lapsed] as number) + STEADY_LOYAL_DAYS * DAY_S <= time; lapsed++) tree.add(lapsed, -(loyalty[lapsed] as number));
    }
    if (customers === lapsed || rng.chance(0.5)) {
      const u = rng.next();
      const weight = u < 0.5 ? 0.12 : u < 0.84 ? 1 : u < 0.97 ? 3.5 : 14;
      tree.add(customers, weight);
      loyalty[customers] = weight;
      firstOrder[customers] = time;
      lastOrder[customers] = time;
      orderCustomer[k] = customers++;
    } else {
      // (Rounding in the sums may point just before the first customer still coming back.)
      const c = Math.max(lapsed, Math.min(tree.find(rng.next() * tree.total), customers - 1));
      lastOrder[c] = time;
      orderCustomer[k] = c;
    }
  }

  // Customer accounts: most are created at their first checkout, some signed up earlier, some
  // predate the range; a few signed up and never ordered.
  const withoutOrders = Math.round(customers * 0.04);
  const customerCount = customers + withoutOrders;
  const customerCreated = new Float64Array(customerCount);
  const customerUpdated = new Float64Array(customerCount);
  const span = endSec - startSec;
  for (let c = 0; c < customerCount; c++) {
    let created: number;
    let updated: number;
    if (c < customers) {
      const first = startSec + (firstOrder[c] as number);
      const u = rng.next();
      created = u < 0.72 ? first - rng.between(1, 30) : u < 0.87 ? first - rng.between(3600, 60 * DAY_S) : startSec - rng.between(30 * DAY_S, 900 * DAY_S);
      updated = Math.min(Math.max(created, startSec + (lastOrder[c] as number) + rng.between(0, 60)), endSec - 1);
    } else {
      created = startSec - 120 * DAY_S + rng.int(span + 120 * DAY_S);
      updated = Math.min(created + rng.between(0, 3 * DAY_S), endSec - 1);
      created = Math.min(created, updated);
    }
    customerCreated[c] = created;
    customerUpdated[c] = updated;
  }
  const customersInIdOrder = new Uint32Array(customerCount);
  for (let c = 0; c < customerCount; c++) customersInIdOrder[c] = c;
  customersInIdOrder.sort((a, b) => (customerCreated[a] as number) - (customerCreated[b] as number) || a - b);
  const customerId = new Float64Array(customerCount);
  for (let rank = 0; rank < customerCount; rank++) customerId[customersInIdOrder[rank] as number] = CUSTOMER_ID_BASE + 1 + rank;

  return {
    firstDay,
    dayCounts,
    dayCampaigns,
    orderTime,
    orderSource,
    orderCustomer,
    customerCount,
    customerId,
    customersInIdOrder,
    customerCreated,
    customerUpdated,
  };
}
