/**
 * Attribution's data access (METRICS.md: an order belongs to a promotion when, within the
 * promotion's dates, it carries one of its codes or its last visit's UTM campaign is the promotion's,
 * both compared lower-case). The questions a page asks are answered in a bounded number of queries
 * whatever the number of promotions: a shop can hold tens of thousands, and one query per promotion
 * on a page view froze the server for every shop (25-30 s a dashboard at 10,000 promotions).
 *
 * A promotion's dates are compared as instants (Promotion.startsAt, endsBefore: promotion-windows.server.ts).
 * The SQL runs on the database's own driver (lib/sql-executor.server.ts), the same text on SQLite and
 * PostgreSQL; money is integers (packages/shopify-common/src/money.ts).
 */
import { slices } from "~/lib/slices";
import type { AttributedAmounts } from "./promotion-cost";
import { sqlExecutor, type SqlExecutor, type SqlRow } from "~/lib/sql-executor.server";

/** An attributed order: who and when, and its sums (gross sales and discounts, and where cost is known, its gross profit: METRICS.md reports profit only there). */
export interface AttributedOrder extends AttributedAmounts {
  id: string;
  customerId: string | null;
  processedAt: Date;
  /** Its customer's first counting order ever. */
  firstOrder: boolean;
}

/** A promotion's window as instants (ms). */
interface Window {
  id: number;
  from: number;
  to: number;
}

export interface PromotionOrder extends AttributedOrder {
  promotionId: number;
}

/** A sum over an order's lines (cast back: PostgreSQL sums bigints as numeric). */
const linesSum = (expression: string, where = "") =>
  `(SELECT CAST(COALESCE(SUM(${expression}), 0) AS BIGINT) FROM "OrderLine" l WHERE l."shop" = o."shop" AND l."orderId" = o."id"${where})`;

/** An attributed order's columns (ORDER_COLUMN_COUNT of them). */
const ORDER_COLUMNS = `o."id", o."customerId", o."totalDiscounts", o."processedAt", ${linesSum(`l."quantity" * l."originalUnitPrice"`)}, c."firstOrderId",
  ${linesSum(`l."quantity" * l."originalUnitPrice"`, ` AND l."unitCost" IS NOT NULL`)},
  ${linesSum(`l."quantity" * (l."originalUnitPrice" - l."unitCost") - l."totalDiscount"`, ` AND l."unitCost" IS NOT NULL`)}`;
const ORDER_COLUMN_COUNT = 8;

function attributedOrder(row: SqlRow, at: number): AttributedOrder {
  return {
    id: row[at] as string,
    customerId: row[at + 1] as string | null,
    discounts: row[at + 2] as bigint,
    processedAt: new Date(row[at + 3] as string),
    gross: row[at + 4] as bigint,
    firstOrder: row[at + 5] !== null && row[at + 5] === row[at],
    grossWithCost: row[at + 6] as bigint,
    grossProfit: row[at + 7] as bigint,
  };
}

/** The instants [from, to) some live promotions cover, merged and in order: whether one holds an instant is a binary search. */
class Coverage {
  private readonly intervals: [number, number][] = [];
  add(from: number, to: number) {
    this.intervals.push([from, to]);
  }
  /** Sorts and merges what was added; call once, before `covers`. */
  merged(): this {
    this.intervals.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [from, to] of this.intervals) {
      const last = merged.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    this.intervals.splice(0, this.intervals.length, ...merged);
    return this;
  }
  covers(at: number): boolean {
    let low = 0;
    let high = this.intervals.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [from, to] = this.intervals[middle]!;
      if (at < from) high = middle - 1;
      else if (at >= to) low = middle + 1;
      else return true;
    }
    return false;
  }
}

function coverageBy(rows: SqlRow[]): Map<string, Coverage> {
  const byKey = new Map<string, Coverage>();
  for (const [key, from, to] of rows) {
    let coverage = byKey.get(key as string);
    if (!coverage) byKey.set(key as string, (coverage = new Coverage()));
    coverage.add(Date.parse(from as string), Date.parse(to as string));
  }
  for (const coverage of byKey.values()) coverage.merged();
  return byKey;
}

