import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  execute,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { connection, fieldResolver, resolveType, type DevstoreContext } from "./resolvers";
import type { DevStore } from "./store";

// Bulk query operations as Shopify runs them: the query is checked against Shopify's bulk rules,
// executed in the background over the whole root connection, and its result written as JSONL
// where every connection node is its own line and nested nodes point to their parent with
// `__parentId`. Without `groupObjects` (the default since 2026-01), children follow all the parents
// of their slice rather than each parent, as Shopify's ungrouped output allows.

type Source = Record<string, unknown>;
type Status = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";
export type BulkErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface BulkOperation {
  id: string;
  type: "QUERY";
  status: Status;
  errorCode: BulkErrorCode | null;
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
}

/** A planned failure, for testing how the app handles them: the next operation fails like this. */
export interface PlannedFailure {
  errorCode: BulkErrorCode;
  /** It fails once at least this many objects are written (kept as partial data). */
  afterObjects: number;
  /** Only an operation over this root connection ("orders"); the next one of any kind when absent. */
  root?: string;
}

export interface BulkOptions {
  /** Root objects executed per slice. */
  sliceSize?: number;
  /** Called when an operation finishes (the bulk_operations/finish webhook). */
  onFinish?: (operation: BulkOperation) => void;
  /** Running operations at once per shop (Shopify: five from 2026-01). */
  maxRunning?: number;
  /**
   * Objects an export writes a second at most; unpaced when absent. Shopify's exports take their time
   * on Shopify's side, and the demo's fresh install paces them so the first sync's progress can be seen.
   */
  objectsPerSecond?: number;
}

interface Entry {
  operation: BulkOperation;
  file: string;
  token: string;
  cancel: boolean;
}

const MAX_CONNECTIONS = 5;
const MAX_CONNECTION_DEPTH = 2;

export class BulkQueryError extends Error {}

interface Plan {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  rootField: FieldNode;
}

function fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments);
    const fragment = fragments[selection.name.value];
    return fragment ? fieldsOf(fragment.selectionSet, fragments) : [];
  });
}

const isConnectionType = (type: GraphQLOutputType) => !isListType(unwrapNonNull(type)) && getNamedType(type).name.endsWith("Connection");
const unwrapNonNull = (type: GraphQLOutputType) => (isNonNullType(type) ? type.ofType : type);

function fieldType(parent: GraphQLCompositeType, name: string): GraphQLOutputType | undefined {
  if (!(isObjectType(parent) || isInterfaceType(parent))) return undefined;
  return parent.getFields()[name]?.type;
}

/** The nodes' selection of a connection field: `edges { node { … } }` or `nodes { … }`. */
function nodeSelections(field: FieldNode, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const inner = fieldsOf(field.selectionSet, fragments);
  const nodes = inner.filter((f) => f.name.value === "nodes");
  const edgeNodes = inner
    .filter((f) => f.name.value === "edges")
    .flatMap((edges) => fieldsOf(edges.selectionSet, fragments).filter((f) => f.name.value === "node"));
  return [...nodes, ...edgeNodes];
}

