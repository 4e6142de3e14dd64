import { describe, expect, it } from "vitest";
import { decodeKey, LOCAL_API_KEY, LOCAL_API_SECRET, parseEnv } from "~/env.server";
import { keyId, TokenKeyring } from "~/lib/token-cipher.server";

const key = Buffer.alloc(32, 3).toString("base64");

describe("environment", () => {
  it("refuses to start in production without the token encryption key, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example" })).toThrow(
      /TOKEN_ENCRYPTION_KEY is required in production/,
    );
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
    expect(env.tokenKeyring.currentId).toBe(keyId(Buffer.from(key, "base64")));
    expect(env.scopes).toEqual(["read_orders", "read_products"]);
    expect(env.databaseUrl).toBe("file:/tmp/x.sqlite");
  });

  it("refuses to start in production with any secret published in the source, naming it", () => {
    const production = {
      NODE_ENV: "production",
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_APP_URL: "https://app.example",
      TOKEN_ENCRYPTION_KEY: key,
    };
    const developmentKey = Buffer.alloc(32, "throughline-development-only-key").toString("base64");
    expect(() => parseEnv({ ...production, SHOPIFY_API_SECRET: LOCAL_API_SECRET })).toThrow(
      /SHOPIFY_API_SECRET is the development value published in the source/,
    );
    expect(() => parseEnv({ ...production, SHOPIFY_API_KEY: LOCAL_API_KEY })).toThrow(/SHOPIFY_API_KEY is the development value/);
    expect(() => parseEnv({ ...production, TOKEN_ENCRYPTION_KEY: developmentKey })).toThrow(/TOKEN_ENCRYPTION_KEY is the development value/);
    expect(() => parseEnv({ ...production, TOKEN_ENCRYPTION_PREVIOUS_KEYS: developmentKey })).toThrow(
      /TOKEN_ENCRYPTION_PREVIOUS_KEYS holds the development key/,
    );
    // Development keeps working with them, so a fresh checkout runs.
    expect(parseEnv({ SHOPIFY_API_SECRET: LOCAL_API_SECRET }).apiSecret).toBe(LOCAL_API_SECRET);
  });

  describe("a secret is compared as what it means, not as it is written", () => {
    const production = {
      NODE_ENV: "production",
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_APP_URL: "https://app.example",
      TOKEN_ENCRYPTION_KEY: key,
    };
    const developmentKey = Buffer.alloc(32, "throughline-development-only-key");
    /** Every way base64 lets one write these bytes: the same key to the decoder, so to the check. */
    const spellings = (bytes: Buffer): [string, string][] => {
      const standard = bytes.toString("base64");
      return [
        ["as published", standard],
        ["without its padding", standard.replace(/=+$/, "")],
        ["in the URL-safe alphabet", bytes.toString("base64url")],
        ["with a space inside", `${standard.slice(0, 20)} ${standard.slice(20)}`],
        ["between spaces and a newline", ` ${standard}\n`],
        ["folded over two lines", `${standard.slice(0, 22)}\r\n${standard.slice(22)}`],
      ];
    };

    it("GIVEN one key written in every way base64 allows (either alphabet, padded or not, with whitespace) THEN each decodes to the same 32 bytes", () => {
      // 0xfb bytes are written with + and / in standard base64, - and _ in the URL-safe alphabet.
      const bytes = Buffer.concat([Buffer.alloc(16, 0xfb), Buffer.alloc(16, 0xbf)]);
      for (const [, written] of spellings(bytes)) expect(decodeKey(written)?.equals(bytes), written).toBe(true);
      expect(bytes.toString("base64")).toMatch(/[+/]/);
      expect(bytes.toString("base64url")).toMatch(/[-_]/);
    });

    it("GIVEN text that isn't base64 (a stray character, padding inside, a length base64 never has) THEN it is no key, where Node's decoder would skip the stray part", () => {
      for (const text of [`${key}!`, `${key.slice(0, 10)}=${key.slice(10)}`, `${key.replace(/=+$/, "")}AA`, "é".repeat(43)]) {
        expect(decodeKey(text), text).toBeUndefined();
      }
      expect(Buffer.from(`${key}!`, "base64")).toHaveLength(32);
      expect(() => parseEnv({ ...production, TOKEN_ENCRYPTION_KEY: `${key}!` })).toThrow(/TOKEN_ENCRYPTION_KEY must be 32 bytes/);
      expect(() => parseEnv({ ...production, TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${key}, ${key}!` })).toThrow(
        /TOKEN_ENCRYPTION_PREVIOUS_KEYS must be 32-byte keys/,
      );
    });

    it.each(spellings(developmentKey))(
      "GIVEN production with the published development key written %s THEN it is refused, as the current key and as a previous one",
      (_, written) => {
        expect(() => parseEnv({ ...production, TOKEN_ENCRYPTION_KEY: written })).toThrow(
          /TOKEN_ENCRYPTION_KEY is the development value published in the source/,
        );
        expect(() => parseEnv({ ...production, TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${Buffer.alloc(32, 9).toString("base64")},${written}` })).toThrow(
          /TOKEN_ENCRYPTION_PREVIOUS_KEYS holds the development key published in the source/,
        );
      },
    );

    it("GIVEN the published key with one letter's case changed THEN base64 reads other bytes: another key, which production takes", () => {
      const standard = developmentKey.toString("base64");
      const changed = `${standard[0]!.toUpperCase()}${standard.slice(1)}`;
      expect(changed).not.toBe(standard);
      expect(decodeKey(changed)?.equals(developmentKey)).toBe(false);
      expect(parseEnv({ ...production, TOKEN_ENCRYPTION_KEY: changed }).tokenKeyring.currentId).toBe(keyId(decodeKey(changed)!));
    });

    it("GIVEN a key written another way THEN the app seals and opens with the bytes it decodes to", () => {
      const bytes = Buffer.alloc(32, 0xfb);
      const written = ` ${bytes.toString("base64url").replace(/=+$/, "")}\n`;
      const env = parseEnv({ ...production, TOKEN_ENCRYPTION_KEY: written, TOKEN_ENCRYPTION_PREVIOUS_KEYS: ` ${key.replace(/=+$/, "")} ` });
      expect(env.tokenKeyring.currentId).toBe(keyId(bytes));
      expect(env.tokenKeyring.open(new TokenKeyring(Buffer.from(key, "base64")).seal("shpat_old"))).toBe("shpat_old");
    });

    it.each<[string, string, string]>([
      ["SHOPIFY_API_KEY", "between spaces", `  ${LOCAL_API_KEY} `],
      ["SHOPIFY_API_SECRET", "with a newline after it", `${LOCAL_API_SECRET}\n`],
    ])("GIVEN production with the published %s written %s THEN it is refused as the development value", (name, _, written) => {
      expect(() => parseEnv({ ...production, [name]: written })).toThrow(new RegExp(`${name} is the development value published in the source`));
    });

    it("GIVEN credentials with whitespace around them THEN the app uses them trimmed, and blank ones count as missing", () => {
      const env = parseEnv({ ...production, SHOPIFY_API_KEY: " key-1\n", SHOPIFY_API_SECRET: "\tsecret-1 \r\n" });
      expect([env.apiKey, env.apiSecret]).toEqual(["key-1", "secret-1"]);
      expect(() => parseEnv({ ...production, SHOPIFY_API_SECRET: "  " })).toThrow(/SHOPIFY_API_SECRET is required in production/);
    });
  });

  it("reads previous token keys, comma-separated, so tokens sealed with them still open", () => {
    const previous = [Buffer.alloc(32, 7), Buffer.alloc(32, 8)];
    const sealed = new TokenKeyring(previous[1]!).seal("shpat_old");
    const env = parseEnv({ TOKEN_ENCRYPTION_KEY: key, TOKEN_ENCRYPTION_PREVIOUS_KEYS: previous.map((k) => k.toString("base64")).join(", ") });
    expect(env.tokenKeyring.open(sealed)).toBe("shpat_old");
    expect(env.tokenKeyring.isCurrent(sealed)).toBe(false);
    expect(() => parseEnv({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: "short" })).toThrow(/TOKEN_ENCRYPTION_PREVIOUS_KEYS must be 32-byte keys/);
  });

  it("defaults the database to the SQLite file the README names", () => {
    expect(parseEnv({}).databaseUrl).toBe("file:prisma/dev.sqlite");
  });

  it("reads the server's and the background work's settings here, once: defaults, values, and a clear refusal of nonsense", () => {
    expect(parseEnv({})).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      stopGraceMs: 25_000,
      schedulerEnabled: true,
      bulkWorker: true,
      bulkBatchLines: undefined,
    });
    expect(parseEnv({ PORT: "8080", THROUGHLINE_SCHEDULER: "off", THROUGHLINE_BULK_WORKER: "off", THROUGHLINE_BULK_BATCH_LINES: "500" })).toMatchObject({
      port: 8080,
      schedulerEnabled: false,
      bulkWorker: false,
      bulkBatchLines: 500,
    });
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => parseEnv({ THROUGHLINE_SCHEDULER: "false" })).toThrow(/THROUGHLINE_SCHEDULER/);
    expect(() => parseEnv({ THROUGHLINE_BULK_BATCH_LINES: "0" })).toThrow(/THROUGHLINE_BULK_BATCH_LINES/);
  });

  it("GIVEN SHOP_CUSTOM_DOMAIN THEN a domain is taken as a shop domain, anything else is refused, naming it", () => {
    expect(parseEnv({ SHOP_CUSTOM_DOMAIN: "my.shop.dev" }).customShopDomains).toEqual(["my.shop.dev"]);
    for (const value of ["https://my.shop.dev", "*.example", "example", "evil.example https://*", "a.b/c"]) {
      expect(() => parseEnv({ SHOP_CUSTOM_DOMAIN: value }), value).toThrow(/SHOP_CUSTOM_DOMAIN must be a domain/);
    }
  });

  it("GIVEN the Monday brief's settings THEN email is on with a mail server and a From address together, and off without them; one without the other, or nonsense, is refused, naming it, and never echoes a password", () => {
    expect(parseEnv({}).brief).toEqual({ smtpUrl: null, from: null, slackWebhookOrigin: null });
    const on = parseEnv({ SMTP_URL: "smtp://user:pass@mail.example:587", BRIEF_FROM: "Throughline <brief@example.com>" }).brief;
    expect(on).toEqual({ smtpUrl: "smtp://user:pass@mail.example:587", from: "Throughline <brief@example.com>", slackWebhookOrigin: null });
    expect(parseEnv({ SMTP_URL: "smtps://mail.example", BRIEF_FROM: "brief@example.com" }).brief.from).toBe("brief@example.com");
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example" })).toThrow(/BRIEF_FROM is required with SMTP_URL/);
    expect(() => parseEnv({ BRIEF_FROM: "brief@example.com" })).toThrow(/SMTP_URL is required with BRIEF_FROM/);
    for (const value of ["https://user:hunter2@mail.example", "mail.example:587", "smtp//mail"]) {
      const refusal = () => parseEnv({ SMTP_URL: value, BRIEF_FROM: "brief@example.com" });
      expect(refusal, value).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
      expect(refusal, value).not.toThrow(/hunter2/);
    }
    for (const value of ["brief", "Throughline brief@", "a@b\nBcc: c@d"]) {
      expect(() => parseEnv({ SMTP_URL: "smtp://mail.example", BRIEF_FROM: value }), value).toThrow(/BRIEF_FROM must be an email address/);
    }
  });

  it("GIVEN SLACK_WEBHOOK_ORIGIN THEN its origin is where else a Slack webhook may point; production takes only https", () => {
    expect(parseEnv({ SLACK_WEBHOOK_ORIGIN: "http://127.0.0.1:4999/anything" }).brief.slackWebhookOrigin).toBe("http://127.0.0.1:4999");
    const production = { NODE_ENV: "production", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", TOKEN_ENCRYPTION_KEY: key };
    expect(() => parseEnv({ ...production, SLACK_WEBHOOK_ORIGIN: "http://127.0.0.1:4999" })).toThrow(/SLACK_WEBHOOK_ORIGIN must be https in production/);
    expect(parseEnv({ ...production, SLACK_WEBHOOK_ORIGIN: "https://hooks.example.com" }).brief.slackWebhookOrigin).toBe("https://hooks.example.com");
    expect(() => parseEnv({ SLACK_WEBHOOK_ORIGIN: "hooks" })).toThrow(/SLACK_WEBHOOK_ORIGIN/);
  });
});
