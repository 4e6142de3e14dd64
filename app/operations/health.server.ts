/**
 * What a load balancer or an orchestrator asks: is the process up (`/healthz`, answered without
 * touching anything), and can it serve (`/readyz`: every dependency answers within its timeout).
 * Each check says its name, whether it passed, and how long it took; a failure says why in a few
 * words, never a connection string or a secret.
 */
import type { PrismaClient } from "@prisma/client";

export interface Check {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export type Probe = () => Promise<unknown>;

const TIMEOUT_MS = 2_000;

async function check(name: string, probe: Probe): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]!.replace(/\w+:\/\/\S+/g, "<url>") : "failed";
    return { name, ok: false, ms: Math.round(performance.now() - started), error: message.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

/** The database answers a trivial query (works on SQLite and PostgreSQL). */
export const databaseProbe =
  (db: PrismaClient): Probe =>
  () =>
    db.$queryRawUnsafe("SELECT 1");

export async function readiness(probes: Record<string, Probe>): Promise<{ status: number; body: { ready: boolean; checks: Check[] } }> {
  const checks = await Promise.all(Object.entries(probes).map(([name, probe]) => check(name, probe)));
  const ready = checks.every((result) => result.ok);
  return { status: ready ? 200 : 503, body: { ready, checks } };
}
