import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// Shopify's calculated query cost (https://shopify.dev/docs/api/usage/limits, "GraphQL Admin API
// rate limits"): scalars and enums 0, objects 1, interfaces and unions the maximum of their possible
// selections, connections 2 + first/last × the cost of a node (pageInfo is an object: 1, once), a
// list the cost of its items (`nodes(ids:)` one per id; a list with `first` that many), mutations 10.
// The requested cost is computed before a query runs, from the arguments; the actual cost after, from
// what it returned (a connection's nodes returned, a null object nothing). Shopify takes the requested
// cost from the bucket first and refunds the difference afterwards; a query whose requested cost is
// over 1,000 is refused unrun.
export const MAX_QUERY_COST = 1000;

/** The cost of a mutation, whatever it selects (Shopify's documented example: 10 requested, 10 actual). */
export const MUTATION_COST = 10;

/**
 * Shopify's plans: the restore rate each documents, and the bucket (maximumAvailable) its stores
 * report in throttleStatus (20 seconds of restore on every plan observed).
 */
export const PLANS = {
  standard: { maximumAvailable: 2_000, restoreRate: 100 },
  advanced: { maximumAvailable: 4_000, restoreRate: 200 },
  plus: { maximumAvailable: 20_000, restoreRate: 1_000 },
} as const;
export type PlanName = keyof typeof PLANS;

interface Context {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

type Data = Record<string, unknown> | null | undefined;

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  if (operation.operation === "mutation") return MUTATION_COST;
  const root = schema.getQueryType();
  return root ? selectionCost(operation.selectionSet, root, { schema, fragments, variables }, undefined) : 0;
}

/** The cost of what a query returned (`data`, its result), never above its requested cost. */
export function actualQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  data: Record<string, unknown> | null | undefined,
): number {
  if (operation.operation === "mutation") return MUTATION_COST;
  const root = schema.getQueryType();
  if (!root || !data) return 0;
  return selectionCost(operation.selectionSet, root, { schema, fragments, variables }, data);
}

function argumentsOf(selection: FieldNode, context: Context): Record<string, unknown> {
  return Object.fromEntries((selection.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, context.variables)]));
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * The cost of a selection set on `parent`: requested when `data` is undefined, else actual over
 * `data` (the object this selection set returned). On an interface or union, the fields it selects
 * directly plus the dearest of its fragments.
 */
function selectionCost(selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType, context: Context, data: Data): number {
  if (!selectionSet) return 0;
  let direct = 0;
  let dearestFragment = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : context.fragments[selection.name.value];
      if (!fragment) continue;
      const typeName = fragment.typeCondition?.name.value;
      const type = typeName ? (context.schema.getType(typeName) as GraphQLCompositeType) : parent;
      const cost = selectionCost(fragment.selectionSet, type, context, data);
      if (isAbstractType(parent)) dearestFragment = Math.max(dearestFragment, cost);
      else direct += cost;
      continue;
    }
    direct += fieldCost(selection, parent, context, data);
  }
  return direct + dearestFragment;
}

function fieldCost(selection: FieldNode, parent: GraphQLCompositeType, context: Context, data: Data): number {
  if (!(isObjectType(parent) || isInterfaceType(parent))) return 0;
  const field = parent.getFields()[selection.name.value];
  if (!field) return 0;
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  const requested = data === undefined;
  const value = requested ? undefined : (data?.[selection.alias?.value ?? selection.name.value] as unknown);
  if (!requested && (value === null || value === undefined)) return 0;
  const args = argumentsOf(selection, context);

  if (named.name.endsWith("Connection") && isObjectType(named)) {
    // 2, pageInfo (an object) once, and each node (or edge) by the page size.
    const connection = named.getFields();
    let cost = 2;
    for (const part of selection.selectionSet?.selections ?? []) {
      if (part.kind !== Kind.FIELD) continue;
      const partType = connection[part.name.value] ? getNamedType(connection[part.name.value]!.type) : null;
      if (!partType || !isCompositeType(partType)) continue;
      const key = part.alias?.value ?? part.name.value;
      if (part.name.value === "pageInfo") {
        cost += requested ? 1 + selectionCost(part.selectionSet, partType, context, undefined) : fieldCost(part, named, context, value as Data);
        continue;
      }
      // nodes or edges: a list, charged per item.
      const perItem = (item: Data) => 1 + selectionCost(part.selectionSet, partType, context, item);
      if (requested) cost += (Number(args.first ?? args.last ?? 0) || 0) * perItem(undefined);
      else for (const item of ((value as Record<string, unknown>)[key] as Data[] | null) ?? []) cost += item ? perItem(item) : 0;
    }
    return cost;
  }

  const perObject = (item: Data) => 1 + selectionCost(selection.selectionSet, named, context, item);
  if (isList(field.type)) {
    if (!requested) return ((value as Data[]) ?? []).reduce((sum: number, item) => sum + (item ? perObject(item) : 0), 0);
    // A list is as long as its ids, or its `first`; otherwise counted as one item.
    const size = Array.isArray(args.ids) ? args.ids.length : Number(args.first ?? 1) || 0;
    return size * perObject(undefined);
  }
  return perObject(requested ? undefined : (value as Data));
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Shopify's leaky bucket: `restoreRate` points a second flow back, up to `maximumAvailable`. */
export class ThrottleBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    readonly maximumAvailable: number = PLANS.standard.maximumAvailable,
    readonly restoreRate: number = PLANS.standard.restoreRate,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.available = maximumAvailable;
    this.updatedAt = clock();
  }

  private refill() {
    const now = this.clock();
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.updatedAt) / 1000) * this.restoreRate);
    this.updatedAt = now;
  }

  /** Takes `cost` points if available; false (nothing taken) when the request must be throttled. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** How long until `cost` points are available (0 when they are now). */
  msUntil(cost: number): number {
    this.refill();
    return cost <= this.available || this.restoreRate <= 0 ? 0 : Math.ceil(((cost - this.available) / this.restoreRate) * 1000);
  }

  /** Gives back what a query was charged beyond its actual cost. */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
