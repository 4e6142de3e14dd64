import { describe, expect, it } from "vitest";
import { adminGraphqlUrl } from "~/admin-api/client.server";
import { adminOriginFor, parseLoopbackOrigin } from "~/admin-api/admin-origin";

describe("admin origin", () => {
  it("is the shop itself unless a devstore replaces it", () => {
    expect(adminGraphqlUrl("a.myshopify.com")).toBe("https://a.myshopify.com/admin/api/2026-10/graphql.json");
    expect(adminGraphqlUrl("a.myshopify.com", "http://127.0.0.1:4100/")).toBe("http://127.0.0.1:4100/admin/api/2026-10/graphql.json");
  });

  it.each(["http://127.0.0.1:4100", "http://localhost:9", "http://[::1]:4100", "http://127.4.5.6"])("accepts loopback %s", (origin) => {
    expect(adminOriginFor("a.myshopify.com", origin)).toBe(new URL(origin).origin);
  });

  it.each(["http://10.0.0.5:4100", "https://evil.example", "http://localhost.evil.example", "ftp://127.0.0.1", "not a url"])("refuses %s", (origin) => {
    expect(() => parseLoopbackOrigin(origin)).toThrow();
  });
});
