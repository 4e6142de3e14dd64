import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

const key = Buffer.alloc(32, 3).toString("base64");

describe("environment", () => {
  it("refuses to start in production without the token encryption key, naming it", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example" }),
    ).toThrow(/TOKEN_ENCRYPTION_KEY is required in production/);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => parseEnv({ TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })).toThrow(/TOKEN_ENCRYPTION_KEY must be 32 bytes/);
  });

  it("refuses the local preview in production", () => {
    expect(() =>
      parseEnv({
        NODE_ENV: "production",
        SHOPIFY_API_KEY: "k",
        SHOPIFY_API_SECRET: "s",
        TOKEN_ENCRYPTION_KEY: key,
        THROUGHLINE_PREVIEW: "1",
      }),
    ).toThrow(/THROUGHLINE_PREVIEW/);
  });

  it("accepts a complete production environment", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_APP_URL: "https://app.example",
      TOKEN_ENCRYPTION_KEY: key,
      SCOPES: "read_orders, read_products",
      DATABASE_URL: "file:/tmp/x.sqlite",
    });
    expect(env.tokenEncryptionKey.equals(Buffer.from(key, "base64"))).toBe(true);
    expect(env.scopes).toEqual(["read_orders", "read_products"]);
    expect(env.databaseUrl).toBe("file:/tmp/x.sqlite");
  });

  it("defaults the database to the SQLite file the README names", () => {
    expect(parseEnv({}).databaseUrl).toBe("file:prisma/dev.sqlite");
  });
});