/** Shopify's bulk query rules, with its messages. */
function checkBulkRules(schema: GraphQLSchema, plan: Plan): void {
  const { fragments } = plan;
  let connections = 0;
  const visit = (fields: FieldNode[], parent: GraphQLCompositeType, depth: number, insideList: boolean) => {
    for (const field of fields) {
      const type = fieldType(parent, field.name.value);
      if (!type) continue;
      const named = getNamedType(type) as GraphQLCompositeType;
      if (isConnectionType(type)) {
        connections++;
        if (insideList) throw new BulkQueryError("Queries that contain a connection field within a list field are not currently supported.");
        if (depth + 1 > MAX_CONNECTION_DEPTH)
          throw new BulkQueryError(`Bulk queries cannot contain connections with a nesting depth greater than ${MAX_CONNECTION_DEPTH}.`);
        if (depth >= 1 && !fields.some((f) => f.name.value === "id" && !f.alias)) {
          throw new BulkQueryError(
            `The parent 'node' field for a nested connection must select the 'id' field without an alias. Connection field: '${field.name.value}'.`,
          );
        }
        const nodeType = fieldType(named, "nodes") ?? fieldType(named, "edges");
        const nodeNamed = nodeType ? getNamedType(nodeType) : undefined;
        const target = nodeNamed && nodeNamed.name.endsWith("Edge") ? getNamedType(fieldType(nodeNamed as GraphQLCompositeType, "node")!) : nodeNamed;
        for (const nodeField of nodeSelections(field, fragments)) {
          visit(fieldsOf(nodeField.selectionSet, fragments), target as GraphQLCompositeType, depth + 1, false);
        }
        continue;
      }
      if (field.selectionSet) visit(fieldsOf(field.selectionSet, fragments), named, depth, insideList || isListType(unwrapNonNull(type)));
    }
  };
  const rootType = schema.getQueryType()!;
  const rootType2 = fieldType(rootType, plan.rootField.name.value);
  if (!rootType2 || !isConnectionType(rootType2)) throw new BulkQueryError("Bulk queries must contain at least one connection.");
  visit([plan.rootField], rootType, 0, false);
  if (connections > MAX_CONNECTIONS) throw new BulkQueryError(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
}

function planBulkQuery(schema: GraphQLSchema, query: string): Plan {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    throw new BulkQueryError(`Invalid bulk query: ${(error as Error).message}`);
  }
  const errors = validate(schema, document);
  if (errors.length) throw new BulkQueryError(`Invalid bulk query: ${errors.map((e) => e.message).join("; ")}`);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations[0];
  if (operations.length !== 1 || !operation || operation.operation !== "query")
    throw new BulkQueryError("Bulk queries must contain exactly one query operation.");
  if (operation.variableDefinitions?.length) throw new BulkQueryError("Bulk queries cannot use variables.");
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const roots = fieldsOf(operation.selectionSet, fragments);
  const rootField = roots[0];
  if (roots.length !== 1 || !rootField) throw new BulkQueryError("Bulk queries must select exactly one top-level connection field.");
  if (rootField.name.value === "node" || rootField.name.value === "nodes")
    throw new BulkQueryError("Bulk queries cannot use the top-level `node` or `nodes` fields.");
  const plan = { document, operation, fragments, rootField };
  checkBulkRules(schema, plan);
  return plan;
}

/**
 * How one node of a bulk query's result becomes JSONL rows, worked out once per query: each selected
 * key, and whether it is a connection (its nodes become rows of their own, pointing to their owner
 * with `__parentId`) or an object whose own selection is kept inline.
 */
interface RowField {
  key: string;
  connection?: RowField[];
  object?: RowField[];
}

function rowShape(fields: FieldNode[], type: GraphQLCompositeType, fragments: Record<string, FragmentDefinitionNode>): RowField[] {
  return fields.map((field) => {
    const key = field.alias?.value ?? field.name.value;
    const ftype = fieldType(type, field.name.value);
    if (ftype && isConnectionType(ftype)) {
      const nodeType = getNamedType(fieldType(getNamedType(ftype) as GraphQLCompositeType, "nodes")!) as GraphQLCompositeType;
      return {
        key,
        connection: rowShape(
          nodeSelections(field, fragments).flatMap((f) => fieldsOf(f.selectionSet, fragments)),
          nodeType,
          fragments,
        ),
      };
    }
    if (ftype && field.selectionSet)
      return { key, object: rowShape(fieldsOf(field.selectionSet, fragments), getNamedType(ftype) as GraphQLCompositeType, fragments) };
    return { key };
  });
}

/** The row shape of a bulk query's root connection's nodes. */
export function rootRowShape(plan: Pick<Plan, "fragments" | "rootField">, rootType: GraphQLCompositeType): RowField[] {
  return rowShape(
    nodeSelections(plan.rootField, plan.fragments).flatMap((f) => fieldsOf(f.selectionSet, plan.fragments)),
    rootType,
    plan.fragments,
  );
}

