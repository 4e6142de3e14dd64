import { currencyDecimals, formatMoney, parseMoney } from "@throughline/shopify-common/money";

// ShopifyQL as Shopify's `shopifyqlQuery` answers it, over the datasets the devstore holds. Only the
// clauses and columns listed here are understood; anything else is a parse error in Shopify's words
// where Shopify's are known ("Invalid dataset in FROM clause", "Column Not Found: …"), and says what
// the devstore answers otherwise. The answer's shape is the 2025-10+ one: rows are objects keyed by
// column name, every value a string (or null), `tableData` null when the query doesn't parse.

export type ColumnType = "STRING" | "MONEY" | "INTEGER" | "DAY_TIMESTAMP";

export interface ShopifyqlColumn {
  name: string;
  dataType: ColumnType;
  displayName: string;
  kind: "dimension" | "metric";
}

/** One fact of a dataset: its dimensions as strings, its metrics as integers (money as shopify-common's Money, in the shop's currency). */
export type Fact = Record<string, string | bigint | null>;

export interface Dataset {
  columns: ShopifyqlColumn[];
  /** The dimension SINCE and UNTIL bound (a local date, YYYY-MM-DD). */
  dateColumn: string;
  facts(): Fact[];
}

export interface ShopifyqlAnswer {
  parseErrors: string[];
  parseWarnings: string[];
  tableData: { columns: (Omit<ShopifyqlColumn, "kind"> & { columnOrigin: string; subType: null })[]; rows: Record<string, string | null>[] } | null;
  analyticsTargets: never[];
}

interface Query {
  dataset: string;
  show: string[];
  where: { column: string; op: "=" | "!="; value: string }[];
  groupBy: string[];
  since: string | null;
  until: string | null;
  orderBy: { column: string; descending: boolean }[];
  limit: number | null;
  offset: number;
}

class ShopifyqlError extends Error {}

const CLAUSES = ["FROM", "SHOW", "WHERE", "GROUP BY", "SINCE", "UNTIL", "ORDER BY", "LIMIT", "OFFSET"] as const;
const UNSUPPORTED = ["TIMESERIES", "WITH", "COMPARE TO", "HAVING", "VISUALIZE", "DURING", "AS"];

/** Splits a query into its clauses (keywords in any case; quoted strings kept whole). */
function clauses(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const keyword = new RegExp(`('(?:[^'\\\\]|\\\\.)*')|\\b(${[...CLAUSES, ...UNSUPPORTED].map((k) => k.replace(" ", "\\s+")).join("|")})\\b`, "gi");
  let current: string | null = null;
  let start = 0;
  for (const match of text.matchAll(keyword)) {
    if (match[1]) continue; // a quoted string
    const name = match[2]!.toUpperCase().replace(/\s+/g, " ");
    if (current) found.set(current, text.slice(start, match.index).trim());
    else if (text.slice(0, match.index).trim()) throw new ShopifyqlError(`Syntax error: unexpected '${text.slice(0, match.index).trim().slice(0, 40)}'`);
    if (UNSUPPORTED.includes(name)) throw new ShopifyqlError(`The devstore does not answer ${name}: it answers ${CLAUSES.join(", ")}`);
    if (found.has(name)) throw new ShopifyqlError(`Syntax error: ${name} appears twice`);
    current = name;
    start = match.index + match[0].length;
  }
  if (current) found.set(current, text.slice(start).trim());
  return found;
}

const list = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** A bound of SINCE or UNTIL as a local date: absolute, `today`, `yesterday` or `-Nd`. */
function bound(text: string | undefined, today: string): string | null {
  if (text === undefined) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  if (text.toLowerCase() === "today") return today;
  if (text.toLowerCase() === "yesterday") return day(-1);
  const relative = /^-(\d+)d$/.exec(text);
  if (relative) return day(-Number(relative[1]));
  throw new ShopifyqlError(`Invalid date '${text}': the devstore answers yyyy-MM-dd, today, yesterday and -Nd`);
}

