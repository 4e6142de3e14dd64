import { createReadStream, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { execute, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type OperationDefinitionNode } from "graphql";
import { ADMIN_API_VERSION, loadAdminSchema } from "@throughline/shopify-common/admin-schema";
import { actualQueryCost, MAX_QUERY_COST, requestedQueryCost, ThrottleBucket } from "./cost";
import { DevstoreBulkOperations, type BulkOptions } from "./bulk";
import { DevstoreAppRecords } from "./app-records";
import type { FlowTriggerDeclaration } from "./flow-triggers";
import { DevstoreAdPlatforms, type AdAppRegistration, type AdPlatformName, type AdRateLimits } from "./ads/ad-platforms";
import { handleControl } from "./control";
import { readBody, sendJson } from "./http";
import { fieldResolver, resolveType, type DevstoreContext } from "./resolvers";
import type { DevStore } from "./store";
import { WebhookSender, type WebhookTarget } from "./webhooks";

export interface DevstoreOptions {
  store: DevStore;
  port?: number;
  host?: string;
  token?: string;
  throttle?: { maximumAvailable: number; restoreRate: number };
  clock?: () => number;
  /** Where the store's webhooks go (the app's URL, secret and subscriptions); none when absent. */
  webhooks?: WebhookTarget;
  bulk?: BulkOptions;
  /** Flow triggers the app declares (readFlowTriggerDeclarations()); any handle and payload is accepted when absent. */
  flowTriggers?: FlowTriggerDeclaration[];
  /** The app's title, as Shopify's marketing reports name the API client of what it reported (its shopify.app.toml `name`). */
  appTitle?: string;
  /** The app as registered with each ad platform (client id and secret); `throughline-devstore` / `devstore-ad-secret` where absent. */
  adApps?: Partial<Record<AdPlatformName, AdAppRegistration>>;
  /** Each ad platform's rate limits, small in tests; the platforms' own defaults where absent. */
  adRateLimits?: AdRateLimits;
  /** Rows in one Google Ads searchStream batch or search page (Google's 10,000 unless told). */
  googleAdsRowsPerPage?: number;
}

export interface RunningDevstore {
  origin: string;
  store: DevStore;
  bulk: DevstoreBulkOperations;
  webhooks: WebhookSender;
  apps: DevstoreAppRecords;
  close(): Promise<void>;
}

export interface DevstoreHandler {
  (request: IncomingMessage, response: ServerResponse): Promise<void>;
  bulk: DevstoreBulkOperations;
  webhooks: WebhookSender;
  apps: DevstoreAppRecords;
}

const GRAPHQL_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

/** Serves a bulk result file, with byte ranges (a resumed download asks for the rest only). */
function serveFile(request: IncomingMessage, response: ServerResponse, file: string) {
  const size = statSync(file).size;
  const range = /^bytes=(\d+)-$/.exec(String(request.headers.range ?? ""));
  const start = range ? Number(range[1]) : 0;
  if (range && start >= size) {
    response.writeHead(416, { "Content-Range": `bytes */${size}` });
    return response.end();
  }
  response.writeHead(range ? 206 : 200, {
    "Content-Type": "application/jsonl",
    "Content-Length": String(size - start),
    "Accept-Ranges": "bytes",
    ...(range ? { "Content-Range": `bytes ${start}-${size - 1}/${size}` } : {}),
  });
  createReadStream(file, { start }).pipe(response);
}

/** The request handler, separate from the server so more routes can be composed around it. */
export function createDevstoreHandler({
  store,
  token = "devstore-token",
  throttle,
  clock,
  webhooks,
  bulk: bulkOptions,
  flowTriggers,
  appTitle,
  adApps,
  adRateLimits,
  googleAdsRowsPerPage,
}: DevstoreOptions): DevstoreHandler {
  const apps = new DevstoreAppRecords(String(store.shop.currencyCode), flowTriggers ?? null, clock, appTitle);
  const schema = loadAdminSchema();
  const bucket = new ThrottleBucket(throttle?.maximumAvailable, throttle?.restoreRate, clock);
  // Parsing and validating against the large Admin schema is the costly part: do it once per document.
  const documents = new Map<string, { document?: DocumentNode; errors?: readonly GraphQLError[] }>();
  const sender = new WebhookSender(store.shop.myshopifyDomain, webhooks ?? null);
  const ads = new DevstoreAdPlatforms(store, { apps: adApps, rateLimits: adRateLimits, googleRowsPerPage: googleAdsRowsPerPage, clock });
  store.onChange((event) => sender.send(event.topic, event.payload));
  const bulk = new DevstoreBulkOperations(schema, store, {
    ...bulkOptions,
    onFinish: (operation) => {
      sender.send("bulk_operations/finish", {
        admin_graphql_api_id: operation.id,
        completed_at: operation.completedAt,
        created_at: operation.createdAt,
        error_code: operation.errorCode?.toLowerCase() ?? null,
        status: operation.status.toLowerCase(),
        type: "query",
      });
      bulkOptions?.onFinish?.(operation);
    },
  });

  const handler = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://devstore");
    if (url.pathname === "/health") return sendJson(response, 200, { ok: true, shop: store.shop.myshopifyDomain });
    if (url.pathname.startsWith("/devstore/bulk/")) {
      // Result URLs are signed, like Shopify's: the unguessable name is the credential.
      const file = bulk.fileFor(url.pathname.slice("/devstore/bulk/".length));
      if (file) serveFile(request, response, file);
      else sendJson(response, 404, { errors: "Not Found" });
      return;
    }
    if (url.pathname.startsWith("/devstore/control/")) {
      if (request.headers["x-shopify-access-token"] !== token) return sendJson(response, 401, { errors: "Invalid access token" });
      const body = request.method === "POST" ? await readBody(request) : "";
      const result = handleControl({ store, bulk, webhooks: sender, apps, ads }, request.method ?? "GET", url.pathname.slice("/devstore/control".length), body);
      return sendJson(response, result.status, result.body);
    }
    if (await ads.handle(request, response, url)) return;
    const match = GRAPHQL_PATH.exec(url.pathname);
    if (!match) return sendJson(response, 404, { errors: "Not Found" });
    if (match[1] !== ADMIN_API_VERSION)
      return sendJson(response, 404, { errors: `Unsupported API version ${match[1]}: the devstore serves ${ADMIN_API_VERSION}` });
    if (request.method !== "POST") return sendJson(response, 405, { errors: "Method Not Allowed" });
    if (request.headers["x-shopify-access-token"] !== token) {
      return sendJson(response, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(await readBody(request));
    } catch {
      return sendJson(response, 400, { errors: "Request body is not valid JSON" });
    }
    if (typeof body.query !== "string") return sendJson(response, 400, { errors: "Missing query" });

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
      return sendJson(response, 200, { errors: prepared.errors?.map((error) => ({ message: error.message, locations: error.locations })) });
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
      return sendJson(response, 200, {
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_QUERY_COST },
          },
        ],
      });
    }
    if (!bucket.take(cost)) {
      return sendJson(response, 200, {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() } },
      });
    }
    const result = await execute({
      schema,
      document: prepared.document,
      variableValues: variables,
      operationName,
      contextValue: { store, bulk, apps } satisfies DevstoreContext,
      fieldResolver,
      typeResolver: resolveType,
    });
    // Charged the requested cost up front; what the answer didn't use is given back, as Shopify does.
    const actual = operation ? Math.min(cost, actualQueryCost(schema, operation, fragments, variables, result.data as Record<string, unknown> | null)) : 0;
    bucket.refund(cost - actual);
    sendJson(response, 200, {
      ...(result.errors ? { errors: result.errors.map((error) => ({ message: error.message, path: error.path })) } : {}),
      data: result.data ?? null,
      extensions: { cost: { requestedQueryCost: cost, actualQueryCost: actual, throttleStatus: bucket.status() } },
    });
  };
  return Object.assign(handler, { bulk, webhooks: sender, apps });
}

/** Serves a devstore on loopback until closed. */
export async function startDevstore(options: DevstoreOptions): Promise<RunningDevstore> {
  const handler = createDevstoreHandler(options);
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => sendJson(response, 500, { errors: String(error) }));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  handler.bulk.setOrigin(origin);
  return {
    origin,
    store: options.store,
    bulk: handler.bulk,
    webhooks: handler.webhooks,
    apps: handler.apps,
    close: async () => {
      await handler.webhooks.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      handler.bulk.close();
    },
  };
}
