import { getNamedType, isListType, isNonNullType, type GraphQLFieldResolver, type GraphQLOutputType, type GraphQLTypeResolver } from "graphql";
import type { DevstoreAppRecords } from "./app-records";
import type { FixtureRecord } from "./fixture";
import { marketingEngagementsDataset, type ReportedEngagement, runShopifyql } from "./shopifyql";
import { isCapturable, paymentGatewayNames, refundTransactions, transactionsOf } from "./order-payments";
import { searchPredicate } from "./search-query";
import type { DevStore } from "./store";

type Source = Record<string, unknown>;
type Args = Record<string, unknown>;

/** What every resolver sees: the store, its bulk operations, and (inside a bulk run) the root nodes. */
/** What the bulk mutations and queries ask of the store's bulk operations (bulk.ts runs them). */
export interface BulkOperationsPort {
  run(query: string, groupObjects: boolean): unknown;
  cancel(id: string): unknown;
  get(id: string): unknown;
  latest(): unknown;
}

export interface DevstoreContext {
  store: DevStore;
  bulk: BulkOperationsPort;
  /** App-side records (Flow triggers, Analytics targets); absent inside a bulk query, which can't mutate. */
  apps?: DevstoreAppRecords;
  /** Set while a bulk operation executes its query over a slice of the root connection. */
  bulkRoot?: Source[];
}

type Resolver = (source: Source, args: Args, store: DevStore, context: DevstoreContext) => unknown;

const SORT_FIELDS: Record<string, string> = {
  CREATED_AT: "createdAt",
  UPDATED_AT: "updatedAt",
  PROCESSED_AT: "processedAt",
  TITLE: "title",
};

const numericId = (id: unknown) => Number(String(id).split("/").pop());
/**
 * Cursors are opaque to clients: the node's id, or its position in the list for nodes without one
 * (a refund's line items in the fixture format have no id).
 */
type Cursor = { id: string } | { index: number };
const encodeCursor = (node: Source, index: number) =>
  Buffer.from(JSON.stringify(node.id === undefined ? { index } : { id: String(node.id) })).toString("base64url");
function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<{ id: unknown; index: unknown }>;
    if (typeof value.id === "string") return { id: value.id };
    if (Number.isSafeInteger(value.index)) return { index: value.index as number };
  } catch {
    // not JSON: refused below
  }
  throw new Error(`Invalid cursor: ${cursor}`);
}
/** Where the cursor's node is in `list` (-1 when it isn't there). */
const cursorIndex = (list: Source[], cursor: string) => {
  const at = decodeCursor(cursor);
  return "id" in at ? list.findIndex((item) => item.id === at.id) : at.index < list.length ? at.index : -1;
};

function compareBy(key: string | undefined) {
  return (a: Source, b: Source) => {
    if (key) {
      const x = String(a[key] ?? "");
      const y = String(b[key] ?? "");
      if (x !== y) return x < y ? -1 : 1;
    }
    return numericId(a.id) - numericId(b.id);
  };
}

/** Wraps a plain array as a Relay connection: query filter, sortKey/reverse, first/after/last/before. */
export function connection(items: Source[], args: Args) {
  let list = items.filter(searchPredicate(args.query as string | undefined));
  if (args.sortKey || args.reverse) {
    list = [...list].sort(compareBy(SORT_FIELDS[String(args.sortKey ?? "ID")]));
    if (args.reverse) list.reverse();
  }
  let start = 0;
  let end = list.length;
  if (typeof args.after === "string") start = cursorIndex(list, args.after) + 1;
  if (typeof args.before === "string") {
    const index = cursorIndex(list, args.before);
    if (index >= 0) end = index;
  }
  const window = list.slice(start, end);
  let page = window;
  if (typeof args.first === "number") page = window.slice(0, Math.max(0, args.first));
  else if (typeof args.last === "number") page = window.slice(Math.max(0, window.length - args.last));
  const pageStart = start + window.indexOf(page[0] as Source);
  const cursor = (offset: number) => encodeCursor(page[offset] as Source, pageStart + offset);
  return {
    nodes: page,
    edges: page.map((node, offset) => ({ cursor: cursor(offset), node })),
    pageInfo: {
      hasNextPage: page.length > 0 && pageStart + page.length < end,
      hasPreviousPage: page.length > 0 && pageStart > 0,
      startCursor: page.length > 0 ? cursor(0) : null,
      endCursor: page.length > 0 ? cursor(page.length - 1) : null,
    },
  };
}

