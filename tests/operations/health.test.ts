import { describe, expect, it } from "vitest";
import { readiness } from "~/operations/health.server";
import { loader as healthz } from "~/routes/healthz";
import { loader as readyz } from "~/routes/readyz";

describe("health endpoints", () => {
  it("GIVEN a running process THEN /healthz answers 200 without asking anything", async () => {
    const response = healthz();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("GIVEN the database answers THEN /readyz is 200 with the check and its time", async () => {
    const response = await readyz();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, checks: [{ name: "database", ok: true, ms: expect.any(Number) }] });
  });

  it("GIVEN a dependency that fails or doesn't answer THEN 503 names it and why, without its URL", async () => {
    const { status, body } = await readiness({
      database: async () => undefined,
      queue: async () => {
        throw new Error("connect ECONNREFUSED postgresql://app:secret@db.internal:5432/app\nstack…");
      },
      slow: () => new Promise(() => undefined),
    });
    expect(status).toBe(503);
    expect(body.ready).toBe(false);
    expect(body.checks.find((check) => check.name === "database")).toMatchObject({ ok: true });
    const queue = body.checks.find((check) => check.name === "queue")!;
    expect(queue).toMatchObject({ ok: false, error: "connect ECONNREFUSED <url>" });
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(body.checks.find((check) => check.name === "slow")).toMatchObject({ ok: false, error: "no answer within 2000 ms" });
  });
});