function parse(text: string, today: string): Query {
  const parts = clauses(text.trim());
  const from = parts.get("FROM");
  if (!from) throw new ShopifyqlError("Syntax error: a query starts with FROM");
  const show = parts.get("SHOW");
  if (!show) throw new ShopifyqlError("Syntax error: SHOW is required");
  const where = (parts.get("WHERE") ?? "")
    .split(/\s+AND\s+/i)
    .filter((term) => term.trim())
    .map((term) => {
      const match = /^\s*([a-z_]+)\s*(=|!=)\s*'((?:[^'\\]|\\.)*)'\s*$/i.exec(term);
      if (!match) throw new ShopifyqlError(`Syntax error in WHERE: '${term.trim().slice(0, 60)}'`);
      return { column: match[1]!, op: match[2] as "=" | "!=", value: match[3]!.replace(/\\(.)/g, "$1") };
    });
  const orderBy = list(parts.get("ORDER BY") ?? "").map((item) => {
    const match = /^([a-z_]+)(?:\s+(ASC|DESC))?$/i.exec(item);
    if (!match) throw new ShopifyqlError(`Syntax error in ORDER BY: '${item}'`);
    return { column: match[1]!, descending: match[2]?.toUpperCase() === "DESC" };
  });
  const integer = (name: string) => {
    const value = parts.get(name);
    if (value === undefined) return null;
    if (!/^\d+$/.test(value)) throw new ShopifyqlError(`Syntax error: ${name} takes a whole number, not '${value}'`);
    return Number(value);
  };
  const since = bound(parts.get("SINCE"), today);
  const until = bound(parts.get("UNTIL"), today);
  if (since && until && since > until) throw new ShopifyqlError("SINCE must be before UNTIL");
  return {
    dataset: from,
    show: list(show),
    where,
    groupBy: list(parts.get("GROUP BY") ?? ""),
    since,
    until,
    orderBy,
    limit: integer("LIMIT"),
    offset: integer("OFFSET") ?? 0,
  };
}

const compare = (a: string | bigint | null, b: string | bigint | null) => {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
};