const link = (store: DevStore, value: unknown) => {
  if (!value || typeof value !== "object") return value ?? null;
  const id = (value as Source).id;
  return (typeof id === "string" && store.find(id)) || value;
};

/** Shopify's counts stop at `limit` (10,000 unless told; null for none) and then say "at least". */
const count = (items: Source[], args: Args) => {
  const matching = items.filter(searchPredicate(args.query as string | undefined)).length;
  const limit = typeof args.limit === "number" ? args.limit : Infinity;
  return matching > limit ? { count: limit, precision: "AT_LEAST" } : { count: matching, precision: "EXACT" };
};

function appsOf(context: DevstoreContext): DevstoreAppRecords {
  if (!context.apps) throw new Error("This operation can't run here");
  return context.apps;
}

const resolvers: Record<string, Record<string, Resolver>> = {
  Mutation: {
    bulkOperationRunQuery: (_s, args, _store, context) => context.bulk.run(String(args.query), Boolean(args.groupObjects)),
    bulkOperationCancel: (_s, args, _store, context) => context.bulk.cancel(String(args.id)),
    flowTriggerReceive: (_s, args, _store, context) => appsOf(context).flowTriggerReceive(args),
    analyticsTargetCreate: (_s, args, _store, context) => appsOf(context).analyticsTargetCreate(args.input as Record<string, unknown>),
    analyticsTargetUpdate: (_s, args, _store, context) => appsOf(context).analyticsTargetUpdate(String(args.id), args.input as Record<string, unknown>),
    analyticsTargetsDelete: (_s, args, _store, context) => appsOf(context).analyticsTargetsDelete(args.ids as string[]),
    analyticsAnnotationCreate: (_s, args, _store, context) => appsOf(context).analyticsAnnotationCreate(args.input as Record<string, unknown>),
    analyticsAnnotationUpdate: (_s, args, _store, context) => appsOf(context).analyticsAnnotationUpdate(String(args.id), args.input as Record<string, unknown>),
    analyticsAnnotationDelete: (_s, args, _store, context) => appsOf(context).analyticsAnnotationDelete(String(args.id)),
    marketingActivityUpsertExternal: (_s, args, _store, context) => appsOf(context).marketingActivityUpsertExternal(args.input as Record<string, unknown>),
    marketingEngagementCreate: (_s, args, _store, context) => appsOf(context).marketingEngagementCreate(args),
    marketingActivityDeleteExternal: (_s, args, _store, context) => appsOf(context).marketingActivityDeleteExternal(args),
  },
  QueryRoot: {
    shop: (_s, _a, store) => store.shop,
    // The app calling: its title is the API client Shopify's marketing reports name for what it reported.
    currentAppInstallation: (_s, _a, _store, context) => ({
      id: "gid://shopify/AppInstallation/1",
      app: { id: "gid://shopify/App/1", title: appsOf(context).appTitle },
    }),
    bulkOperation: (_s, args, _store, context) => context.bulk.get(String(args.id)) ?? null,
    currentBulkOperation: (_s, _a, _store, context) => context.bulk.latest() ?? null,
    orders: (_s, args, store) => connection(store.orders, args),
    products: (_s, args, store) => connection(store.products, args),
    customers: (_s, args, store) => connection(store.customers, args),
    order: (_s, args, store) => store.find(String(args.id)) ?? null,
    product: (_s, args, store) => store.find(String(args.id)) ?? null,
    customer: (_s, args, store) => store.find(String(args.id)) ?? null,
    node: (_s, args, store) => store.find(String(args.id)) ?? null,
    nodes: (_s, args, store) => (args.ids as string[]).map((id) => store.find(id) ?? null),
    ordersCount: (_s, args, store) => count(store.orders, args),
    productsCount: (_s, args, store) => count(store.products, args),
    customersCount: (_s, args, store) => count(store.customers, args),
    shopifyqlQuery: (_s, args, store, context) => {
      const apps = appsOf(context);
      const activities = new Map(store.marketingActivities.map((activity) => [activity.id, activity]));
      const reported = (): ReportedEngagement[] => [
        ...store.marketingEngagements.map((engagement) => {
          const activity = activities.get(engagement.marketingActivity.id)!;
          return {
            occurredOn: engagement.occurredOn,
            client: activity.app.title,
            activityTitle: activity.title,
            adSpend: engagement.adSpend,
            sales: engagement.sales,
            impressions: engagement.impressionsCount,
            clicks: engagement.clicksCount,
          };
        }),
        ...apps.reportedEngagements(),
      ];
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: store.shop.ianaTimezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
        apps.clock(),
      );
      return runShopifyql(String(args.query), { marketing_engagements: marketingEngagementsDataset(reported) }, store.shop.currencyCode, today);
    },
  },
  Order: {
    customer: (source, _a, store) => link(store, source.customer),
    refunds: (source, args) => {
      const refunds = (source.refunds as Source[] | undefined) ?? [];
      return typeof args.first === "number" ? refunds.slice(0, args.first) : refunds;
    },
    transactions: (source, args) => {
      if (typeof args.manuallyResolvable === "boolean") throw new Error("The devstore does not filter transactions by manuallyResolvable");
      let transactions = transactionsOf(source);
      if (typeof args.capturable === "boolean") transactions = transactions.filter((transaction) => isCapturable(transaction, source) === args.capturable);
      return typeof args.first === "number" ? transactions.slice(0, args.first) : transactions;
    },
    paymentGatewayNames: (source) => paymentGatewayNames(source),
  },
  OrderTransaction: {
    // Fixtures carry processedAt; Shopify's createdAt is the same moment for the transactions they hold.
    createdAt: (source) => source.createdAt ?? source.processedAt,
    manualPaymentGateway: (source) => source.manualPaymentGateway ?? source.gateway === "manual",
    parentTransaction: (source, _a, store) => link(store, source.parentTransaction),
    order: (source, _a, store) => link(store, source.order),
  },
  Refund: {
    order: (source, _a, store) => link(store, source.order),
    transactions: (source, args, store) => {
      const order = store.find(String((source.order as Source | undefined)?.id));
      return connection(order ? refundTransactions(order, source) : [], args);
    },
  },
  LineItem: {
    variant: (source, _a, store) => link(store, source.variant),
    product: (source, _a, store) => link(store, source.product),
  },
  ProductVariant: {
    product: (source, _a, store) => link(store, source.product),
  },
  RefundLineItem: {
    lineItem: (source, _a, store) => link(store, source.lineItem),
  },
};

