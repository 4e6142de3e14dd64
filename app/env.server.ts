import { z } from "zod";
import { databaseUrl } from "./lib/database-url";
import type { HttpSettings } from "./operations/server-limits";
import { TokenKeyring } from "./lib/token-cipher.server";

/** Local-only credentials, so the demo and the devstore work without a Partner app. Refused in production. */
export const LOCAL_API_KEY = "throughline-local-api-key";
export const LOCAL_API_SECRET = "throughline-local-api-secret";

const base64Key = z.string().refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

const base64Keys = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean),
  )
  .refine((keys) => keys.every((key) => Buffer.from(key, "base64").length === 32), "must be 32-byte keys, base64-encoded, separated by commas");

// Development only: a fixed, documented key so a fresh checkout runs. Production refuses to start with it.
const DEVELOPMENT_TOKEN_KEY = Buffer.alloc(32, "throughline-development-only-key");

/** Values published in this repository: anyone could sign webhooks or open tokens with them. */
const PUBLISHED = {
  SHOPIFY_API_KEY: LOCAL_API_KEY,
  SHOPIFY_API_SECRET: LOCAL_API_SECRET,
  TOKEN_ENCRYPTION_KEY: DEVELOPMENT_TOKEN_KEY.toString("base64"),
} as const;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url().default("http://localhost:3000"),
    SCOPES: z.string().optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    TOKEN_ENCRYPTION_KEY: base64Key.optional(),
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: base64Keys.optional(),
    THROUGHLINE_PREVIEW: z.enum(["0", "1"]).default("0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    THROUGHLINE_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
    THROUGHLINE_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(10_000),
    THROUGHLINE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
    THROUGHLINE_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
    THROUGHLINE_MAX_CONNECTIONS: z.coerce.number().int().min(4).max(1_000_000).optional(),
    THROUGHLINE_SCHEDULER: z.enum(["on", "off"]).default("on"),
    THROUGHLINE_BULK_WORKER: z.enum(["on", "off"]).default("on"),
    THROUGHLINE_BULK_BATCH_LINES: z.coerce.number().int().min(1).max(1_000_000).optional(),
  })
  .superRefine((env, ctx) => {
    // Node refuses a server whose headers may take longer than the whole request.
    if (env.THROUGHLINE_HEADERS_TIMEOUT_MS > env.THROUGHLINE_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["THROUGHLINE_HEADERS_TIMEOUT_MS"], message: "must not exceed THROUGHLINE_REQUEST_TIMEOUT_MS" });
    }
    if (env.NODE_ENV !== "production") return;
    for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "TOKEN_ENCRYPTION_KEY"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required in production" });
      else if (env[key] === PUBLISHED[key])
        ctx.addIssue({ code: "custom", path: [key], message: "is the development value published in the source; production needs its own" });
    }
    if (env.TOKEN_ENCRYPTION_PREVIOUS_KEYS?.includes(PUBLISHED.TOKEN_ENCRYPTION_KEY)) {
      ctx.addIssue({ code: "custom", path: ["TOKEN_ENCRYPTION_PREVIOUS_KEYS"], message: "holds the development key published in the source" });
    }
    if (env.THROUGHLINE_PREVIEW === "1") {
      ctx.addIssue({ code: "custom", path: ["THROUGHLINE_PREVIEW"], message: "the local preview must never run in production" });
    }
  });

export interface Env {
  nodeEnv: "development" | "test" | "production";
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  scopes: string[] | undefined;
  customShopDomains: string[];
  databaseUrl: string;
  /** AES-256-GCM keys for access and refresh tokens at rest: the current one seals, previous ones still open. */
  tokenKeyring: TokenKeyring;
  previewEnabled: boolean;
  /** Where the production server listens (`npm start`). */
  port: number;
  host: string;
  /** How long a stopping server waits for requests and jobs in flight before exiting anyway. */
  stopGraceMs: number;
  /** The production server's bounds on a connection (app/operations/server-limits.ts). */
  http: HttpSettings;
  /** This server process runs background jobs (they are queued either way). */
  schedulerEnabled: boolean;
  /** Bulk results are parsed in a worker thread (else in the main thread). */
  bulkWorker: boolean;
  /** JSONL lines per transaction in bulk imports (the importer's default unless set). */
  bulkBatchLines: number | undefined;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}. See README.md "Environment variables".`);
  }
  const env = result.data;
  return {
    nodeEnv: env.NODE_ENV,
    apiKey: env.SHOPIFY_API_KEY ?? LOCAL_API_KEY,
    apiSecret: env.SHOPIFY_API_SECRET ?? LOCAL_API_SECRET,
    appUrl: env.SHOPIFY_APP_URL,
    scopes: env.SCOPES
      ? env.SCOPES.split(",")
          .map((scope) => scope.trim())
          .filter(Boolean)
      : undefined,
    customShopDomains: env.SHOP_CUSTOM_DOMAIN ? [env.SHOP_CUSTOM_DOMAIN] : [],
    databaseUrl: databaseUrl(source),
    tokenKeyring: new TokenKeyring(
      env.TOKEN_ENCRYPTION_KEY ? Buffer.from(env.TOKEN_ENCRYPTION_KEY, "base64") : DEVELOPMENT_TOKEN_KEY,
      (env.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? []).map((key) => Buffer.from(key, "base64")),
    ),
    previewEnabled: env.THROUGHLINE_PREVIEW === "1",
    port: env.PORT,
    host: env.HOST,
    stopGraceMs: env.THROUGHLINE_STOP_GRACE_MS,
    http: {
      headersTimeoutMs: env.THROUGHLINE_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.THROUGHLINE_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.THROUGHLINE_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: env.THROUGHLINE_MAX_CONNECTIONS,
    },
    schedulerEnabled: env.THROUGHLINE_SCHEDULER === "on",
    bulkWorker: env.THROUGHLINE_BULK_WORKER === "on",
    bulkBatchLines: env.THROUGHLINE_BULK_BATCH_LINES,
  };
}

let cached: Env | undefined;

/** The environment, parsed once; a missing production secret stops the app at start-up. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
