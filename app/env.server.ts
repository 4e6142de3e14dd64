import { z } from "zod";
import { databaseUrl } from "./lib/database-url";

/** Local-only credentials, so the demo and the devstore work without a Partner app. Refused in production. */
export const LOCAL_API_KEY = "throughline-local-api-key";
export const LOCAL_API_SECRET = "throughline-local-api-secret";

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url().default("http://localhost:3000"),
    SCOPES: z.string().optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    TOKEN_ENCRYPTION_KEY: base64Key.optional(),
    THROUGHLINE_PREVIEW: z.enum(["0", "1"]).default("0"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "TOKEN_ENCRYPTION_KEY"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required in production" });
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
  /** 32-byte AES-256-GCM key for access and refresh tokens at rest. */
  tokenEncryptionKey: Buffer;
  previewEnabled: boolean;
}

// Development only: a fixed, documented key so a fresh checkout runs. Production refuses to start without its own.
const DEVELOPMENT_TOKEN_KEY = Buffer.alloc(32, "throughline-development-only-key");

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
    scopes: env.SCOPES ? env.SCOPES.split(",").map((scope) => scope.trim()).filter(Boolean) : undefined,
    customShopDomains: env.SHOP_CUSTOM_DOMAIN ? [env.SHOP_CUSTOM_DOMAIN] : [],
    databaseUrl: databaseUrl(source),
    tokenEncryptionKey: env.TOKEN_ENCRYPTION_KEY ? Buffer.from(env.TOKEN_ENCRYPTION_KEY, "base64") : DEVELOPMENT_TOKEN_KEY,
    previewEnabled: env.THROUGHLINE_PREVIEW === "1",
  };
}

let cached: Env | undefined;

/** The environment, parsed once; a missing production secret stops the app at start-up. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