/** Splits one executed root node into JSONL rows: connection nodes become their own lines. */
export function splitRows(shape: RowField[], rootNode: Source): { root: Source; children: Source[] } {
  const children: Source[] = [];
  const strip = (value: Source, fields: RowField[], owner: Source): Source => {
    const out: Source = {};
    for (const field of fields) {
      if (!(field.key in value)) continue;
      const item = value[field.key];
      if (field.connection && item && typeof item === "object") {
        const conn = item as { edges?: { node: Source }[]; nodes?: Source[] };
        const nodes = conn.nodes ?? conn.edges?.map((edge) => edge.node) ?? [];
        for (const node of nodes) {
          const row = strip(node, field.connection, node);
          row.__parentId = owner.id;
          children.push(row);
        }
      } else if (field.object && item && typeof item === "object" && !Array.isArray(item)) {
        out[field.key] = strip(item as Source, field.object, owner);
      } else {
        out[field.key] = item;
      }
    }
    return out;
  };
  return { root: strip(rootNode, shape, rootNode), children };
}

export class DevstoreBulkOperations {
  private readonly entries = new Map<string, Entry>();
  private readonly dir = mkdtempSync(path.join(tmpdir(), "devstore-bulk-"));
  private next = 1;
  private queue: Promise<void> = Promise.resolve();
  private planned: PlannedFailure | null = null;
  private origin = "http://127.0.0.1";

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly store: DevStore,
    private readonly options: BulkOptions = {},
  ) {}

  /** The origin result URLs point to (known once the server listens). */
  setOrigin(origin: string): void {
    this.origin = origin;
  }

  planFailure(failure: PlannedFailure | null): void {
    this.planned = failure;
  }

  get(id: string): BulkOperation | undefined {
    return this.entries.get(id)?.operation;
  }

  latest(): BulkOperation | undefined {
    return [...this.entries.values()].at(-1)?.operation;
  }

  /** The file behind a result URL path, when the path and its signature match. */
  fileFor(name: string): string | undefined {
    for (const entry of this.entries.values()) {
      if (`${entry.token}.jsonl` === name || `${entry.token}.partial.jsonl` === name) return entry.file;
    }
    return undefined;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  run(query: string, groupObjects: boolean) {
    let plan: Plan;
    try {
      plan = planBulkQuery(this.schema, query);
    } catch (error) {
      if (error instanceof BulkQueryError) return { bulkOperation: null, userErrors: [{ field: ["query"], message: error.message, code: "INVALID" }] };
      throw error;
    }
    const running = [...this.entries.values()].filter((e) => e.operation.status === "RUNNING" || e.operation.status === "CREATED");
    if (running.length >= (this.options.maxRunning ?? 5)) {
      return { bulkOperation: null, userErrors: [{ field: null, message: "Bulk operations limit reached. Please try again later.", code: "LIMIT_REACHED" }] };
    }
    const n = this.next++;
    const token = `${n}-${randomBytes(8).toString("hex")}`;
    const operation: BulkOperation = {
      id: `gid://shopify/BulkOperation/${n}`,
      type: "QUERY",
      status: "CREATED",
      errorCode: null,
      query,
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      completedAt: null,
      objectCount: "0",
      rootObjectCount: "0",
      fileSize: null,
      url: null,
      partialDataUrl: null,
    };
    const entry: Entry = { operation, file: path.join(this.dir, `${token}.jsonl`), token, cancel: false };
    this.entries.set(operation.id, entry);
    let failure: PlannedFailure | null = null;
    if (this.planned && (!this.planned.root || this.planned.root === plan.rootField.name.value)) {
      failure = this.planned;
      this.planned = null;
    }
    // Shopify runs a shop's operations side by side; the devstore, one thread, runs them one after
    // another in the order they were asked for (the same work done, each finished as early as it can be).
    this.queue = this.queue.then(
      () => new Promise<void>((resolve) => setImmediate(() => void this.execute(entry, plan, groupObjects, failure).finally(resolve))),
    );
    return { bulkOperation: operation, userErrors: [] };
  }

  cancel(id: string) {
    const entry = this.entries.get(id);
    if (!entry) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
    if (entry.operation.status === "RUNNING" || entry.operation.status === "CREATED") {
      entry.cancel = true;
      entry.operation.status = "CANCELING";
    }
    return { bulkOperation: entry.operation, userErrors: [] };
  }

  private async execute(entry: Entry, plan: Plan, groupObjects: boolean, failure: PlannedFailure | null) {
    const { operation } = entry;
    operation.status = "RUNNING";
    const startedAt = Date.now();
    const out: WriteStream = createWriteStream(entry.file);
    let objects = 0;
    let roots = 0;
    let bytes = 0;
    const write = async (row: Source) => {
      const line = JSON.stringify(row) + "\n";
      bytes += Buffer.byteLength(line);
      objects++;
      if (!out.write(line)) await once(out, "drain");
    };
    const finish = async (status: Status, errorCode: BulkErrorCode | null) => {
      out.end();
      await once(out, "finish");
      operation.status = status;
      operation.errorCode = errorCode;
      operation.objectCount = String(objects);
      operation.rootObjectCount = String(roots);
      operation.completedAt = status === "COMPLETED" ? new Date().toISOString().replace(/\.\d{3}Z$/, "Z") : null;
      if (status === "COMPLETED") {
        operation.fileSize = objects > 0 ? String(bytes) : null;
        operation.url = objects > 0 ? `${this.origin}/devstore/bulk/${entry.token}.jsonl` : null;
      } else if (status === "FAILED" && objects > 0) {
        operation.partialDataUrl = `${this.origin}/devstore/bulk/${entry.token}.partial.jsonl`;
      }
      this.options.onFinish?.(operation);
    };
    try {
      const rootType = this.schema.getQueryType()!;
      const rootFieldType = getNamedType(rootType.getFields()[plan.rootField.name.value]!.type) as GraphQLCompositeType;
      const nodeType = getNamedType(fieldType(rootFieldType, "nodes")!) as GraphQLCompositeType;
      const args = Object.fromEntries(
        (plan.rootField.arguments ?? []).map((arg) => [arg.name.value, arg.value.kind === Kind.STRING ? arg.value.value : undefined]),
      );
      const shape = rootRowShape(plan, nodeType);
      const all = this.rootList(plan.rootField.name.value);
      const nodes = connection(all, { query: args.query, sortKey: args.sortKey, reverse: args.reverse }).nodes;
      const sliceSize = this.options.sliceSize ?? 250;
      for (let start = 0; start < nodes.length; start += sliceSize) {
        if (entry.cancel) return await finish("CANCELED", null);
        const slice = nodes.slice(start, start + sliceSize);
        const context: DevstoreContext = { store: this.store, bulk: this, bulkRoot: slice };
        const result = await execute({
          schema: this.schema,
          document: plan.document,
          contextValue: context,
          fieldResolver,
          typeResolver: resolveType,
        });
        if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
        const rootKey = plan.rootField.alias?.value ?? plan.rootField.name.value;
        const conn = (result.data as Source)[rootKey] as { nodes?: Source[]; edges?: { node: Source }[] };
        const executed = conn.nodes ?? conn.edges?.map((edge) => edge.node) ?? [];
        const pending: Source[] = [];
        for (const node of executed) {
          const { root, children } = splitRows(shape, node);
          roots++;
          await write(root);
          if (groupObjects) for (const child of children) await write(child);
          else pending.push(...children);
          if (failure && objects >= failure.afterObjects) return await finish("FAILED", failure.errorCode);
        }
        for (const child of pending) await write(child);
        operation.objectCount = String(objects);
        operation.rootObjectCount = String(roots);
        const due = this.options.objectsPerSecond ? startedAt + (objects / this.options.objectsPerSecond) * 1000 - Date.now() : 0;
        await new Promise((resolve) => (due > 0 ? setTimeout(resolve, due) : setImmediate(resolve)));
      }
      if (failure) return await finish("FAILED", failure.errorCode);
      await finish("COMPLETED", null);
    } catch {
      await finish("FAILED", "INTERNAL_SERVER_ERROR");
    }
  }

  private rootList(field: string): Source[] {
    if (field === "orders") return this.store.orders;
    if (field === "products") return this.store.products;
    if (field === "customers") return this.store.customers;
    throw new BulkQueryError(`The devstore does not run bulk queries over ${field}`);
  }
}