/** Runs one query over the datasets, as of `today` (the shop's local date). */
export function runShopifyql(text: string, datasets: Record<string, Dataset>, currency: string, today: string): ShopifyqlAnswer {
  const failed = (message: string): ShopifyqlAnswer => ({ parseErrors: [message], parseWarnings: [], tableData: null, analyticsTargets: [] });
  let query: Query;
  try {
    query = parse(text, today);
  } catch (error) {
    if (error instanceof ShopifyqlError) return failed(error.message);
    throw error;
  }
  const dataset = Object.hasOwn(datasets, query.dataset) ? datasets[query.dataset]! : null;
  if (!dataset) return failed("Invalid dataset in FROM clause");
  const column = new Map(dataset.columns.map((c) => [c.name, c]));
  const named = [...query.show, ...query.groupBy, ...query.where.map((w) => w.column), ...query.orderBy.map((o) => o.column)];
  const unknown = named.find((name) => !column.has(name));
  if (unknown !== undefined) return failed(`Column Not Found: Column '${unknown}' not found`);
  const notGrouped = query.show.find((name) => column.get(name)!.kind === "dimension" && !query.groupBy.includes(name));
  if (notGrouped) return failed(`Dimension '${notGrouped}' in SHOW must be in GROUP BY`);
  const metricGroup = query.groupBy.find((name) => column.get(name)!.kind === "metric");
  if (metricGroup) return failed(`'${metricGroup}' is a metric: GROUP BY takes dimensions`);
  const unshown = query.orderBy.find((o) => !query.show.includes(o.column));
  if (unshown) return failed(`ORDER BY '${unshown.column}' must be a column of SHOW`);

  // The facts in the period and the filter, summed by group.
  const groups = new Map<string, Fact>();
  const metrics = query.show.filter((name) => column.get(name)!.kind === "metric");
  for (const fact of dataset.facts()) {
    const date = fact[dataset.dateColumn] as string;
    if ((query.since && date < query.since) || (query.until && date > query.until)) continue;
    if (!query.where.every((w) => (String(fact[w.column] ?? "") === w.value) === (w.op === "="))) continue;
    const key = JSON.stringify(query.groupBy.map((name) => fact[name]));
    let group: Fact | undefined = groups.get(key);
    if (!group) {
      group = Object.fromEntries([...query.groupBy.map((name) => [name, fact[name] ?? null]), ...metrics.map((name) => [name, null])]) as Fact;
      groups.set(key, group);
    }
    for (const name of metrics) {
      const value = fact[name];
      if (typeof value === "bigint") group[name] = ((group[name] as bigint | null) ?? 0n) + value;
    }
  }
  const rows = [...groups.values()];
  const order = [...query.orderBy, ...query.groupBy.map((name) => ({ column: name, descending: false }))];
  rows.sort((a, b) => {
    for (const { column: name, descending } of order) {
      const sign = compare(a[name] ?? null, b[name] ?? null);
      if (sign !== 0) return descending ? -sign : sign;
    }
    return 0;
  });
  const page = rows.slice(query.offset, query.limit === null ? undefined : query.offset + query.limit);
  const decimals = currencyDecimals(currency);
  const cell = (name: string, value: string | bigint | null) => {
    if (value === null) return null;
    if (typeof value !== "bigint") return value;
    return column.get(name)!.dataType === "MONEY" ? formatMoney(value, decimals) : value.toString();
  };
  return {
    parseErrors: [],
    parseWarnings: [],
    tableData: {
      columns: query.show.map((name) => {
        const { kind: _kind, ...described } = column.get(name)!;
        return { ...described, columnOrigin: "REQUESTED", subType: null };
      }),
      rows: page.map((row) => Object.fromEntries(query.show.map((name) => [name, cell(name, row[name] ?? null)]))),
    },
    analyticsTargets: [],
  };
}

const money = (value: { amount: string } | null | undefined) => (value ? parseMoney(value.amount) : null);

/** An engagement as the marketing_engagements dataset sees it, whoever reported it. */
export interface ReportedEngagement {
  occurredOn: string;
  client: string;
  activityTitle: string;
  adSpend: { amount: string } | null;
  sales: { amount: string } | null;
  impressions: number | null;
  clicks: number | null;
}

/**
 * Shopify's `marketing_engagements`: each marketing channel's or app's own daily report (ad spend,
 * sales, impressions, clicks), by the API client that reported it and its marketing activity's title.
 */
export function marketingEngagementsDataset(engagements: () => ReportedEngagement[]): Dataset {
  const count = (value: number | null) => (value === null ? null : BigInt(value));
  return {
    dateColumn: "day",
    columns: [
      { name: "day", dataType: "DAY_TIMESTAMP", displayName: "Day", kind: "dimension" },
      { name: "marketing_api_client", dataType: "STRING", displayName: "Marketing API client", kind: "dimension" },
      { name: "marketing_activity_title", dataType: "STRING", displayName: "Marketing activity", kind: "dimension" },
      { name: "engagements_ad_spend", dataType: "MONEY", displayName: "Ad spend", kind: "metric" },
      { name: "engagements_total_sales", dataType: "MONEY", displayName: "Total sales", kind: "metric" },
      { name: "engagements_impressions", dataType: "INTEGER", displayName: "Impressions", kind: "metric" },
      { name: "engagements_clicks", dataType: "INTEGER", displayName: "Clicks", kind: "metric" },
    ],
    facts: () =>
      engagements().map((engagement) => ({
        day: engagement.occurredOn,
        marketing_api_client: engagement.client,
        marketing_activity_title: engagement.activityTitle,
        engagements_ad_spend: money(engagement.adSpend),
        engagements_total_sales: money(engagement.sales),
        engagements_impressions: count(engagement.impressions),
        engagements_clicks: count(engagement.clicks),
      })),
  };
}
