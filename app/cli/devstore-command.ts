import { type PlanName, PLANS, readFlowTriggerDeclarations } from "@throughline/devstore";
import path from "node:path";
import { ADMIN_API_VERSION } from "@throughline/shopify-common/admin-schema";
import { LOCAL_API_SECRET } from "~/env.server";
import { currentLocalizer } from "~/i18n/scope";
import { UsageError, parsePort, parsePositiveInt } from "./usage-error";

export interface FixtureDevstore {
  origin: string;
  shop: string;
  close(): Promise<void>;
}

/** Loads a fixture file into a devstore and serves it on loopback. */
export async function startFixtureDevstore({
  fixture,
  port,
  token,
  generousThrottle = false,
  appUrl,
  apiSecret,
  throttle,
  bulk,
}: {
  fixture: string;
  port: number;
  token: string;
  generousThrottle?: boolean;
  /** Where to send webhooks (the app); subscriptions come from shopify.app.toml. */
  appUrl?: string;
  apiSecret?: string;
  throttle?: { maximumAvailable: number; restoreRate: number };
  /** How its bulk exports run (their pace). */
  bulk?: { objectsPerSecond?: number };
}): Promise<FixtureDevstore> {
  const { loadFixture } = await import("@throughline/devstore");
  const { DevStore } = await import("@throughline/devstore");
  const { startDevstore } = await import("@throughline/devstore");
  const { appTitleFromAppToml, subscriptionsFromAppToml } = await import("@throughline/devstore");
  const store = new DevStore(await loadFixture(fixture));
  const server = await startDevstore({
    store,
    port,
    token,
    // The demo is about the app, not rate limits: a large bucket keeps its first sync quick.
    ...(generousThrottle ? { throttle: { maximumAvailable: 100_000, restoreRate: 50_000 } } : throttle ? { throttle } : {}),
    ...(bulk ? { bulk } : {}),
    ...(appUrl ? { webhooks: { appUrl, secret: apiSecret ?? "", subscriptions: subscriptionsFromAppToml(path.resolve("shopify.app.toml")) } } : {}),
    // Flow triggers the app declares in extensions/: any other handle, or a payload that doesn't fit
    // the declared fields, is refused, as Shopify would.
    flowTriggers: readFlowTriggerDeclarations(path.resolve("extensions")),
    // What the app reports to Shopify's marketing comes back in its reports under the app's name.
    appTitle: appTitleFromAppToml(path.resolve("shopify.app.toml")),
  });
  return { origin: server.origin, shop: store.shop.myshopifyDomain, close: () => server.close() };
}

export const devstoreCommand = {
  summary: "serve a store file as a local Admin GraphQL API",
  options: {
    fixture: { type: "string" },
    port: { type: "string" },
    token: { type: "string" },
    "app-url": { type: "string" },
    "api-secret": { type: "string" },
    plan: { type: "string" },
    "bucket-size": { type: "string" },
    "restore-rate": { type: "string" },
  },
  maxPositionals: 0,
  async run(values: Record<string, string | boolean | undefined>) {
    const { t } = currentLocalizer();
    const fixture = values.fixture as string | undefined;
    if (!fixture) throw new UsageError(t("cli.devstore.fixtureRequired"));
    const port = parsePort(values.port as string | undefined, "--port", 4100);
    const token = (values.token as string | undefined) ?? "devstore-token";
    const appUrl = values["app-url"] as string | undefined;
    if (appUrl !== undefined && !/^https?:\/\/[^/]+/.test(appUrl)) throw new UsageError(t("cli.devstore.appUrl", { value: appUrl.slice(0, 80) }));
    const apiSecret = (values["api-secret"] as string | undefined) ?? process.env.SHOPIFY_API_SECRET ?? LOCAL_API_SECRET;
    // Shopify's cost bucket for the store's plan (Standard unless told), or the figures given.
    const planName = (values.plan as string | undefined) ?? "standard";
    if (!Object.hasOwn(PLANS, planName)) throw new UsageError(t("cli.devstore.plan", { plans: Object.keys(PLANS).join(", "), value: planName.slice(0, 40) }));
    const plan = PLANS[planName as PlanName];
    const throttle = {
      maximumAvailable: parsePositiveInt(values["bucket-size"] as string | undefined, "--bucket-size", plan.maximumAvailable, 10_000_000),
      restoreRate: parsePositiveInt(values["restore-rate"] as string | undefined, "--restore-rate", plan.restoreRate, 10_000_000),
    };
    let devstore: FixtureDevstore;
    try {
      devstore = await startFixtureDevstore({ fixture: path.resolve(fixture), port, token, appUrl, apiSecret, throttle });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new UsageError(t("cli.devstore.notFound", { file: fixture }));
      if (code === "EADDRINUSE") throw new UsageError(t("cli.devstore.portInUse", { port }));
      if (code === "EISDIR") throw new UsageError(t("cli.devstore.directory", { file: fixture }));
      // The fixture reader names the line that isn't a store record ("fixture line 3: not JSON"): the file given is wrong, not the program.
      if (error instanceof Error && error.message.startsWith("fixture "))
        throw new UsageError(t("cli.devstore.badFixture", { problem: error.message.slice(0, 300) }));
      throw error;
    }
    console.log(devstore.origin);
    console.error(t("cli.devstore.serving", { shop: devstore.shop, url: `${devstore.origin}/admin/api/${ADMIN_API_VERSION}/graphql.json`, token }));
    if (appUrl) console.error(t("cli.devstore.webhooks", { appUrl, control: `${devstore.origin}/devstore/control/…` }));
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await devstore.close();
  },
} as const;
