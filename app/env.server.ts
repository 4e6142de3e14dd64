import type { AdAppCredentials, AdPlatform } from "~/ads/platforms/types";
import { z } from "zod";
import { databaseUrl } from "./lib/database-url";
import type { HttpSettings } from "./operations/server-limits";
import { TokenKeyring } from "./lib/token-cipher.server";

/** Local-only credentials, so the demo and the devstore work without a Partner app. Refused in production. */
export const LOCAL_API_KEY = "throughline-local-api-key";
export const LOCAL_API_SECRET = "throughline-local-api-secret";

/**
 * A key as the bytes it stands for, however it is written: base64 in either alphabet (`+/` or the
 * URL-safe `-_`), padded or not, with whitespace anywhere ignored (a key folded, or pasted with a
 * space or newline). Undefined when it isn't base64 at all: Node's decoder would skip stray
 * characters and hand back some other key without a word.
 */
export function decodeKey(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/gu, "").replace(/-/g, "+").replace(/_/g, "/");
  const digits = compact.replace(/={1,2}$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(digits) || digits.length % 4 === 1) return undefined;
  return Buffer.from(digits, "base64");
}

const TOKEN_KEY_BYTES = 32;

const tokenKey = z.string().transform((text, ctx) => {
  const key = decodeKey(text);
  if (key?.length === TOKEN_KEY_BYTES) return key;
  ctx.addIssue({ code: "custom", message: "must be 32 bytes, base64-encoded (openssl rand -base64 32)" });
  return z.NEVER;
});

const tokenKeys = z.string().transform((text, ctx) => {
  const keys = text
    .split(",")
    .filter((key) => key.trim() !== "")
    .map(decodeKey);
  if (keys.every((key) => key?.length === TOKEN_KEY_BYTES)) return keys as Buffer[];
  ctx.addIssue({ code: "custom", message: "must be 32-byte keys, base64-encoded, separated by commas" });
  return z.NEVER;
});

/** The app's credentials as Shopify issues them: surrounding whitespace (a newline from a secrets file) is not part of them; blank is unset. */
const credential = z
  .string()
  .transform((text) => text.trim() || undefined)
  .optional();

// Development only: a fixed, documented key so a fresh checkout runs. Production refuses to start with it.
const DEVELOPMENT_TOKEN_KEY = Buffer.alloc(TOKEN_KEY_BYTES, "throughline-development-only-key");

/**
 * Values published in this repository: anyone could sign webhooks or open tokens with them. Compared
 * as what they mean (a key's bytes, a credential trimmed), so no other way of writing one gets past.
 */
