/**
 * `npm start` as the README's deploy steps run it (no NODE_ENV) serves as production (decision 014):
 * it refuses the development values published in this repository however they are written, and a
 * NODE_ENV saying otherwise changes nothing. Spawned for real; each case is refused before the
 * production build is loaded, so none needs one (tests/operations/production-logs.test.ts serves it).
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freePort } from "~/dev/processes";
import { LOCAL_API_KEY, LOCAL_API_SECRET } from "~/env.server";
import { databaseUrl } from "~/lib/database-url";

const developmentKey = Buffer.alloc(32, "throughline-development-only-key").toString("base64");
const ownSecrets = {
  SHOPIFY_API_KEY: "deploy-api-key",
  SHOPIFY_API_SECRET: "deploy-api-secret",
  SHOPIFY_APP_URL: "https://app.example",
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
};

interface Started {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm start` with this environment on top of a shell's that has neither NODE_ENV nor any secret; its exit, or null if it was still running after 30 s. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const shell: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl(), PORT: String(await freePort()), HOST: "127.0.0.1" };
  for (const name of [
    "NODE_ENV",
    "LOG_LEVEL",
    "SHOPIFY_API_KEY",
    "SHOPIFY_API_SECRET",
    "SHOPIFY_APP_URL",
    "TOKEN_ENCRYPTION_KEY",
    "TOKEN_ENCRYPTION_PREVIOUS_KEYS",
  ])
    delete shell[name];
  const child = spawn("npm", ["start"], { env: { ...shell, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const started: Started = { code: null, stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (started.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (started.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const code = await Promise.race([exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 30_000))]);
  if (code === "running") {
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    return started;
  }
  started.code = code;
  return started;
}

/** The server's log lines (npm's own banner left out). */
const logLines = (output: string) =>
  output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: string; msg: string; nodeEnv?: string });

describe("npm start, as the README's deploy steps run it", () => {
  it("GIVEN no NODE_ENV and no secrets THEN it refuses to serve: exit 1 and one fatal log line naming every missing secret", async () => {
    const run = await npmStart({});
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const [refusal, ...rest] = logLines(run.stdout);
    expect(rest).toEqual([]);
    expect(refusal).toMatchObject({ level: "fatal" });
    for (const name of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "TOKEN_ENCRYPTION_KEY"]) expect(refusal!.msg).toContain(`${name} is required in production`);
    expect(run.stdout).not.toContain("serving on");
  }, 60_000);

  it.each<[string, Record<string, string>, string]>([
    ["the published token key without its padding", { TOKEN_ENCRYPTION_KEY: developmentKey.replace(/=+$/, "") }, "TOKEN_ENCRYPTION_KEY"],
    [
      "the published token key with a space in it",
      { TOKEN_ENCRYPTION_KEY: `${developmentKey.slice(0, 30)} ${developmentKey.slice(30)}` },
      "TOKEN_ENCRYPTION_KEY",
    ],
    ["the published API secret with a newline after it", { SHOPIFY_API_SECRET: `${LOCAL_API_SECRET}\n` }, "SHOPIFY_API_SECRET"],
    ["the published API key between spaces", { SHOPIFY_API_KEY: ` ${LOCAL_API_KEY} ` }, "SHOPIFY_API_KEY"],
  ])(
    "GIVEN no NODE_ENV and %s THEN it refuses to serve, naming it as the published development value",
    async (_, secret, name) => {
      const run = await npmStart({ ...ownSecrets, ...secret });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(logLines(run.stdout).map((line) => line.msg)).toEqual([expect.stringContaining(`${name} is the development value published in the source`)]);
    },
    60_000,
  );

  it("GIVEN NODE_ENV=development THEN it is still production: a warning that NODE_ENV is not used, then the published key refused", async () => {
    const run = await npmStart({ ...ownSecrets, NODE_ENV: "development", TOKEN_ENCRYPTION_KEY: developmentKey });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(logLines(run.stdout)).toEqual([
      expect.objectContaining({ level: "warn", nodeEnv: "development", msg: expect.stringContaining("NODE_ENV is not used") }),
      expect.objectContaining({ level: "fatal", msg: expect.stringContaining("TOKEN_ENCRYPTION_KEY is the development value published in the source") }),
    ]);
  }, 60_000);

  it("GIVEN LOG_LEVEL=silent THEN the refusal still says why, on standard error", async () => {
    const run = await npmStart({ LOG_LEVEL: "silent" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^throughline: not starting: Invalid environment: SHOPIFY_API_KEY is required in production/m);
  }, 60_000);
});
