import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// Shopify's calculated query cost, statically: scalars and enums 0, objects 1, connections
// 2 + first/last × the cost of each node, mutations 10.
export const MAX_QUERY_COST = 1000;

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const cost = selectionCost(operation.selectionSet, root, { schema, fragments, variables });
  return operation.operation === "mutation" ? 10 + cost : cost;
}

interface Context {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function unwrapList(type: GraphQLOutputType): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner);
}

function selectionCost(selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType, context: Context): number {
  if (!selectionSet) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const type = typeName ? (context.schema.getType(typeName) as GraphQLCompositeType) : parent;
      total += selectionCost(selection.selectionSet, type, context);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = context.fragments[selection.name.value];
      if (fragment) total += selectionCost(fragment.selectionSet, context.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType, context);
      continue;
    }
    if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
    const field = parent.getFields()[selection.name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) continue;
    const inner = selectionCost(selection.selectionSet, named, context);
    if (named.name.endsWith("Connection")) {
      const args = Object.fromEntries(
        (selection.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, context.variables)]),
      );
      const size = Number(args.first ?? args.last ?? 10) || 0;
      total += 2 + size * inner;
    } else {
      total += unwrapList(field.type) ? 1 + inner : 1 + inner;
    }
  }
  return total;
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
    readonly maximumAvailable = 2000,
    readonly restoreRate = 100,
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

  status(): ThrottleStatus {
    this.refill();
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