const isPublished = {
  SHOPIFY_API_KEY: (value: string) => value === LOCAL_API_KEY,
  SHOPIFY_API_SECRET: (value: string) => value === LOCAL_API_SECRET,
  TOKEN_ENCRYPTION_KEY: (key: Buffer) => key.equals(DEVELOPMENT_TOKEN_KEY),
};

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    SHOPIFY_API_KEY: credential,
    SHOPIFY_API_SECRET: credential,
    SHOPIFY_APP_URL: z.url().default("http://localhost:3000"),
    SCOPES: z.string().optional(),
    SHOP_CUSTOM_DOMAIN: z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "must be a domain, such as my.shop.dev")
      .optional(),
    TOKEN_ENCRYPTION_KEY: tokenKey.optional(),
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: tokenKeys.optional(),
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
    THROUGHLINE_BULK_ORDERS_PER_EXPORT: z.coerce.number().int().min(1).max(100_000_000).optional(),
    // The app's registration with each ad platform (README, "Connecting ad platforms").
    META_APP_ID: credential,
    META_APP_SECRET: credential,
    GOOGLE_ADS_CLIENT_ID: credential,
    GOOGLE_ADS_CLIENT_SECRET: credential,
    TIKTOK_APP_ID: credential,
    TIKTOK_APP_SECRET: credential,
    // The Monday brief (README, "Deploying"): the mail server and the From address; without them email is off.
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, such as smtp://user:pass@mail.example.com:587" }).optional(),
    BRIEF_FROM: z
      .string()
      .trim()
      .regex(/^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+(?:>)?$/, "must be an email address, or a name and one (Throughline <brief@example.com>)")
      .optional(),
    // Another origin Slack webhooks may be posted to (a local listener in tests); https://hooks.slack.com/ always.
    SLACK_WEBHOOK_ORIGIN: z.url().optional(),
  })
  .superRefine((env, ctx) => {
    for (const [id, secret] of [
      ["META_APP_ID", "META_APP_SECRET"],
      ["GOOGLE_ADS_CLIENT_ID", "GOOGLE_ADS_CLIENT_SECRET"],
      ["TIKTOK_APP_ID", "TIKTOK_APP_SECRET"],
      ["SMTP_URL", "BRIEF_FROM"],
    ] as const) {
      if ((env[id] === undefined) !== (env[secret] === undefined)) {
        ctx.addIssue({ code: "custom", path: [env[id] === undefined ? id : secret], message: `is required with ${env[id] === undefined ? secret : id}` });
      }
    }
    // Node refuses a server whose headers may take longer than the whole request.
    if (env.THROUGHLINE_HEADERS_TIMEOUT_MS > env.THROUGHLINE_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["THROUGHLINE_HEADERS_TIMEOUT_MS"], message: "must not exceed THROUGHLINE_REQUEST_TIMEOUT_MS" });
    }
    if (env.NODE_ENV !== "production") return;
    const published = (name: string) =>
      ctx.addIssue({ code: "custom", path: [name], message: "is the development value published in the source; production needs its own" });
    for (const name of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET"] as const) {
      const value = env[name];
      if (value === undefined) ctx.addIssue({ code: "custom", path: [name], message: "is required in production" });
      else if (isPublished[name](value)) published(name);
    }
    if (env.TOKEN_ENCRYPTION_KEY === undefined) ctx.addIssue({ code: "custom", path: ["TOKEN_ENCRYPTION_KEY"], message: "is required in production" });
    else if (isPublished.TOKEN_ENCRYPTION_KEY(env.TOKEN_ENCRYPTION_KEY)) published("TOKEN_ENCRYPTION_KEY");
    // A previous key opens tokens as well as the current one does: the published key may not be one either.
    if (env.TOKEN_ENCRYPTION_PREVIOUS_KEYS?.some(isPublished.TOKEN_ENCRYPTION_KEY)) {
      ctx.addIssue({ code: "custom", path: ["TOKEN_ENCRYPTION_PREVIOUS_KEYS"], message: "holds the development key published in the source" });
    }
    if (env.SLACK_WEBHOOK_ORIGIN !== undefined && !env.SLACK_WEBHOOK_ORIGIN.startsWith("https://")) {
      ctx.addIssue({ code: "custom", path: ["SLACK_WEBHOOK_ORIGIN"], message: "must be https in production" });
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
  bulkOrdersPerExport: number | undefined;
  /** The app's client id and secret with each ad platform it is registered with (the others can't be connected but to a devstore). */
  adApps: Partial<Record<AdPlatform, AdAppCredentials>>;
  /** The Monday brief's mail server and From address (null: email is off), and the origin Slack webhooks may be posted to besides Slack's. */
  brief: { smtpUrl: string | null; from: string | null; slackWebhookOrigin: string | null };
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
    tokenKeyring: new TokenKeyring(env.TOKEN_ENCRYPTION_KEY ?? DEVELOPMENT_TOKEN_KEY, env.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? []),
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
    bulkOrdersPerExport: env.THROUGHLINE_BULK_ORDERS_PER_EXPORT,
    brief: {
      smtpUrl: env.SMTP_URL ?? null,
      from: env.BRIEF_FROM ?? null,
      slackWebhookOrigin: env.SLACK_WEBHOOK_ORIGIN ? new URL(env.SLACK_WEBHOOK_ORIGIN).origin : null,
    },
    adApps: Object.fromEntries(
      (
        [
          ["meta", env.META_APP_ID, env.META_APP_SECRET],
          ["google", env.GOOGLE_ADS_CLIENT_ID, env.GOOGLE_ADS_CLIENT_SECRET],
          ["tiktok", env.TIKTOK_APP_ID, env.TIKTOK_APP_SECRET],
        ] as const
      ).flatMap(([platform, clientId, clientSecret]) => (clientId && clientSecret ? [[platform, { clientId, clientSecret }]] : [])),
    ),
  };
}

let cached: Env | undefined;

/** The environment, parsed once; a missing production secret stops the app at start-up. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
