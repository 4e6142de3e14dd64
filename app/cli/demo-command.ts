import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { LOCAL_API_KEY, LOCAL_API_SECRET } from "~/env.server";
import { connectAndSync } from "./connect-and-sync";
import { startFixtureDevstore } from "./devstore-command";
import { parsePort, parsePositiveInt } from "./usage-error";

export const DEMO_SHOP = "demo-store.myshopify.com";
const DEMO_FIXTURE_VERSION = 1;

/**
 * `npm run demo`: a realistic store generated deterministically, served by the devstore, connected
 * and synced like an installed shop, example data on it (a goal with targets, promotions, signed-off
 * weeks; `--no-examples` for a fresh install), and the app served on the embedded default with the
 * local admin preview at /preview.
 */
export const demoCommand = {
  summary: "generate a demo store, sync it, serve the app",
  options: {
    orders: { type: "string" },
    seed: { type: "string" },
    port: { type: "string" },
    "devstore-port": { type: "string" },
    // A fresh install instead: no example goal, promotions or reviews (the first-run path).
    "no-examples": { type: "boolean" },
  },
  async run(values: Record<string, string | boolean | undefined>) {
    // A demo store of a million orders is already a benchmark's (bench:sync); beyond, generating it takes hours.
    const orders = parsePositiveInt(values.orders as string | undefined, "--orders", 20_000, 1_000_000);
    const seed = parsePositiveInt(values.seed as string | undefined, "--seed", 2026, 2_147_483_647);
    const port = parsePort(values.port as string | undefined, "--port", 3000);
    const devstorePort = parsePort(values["devstore-port"] as string | undefined, "--devstore-port", 4100);

    // The store's year of orders runs up to today (UTC midnight), so recent periods have data; the
    // same day, orders and seed give the same store.
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const fixture = path.resolve("tmp/demo", `demo-store-v${DEMO_FIXTURE_VERSION}-${orders}-${seed}-${end.toISOString().slice(0, 10)}.jsonl`);
    if (!existsSync(fixture)) {
      mkdirSync(path.dirname(fixture), { recursive: true });
      const { writeStoreFixture } = await import("~/devstore/generate");
      const started = Date.now();
      const written = await writeStoreFixture(fixture, { orders, seed, end, shopDomain: DEMO_SHOP, shopName: "Trailhead Supply Co." });
      console.log(
        `demo: generated ${written.orders} orders, ${written.products} products, ${written.customers} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }

    const devstore = await startFixtureDevstore({
      fixture,
      port: devstorePort,
      token: "devstore-token",
      generousThrottle: true,
      appUrl: `http://localhost:${port}`,
      apiSecret: process.env.SHOPIFY_API_SECRET ?? LOCAL_API_SECRET,
    });
    console.log(`demo: devstore serving ${devstore.shop} at ${devstore.origin}`);

    const { default: db } = await import("~/db.server");
    await connectAndSync({ db, shop: devstore.shop, adminOrigin: devstore.origin, token: "devstore-token", full: false });
    if (!values["no-examples"]) {
      const { seedExampleData } = await import("~/demo/example-data.server");
      const examples = await seedExampleData(db, devstore.shop, new Date());
      console.log(
        examples.seeded
          ? `demo: example data (titled "Example:"): a goal with ${examples.targets} targets, ${examples.promotions} promotions, ${examples.reviews} signed-off weeks (--no-examples for a fresh install)`
          : `demo: no example data: ${examples.reason}`,
      );
    }

    const app = spawn("remix", ["vite:dev", "--port", String(port), "--strictPort"], {
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "development",
        THROUGHLINE_PREVIEW: "1",
        SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? LOCAL_API_KEY,
        SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? LOCAL_API_SECRET,
        SHOPIFY_APP_URL: `http://localhost:${port}`,
        PORT: String(port),
        HMR_PORT: String(port + 1),
      },
    });
    let announced = false;
    app.stdout.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      // Vite colours its banner whenever CI is set, even into a pipe: match the plain text.
      if (!announced && /Local:/.test(stripVTControlCharacters(text))) {
        announced = true;
        console.log(`demo: ready — open http://localhost:${port}/ (the app inside a local admin preview)`);
      }
      if (process.env.THROUGHLINE_DEMO_VERBOSE) process.stdout.write(text);
    });

    const stop = async () => {
      app.kill("SIGTERM");
      await devstore.close();
      await db.$disconnect();
    };
    process.once("SIGINT", () => void stop().then(() => process.exit(0)));
    process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
    const code: number = await new Promise((resolve) => app.once("exit", (exitCode) => resolve(exitCode ?? 1)));
    await devstore.close();
    return code;
  },
} as const;
