import { Prisma } from "@prisma/client";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { answerExhaustionWith503, exhaustionCode, RETRY_AFTER_SECONDS } from "~/operations/overload.server";

/** An error as Node's system calls make it (fs, net): errno, code, syscall. */
function systemError(code: "EMFILE" | "ENFILE" | "ECONNREFUSED", syscall: string): NodeJS.ErrnoException {
  const words = { EMFILE: "too many open files", ENFILE: "file table overflow", ECONNREFUSED: "connection refused" }[code];
  return Object.assign(new Error(`${code}: ${words}, ${syscall}`), { errno: { EMFILE: -24, ENFILE: -23, ECONNREFUSED: -111 }[code], code, syscall });
}

/** What the PostgreSQL pool's refusal looks like through Prisma (seen in the production server's log at `ulimit -n 128`). */
const prismaPoolRefusal = () =>
  new Prisma.PrismaClientKnownRequestError("\nInvalid `prisma.shop.count()` invocation:\n\n\nconnect EMFILE 127.0.0.1:55432 - Local (undefined:undefined)", {
    code: "EMFILE",
    clientVersion: Prisma.prismaVersion.client,
    meta: { modelName: "Shop" },
  });

describe("a failure for want of file descriptors", () => {
  it("GIVEN the errors the app's calls make when descriptors run out THEN each is recognised, wrapped or not, and other failures are not", () => {
    expect(exhaustionCode(systemError("EMFILE", "open"))).toBe("EMFILE");
    expect(exhaustionCode(systemError("ENFILE", "socket"))).toBe("ENFILE");
    expect(exhaustionCode(prismaPoolRefusal())).toBe("EMFILE");
    // fetch (a call to Shopify) wraps the socket's error as its cause.
    expect(exhaustionCode(new TypeError("fetch failed", { cause: systemError("EMFILE", "connect") }))).toBe("EMFILE");
    expect(exhaustionCode(new AggregateError([new Error("first"), systemError("EMFILE", "connect")], "every address failed"))).toBe("EMFILE");
    // A driver that kept only the words.
    expect(exhaustionCode(new Error("Error: too many open files"))).toBe("EMFILE");

    expect(exhaustionCode(systemError("ECONNREFUSED", "connect"))).toBeNull();
    expect(exhaustionCode(new TypeError("fetch failed", { cause: systemError("ECONNREFUSED", "connect") }))).toBeNull();
    expect(exhaustionCode(new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "6" }))).toBeNull();
    expect(exhaustionCode("EMFILE as a string is not an error")).toBeNull();
    expect(exhaustionCode(null)).toBeNull();
  });

  it("GIVEN Remix serving a route whose action and loader fail on the database pool's EMFILE THEN it answers 503 with Retry-After, and any other failure is still Remix's 500", async () => {
    const seen: unknown[] = [];
    const other = new Error("a bug");
    const build = minimalBuild(
      {
        "routes/webhooks": {
          action: async () => {
            throw prismaPoolRefusal();
          },
          loader: async () => {
            throw new TypeError("fetch failed", { cause: systemError("EMFILE", "connect") });
          },
        },
        "routes/broken": {
          loader: async () => {
            throw other;
          },
        },
      },
      (error) => seen.push(error),
    );
    const before = createRequestHandler(build, "production");
    const after = createRequestHandler(answerExhaustionWith503(build), "production");
    const post = () => new Request("http://app.test/webhooks", { method: "POST", body: "{}" });

    // What Remix does on its own: 500.
    expect((await before(post())).status).toBe(500);

    for (const request of [post(), new Request("http://app.test/webhooks")]) {
      const response = await after(request);
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
      expect(await response.text()).toMatch(/try again/);
    }
    seen.length = 0;
    expect((await after(new Request("http://app.test/broken"))).status).toBe(500);
    expect(seen).toEqual([other]);
  });
});

/** A server build of resource routes only (no page to render), as Remix's handler takes it. */
function minimalBuild(
  routes: Record<string, { loader?: () => Promise<unknown>; action?: () => Promise<unknown> }>,
  handleError: (error: unknown) => void,
): ServerBuild {
  return {
    mode: "production",
    entry: { module: { default: () => new Response(null, { status: 500 }), handleError } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } },
      ...Object.fromEntries(Object.entries(routes).map(([id, module]) => [id, { id, parentId: "root", path: id.slice("routes/".length), module }])),
    },
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_routeConfig: false,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      unstable_optimizeDeps: false,
    },
    isSpaMode: false,
    basename: "/",
  } as unknown as ServerBuild;
}