export class AttributionStore {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * The attributed orders of the chosen promotions (at most IDS_PER_QUERY): counting
   * orders processed within a promotion's window and within [from, to) when given, carrying one of
   * its codes or whose campaign is its campaign, each order once per promotion, with its gross sales
   * and whether it is its customer's first order. The promotions' windows, codes and campaigns are
   * read first; then the orders carrying those codes, and those of those campaigns, over the span of
   * the windows, each matched here to the windows of the promotions with its code or campaign. (Asked
   * a promotion at a time in SQL, a code or campaign shared by thousands of promotions read the same
   * orders thousands of times: a minute to list 10,000 promotions.)
   */
  async attributedOrdersOf(shop: string, promotionIds: number[], from: Date | null, to: Date | null): Promise<PromotionOrder[]> {
    if (promotionIds.length === 0) return [];
    const ids = promotionIds.map(() => "?").join(", ");
    const [windowRows, codeRows] = await Promise.all([
      this.db.all(`SELECT "id", "startsAt", "endsBefore", "utmLower" FROM "Promotion" WHERE "shop" = ? AND "id" IN (${ids}) AND "startsAt" IS NOT NULL`, [
        shop,
        ...promotionIds,
      ]),
      this.db.all(`SELECT "promotionId", "codeLower" FROM "PromotionCode" WHERE "shop" = ? AND "promotionId" IN (${ids})`, [shop, ...promotionIds]),
    ]);
    const windows = new Map<number, Window>(
      windowRows.map(([id, startsAt, endsBefore]) => [
        Number(id),
        { id: Number(id), from: Date.parse(startsAt as string), to: Date.parse(endsBefore as string) },
      ]),
    );
    if (windows.size === 0) return [];
    const group = (pairs: [unknown, unknown][]) => {
      const byKey = new Map<string, Window[]>();
      for (const [id, key] of pairs) {
        const window = windows.get(Number(id));
        if (window && key !== null) (byKey.get(key as string) ?? byKey.set(key as string, []).get(key as string)!).push(window);
      }
      return byKey;
    };
    const byCode = group(codeRows.map((row) => [row[0], row[1]]));
    const byCampaign = group(windowRows.map((row) => [row[0], row[3]]));
    const spanFrom = Math.max(Math.min(...[...windows.values()].map((window) => window.from)), from?.getTime() ?? -Infinity);
    const spanTo = Math.min(Math.max(...[...windows.values()].map((window) => window.to)), to?.getTime() ?? Infinity);
    if (spanFrom >= spanTo) return [];
    const span = [new Date(spanFrom), new Date(spanTo)];

    const found = new Map<string, PromotionOrder>();
    const match = (rows: SqlRow[], byKey: Map<string, Window[]>) => {
      for (const row of rows) {
        const order = attributedOrder(row, 1);
        const at = order.processedAt.getTime();
        for (const window of byKey.get(row[0] as string) ?? [])
          if (at >= window.from && at < window.to) found.set(`${window.id} ${order.id}`, { promotionId: window.id, ...order });
      }
    };
    const period = `o."shop" = ? AND NOT o."test" AND o."processedAt" >= ? AND o."processedAt" < ?`;
    for (const codes of slices([...byCode.keys()])) {
      const rows = await this.db.all(
        `SELECT d."codeLower", ${ORDER_COLUMNS} FROM "OrderDiscountCode" d CROSS JOIN "Order" o
          LEFT JOIN "RollupCustomer" c ON c."shop" = o."shop" AND c."customerId" = o."customerId"
          WHERE d."shop" = ? AND d."codeLower" IN (${codes.map(() => "?").join(", ")}) AND o."id" = d."orderId" AND ${period}`,
        [shop, ...codes, shop, ...span],
      );
      match(rows, byCode);
    }
    if (byCampaign.size > 0) {
      const rows = await this.db.all(
        `SELECT LOWER(o."utmCampaign"), ${ORDER_COLUMNS} FROM "Order" o
          LEFT JOIN "RollupCustomer" c ON c."shop" = o."shop" AND c."customerId" = o."customerId"
          WHERE ${period} AND o."utmCampaign" IS NOT NULL AND LOWER(o."utmCampaign") IN (${[...byCampaign.keys()].map(() => "?").join(", ")})`,
        [shop, ...span, ...byCampaign.keys()],
      );
      match(rows, byCampaign);
    }
    return [...found.values()];
  }

