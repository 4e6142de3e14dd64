import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  execute,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type OperationDefinitionNode,
} from "graphql";
import { ADMIN_API_VERSION, loadAdminSchema } from "./admin-schema";
import { MAX_QUERY_COST, requestedQueryCost, ThrottleBucket } from "./cost";
import { fieldResolver, resolveType } from "./resolvers";
import type { DevStore } from "./store";

export interface DevstoreOptions {
  store: DevStore;
  port?: number;
  host?: string;
  token?: string;
  throttle?: { maximumAvailable: number; restoreRate: number };
  clock?: () => number;
}

export interface RunningDevstore {
  origin: string;
  store: DevStore;
  close(): Promise<void>;
}

const GRAPHQL_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The request handler, separate from the server so more routes can be composed around it. */
export function createDevstoreHandler({ store, token = "devstore-token", throttle, clock }: DevstoreOptions) {
  const schema = loadAdminSchema();
  const bucket = new ThrottleBucket(throttle?.maximumAvailable, throttle?.restoreRate, clock);
  // Parsing and validating against the large Admin schema is the costly part: do it once per document.
  const documents = new Map<string, { document?: DocumentNode; errors?: readonly GraphQLError[] }>();

  return async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://devstore");
    if (url.pathname === "/health") return send(response, 200, { ok: true, shop: store.shop.myshopifyDomain });
    const match = GRAPHQL_PATH.exec(url.pathname);
    if (!match) return send(response, 404, { errors: "Not Found" });
    if (match[1] !== ADMIN_API_VERSION) return send(response, 404, { errors: `Unsupported API version ${match[1]}: the devstore serves ${ADMIN_API_VERSION}` });
    if (request.method !== "POST") return send(response, 405, { errors: "Method Not Allowed" });
    if (request.headers["x-shopify-access-token"] !== token) {
      return send(response, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(await readBody(request));
    } catch {
      return send(response, 400, { errors: "Request body is not valid JSON" });
    }
    if (typeof body.query !== "string") return send(response, 400, { errors: "Missing query" });

    let prepared = documents.get(body.query);
    if (!prepared) {
      try {
        const document = parse(body.query);
        const errors = validate(schema, document);
        prepared = errors.length ? { errors } : { document };
      } catch (error) {
        prepared = { errors: [error as GraphQLError] };
      }
      documents.set(body.query, prepared);
    }
    if (!prepared.document) {
      return send(response, 200, { errors: prepared.errors?.map((error) => ({ message: error.message, locations: error.locations })) });
    }
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
    const definitions = prepared.document.definitions;
    const operation = definitions.find(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
    );
    const fragments = Object.fromEntries(
      definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const cost = operation ? requestedQueryCost(schema, operation, fragments, variables) : 0;
    if (cost > MAX_QUERY_COST) {
      return send(response, 200, {
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_QUERY_COST },
          },
        ],
      });
    }
    if (!bucket.take(cost)) {
      return send(response, 200, {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() } },
      });
    }
    const result = await execute({
      schema,
      document: prepared.document,
      variableValues: variables,
      operationName,
      contextValue: store,
      fieldResolver,
      typeResolver: resolveType,
    });
    send(response, 200, {
      ...(result.errors ? { errors: result.errors.map((error) => ({ message: error.message, path: error.path })) } : {}),
      data: result.data ?? null,
      extensions: { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: bucket.status() } },
    });
  };
}

/** Serves a devstore on loopback until closed. */
export async function startDevstore(options: DevstoreOptions): Promise<RunningDevstore> {
  const handler = createDevstoreHandler(options);
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => send(response, 500, { errors: String(error) }));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    store: options.store,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
