/**
 * Shopify's own marketing reports, read from day one with nothing to connect: sales channels such as
 * Facebook & Instagram or Google & YouTube report each day's ad spend of their campaigns to Shopify as
 * marketing engagements, which ShopifyQL's `marketing_engagements` dataset returns (`shopifyqlQuery`,
 * scope `read_reports`). The copy keeps each day's figures by the app that reported them and the
 * activity's title, the days of a read replaced whole (apps restate recent days). The app's own
 * reports (its promotions' spend, app/promotions/shopify-marketing.server.ts) are left out: promotions
 * count their spend already.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { parseMoney, type Money } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { formatDay, parseDay } from "~/lib/calendar";

const ENGAGEMENTS_REPORT = `#graphql
  query MarketingEngagementsReport($query: String!) {
    shopifyqlQuery(query: $query) {
      parseErrors
      tableData {
        columns {
          name
          dataType
        }
        rows
      }
    }
  }
`;

const APP_TITLE = `#graphql
  query CurrentAppTitle {
    currentAppInstallation {
      app {
        title
      }
    }
  }
`;

/** Rows a page of the report holds; a page shorter than this is the last. */
export const ENGAGEMENT_PAGE_ROWS = 1000;
/** How far back the first read goes, and how many days each later read reads again (apps restate them). */
export const FIRST_READ_DAYS = 730;
export const RESTATED_DAYS = 7;

/** Shopify refused the report's query: its words, kept for the owner. */
export class EngagementsReportRefused extends Error {}

export interface EngagementRow {
  day: string;
  client: string;
  activityTitle: string;
  adSpend: Money | null;
  sales: Money | null;
  impressions: number | null;
  clicks: number | null;
}

const COLUMNS = [
  "day",
  "marketing_api_client",
  "marketing_activity_title",
  "engagements_ad_spend",
  "engagements_total_sales",
  "engagements_impressions",
  "engagements_clicks",
];

/** The report's query for the days from `since` to `until` (local dates, both included), one page. */
export function engagementsQuery(since: string, until: string, offset: number): string {
  const dimensions = COLUMNS.slice(0, 3).join(", ");
  return `FROM marketing_engagements SHOW ${COLUMNS.join(", ")} GROUP BY ${dimensions} SINCE ${since} UNTIL ${until} ORDER BY ${dimensions} LIMIT ${ENGAGEMENT_PAGE_ROWS} OFFSET ${offset}`;
}

/** One row of Shopify's answer (values are strings, a number or null), or the reason it can't be read. */
function engagementRow(row: Record<string, unknown>): EngagementRow {
  const text = (name: string) => {
    const value = row[name];
    if (value === null || value === undefined) return null;
    if (typeof value !== "string" && typeof value !== "number")
      throw new EngagementsReportRefused(`${name} is not a value: ${JSON.stringify(value).slice(0, 60)}`);
    return String(value);
  };
  const day = text("day");
  if (!day || !parseDay(day.slice(0, 10))) throw new EngagementsReportRefused(`day is not a date: ${String(day).slice(0, 40)}`);
  const money = (name: string) => {
    const value = text(name);
    return value === null ? null : parseMoney(value);
  };
  const count = (name: string) => {
    const value = text(name);
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) throw new EngagementsReportRefused(`${name} is not a count: ${value.slice(0, 40)}`);
    return n;
  };
  return {
    day: day.slice(0, 10),
    client: text("marketing_api_client") ?? "",
    activityTitle: text("marketing_activity_title") ?? "",
    adSpend: money("engagements_ad_spend"),
    sales: money("engagements_total_sales"),
    impressions: count("engagements_impressions"),
    clicks: count("engagements_clicks"),
  };
}

/** Every row of the report for the days from `since` to `until`, page by page. */
export async function readEngagementsReport(client: AdminClient, since: string, until: string): Promise<EngagementRow[]> {
  const rows: EngagementRow[] = [];
  for (let offset = 0; ; offset += ENGAGEMENT_PAGE_ROWS) {
    const answer = (await client.request(ENGAGEMENTS_REPORT, { query: engagementsQuery(since, until, offset) })).shopifyqlQuery;
    if (!answer) throw new EngagementsReportRefused("Shopify returned no report");
    if (answer.parseErrors.length > 0) throw new EngagementsReportRefused(answer.parseErrors.join("; "));
    if (!answer.tableData) throw new EngagementsReportRefused("Shopify returned no table");
    const page = answer.tableData.rows as unknown;
    if (!Array.isArray(page)) throw new EngagementsReportRefused("Shopify's rows are not a list");
    rows.push(...page.map((row) => engagementRow(row as Record<string, unknown>)));
    if (page.length < ENGAGEMENT_PAGE_ROWS) return rows;
  }
}

/**
 * Reads the days not read yet (two years the first time) and the last RESTATED_DAYS again, up to
 * yesterday in the shop's time zone, and replaces them in the copy in one transaction. Returns the
 * days read and the rows kept.
 */
export async function refreshShopifyEngagements(
  db: PrismaClient,
  client: AdminClient,
  shop: string,
  now: Date,
): Promise<{ since: string; until: string; rows: number }> {
  const record = await db.shop.findUniqueOrThrow({ where: { shop }, select: { ianaTimezone: true, engagementsReadThrough: true } });
  const yesterday = timeZone(record.ianaTimezone).localDay(now.getTime()) - 1;
  const readThrough = record.engagementsReadThrough ? parseDay(record.engagementsReadThrough) : null;
  const from = readThrough === null ? yesterday - FIRST_READ_DAYS + 1 : Math.min(readThrough + 1, yesterday - RESTATED_DAYS + 1);
  const [since, until] = [formatDay(from), formatDay(yesterday)];
  const [rows, own] = await Promise.all([readEngagementsReport(client, since, until), client.request(APP_TITLE, {})]);
  const ownTitle = own.currentAppInstallation.app.title;
  const kept = rows.filter((row) => row.client !== ownTitle);
  await db.$transaction([
    db.shopifyEngagementDay.deleteMany({ where: { shop, day: { gte: since, lte: until } } }),
    db.shopifyEngagementDay.createMany({ data: kept.map((row) => ({ shop, ...row })) }),
    db.shop.update({ where: { shop }, data: { engagementsReadThrough: until } }),
  ]);
  return { since, until, rows: kept.length };
}
