import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { APP_SCOPES } from "~/lib/scopes";

describe("access scopes", () => {
  it("are the same in shopify.app.toml and the app", () => {
    const toml = readFileSync("shopify.app.toml", "utf8");
    const declared = /^scopes = "([^"]*)"/m.exec(toml)?.[1]?.split(",");
    expect(declared).toEqual([...APP_SCOPES]);
  });

  it("declare a webhook route file for every subscription", () => {
    const toml = readFileSync("shopify.app.toml", "utf8");
    const uris = [...toml.matchAll(/uri = "\/webhooks\/([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(uris.length).toBeGreaterThanOrEqual(5);
    for (const uri of uris) {
      expect(() => readFileSync(`app/routes/webhooks.${uri.replaceAll("/", ".")}.tsx`)).not.toThrow();
    }
  });
});