  /**
   * Counting orders processed in [from, to) attributed to any live promotion, each once: the
   * marketing indicators' revenue. Three queries whatever the number of promotions: the period's
   * orders that carry a code or a campaign, and the windows of the live promotions overlapping the
   * period by each code those orders carry and by campaign; an order is then looked up in the
   * merged windows of its codes and campaign. (Checking each order against the promotions sharing its
   * code in SQL scanned all of them for every order no promotion covered: 3 s a dashboard when a
   * thousand promotions shared a code.)
   */
  async ordersOfAnyPromotion(shop: string, from: Date, to: Date): Promise<AttributedOrder[]> {
    const period = `o."shop" = ? AND NOT o."test" AND o."processedAt" >= ? AND o."processedAt" < ?`;
    const live = `p."shop" = ? AND p."archivedAt" IS NULL AND p."startsAt" < ? AND p."endsBefore" > ?`;
    const [orders, codes, byCode, byCampaign] = await Promise.all([
      this.db.all(
        `SELECT ${ORDER_COLUMNS}, LOWER(o."utmCampaign") FROM "Order" o
          LEFT JOIN "RollupCustomer" c ON c."shop" = o."shop" AND c."customerId" = o."customerId"
          WHERE ${period} AND (o."utmCampaign" IS NOT NULL OR EXISTS (SELECT 1 FROM "OrderDiscountCode" d WHERE d."shop" = o."shop" AND d."orderId" = o."id"))`,
        [shop, from, to],
      ),
      this.db.all(
        `SELECT d."orderId", d."codeLower" FROM "Order" o CROSS JOIN "OrderDiscountCode" d
          WHERE ${period} AND d."shop" = o."shop" AND d."orderId" = o."id"`,
        [shop, from, to],
      ),
      // Driven from the codes and campaigns the period's orders carry (few), never from the promotions (many).
      this.db.all(
        `WITH used AS (SELECT DISTINCT d."codeLower" FROM "Order" o CROSS JOIN "OrderDiscountCode" d WHERE ${period} AND d."shop" = o."shop" AND d."orderId" = o."id")
          SELECT DISTINCT pc."codeLower", p."startsAt", p."endsBefore" FROM used u CROSS JOIN "PromotionCode" pc CROSS JOIN "Promotion" p
          WHERE pc."shop" = ? AND pc."codeLower" = u."codeLower" AND p."id" = pc."promotionId" AND ${live}`,
        [shop, from, to, shop, shop, to, from],
      ),
      this.db.all(
        `WITH used AS (SELECT DISTINCT LOWER(o."utmCampaign") AS "utmLower" FROM "Order" o WHERE ${period} AND o."utmCampaign" IS NOT NULL)
          SELECT DISTINCT p."utmLower", p."startsAt", p."endsBefore" FROM used u CROSS JOIN "Promotion" p WHERE p."utmLower" = u."utmLower" AND ${live}`,
        [shop, from, to, shop, to, from],
      ),
    ]);
    const codeCoverage = coverageBy(byCode);
    const campaignCoverage = coverageBy(byCampaign);
    const codesOf = new Map<string, string[]>();
    for (const [orderId, code] of codes) (codesOf.get(orderId as string) ?? codesOf.set(orderId as string, []).get(orderId as string)!).push(code as string);
    return orders.flatMap((row) => {
      const order = attributedOrder(row, 0);
      const at = order.processedAt.getTime();
      const campaign = row[ORDER_COLUMN_COUNT] as string | null;
      const covered =
        (campaign !== null && campaignCoverage.get(campaign)?.covers(at)) || (codesOf.get(order.id) ?? []).some((code) => codeCoverage.get(code)?.covers(at));
      return covered ? [order] : [];
    });
  }

  /**
   * The counting orders processed in [from, to) whose last visit's UTM campaign is one of `utms`
   * (lower-case), with that campaign: what an ad campaign carrying it brought (METRICS.md's
   * attribution by UTM campaign, the campaign's days standing for a promotion's dates).
   */
  async ordersOfCampaigns(shop: string, from: Date, to: Date, utms: readonly string[]): Promise<{ utm: string; order: AttributedOrder }[]> {
    if (utms.length === 0) return [];
    const rows = await this.db.all(
      `SELECT ${ORDER_COLUMNS}, LOWER(o."utmCampaign") FROM "Order" o
        LEFT JOIN "RollupCustomer" c ON c."shop" = o."shop" AND c."customerId" = o."customerId"
        WHERE o."shop" = ? AND NOT o."test" AND o."processedAt" >= ? AND o."processedAt" < ? AND LOWER(o."utmCampaign") IN (${utms.map(() => "?").join(", ")})`,
      [shop, from, to, ...utms],
    );
    return rows.map((row) => ({ utm: row[ORDER_COLUMN_COUNT] as string, order: attributedOrder(row, 0) }));
  }

  /**
   * What the marketing figures of [from, to) depend on, in a line: the shop's promotions (their number,
   * the last change to any, how many have windows and in which zones: every write of a promotion sets
   * its updatedAt, a time zone change rewrites the windows; their spend and last id besides) and the
   * orders processed in the span (their number and the last change to any, since a stored order changes
   * only for a newer copy; their discounts and subtotals besides). Two reads of the same line read the
   * same figures.
   */
  async marketingFingerprint(shop: string, from: Date, to: Date): Promise<string> {
    const [promotions, orders] = await Promise.all([
      this.db.all(
        `SELECT COUNT(*), MAX("updatedAt"), COUNT("startsAt"), MIN("windowZone"), MAX("windowZone"), MAX("id"), CAST(SUM("spend") AS BIGINT) FROM "Promotion" WHERE "shop" = ?`,
        [shop],
      ),
      this.db.all(
        `SELECT COUNT(*), MAX("updatedAt"), CAST(SUM("totalDiscounts") AS BIGINT), CAST(SUM("subtotal") AS BIGINT) FROM "Order"
          WHERE "shop" = ? AND "processedAt" >= ? AND "processedAt" < ?`,
        [shop, from, to],
      ),
    ]);
    return JSON.stringify([...promotions[0]!, ...orders[0]!].map((value) => (value === null ? null : String(value))));
  }
}

const stores = new Map<string, AttributionStore>();

/** The attribution store of a database (its executor: one per database, opened on first use). */
export function attributionStore(url: string): AttributionStore {
  let store = stores.get(url);
  if (!store) stores.set(url, (store = new AttributionStore(sqlExecutor(url))));
  return store;
}
