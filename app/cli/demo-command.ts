import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { freePort, portIsFree } from "~/dev/processes";
import { LOCAL_API_KEY, LOCAL_API_SECRET } from "~/env.server";
import { currentLocalizer } from "~/i18n/scope";
import { connectAndSync, connectDevstoreForSync } from "./connect-and-sync";
import { startFixtureDevstore } from "./devstore-command";
import { UsageError, parsePort, parsePositiveInt } from "./usage-error";

export const DEMO_SHOP = "demo-store.myshopify.com";
/** The demo store's seed unless --seed says otherwise: the README's examples name its products and codes. */
export const DEMO_SEED = 2026;
/** The demo's devstore port unless --devstore-port says otherwise. */
export const DEMO_DEVSTORE_PORT = 4100;
/** Bumped when the generator's output changes, so a store generated earlier today is made again (2: shipping and payments). */
const DEMO_FIXTURE_VERSION = 2;

/**
 * `npm run demo`: a realistic store generated deterministically, served by the devstore, connected
 * and synced like an installed shop, example data on it (a goal with targets, promotions, signed-off
 * weeks), and the app served on the embedded default with the local admin preview at /preview.
 *
 * `--no-examples` is a fresh install instead: the shop is connected and its first sync queued, as
 * Shopify's install does, and the app runs it while it serves, so its progress can be watched. The
 * devstore then paces its bulk exports (`--export-rate` objects a second), as Shopify's take their time.
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
    // A fresh install's bulk exports, in objects a second.
    "export-rate": { type: "string" },
  },
  maxPositionals: 0,
  async run(values: Record<string, string | boolean | undefined>) {
    const { t, locale } = currentLocalizer();
    const count = (n: number) => n.toLocaleString(locale);
    // A demo store of a million orders is already a benchmark's (bench:sync); beyond, generating it takes hours.
    const orders = parsePositiveInt(values.orders as string | undefined, "--orders", 20_000, 1_000_000);
    const seed = parsePositiveInt(values.seed as string | undefined, "--seed", DEMO_SEED, 2_147_483_647);
    const port = parsePort(values.port as string | undefined, "--port", 3000);
    const devstorePort = parsePort(values["devstore-port"] as string | undefined, "--devstore-port", DEMO_DEVSTORE_PORT);
    const freshInstall = values["no-examples"] === true;
    if (values["export-rate"] !== undefined && !freshInstall) throw new UsageError(t("cli.demo.exportRate"));
    const exportRate = parsePositiveInt(values["export-rate"] as string | undefined, "--export-rate", 2_000, 10_000_000);

    // The store's year of orders runs up to today (UTC midnight), so recent periods have data; the
    // same day, orders and seed give the same store.
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const fixture = path.resolve("tmp/demo", `demo-store-v${DEMO_FIXTURE_VERSION}-${orders}-${seed}-${end.toISOString().slice(0, 10)}.jsonl`);
    if (!existsSync(fixture)) {
      mkdirSync(path.dirname(fixture), { recursive: true });
      const { writeStoreFixture } = await import("@throughline/devstore");
      const started = Date.now();
      const written = await writeStoreFixture(fixture, { orders, seed, end, shopDomain: DEMO_SHOP, shopName: "Trailhead Supply Co." });
      console.log(
        t("cli.demo.generated", {
          orders: count(written.orders),
          products: count(written.products),
          customers: count(written.customers),
          seconds: ((Date.now() - started) / 1000).toFixed(1),
        }),
      );
    }

    const devstore = await startFixtureDevstore({
      fixture,
      port: devstorePort,
      token: "devstore-token",
      generousThrottle: true,
      appUrl: `http://localhost:${port}`,
      apiSecret: process.env.SHOPIFY_API_SECRET ?? LOCAL_API_SECRET,
      ...(freshInstall ? { bulk: { objectsPerSecond: exportRate } } : {}),
    });
    console.log(t("cli.demo.serving", { shop: devstore.shop, origin: devstore.origin }));

    const { default: db } = await import("~/db.server");
    if (freshInstall) {
      // A fresh install starts from nothing: what an earlier demo left of the shop goes first.
      const { eraseForFreshInstall } = await import("~/demo/fresh-install.server");
      if (await eraseForFreshInstall(db, devstore.shop)) console.log(t("cli.demo.erased", { shop: devstore.shop }));
      // As Shopify's install does (afterAuth): the shop connected, its first sync queued for the app to run.
      await connectDevstoreForSync(db, { shop: devstore.shop, adminOrigin: devstore.origin, token: "devstore-token" });
      const [{ createJobQueue }, { queueShopSync }] = await Promise.all([import("~/jobs/jobs.server"), import("~/jobs/registry.server")]);
      const queue = createJobQueue(db);
      try {
        await queueShopSync(queue, devstore.shop);
      } finally {
        await queue.stop();
      }
      console.log(t("cli.demo.freshInstall", { rate: count(exportRate) }));
    } else {
      await connectAndSync({ db, shop: devstore.shop, adminOrigin: devstore.origin, token: "devstore-token", full: false });
      const { seedExampleData } = await import("~/demo/example-data.server");
      const examples = await seedExampleData(db, devstore.shop, new Date());
      console.log(
        examples.seeded
          ? t("cli.demo.examples", { targets: examples.targets, promotions: examples.promotions, reviews: examples.reviews })
          : t("cli.demo.noExamples", { reason: examples.reason }),
      );
    }

    // Vite's live-reload socket: port + 1 when it is free, else any free port (the port after the app's
    // may already be taken, by the devstore's ephemeral port for one).
    const hmrPort = (await portIsFree(port + 1)) ? port + 1 : await freePort();
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
        HMR_PORT: String(hmrPort),
      },
    });
    let announced = false;
    app.stdout.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      // Vite colours its banner whenever CI is set, even into a pipe: match the plain text.
      if (!announced && /Local:/.test(stripVTControlCharacters(text))) {
        announced = true;
        console.log(t("cli.demo.ready", { url: `http://localhost:${port}/` }));
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
