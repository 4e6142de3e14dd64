import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "@throughline/shopify-common/admin-schema";
import { APP_SCOPES } from "~/lib/scopes";

describe("shopify.app.toml and the app agree", () => {
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

  it("on the Admin API version: the webhooks' and the Flow triggers' are the committed schema's", () => {
    const versions = [
      readFileSync("shopify.app.toml", "utf8"),
      ...["target-at-risk", "weekly-review-ready"].map((name) => readFileSync(`extensions/${name}/shopify.extension.toml`, "utf8")),
    ].map((toml) => /^api_version = "([^"]+)"/m.exec(toml)?.[1]);
    expect(versions).toEqual([ADMIN_API_VERSION, ADMIN_API_VERSION, ADMIN_API_VERSION]);
  });
});
