import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { readDescriptorLimit } from "~/operations/http-server.server";
import { connectionsFor, descriptorLimitFrom, FALLBACK_DESCRIPTOR_LIMIT, RESERVED_DESCRIPTORS, serverLimits } from "~/operations/server-limits";

const defaults = parseEnv({}).http;

describe("the production server's limits", () => {
  it("GIVEN this process THEN the descriptor limit read from /proc/self/limits is the one a shell it starts inherits (ulimit -Sn)", () => {
    const fromShell = Number(execFileSync("sh", ["-c", "ulimit -Sn"], { encoding: "utf8" }).trim());
    expect(readDescriptorLimit()).toBe(fromShell);
    expect(descriptorLimitFrom(readFileSync("/proc/self/limits", "utf8"))).toBe(fromShell);
  });

  it("GIVEN a limits text without a number of open files THEN there is no limit to derive from, and the fallback is used", () => {
    expect(descriptorLimitFrom("Max open files            unlimited            unlimited            files\n")).toBeNull();
    expect(descriptorLimitFrom("")).toBeNull();
    expect(serverLimits(defaults, null).maxConnections).toBe(connectionsFor(FALLBACK_DESCRIPTOR_LIMIT));
  });

  it.each([128, 256, 1024, 4096, 65_536])(
    "GIVEN a descriptor limit of %i THEN connections and what answering them may open leave the reserve free, and health checks keep slots above the shedding point",
    (limit) => {
      const limits = serverLimits(defaults, limit);
      expect(limits.descriptorLimit).toBe(limit);
      // Every connection's socket, plus a second descriptor for a third of them, plus the reserve.
      expect(limits.maxConnections + Math.ceil(limits.maxConnections / 3) + RESERVED_DESCRIPTORS).toBeLessThanOrEqual(limit + 1);
      expect(limits.shedAbove).toBeLessThan(limits.maxConnections);
      expect(limits.maxConnections - limits.shedAbove).toBeGreaterThanOrEqual(2);
      // A higher limit never gives fewer connections.
      expect(serverLimits(defaults, limit * 2).maxConnections).toBeGreaterThan(limits.maxConnections);
    },
  );

  it("GIVEN an operator's cap THEN it wins over the derived one", () => {
    const limits = serverLimits({ ...defaults, maxConnections: 300 }, 128);
    expect(limits.maxConnections).toBe(300);
    expect(limits.shedAbove).toBeLessThan(300);
  });

  it("GIVEN the default settings THEN a timeout is checked often enough to fire within a tenth of the headers timeout, and idle keep-alive outlasts a load balancer's 60 s", () => {
    const limits = serverLimits(defaults, 1024);
    expect(limits.connectionsCheckingIntervalMs).toBeLessThanOrEqual(limits.headersTimeoutMs / 10);
    expect(limits.headersTimeoutMs).toBeLessThanOrEqual(limits.requestTimeoutMs);
    expect(limits.keepAliveTimeoutMs).toBeGreaterThan(60_000);
  });

  it("GIVEN the environment THEN the server's timeouts and cap are read there, once, with their defaults, and nonsense is refused by name", () => {
    expect(parseEnv({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, maxConnections: undefined });
    expect(
      parseEnv({
        THROUGHLINE_HEADERS_TIMEOUT_MS: "5000",
        THROUGHLINE_REQUEST_TIMEOUT_MS: "20000",
        THROUGHLINE_KEEP_ALIVE_TIMEOUT_MS: "75000",
        THROUGHLINE_MAX_CONNECTIONS: "500",
      }).http,
    ).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 20_000, keepAliveTimeoutMs: 75_000, maxConnections: 500 });
    expect(() => parseEnv({ THROUGHLINE_HEADERS_TIMEOUT_MS: "40000" })).toThrow(
      /THROUGHLINE_HEADERS_TIMEOUT_MS must not exceed THROUGHLINE_REQUEST_TIMEOUT_MS/,
    );
    expect(() => parseEnv({ THROUGHLINE_REQUEST_TIMEOUT_MS: "soon" })).toThrow(/THROUGHLINE_REQUEST_TIMEOUT_MS/);
    expect(() => parseEnv({ THROUGHLINE_KEEP_ALIVE_TIMEOUT_MS: "10" })).toThrow(/THROUGHLINE_KEEP_ALIVE_TIMEOUT_MS/);
    expect(() => parseEnv({ THROUGHLINE_MAX_CONNECTIONS: "0" })).toThrow(/THROUGHLINE_MAX_CONNECTIONS/);
  });
});