const typeFromId = (id: unknown) => (typeof id === "string" ? /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1] : undefined);

export const resolveType: GraphQLTypeResolver<Source, DevstoreContext> = (value) => (value.__typename as string | undefined) ?? typeFromId(value.id);

function emptyFor(type: GraphQLOutputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [];
  if (getNamedType(type).name.endsWith("Connection")) return connection([], {});
  if (isNonNullType(type) && getNamedType(type).name === "Boolean") return false;
  return null;
}

const isConnection = (type: GraphQLOutputType) => getNamedType(type).name.endsWith("Connection") && !isListType(type);

/** Resolves every field from the fixture objects, with the few links and connections above. */
export const fieldResolver: GraphQLFieldResolver<Source, DevstoreContext> = (source, args, context, info) => {
  if (context.bulkRoot && isConnection(info.returnType)) {
    // A bulk query reads whole connections: the root one over the slice being run, nested ones entire.
    if (!info.path.prev) return connection(context.bulkRoot, {});
    const value = source?.[info.fieldName];
    return connection(Array.isArray(value) ? (value as FixtureRecord[]) : [], { query: args.query });
  }
  const custom = resolvers[info.parentType.name]?.[info.fieldName];
  if (custom) return custom(source, args, context.store, context);
  const value = source?.[info.fieldName];
  if (isConnection(info.returnType)) {
    return connection(Array.isArray(value) ? (value as FixtureRecord[]) : [], args);
  }
  if (value === undefined || value === null) return emptyFor(info.returnType);
  return value;
};
